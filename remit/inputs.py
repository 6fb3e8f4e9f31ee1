"""What every reader of user input shares: ``-``, the input error, and naming an input.

``remit check`` (documents) and ``remit batch`` (tables) read different things but report bad
input the same way: an :class:`InputError` whose message is one line naming the file and the
place, which the commands print and turn into exit code 2.
"""

from __future__ import annotations

import os
from collections.abc import Mapping

from remit.errors import InputError as InputError

# As a path, "-" means stdin when reading and stdout when writing.
STDIO = "-"


def display_name(path: str) -> str:
    """Return the name of an input in messages: the path, or ``<stdin>`` for ``-``."""
    return "<stdin>" if path == STDIO else path


def format_by_extension(path: str, formats: Mapping[str, str]) -> str | None:
    """Return the format ``formats`` maps the path's extension to (any case), or None."""
    return formats.get(os.path.splitext(path)[1].lower())
