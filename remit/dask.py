"""Check Dask DataFrames, one partition at a time on the workers: :func:`check_dataframe`.

The per-row logic is :func:`remit.check_frame`'s; this module adds what a cluster needs. Each
worker process loads the model and table once, on its first partition, and keeps them for the
next (a per-process cache keyed by :class:`EngineSpec`). The user's ``--rules`` files travel
with the tasks as text, so a worker on another machine judges with the same table; a worker
whose table differs from the client's (another remit version, say) refuses to check rather
than judge with it.

Needs the ``dask`` extra: ``pip install "remit[dask]"``.
"""

from __future__ import annotations

import os
import tempfile
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import pandas as pd

from remit.batch.frame import ColumnError, attach, check_columns, check_frame
from remit.errors import InputError

__all__ = ["EngineSpec", "check_dataframe", "check_partition", "column_problem"]


@dataclass(frozen=True)
class EngineSpec:
    """What a worker needs to build the engine: the model, the rules files' text, the version."""

    model: str | None = None
    rules: tuple[tuple[str, str], ...] = ()  # (file name, text) of each rules file, in order
    version: str = ""  # the client's table version; a worker whose own differs refuses
    batch_size: int = 64
    max_sentence_tokens: int | None = None

    @classmethod
    def of(cls, model: str | None = None, rules: Sequence[str] = (),
           batch_size: int = 64, max_sentence_tokens: int | None = None) -> EngineSpec:
        """Read the rules files and the table version here, on the client.

        Raises :class:`remit.errors.TableError` for rules with errors, before any task runs.
        """
        from remit.rules.loader import expand_paths
        from remit.rules.version import rules_version

        files = tuple(expand_paths(rules))
        return cls(model, files, rules_version(rules), batch_size, max_sentence_tokens)


_ENGINES: dict[EngineSpec, tuple[object, threading.Lock]] = {}
_CACHE_LOCK = threading.Lock()


def worker_engine(spec: EngineSpec):
    """Return this process's engine for ``spec`` and the lock that serialises its use.

    A worker with several threads runs several partitions at once; the engine is not made for
    concurrent calls, so they take turns (start workers with ``--nthreads 1`` instead).
    """
    with _CACHE_LOCK:
        if spec not in _ENGINES:
            _ENGINES[spec] = (_load_engine(spec), threading.Lock())
        return _ENGINES[spec]


def _load_engine(spec: EngineSpec):
    from remit.engine import Engine, get_engine
    from remit.rules.version import rules_version

    if not spec.rules:
        # Shares the engine of a client-side check.
        engine = get_engine(spec.model, (), spec.max_sentence_tokens)
        paths: list[str] = []
    else:
        paths = _materialise(spec.rules)
        engine = Engine(spec.model, paths, max_sentence_tokens=spec.max_sentence_tokens)
    version = rules_version(paths)
    if spec.version and version != spec.version:
        raise InputError(
            f"this worker's table (version {version}) differs from the client's "
            f"({spec.version}); install the same remit version on every worker")
    getattr(engine, "nlp", None)  # load the model now, once, not amid a partition
    return engine


def _materialise(files: tuple[tuple[str, str], ...]) -> list[str]:
    """Write the rules files into a folder of this process; return their paths, in order."""
    folder = tempfile.mkdtemp(prefix="remit-rules-")
    paths = []
    for number, (name, text) in enumerate(files):
        path = os.path.join(folder, f"{number:03d}-{os.path.basename(name)}")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write(text)
        paths.append(path)
    return paths


def column_problem(frame: pd.DataFrame, column: str, id_column: str | None = None) -> str | None:
    """Return why ``frame`` (a partition or a collection's meta) cannot be checked, or None.

    Beyond :func:`~remit.batch.frame.check_columns`: the text column must hold text. Cells that
    are not strings in an object column are row errors, as in ``remit batch``; a column typed
    as numbers (or dates, ...) means the wrong column or a broken part. A float column is
    refused only when it holds a value, since readers type a column of nulls as floats.
    """
    try:
        check_columns(frame.columns, column, id_column)
    except ColumnError as exc:
        return str(exc)
    dtype = frame[column].dtype
    if pd.api.types.is_object_dtype(dtype) or pd.api.types.is_string_dtype(dtype):
        return None
    if pd.api.types.is_float_dtype(dtype) and not frame[column].notna().any():
        return None
    return f"column {column!r} is of type {dtype}, not text"


def check_partition(frame: pd.DataFrame, column: str, spec: EngineSpec,
                    id_column: str | None = None, name: str | None = None,
                    partition_info: dict | None = None) -> pd.DataFrame:
    """Check one partition on a worker; ``name`` (else the partition number) names it in errors."""
    if name is None:
        number = partition_info["number"] if partition_info else "?"
        name = f"partition {number}"
    problem = column_problem(frame, column, id_column)
    if problem is not None:
        raise InputError(f"{name}: {problem}")
    engine, lock = worker_engine(spec)
    with lock:
        return check_frame(frame, column, engine=engine, batch_size=spec.batch_size,
                           id_column=id_column)


def output_meta(meta: pd.DataFrame) -> pd.DataFrame:
    """Return the meta of the checked collection: the input's plus the added text columns."""
    return attach(meta.iloc[:0], [])


def check_dataframe(ddf, column: str, model: str | None = None, rules: Sequence[str] = (),
                    batch_size: int = 64, id_column: str | None = None):
    """Return ``ddf`` with the columns of :func:`remit.check_frame` added, lazily.

    Nothing is computed until the result is: the columns are checked on ``ddf``'s meta here
    (a :class:`ColumnError` if they are missing or would clash), and every partition again when
    it runs (an :class:`InputError` naming the partition). ``rules`` files are read here and
    sent to the workers with the tasks.
    """
    problem = column_problem(ddf._meta, column, id_column)
    if problem is not None:
        raise ColumnError(problem)
    spec = EngineSpec.of(model, rules, batch_size)
    return ddf.map_partitions(check_partition, column, spec, id_column,
                              meta=output_meta(ddf._meta), enforce_metadata=False)
