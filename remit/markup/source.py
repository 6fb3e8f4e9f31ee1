"""Reading inputs: strict UTF-8, a size limit, and one-line errors that name the file."""

from __future__ import annotations

import os
import sys

from remit.inputs import STDIO, InputError, display_name

DEFAULT_MAX_BYTES = 20 * 1024 * 1024


def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the text of a file, or of stdin for ``-``, decoded as strict UTF-8.

    A leading byte-order mark is dropped. Raises :class:`InputError` for binary data (a NUL
    byte), invalid UTF-8, an input larger than ``max_bytes``, or a file that cannot be read.
    """
    data = _read_bytes(path, max_bytes)
    name = display_name(path)
    nul = data.find(b"\0")
    if nul >= 0:
        raise InputError(f"{name}: binary input (NUL byte at byte {nul}, {_where(data, nul)})")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            f"{name}: invalid UTF-8 at byte {exc.start} ({_where(data, exc.start)})"
        ) from None


def require_text(path: str, text: str) -> str:
    """Return ``text``; raise :class:`InputError` if it is empty or only white space.

    Such an input is an error rather than a clean result, so a wrong path or an empty pipe is
    not mistaken for a checked document.
    """
    if text.strip():
        return text
    if path == STDIO:
        raise InputError("-: empty input: nothing on standard input to check")
    raise InputError(f"{path}: empty input: nothing in the file to check")


def _read_bytes(path: str, max_bytes: int) -> bytes:
    """Read at most ``max_bytes`` (plus one, to tell a too-large input)."""
    name = display_name(path)
    try:
        if path == STDIO:
            data = sys.stdin.buffer.read(max_bytes + 1)
        else:
            if os.path.getsize(path) > max_bytes:
                raise InputError(_too_large(name, max_bytes))
            with open(path, "rb") as handle:
                data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(f"{name}: cannot read: {exc.strerror or exc}") from None
    if len(data) > max_bytes:
        raise InputError(_too_large(name, max_bytes))
    return data


def _too_large(name: str, max_bytes: int) -> str:
    return f"{name}: larger than the {max_bytes / 1024 / 1024:g} MB limit, not checked"


def _where(data: bytes, offset: int) -> str:
    """Return ``line L, column C`` (1-based, column in bytes) of a byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"
