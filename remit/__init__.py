"""remit: check who-does-what claims about US immigration agencies against a sourced table."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
# The project's home page, as in pyproject.toml's [project.urls]: SARIF's informationUri.
HOMEPAGE = "https://github.com/OWNER/remit"

if TYPE_CHECKING:
    from remit.records import Finding


def check_text(text: str, **options) -> list[Finding]:
    """Extract the agency-role claims of ``text`` and judge each against the table.

    ``options`` are those of :class:`remit.engine.Engine` (``model``, ``rules``). A code point
    UTF-8 cannot encode (a lone surrogate) is read as U+FFFD; offsets are unchanged.
    """
    from remit.engine import get_engine
    from remit.inputs import replace_unencodable

    return get_engine(**options).check(replace_unencodable(text)[0])


def check_frame(df, column: str, **options):
    """Check a pandas column of statements; return the frame with verdict columns added."""
    from remit.batch import check_frame as _check_frame

    return _check_frame(df, column=column, **options)


__all__ = ["check_text", "check_frame", "__version__", "HOMEPAGE"]
