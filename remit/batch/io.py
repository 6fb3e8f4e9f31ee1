"""Chunked readers for CSV, TSV, JSON Lines and Parquet, with errors that name the place.

Every reader yields pandas frames of at most ``chunksize`` rows, so memory stays flat however
large the input is. Text is decoded as strict UTF-8; a bad byte is reported by its offset in the
file, not by pandas' offset into an internal buffer.
"""

from __future__ import annotations

import codecs
import contextlib
import io
import json
import re
import shutil
import sys
import tempfile
import warnings
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import BinaryIO

import pandas as pd

from remit.batch.csv_places import csv_place, record_line
from remit.inputs import (
    STDIO,
    InputError,
    display_name,
    format_by_extension,
    replace_unencodable,
)

FORMATS = ("csv", "tsv", "jsonl", "parquet")
EXTENSIONS = {
    ".csv": "csv", ".tsv": "tsv", ".tab": "tsv", ".jsonl": "jsonl", ".ndjson": "jsonl",
    ".parquet": "parquet", ".pq": "parquet",
}
SEPARATORS = {"csv": ",", "tsv": "\t"}


def detect_format(path: str, explicit: str | None = None, default: str | None = None) -> str:
    """Return the format: ``explicit`` if given, else the path's extension, else ``default``."""
    found = explicit or format_by_extension(path, EXTENSIONS) or default
    if found:
        return found
    known = ", ".join(sorted(EXTENSIONS))
    raise InputError(
        f"{display_name(path)}: cannot tell the format from the name (known: {known}); "
        "pass --input-format"
    )


@dataclass
class ReadStats:
    """What a reader learned on the way: lines skipped, code points replaced; rows and schema.

    ``replaced`` counts code points UTF-8 cannot encode (lone surrogates, which JSON allows),
    read as U+FFFD so that the row can still be checked and written.
    """

    skipped: int = 0
    replaced: int = 0
    kinds: dict[str, set[str]] | None = None  # JSON Lines: each key's kinds of value
    total_rows: int | None = None
    schema: object = None
    skipped_lines: list[int] = field(default_factory=list)


class Utf8Checked(io.RawIOBase):
    """A binary stream that passes bytes through unchanged but fails on invalid UTF-8.

    pandas reports decode errors at an offset into its own buffer; this reports the byte offset
    in the file and the line, which is what a user needs to find and fix the byte.
    """

    def __init__(self, raw: BinaryIO, name: str):
        super().__init__()
        self._raw = raw
        self._name = name
        self._decoder = codecs.getincrementaldecoder("utf-8")("strict")
        self._offset = 0
        self._lines = 1
        self._done = False

    def readable(self) -> bool:
        """Say yes: this stream is for reading."""
        return True

    def readinto(self, buffer) -> int:
        """Fill ``buffer`` from the file, checking the bytes as UTF-8 on the way."""
        data = self._raw.read(len(buffer))
        self._check(data, final=not data)
        buffer[: len(data)] = data
        return len(data)

    def _check(self, data: bytes, final: bool) -> None:
        if self._done:
            return
        pending = self._decoder.getstate()[0]
        try:
            self._decoder.decode(data, final=final)
        except UnicodeDecodeError as exc:
            seen = pending + data
            at = self._offset - len(pending) + exc.start
            line = self._lines + seen[: exc.start].count(b"\n")
            raise InputError(
                f"{self._name}: not valid UTF-8 at byte {at} (line {line}): "
                f"byte 0x{seen[exc.start]:02x} ({exc.reason}); re-save the file as UTF-8"
            ) from None
        self._offset += len(data)
        self._lines += data.count(b"\n")
        self._done = final


def open_input(path: str) -> BinaryIO:
    """Open a path (or stdin for ``-``) as a binary stream; a missing file is an InputError."""
    if path == STDIO:
        return sys.stdin.buffer
    try:
        return open(path, "rb")
    except OSError as exc:
        raise InputError(f"{path}: cannot open: {exc.strerror}") from None


def read_chunks(
    path: str, fmt: str, chunksize: int, on_bad_lines: str = "error",
    stats: ReadStats | None = None,
) -> Iterator[pd.DataFrame]:
    """Yield frames of at most ``chunksize`` rows from ``path`` (``-`` for stdin).

    ``on_bad_lines`` is ``error`` or ``skip``; skipped lines are counted in ``stats``.
    """
    stats = stats if stats is not None else ReadStats()
    readers = {"csv": _read_delimited, "tsv": _read_delimited, "jsonl": _read_jsonl,
               "parquet": _read_parquet}
    stream = open_input(path)
    try:
        yield from readers[fmt](stream, display_name(path), fmt, chunksize, on_bad_lines, stats)
    finally:
        if path != STDIO:
            stream.close()


def _read_delimited(stream, name, fmt, chunksize, on_bad_lines, stats) -> Iterator[pd.DataFrame]:
    """Read CSV or TSV as strings, so every value is written back exactly as it was read.

    The header is parsed as a row like the others (``header=None``), so pandas holds every row
    to its number of fields: with a header, pandas truncates a longer first row or makes its
    first field the index, and renames a repeated name ``text`` to ``text.1``.
    """
    checked = io.BufferedReader(Utf8Checked(stream, name))
    try:
        reader = pd.read_csv(
            checked, sep=SEPARATORS[fmt], header=None, dtype=str, keep_default_na=False,
            na_filter=False, index_col=False, chunksize=chunksize, encoding="utf-8",
            # "warn" rather than "skip": the warnings are how skipped lines get counted.
            on_bad_lines="warn" if on_bad_lines == "skip" else "error",
        )
        with reader:
            columns = None
            for chunk in _parsed_chunks(reader, stats):
                if columns is None:
                    columns = _column_names(chunk.iloc[0].tolist())
                    chunk = chunk.iloc[1:]
                yield chunk.set_axis(columns, axis=1)
    except pd.errors.EmptyDataError:
        raise InputError(f"{name}: the file is empty (no header row)") from None
    except pd.errors.ParserError as exc:
        place = csv_place(exc, lambda record: record_line(stream, SEPARATORS[fmt], record))
        raise InputError(f"{name}: malformed {fmt.upper()}: {place}") from None


def _parsed_chunks(reader, stats: ReadStats) -> Iterator[pd.DataFrame]:
    while True:
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always", pd.errors.ParserWarning)
            chunk = next(reader, None)
        _count_skipped(caught, stats)
        if chunk is None:
            return
        yield chunk


def _column_names(header: list[str]) -> list[str]:
    """Return the header's names; a blank one gets pandas' name for it, ``Unnamed: <index>``.

    Repeated names are kept, for :func:`remit.batch.frame.check_columns` to refuse.
    """
    return [name if name else f"Unnamed: {index}" for index, name in enumerate(header)]


def _count_skipped(caught, stats: ReadStats) -> None:
    for warning in caught:
        lines = re.findall(r"Skipping line (\d+)", str(warning.message))
        stats.skipped += len(lines)
        stats.skipped_lines.extend(int(n) for n in lines)


def _read_jsonl(stream, name, fmt, chunksize, on_bad_lines, stats) -> Iterator[pd.DataFrame]:
    """Read one JSON object per line, keeping values as the Python objects JSON gave.

    Records may differ in their keys. The columns are the union of all keys in first-seen
    order, found by a first pass over the input (a pipe is copied to a temporary file for it),
    so every chunk has the same columns whatever ``--chunksize`` is; a missing key is empty.
    """
    with _rereadable(stream) as source:
        start = source.tell()
        stats.kinds = _jsonl_kinds(source)
        columns = list(stats.kinds)
        source.seek(start)
        rows: list[dict] = []
        offset = 0
        for number, raw in enumerate(source, start=1):
            record = _parse_json_line(raw, name, number, offset, on_bad_lines == "skip")
            offset += len(raw)
            if record is _SKIP:
                stats.skipped += 1
                stats.skipped_lines.append(number)
            elif record is not _BLANK:
                rows.append(_replaced(record, raw, stats))
            if len(rows) >= chunksize:
                yield pd.DataFrame(rows, columns=columns, dtype=object)
                rows = []
        if rows:
            yield pd.DataFrame(rows, columns=columns, dtype=object)
        elif offset == 0:
            raise InputError(f"{name}: the file is empty")


@contextlib.contextmanager
def _rereadable(stream: BinaryIO) -> Iterator[BinaryIO]:
    """Yield ``stream`` if it can seek, else a temporary file holding the rest of it."""
    if stream.seekable():
        yield stream
        return
    with tempfile.TemporaryFile() as copy:
        shutil.copyfileobj(stream, copy)
        copy.seek(0)
        yield copy


def _jsonl_kinds(source: BinaryIO) -> dict[str, set[str]]:
    """Return the keys of all objects in a JSON Lines stream, in first-seen order, each with the
    kinds of value it holds (see :func:`json_kind`).

    Lines that are not a JSON object are passed over here; the reading pass reports them.
    """
    kinds: dict[str, set[str]] = {}
    for raw in source:
        try:
            record = json.loads(raw)
        except ValueError:  # invalid JSON or UTF-8
            continue
        if isinstance(record, dict):
            for key, value in _replaced(record, raw).items():
                kinds.setdefault(key, set()).add(json_kind(value))
    return kinds


def json_kind(value) -> str:
    """Name the kind of a JSON value; ``big integer`` is one that int64 cannot hold."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int):
        return "integer" if -(2**63) <= value < 2**63 else "big integer"
    if isinstance(value, float):
        return "number"
    if isinstance(value, str):
        return "text"
    return "list" if isinstance(value, list) else "object"


def _replaced(record: dict, raw: bytes, stats: ReadStats | None = None) -> dict:
    """Return ``record`` with its lone surrogates replaced, counted in ``stats`` if given."""
    if not _ESCAPED_SURROGATE.search(raw):
        return record
    record, replaced = _replace_unencodable(record)
    if stats is not None:
        stats.replaced += replaced
    return record


_SKIP, _BLANK = object(), object()
# A lone surrogate can only come from a \u escape, so other lines need no walk over their values.
_ESCAPED_SURROGATE = re.compile(rb"\\u[dD][89a-fA-F]")


def _replace_unencodable(value) -> tuple[object, int]:
    """Return a JSON value with lone surrogates in its strings and keys replaced, and the count."""
    if isinstance(value, str):
        return replace_unencodable(value)
    if isinstance(value, list):
        parts = [_replace_unencodable(item) for item in value]
        return [item for item, _ in parts], sum(n for _, n in parts)
    if isinstance(value, dict):
        clean, count = {}, 0
        for key, item in value.items():
            (key, in_key), (item, in_item) = replace_unencodable(key), _replace_unencodable(item)
            clean[key] = item
            count += in_key + in_item
        return clean, count
    return value, 0


def _parse_json_line(raw: bytes, name: str, number: int, offset: int, skip: bool):
    """Return the object on one line, ``_BLANK`` for an empty line, or ``_SKIP`` if bad."""
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        # Encoding is never skipped: a mis-encoded file is wrong as a whole, not one bad line.
        raise InputError(
            f"{name}: not valid UTF-8 at byte {offset + exc.start} (line {number}): "
            f"byte 0x{raw[exc.start]:02x} ({exc.reason}); re-save the file as UTF-8"
        ) from None
    if not text.strip():
        return _BLANK
    try:
        record = json.loads(text)
        problem = None if isinstance(record, dict) else "expected a JSON object {...}"
    except json.JSONDecodeError as exc:
        problem = f"invalid JSON at column {exc.colno}: {exc.msg}"
    if problem is None:
        return record
    if skip:
        return _SKIP
    raise InputError(f"{name}: malformed JSON Lines: line {number}: {problem}")


def _read_parquet(stream, name, fmt, chunksize, on_bad_lines, stats) -> Iterator[pd.DataFrame]:
    """Read Parquet record batches, keeping the exact Arrow types of every column."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    # Parquet keeps its index at the end of the file, so a pipe must be read whole first.
    source = stream if stream.seekable() else io.BytesIO(stream.read())
    try:
        parquet = pq.ParquetFile(source)
    except (pa.ArrowInvalid, OSError) as exc:
        raise InputError(f"{name}: {_parquet_problem(source, exc)}") from None
    stats.total_rows = parquet.metadata.num_rows
    stats.schema = schema = parquet.schema_arrow
    for batch in parquet.iter_batches(batch_size=chunksize):
        yield batch.to_pandas(types_mapper=pd.ArrowDtype)
    if parquet.metadata.num_rows == 0:
        yield pa.Table.from_batches([], schema=schema).to_pandas(types_mapper=pd.ArrowDtype)


def _parquet_problem(source, exc: Exception) -> str:
    """Say why a file is not readable Parquet, naming the bytes that were checked."""
    size = source.seek(0, io.SEEK_END)
    if size == 0:
        return "the file is empty"
    source.seek(0)
    head = source.read(4)
    source.seek(max(size - 4, 0))
    tail = source.read(4)
    if head != b"PAR1" or tail != b"PAR1":
        where = "bytes 0-3" if head != b"PAR1" else f"bytes {size - 4}-{size - 1}"
        return f"not a Parquet file: no 'PAR1' magic number at {where} (size {size} bytes)"
    return f"damaged Parquet file: {str(exc).splitlines()[0]}"
