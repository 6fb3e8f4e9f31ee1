"""Reading inputs: strict UTF-8, a size limit, and one-line errors that name the file."""

from __future__ import annotations

import codecs
import os
import re
import sys

from remit.inputs import STDIO, InputError, display_name

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
_UNITS = {"": 1, "b": 1, "kb": 1024, "k": 1024, "mb": 1024**2, "m": 1024**2,
          "gb": 1024**3, "g": 1024**3}
_SIZE_RE = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$", re.I)
# Byte-order marks and the codec each announces; UTF-32's little-endian mark begins with
# UTF-16's, so the longer marks are tried first.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def read_source(path: str, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Return the text of a file, or of stdin for ``-``, decoded as strict UTF-8.

    A leading byte-order mark is dropped; one of UTF-16 or UTF-32 selects that encoding. Raises
    :class:`InputError` for binary data (a NUL byte), text that its encoding cannot decode, an
    input larger than ``max_bytes``, or a file that cannot be read.
    """
    data = _read_bytes(path, max_bytes)
    name = display_name(path)
    encoding = next((codec for bom, codec in _BOMS if data.startswith(bom)), None)
    if encoding is None:
        nul = data.find(b"\0")
        if nul >= 0:
            raise InputError(f"{name}: binary input (NUL byte at byte {nul}, "
                             f"{_where(data, nul)}){_utf16_hint(data)}")
        encoding = "utf-8-sig"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        label = "UTF-8" if encoding == "utf-8-sig" else encoding.upper()
        raise InputError(
            f"{name}: invalid {label} at byte {exc.start} ({_where(data, exc.start)})"
        ) from None
    if "\0" in text:
        line = text.count("\n", 0, text.index("\0")) + 1
        raise InputError(f"{name}: binary input (NUL character on line {line})")
    return text


def _utf16_hint(data: bytes) -> str:
    """Say so when NUL bytes fall at every other byte: UTF-16 without its byte-order mark."""
    head = data[:256]
    if len(head) >= 4 and (head[1::2].count(0) > len(head) * 0.4
                           or head[0::2].count(0) > len(head) * 0.4):
        return "; it looks like UTF-16 without a byte-order mark: save it as UTF-8"
    return ""


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


def parse_size(value: str | int) -> int:
    """Return a size in bytes from ``20MB``, ``512KB``, ``1.5 MB`` or a plain number of bytes.

    Units are binary (1 KB = 1024 bytes), as the limit's message counts them. Raises
    ``ValueError`` with a one-line reason for anything else, or a size under one byte.
    """
    if isinstance(value, bool):
        raise ValueError(f"{value!r}: not a size")
    if isinstance(value, int):
        size = value
    else:
        match = _SIZE_RE.match(str(value))
        if not match or match.group(2).lower() not in _UNITS:
            raise ValueError(f"{value!r}: not a size (bytes, or a number with KB, MB or GB)")
        size = int(float(match.group(1)) * _UNITS[match.group(2).lower()])
    if size < 1:
        raise ValueError(f"{value!r}: must be at least 1 byte")
    return size


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
    return f"{name}: larger than the {_shown_size(max_bytes)} limit, not checked"


def _shown_size(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / 1024 / 1024:g} MB"
    return f"{size / 1024:g} KB" if size >= 1024 else f"{size}-byte"


def _where(data: bytes, offset: int) -> str:
    """Return ``line L, column C`` (1-based, column in bytes) of a byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    column = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"
