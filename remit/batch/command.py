"""``remit batch``: check a table of statements, one row at a time, streaming."""

from __future__ import annotations

import contextlib
import signal
import sys

import click

from remit.batch.io import FORMATS
from remit.batch.report import BatchReport, write_report
from remit.batch.run import BatchJob, run_batch
from remit.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from remit.commands.options import (
    die,
    fail_on_option,
    fails,
    model_option,
    rules_option,
    sentence_tokens_option,
)
from remit.formats.base import terminal_safe
from remit.inputs import InputError, display_name
from remit.records import SEVERITY

# Row errors printed to stderr before the rest are only counted, so a broken model cannot
# flood the terminal with a million identical lines.
MAX_ROW_ERRORS_SHOWN = 10


@click.command()
@click.argument("path")
@click.option("--column", required=True, help="Column holding the statements to check.")
@click.option("--id-column", default=None, help="Column with row ids, shown in row messages.")
@click.option("-o", "--output", default="-", show_default=True,
              help="Output file (written atomically), or - for stdout.")
@click.option("--input-format", type=click.Choice(FORMATS), default=None,
              help="Input format (default: by extension; CSV for stdin).")
@click.option("--output-format", type=click.Choice(FORMATS), default=None,
              help="Output format (default: by -o extension, else the input's).")
@click.option("--chunksize", type=click.IntRange(min=1), default=1000, show_default=True,
              help="Rows read, checked and written at a time; memory grows with this only.")
@click.option("--batch-size", type=click.IntRange(min=1), default=64, show_default=True,
              help="Texts per spaCy batch.")
@click.option("--n-process", type=click.IntRange(min=-1), default=1, show_default=True,
              callback=lambda ctx, param, value: _processes(value),
              help="Worker processes, each checking whole chunks of rows; -1: one per core.")
@click.option("--on-bad-lines", type=click.Choice(["error", "skip"]), default="error",
              show_default=True, help="Stop at a malformed line, or skip and count it.")
@click.option("--report", type=click.Path(dir_okay=False), default=None, metavar="FILE",
              help="Also write an HTML page about the run: rows by verdict, claims by agency, "
                   "the most frequent contradicted claims.")
@click.option("--dask", "dask_address", default=None, metavar="ADDRESS|local[:N]",
              help="Check on a Dask cluster: a scheduler address, or local:N worker processes "
              "(needs remit[dask]); PATH may then be a folder or a glob, -o a folder.")
@click.option("--blocksize", default=None, metavar="SIZE",
              help="With --dask: CSV or JSON Lines bytes per partition [default: 64MiB; "
              "0: one partition per file].")
@click.option("-q", "--quiet", is_flag=True, help="No progress bar, row warnings or summary.")
@sentence_tokens_option
@fail_on_option
@rules_option
@model_option
def batch(path, column, id_column, output, input_format, output_format, chunksize, batch_size,
          n_process, on_bad_lines, report, dask_address, blocksize, quiet, max_sentence_tokens,
          fail_on, rules, model):
    """Check the statements in a CSV, TSV, JSON Lines or Parquet table (- for stdin).

    Every row is kept, in order, with columns verdict, claims, evidence, correction and error
    added. Exit 1 when a row reaches --fail-on, 2 for unreadable input or rows that failed.
    """
    from remit.engine import ModelError
    from remit.rules.loader import TableError

    job = BatchJob(path, column, output, id_column, input_format, output_format, chunksize,
                   batch_size, n_process, on_bad_lines, model, tuple(rules),
                   max_sentence_tokens)
    tally = BatchReport(column, id_column) if report else None
    show_progress = not quiet and sys.stderr.isatty()
    # A plain SIGTERM would end the process without clean-up; as SystemExit it unwinds, so the
    # temporary output file is removed just as it is on Ctrl-C.
    signal.signal(signal.SIGTERM, _exit_on_term)
    try:
        with _progress_bar(display_name(path), show_progress and not dask_address) as progress:
            if dask_address is not None:
                from remit.batch.dask_run import run_on_dask

                summary = run_on_dask(job, dask_address, blocksize, quiet, tally)
            else:
                summary = run_batch(job, progress=progress, on_error=_row_error_printer(quiet),
                                    report=tally)
        if tally is not None:
            write_report(report, tally, summary, job)
    except (InputError, ModelError) as exc:
        die(str(exc))
    except TableError as exc:
        die(f"the table has errors:\n{exc}")
    if not quiet:
        for notice in summary.notices():
            click.echo(terminal_safe(f"remit: notice: {display_name(path)}: {notice}"), err=True)
        click.echo(terminal_safe(summary.line()), err=True)
    if summary.verdicts["error"]:
        sys.exit(EXIT_ERROR)
    checked = [v for v in summary.verdicts if v in SEVERITY]
    sys.exit(EXIT_FINDINGS if fails(checked, fail_on) else EXIT_OK)


def _processes(value: int) -> int:
    if value == 0:
        raise click.BadParameter("0 is not a number of processes (use -1 for one per core).")
    return value


def _exit_on_term(signum, frame) -> None:
    sys.exit(128 + signum)


@contextlib.contextmanager
def _progress_bar(name: str, enabled: bool):
    """Yield a progress hook that drives a tqdm bar on stderr, or None when disabled."""
    if not enabled:
        yield None
        return
    from tqdm import tqdm

    with tqdm(desc=f"checking {name}", unit=" rows", file=sys.stderr, dynamic_ncols=True) as bar:

        def update(rows: int, total: int | None) -> None:
            if total is not None and bar.total != total:
                bar.total = total
            bar.update(rows)

        yield update


def _row_error_printer(quiet: bool):
    """Return a hook printing the first few row failures to stderr."""
    shown = 0

    def report(row: int, row_id, reason: str) -> None:
        nonlocal shown
        shown += 1
        if quiet or shown > MAX_ROW_ERRORS_SHOWN:
            return
        label = f"row {row}" + _id_label(row_id)
        more = " (further row errors are only counted)" if shown == MAX_ROW_ERRORS_SHOWN else ""
        # The id and the reason (an exception's text) can hold what a cell held.
        click.echo(terminal_safe(f"remit: warning: {label}: {reason}{more}"), err=True)

    return report


def _id_label(row_id) -> str:
    """`` (id X)`` for a row's id, `` (id empty)`` for an empty cell, nothing without an id column.

    An empty cell reaches here as NaN, None or "" depending on the input format.
    """
    if row_id is None:
        return ""
    text = "" if _missing(row_id) else str(row_id).strip()
    if not text:
        return " (id empty)"
    return f" (id {text if len(text) <= 60 else text[:59] + '…'})"


def _missing(value) -> bool:
    """NaN and NaT differ from themselves; pandas' NA cannot be told true or false."""
    try:
        return bool(value != value)
    except TypeError:
        return True
