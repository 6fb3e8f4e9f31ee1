"""remit: check who-does-what claims about US immigration agencies against a sourced table."""

from __future__ import annotations

from typing import TYPE_CHECKING

__version__ = "0.1.0"
# The tool's public home page (SARIF's informationUri). remit has none yet, and a made-up
# address would send code-scanning users to a page that does not exist, so it is None: SARIF
# then has no informationUri, each rule links to its sources, and a project can name a page
# of its own with `information_uri` in [tool.remit]. When remit is published, set this and
# [project.urls] in pyproject.toml together (a test checks they agree).
HOMEPAGE: str | None = None

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
