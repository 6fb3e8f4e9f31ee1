"""Chunked writers for CSV, TSV, JSON Lines and Parquet, and the atomic file they write into.

A file target is written to a temporary file in the same folder and renamed into place only
when the run finishes, so a crash never leaves a half-written file that looks complete, and a
previous output stays untouched until the new one is whole.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import math
import os
import stat
import sys
import tempfile
from collections.abc import Iterator
from typing import BinaryIO

import pandas as pd

from remit.batch.io import SEPARATORS
from remit.inputs import STDIO, InputError


@contextlib.contextmanager
def atomic_file(target: str) -> Iterator[BinaryIO]:
    """Yield a binary stream for ``target``, which is replaced only when the writing succeeds.

    The path is followed as the user gave it: a symbolic link is written through (its target
    changes, the link stays) and an existing file keeps its mode. The data goes to a temporary
    file next to the real target, renamed onto it at the end; a device or a FIFO (``-o
    /dev/null``) is written directly. Temporary files that an earlier, killed run left behind
    (their process is gone) are removed first.
    """
    real = os.path.realpath(target)
    if os.path.exists(real) and not os.path.isfile(real):
        with _opened(target, real) as handle:
            yield handle
        return
    folder, base = os.path.split(real)
    remove_stale_parts(folder, base)
    try:
        mode = stat.S_IMODE(os.stat(real).st_mode)
    except FileNotFoundError:
        mode = 0o666 & ~_umask()
    try:
        fd, temp = tempfile.mkstemp(dir=folder, prefix=f".{base}.{os.getpid()}.", suffix=PART)
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror}") from None
    try:
        with os.fdopen(fd, "wb") as handle:
            yield handle
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temp, mode)  # mkstemp made it private (0600)
        os.replace(temp, real)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp)
        raise


PART = ".part"


def remove_stale_parts(folder: str, base: str) -> list[str]:
    """Remove ``.BASE.PID.*.part`` files in ``folder`` whose process no longer runs."""
    removed = []
    prefix = f".{base}."
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            pid = name[len(prefix):].split(".", 1)[0] if name.startswith(prefix) else ""
            if name.endswith(PART) and pid.isdigit() and not _running(int(pid)):
                with contextlib.suppress(OSError):
                    os.unlink(os.path.join(folder, name))
                    removed.append(name)
    return removed


def _running(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:  # another user's process: it runs
        return True
    return True


@contextlib.contextmanager
def _opened(target: str, real: str) -> Iterator[BinaryIO]:
    try:
        handle = open(real, "wb")  # noqa: SIM115 - closed below
    except OSError as exc:
        raise InputError(f"{target}: cannot write: {exc.strerror}") from None
    with handle:
        yield handle


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def open_output(path: str) -> Iterator[BinaryIO]:
    """Yield a binary stream for ``path``: stdout for ``-``, else an atomic temp file."""
    if path == STDIO:
        yield sys.stdout.buffer
        sys.stdout.buffer.flush()
        return
    with atomic_file(path) as handle:
        yield handle


class Writer:
    """Write frames one after another to a binary stream; all chunks share the first's columns."""

    def __init__(self, stream: BinaryIO, fmt: str, schema=None):
        self._stream = stream
        self._fmt = fmt
        self._schema = schema
        self._columns: list | None = None
        self._parquet = None
        self._text = None

    def write(self, frame: pd.DataFrame) -> None:
        """Append one chunk."""
        if self._columns is None:
            self._columns = list(frame.columns)
        elif list(frame.columns) != self._columns:
            extra = [c for c in frame.columns if c not in self._columns]
            raise InputError(
                f"a later chunk has different columns (new: {extra}); {self._fmt} output needs "
                "one header, so give every record the same keys"
            )
        getattr(self, f"_write_{self._fmt}")(frame)

    def close(self) -> None:
        """Finish the output (Parquet footer, text buffer) without closing the stream."""
        if self._parquet is not None:
            self._parquet.close()
        if self._text is not None:
            self._text.flush()
            self._text.detach()

    def abort(self) -> None:
        """Let go of the stream after a failed run, writing nothing more to it.

        An open Parquet writer would otherwise write its footer when it is collected, after the
        stream is closed (an ignored exception on stderr) or into a device, where the partial
        output would then look complete.
        """
        if self._parquet is not None:
            self._gate.open = False
            self._parquet.close()
        if self._text is not None:
            self._text.detach()

    def _text_stream(self) -> io.TextIOWrapper:
        if self._text is None:
            # newline="" so that embedded "\r\n" inside cells reach the file unchanged.
            self._text = io.TextIOWrapper(self._stream, encoding="utf-8", newline="")
        return self._text

    def _write_csv(self, frame: pd.DataFrame) -> None:
        header = self._text is None
        frame.to_csv(self._text_stream(), sep=SEPARATORS[self._fmt], index=False,
                     header=header, lineterminator="\n", quoting=_quoting(frame))

    _write_tsv = _write_csv

    def _write_jsonl(self, frame: pd.DataFrame) -> None:
        stream = self._text_stream()
        for record in frame.to_dict(orient="records"):
            clean = {key: _json_value(value) for key, value in record.items()}
            stream.write(json.dumps(clean, ensure_ascii=False, default=str) + "\n")

    def _write_parquet(self, frame: pd.DataFrame) -> None:
        import pyarrow as pa
        import pyarrow.parquet as pq

        if self._schema is None:  # CSV input: every text column a string, whatever chunk 1 holds
            self._schema = _first_schema(frame)
        table = pa.Table.from_pandas(_as_text(frame, self._schema), schema=self._schema,
                                     preserve_index=False)
        if self._parquet is None:
            self._gate = _Gate(self._stream)
            self._parquet = pq.ParquetWriter(self._gate, self._schema)
        self._parquet.write_table(table)


def _first_schema(frame: pd.DataFrame):
    """Return the Arrow schema of the first chunk of a table read as text (CSV, TSV).

    A column pandas holds as objects, or all missing in the first chunk (no claim there, so no
    correction), is a string column, so that any later chunk fits.
    """
    import pyarrow as pa

    schema = pa.Schema.from_pandas(frame, preserve_index=False)
    for i, f in enumerate(schema):
        if f.type == pa.null() or frame[f.name].dtype == object:
            schema = schema.set(i, pa.field(f.name, pa.string()))
    return schema.remove_metadata()


def _quoting(frame: pd.DataFrame) -> int:
    """Quote every field of a chunk holding a carriage return, else only those that need it.

    The csv module quotes a field holding a character of the line terminator (a line feed) but
    not a lone carriage return, which every reader takes for a line break: the row would come
    back split in two.
    """
    for name in frame.columns:
        if frame[name].dtype.kind in "biufcmM":  # numbers, booleans, dates: never text
            continue
        if frame[name].map(lambda v: isinstance(v, str) and "\r" in v).any():
            return csv.QUOTE_ALL
    return csv.QUOTE_MINIMAL


class _Gate:
    """A write-only view of a stream that drops what is written once ``open`` is false."""

    closed = False

    def __init__(self, stream: BinaryIO):
        self._stream = stream
        self.open = True
        self._written = 0

    def writable(self) -> bool:  # noqa: D102
        return True

    def write(self, data) -> int:  # noqa: D102
        size = memoryview(data).nbytes
        if self.open:
            self._stream.write(data)
        self._written += size
        return size

    def tell(self) -> int:  # noqa: D102
        return self._written

    def flush(self) -> None:  # noqa: D102
        if self.open:
            self._stream.flush()


def _json_value(value):
    """Turn pandas' missing values into JSON null (json.dumps would write invalid ``NaN``)."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, float) and math.isnan(value):
        return None
    return value


# The one Arrow type of a JSON Lines column whose values are all of one kind (or null).
_ARROW_TYPES = {"text": "string", "boolean": "bool_", "integer": "int64", "number": "float64"}


def jsonl_schema(kinds: dict[str, set[str]]):
    """Return the Arrow schema for JSON Lines columns of these kinds, and those written as text.

    A column of one kind keeps it (integers beside numbers are numbers). Mixed kinds, integers
    beyond int64, lists and objects become text (JSON for all but strings), which Parquet can
    always hold, whatever the chunk a value comes in.
    """
    import pyarrow as pa

    fields, as_text = [], []
    for name, found in kinds.items():
        found = found - {"null"}
        if found == {"integer", "number"}:
            found = {"number"}
        kind = next(iter(found)) if len(found) == 1 else "text"
        if kind not in _ARROW_TYPES or len(found) > 1:
            as_text.append(f"{name!r} ({', '.join(sorted(found))})")
            kind = "text"
        fields.append(pa.field(name, getattr(pa, _ARROW_TYPES[kind])()))
    return pa.schema(fields), as_text


def _as_text(frame: pd.DataFrame, schema) -> pd.DataFrame:
    """Return ``frame`` with the values of its object columns that the schema types as strings
    written as text: strings as they are, other values as JSON, missing values as null."""
    import pyarrow as pa

    text = [f.name for f in schema if f.type == pa.string() and frame[f.name].dtype == object]
    return frame.assign(**{name: [_text_value(v) for v in frame[name]] for name in text})


def _text_value(value):
    value = _json_value(value)
    if value is None or isinstance(value, str):
        return value
    return json.dumps(value, ensure_ascii=False, default=str)


def output_schema(input_schema, added: tuple[str, ...]):
    """Return the Arrow schema of the output: the input's exact types plus string columns."""
    import pyarrow as pa

    schema = input_schema.remove_metadata()
    for name in added:
        schema = schema.append(pa.field(name, pa.string()))
    return schema
