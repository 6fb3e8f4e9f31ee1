"""What every reader of user input shares: ``-``, the input error, and naming an input.

``remit check`` (documents) and ``remit batch`` (tables) read different things but report bad
input the same way: an :class:`InputError` whose message is one line naming the file and the
place, which the commands print and turn into exit code 2.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping

from remit.errors import InputError as InputError

# As a path, "-" means stdin when reading and stdout when writing.
STDIO = "-"

# The only code points a Python string can hold that UTF-8 cannot encode: lone surrogates,
# which JSON allows (``"\ud800"``) and which make spaCy and every writer raise.
_UNENCODABLE = re.compile("[\ud800-\udfff]")
REPLACEMENT = "\ufffd"


def display_name(path: str) -> str:
    """Return the name of an input in messages: the path, or ``<stdin>`` for ``-``."""
    return "<stdin>" if path == STDIO else path


def format_by_extension(path: str, formats: Mapping[str, str]) -> str | None:
    """Return the format ``formats`` maps the path's extension to (any case), or None."""
    return formats.get(os.path.splitext(path)[1].lower())


def replace_unencodable(text: str) -> tuple[str, int]:
    """Return ``text`` with each code point UTF-8 cannot encode replaced by U+FFFD, and the count.

    One code point stands in for one, so offsets into the text stay valid.
    """
    if text.isascii():
        return text, 0
    return _UNENCODABLE.subn(REPLACEMENT, text)
