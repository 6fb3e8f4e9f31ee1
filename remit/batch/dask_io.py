"""Input and output of ``remit batch --dask``: parts read with Dask's readers, written in order.

Paths go through fsspec, so ``s3://``, ``gs://`` and the like work where the filesystem package
is installed. The input is a file, a folder (its files of the input format, in natural order:
``part.2`` before ``part.10``) or a glob. Each input file is its own Dask collection, so every
partition knows the file it came from and an error can name it.

Folder output is written by the workers into a hidden temporary folder next to the target,
each part first under a temporary name of its own (a task rerun after a worker died replaces
the part whole), and the folder is renamed onto the target when every part is in.
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import uuid
from collections.abc import Iterator
from dataclasses import dataclass

import pandas as pd

from remit.batch.frame import ADDED_COLUMNS
from remit.batch.io import EXTENSIONS, SEPARATORS, detect_format
from remit.batch.output import PART, Writer, jsonl_schema, remove_stale_parts
from remit.batch.output import _running as running
from remit.inputs import STDIO, InputError, format_by_extension

METADATA_KEY = b"remit"  # Parquet key-value metadata of every part written
SIDECAR = "_remit.json"  # the run's metadata in a folder output, beside the parts
OUTPUT_EXTENSIONS = {"csv": "csv", "tsv": "tsv", "jsonl": "jsonl", "parquet": "parquet"}


@dataclass(frozen=True)
class Part:
    """One input partition: the file it comes from, its block in that file, its collection."""

    path: str
    block: int
    blocks: int
    data: object  # a dask Delayed yielding the pandas frame

    @property
    def name(self) -> str:
        """How errors name the part: the file, and the block when the file has several."""
        return self.path if self.blocks == 1 else f"{self.path} (block {self.block + 1})"


def input_files(source: str, fmt: str | None) -> tuple[list[str], str]:
    """Return the files ``source`` names, in natural order, and their format."""
    import fsspec
    from dask.utils import natural_sort_key

    if source == STDIO:
        raise InputError("--dask reads files, folders or globs, not stdin")
    fs, _, paths = fsspec.core.get_fs_token_paths(source)
    files: list[str] = []
    for path in paths:
        if fs.isdir(path):
            files += [f for f in fs.find(path) if _is_data(f, fmt)]
        elif fs.exists(path):
            files.append(path)
        else:
            raise InputError(f"{source}: no such file or folder")
    if not files:
        raise InputError(f"{source}: no input files found")
    files = sorted(set(files), key=natural_sort_key)
    found = fmt or detect_format(files[0])
    # A folder of mixed parts is read in the format of its first part.
    files = [f for f in files if fmt or format_by_extension(f, EXTENSIONS) in (found, None)]
    protocol = fs.protocol if isinstance(fs.protocol, str) else fs.protocol[0]
    if protocol not in ("file", "local"):
        files = [f"{protocol}://{f}" for f in files]
    return files, found


def _is_data(path: str, fmt: str | None) -> bool:
    """Whether a file in an input folder is a part: the format's extension, not hidden."""
    base = os.path.basename(path)
    if base.startswith((".", "_")):  # _SUCCESS, _metadata, .crc files of other tools
        return False
    kind = format_by_extension(base, EXTENSIONS)
    return kind is not None and (fmt is None or kind == fmt)


def read_parts(files: list[str], fmt: str, blocksize, column: str,
               id_column: str | None = None) -> Iterator[Part]:
    """Yield the partitions of every file, read with Dask's reader of ``fmt``.

    A file whose columns (as its reader's meta shows them) cannot be checked raises
    InputError naming it, before anything is computed.
    """
    import dask

    from remit.dask import column_problem

    # Object columns stay objects (as in remit batch): converting them to strings would turn
    # a JSON number in the text column into text nobody wrote.
    with dask.config.set({"dataframe.convert-string": False}):
        for path in files:
            ddf = _read(path, fmt, blocksize)
            problem = column_problem(ddf._meta, column, id_column)
            if problem is not None:
                raise InputError(f"{path}: {problem}")
            blocks = ddf.to_delayed(optimize_graph=True)
            for block, data in enumerate(blocks):
                yield Part(path, block, len(blocks), data)


def _read(path: str, fmt: str, blocksize):
    import dask.dataframe as dd

    try:
        if fmt == "parquet":
            return dd.read_parquet(path)
        if fmt == "jsonl":
            return dd.read_json(path, lines=True, orient="records", dtype=False,
                                blocksize=blocksize, encoding="utf-8")
        return dd.read_csv(path, sep=SEPARATORS[fmt], dtype=str, keep_default_na=False,
                           na_filter=False, blocksize=blocksize, encoding="utf-8")
    except (ValueError, OSError, ImportError) as exc:
        raise InputError(f"{path}: cannot read as {fmt}: {_first_line(exc)}") from None


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip().splitlines()
    return text[0] if text else type(exc).__name__


# Output ------------------------------------------------------------------------------------


def is_folder_output(output: str) -> bool:
    """Whether ``-o`` names a folder of parts: a trailing slash, a folder, or no known extension."""
    if output == STDIO:
        return False
    if output.endswith("/"):
        return True
    import fsspec

    fs, path = fsspec.core.url_to_fs(output)
    return fs.isdir(path) or format_by_extension(output, EXTENSIONS) is None


def part_name(number: int, parts: int, fmt: str) -> str:
    """Return ``part.00003.parquet``: names that sort in partition order."""
    width = max(5, len(str(parts - 1)))
    return f"part.{number:0{width}d}.{OUTPUT_EXTENSIONS[fmt]}"


def write_part(frame: pd.DataFrame, url: str, fmt: str, metadata: dict) -> dict:
    """Write one checked partition to ``url`` whole; return its verdict counts."""
    import fsspec

    fs, path = fsspec.core.url_to_fs(url)
    temp = f"{path}.{uuid.uuid4().hex}.tmp"
    try:
        with fs.open(temp, "wb") as stream:
            write_frames(stream, fmt, [frame], metadata)
        fs.mv(temp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            fs.rm(temp)
        raise
    return frame["verdict"].value_counts().to_dict()


def write_frames(stream, fmt: str, frames, metadata: dict) -> None:
    """Write frames through :class:`Writer`; Parquet gets the run's metadata in its footer."""
    writer = None
    for frame in frames:
        if writer is None:
            schema = part_schema(frame, metadata) if fmt == "parquet" else None
            writer = Writer(stream, fmt, schema)
        writer.write(frame)
    if writer is not None:
        writer.close()


def part_schema(frame: pd.DataFrame, metadata: dict):
    """Return the Arrow schema of a checked frame, with remit's metadata.

    Object columns of mixed values are typed as ``remit batch`` types JSON Lines columns.
    """
    import pyarrow as pa

    from remit.batch.io import json_kind

    try:
        schema = pa.Schema.from_pandas(frame, preserve_index=False)
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        kinds = {name: {json_kind(v) for v in frame[name] if v is not None}
                 for name in frame.columns if frame[name].dtype == object}
        mixed, _ = jsonl_schema(kinds)
        schema = pa.Schema.from_pandas(frame.drop(columns=list(kinds)), preserve_index=False)
        for field in mixed:
            schema = schema.append(field)
        schema = pa.schema([schema.field(name) for name in frame.columns])
    for name in ADDED_COLUMNS:  # text even when a partition has no row
        schema = schema.set(schema.get_field_index(name), pa.field(name, pa.string()))
    extra = {METADATA_KEY: json.dumps(metadata, sort_keys=True).encode("utf-8")}
    return schema.with_metadata({**(schema.metadata or {}), **extra})


@contextlib.contextmanager
def atomic_folder(target: str) -> Iterator[str]:
    """Yield a temporary folder next to ``target``, moved onto it when the block succeeds.

    An older folder at ``target`` stays untouched until the new one is complete. Temporary
    folders of killed runs (their process gone) are removed first, on a local disk.
    """
    import fsspec

    fs, path = fsspec.core.url_to_fs(target.rstrip("/"))
    parent, base = os.path.split(path)
    local = "file" in (fs.protocol if isinstance(fs.protocol, tuple) else (fs.protocol,))
    if local:
        _remove_stale_folders(parent or ".", base)
    temp = os.path.join(parent, f".{base}.{os.getpid()}.{uuid.uuid4().hex[:8]}{PART}")
    fs.makedirs(temp, exist_ok=True)
    try:
        yield temp if local else fs.unstrip_protocol(temp)
        _replace_folder(fs, temp, path, local)
    except BaseException:
        with contextlib.suppress(OSError):
            fs.rm(temp, recursive=True)
        raise


def _replace_folder(fs, temp: str, path: str, local: bool) -> None:
    if not local:
        if fs.exists(path):
            fs.rm(path, recursive=True)
        fs.mv(temp, path, recursive=True)
        return
    if os.path.isdir(path):
        old = f"{temp}.old"
        os.replace(path, old)
        os.replace(temp, path)
        shutil.rmtree(old, ignore_errors=True)
    else:
        os.replace(temp, path)


def _remove_stale_folders(folder: str, base: str) -> None:
    removed = remove_stale_parts(folder, base)  # files; folders are left for the loop below
    prefix = f".{base}."
    with contextlib.suppress(OSError):
        for name in os.listdir(folder):
            pid = name[len(prefix):].split(".", 1)[0] if name.startswith(prefix) else ""
            full = os.path.join(folder, name)
            if (name not in removed and pid.isdigit() and os.path.isdir(full)
                    and not running(int(pid))):
                shutil.rmtree(full, ignore_errors=True)


def write_sidecar(folder: str, metadata: dict) -> None:
    """Write the run's metadata as ``_remit.json`` in the (temporary) output folder."""
    import fsspec

    with fsspec.open(f"{folder.rstrip('/')}/{SIDECAR}", "w", encoding="utf-8") as handle:
        handle.write(json.dumps(metadata, indent=2, sort_keys=True) + "\n")
