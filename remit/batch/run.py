"""A whole batch run: read a table in chunks, check it, write it atomically, count verdicts."""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field

import pandas as pd

from remit.batch.frame import ADDED_COLUMNS, ColumnError, check_columns
from remit.batch.io import EXTENSIONS, ReadStats, detect_format, read_chunks
from remit.batch.output import Writer, jsonl_schema, open_output, output_schema
from remit.batch.stream import ErrorHook, RowChecker
from remit.inputs import STDIO, InputError, display_name, format_by_extension

VERDICT_ORDER = ("contradicted", "supported", "unknown", "no_claim", "error")


@dataclass(frozen=True)
class BatchJob:
    """What to check and where to write it; mirrors the options of ``remit batch``."""

    source: str
    column: str
    output: str = STDIO
    id_column: str | None = None
    input_format: str | None = None
    output_format: str | None = None
    chunksize: int = 1000
    batch_size: int = 64
    n_process: int = 1
    on_bad_lines: str = "error"
    model: str | None = None
    rules: Sequence[str] = ()
    max_sentence_tokens: int | None = None

    def formats(self) -> tuple[str, str]:
        """Return the input and output formats: explicit, else by extension, else the input's.

        stdin without ``--input-format`` is read as CSV, the commonest table on a pipe.
        """
        read = detect_format(self.source, self.input_format,
                             default="csv" if self.source == STDIO else None)
        write = self.output_format or format_by_extension(self.output, EXTENSIONS) or read
        return read, write


@dataclass
class Summary:
    """Counts of a finished run, for the summary line and the exit code."""

    output: str
    verdicts: Counter = field(default_factory=Counter)
    skipped: int = 0
    replaced: int = 0  # code points UTF-8 cannot encode, read as U+FFFD
    as_text: list[str] = field(default_factory=list)  # JSON Lines columns Parquet holds as text

    @property
    def rows(self) -> int:
        """Return the number of rows written."""
        return sum(self.verdicts.values())

    def line(self) -> str:
        """Return e.g. '3 rows: 1 contradicted, 2 supported, ... 0 errors, 0 skipped → out.csv'."""
        counts = ", ".join(
            f"{self.verdicts[v]:,} {'errors' if v == 'error' else v.replace('_', ' ')}"
            for v in VERDICT_ORDER
        )
        where = "stdout" if self.output == STDIO else self.output
        return f"{self.rows:,} rows: {counts}, {self.skipped:,} skipped lines \u2192 {where}"

    def notices(self) -> list[str]:
        """Return the one-line notices of the run (what was read other than as written)."""
        notices = []
        if self.replaced:
            notices.append(f"{self.replaced:,} code point(s) that UTF-8 cannot encode (lone "
                           "surrogates) were replaced by U+FFFD")
        if self.as_text:
            notices.append(f"column(s) {', '.join(self.as_text)} written to Parquet as text")
        return notices


def _frames(job: BatchJob, read_format: str, stats: ReadStats) -> Iterator[pd.DataFrame]:
    """Return the input's frames, once the first has shown that the named columns exist."""
    frames = read_chunks(job.source, read_format, job.chunksize, job.on_bad_lines, stats)
    first = next(frames, None)
    try:
        check_columns([] if first is None else first.columns, job.column, job.id_column)
    except ColumnError as exc:
        raise InputError(f"{display_name(job.source)}: {exc}") from None
    return itertools.chain([first], frames)


# Called after each written chunk with its row count and the total row count, if known.
ProgressHook = Callable[[int, "int | None"], None]


def run_batch(job: BatchJob, engine=None, progress: ProgressHook | None = None,
              on_error: ErrorHook | None = None, report=None) -> Summary:
    """Check ``job.source`` into ``job.output``; raise InputError for unreadable input.

    The output appears only once complete (see :func:`remit.batch.output.atomic_file`).
    ``report`` (a :class:`remit.batch.report.BatchReport`) is given every checked chunk.
    """
    read_format, write_format = job.formats()
    stats = ReadStats()
    frames = _frames(job, read_format, stats)
    if engine is None:
        from remit.engine import get_engine

        engine = get_engine(job.model, tuple(str(r) for r in job.rules),
                            job.max_sentence_tokens)
    checker = RowChecker(engine, job.column, batch_size=job.batch_size,
                         n_process=job.n_process, id_column=job.id_column, on_error=on_error)
    summary = Summary(job.output)
    schema = None
    if write_format == "parquet" and stats.kinds is not None:  # read by the first frame
        stats.schema, summary.as_text = jsonl_schema(stats.kinds)
    if stats.schema is not None and write_format == "parquet":
        schema = output_schema(stats.schema, ADDED_COLUMNS)
    with open_output(job.output) as stream:
        writer = Writer(stream, write_format, schema)
        try:
            _write_all(job, checker.run(frames), writer, summary, stats, progress, report)
        except BaseException:  # a bad row, an interrupt: nothing more reaches the output
            writer.abort()
            raise
        writer.close()
    summary.skipped = stats.skipped
    summary.replaced = stats.replaced
    return summary


def _write_all(job: BatchJob, checked_frames: Iterator[pd.DataFrame], writer: Writer,
               summary: Summary, stats: ReadStats, progress: ProgressHook | None,
               report) -> None:
    for checked in checked_frames:
        try:
            writer.write(checked)
        except InputError as exc:  # the chunk's columns differ from the first chunk's
            where = f"{display_name(job.source)}: rows from {summary.rows + 1}"
            raise InputError(f"{where}: {exc}") from None
        if report is not None:
            report.add(checked, summary.rows + 1)
        summary.verdicts.update(checked["verdict"])
        if progress is not None:
            progress(len(checked), stats.total_rows)
