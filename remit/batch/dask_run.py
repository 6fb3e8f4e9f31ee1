"""``remit batch --dask``: the partitions of the input checked on a Dask cluster, in order.

Each partition is one task, :func:`remit.dask.check_partition` (the per-row logic of
``remit batch``), then, for a folder output, :func:`remit.batch.dask_io.write_part` on the same
worker. A worker that dies is replaced by its nanny and the scheduler reruns the tasks it held
(Dask's default); a part is replaced whole, so every row is written once. For one output file
the checked partitions come back to this process and are written in partition order as they
arrive, through the writers of ``remit batch``.
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
from collections.abc import Callable, Iterator

from remit import __version__
from remit.batch.dask_io import (
    atomic_folder,
    input_files,
    is_folder_output,
    part_name,
    part_schema,
    read_parts,
    write_part,
    write_sidecar,
)
from remit.batch.io import EXTENSIONS
from remit.batch.output import Writer, open_output
from remit.batch.run import BatchJob, Summary
from remit.formats.base import terminal_safe
from remit.inputs import InputError, format_by_extension

LOCAL = "local"
DEFAULT_BLOCKSIZE = 64 * 2**20  # bytes of CSV or JSON Lines per partition, as Dask reads CSV
Echo = Callable[[str], None]


def parse_address(value: str) -> tuple[str, int | None]:
    """Return ``("local", N)`` for ``local`` or ``local:N``, else ``(address, None)``."""
    if value != LOCAL and not value.startswith(f"{LOCAL}:"):
        return value, None
    count = value[len(LOCAL) + 1:] or str(os.cpu_count() or 1)
    if not count.isdigit() or int(count) < 1:
        raise InputError(f"--dask {value}: expected local or local:N with N a number of workers")
    return LOCAL, int(count)


@contextlib.contextmanager
def connect(address: str) -> Iterator[object]:
    """Yield a client of the scheduler at ``address``, or of a LocalCluster for ``local[:N]``."""
    from distributed import Client, LocalCluster

    where, workers = parse_address(address)
    if workers is None:
        try:
            client = Client(where, timeout="20s")
        except (OSError, TimeoutError, ValueError) as exc:
            raise InputError(f"--dask {address}: cannot reach the scheduler: {exc}") from None
        with client:
            yield client
        return
    # Any free port: two runs on one machine must not fight over Dask's default, 8787.
    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.CRITICAL) as cluster, \
            Client(cluster) as client:
        yield client


def _has_bokeh() -> bool:
    try:
        import bokeh  # noqa: F401 - the dashboard needs it
    except ImportError:
        return False
    return True


def run_on_dask(job: BatchJob, address: str, blocksize: str | None, quiet: bool,
                report=None) -> Summary:
    """Run ``remit batch --dask`` for the command line; print the dashboard and table version."""
    try:
        import dask.dataframe  # noqa: F401
        import distributed  # noqa: F401
    except ImportError as exc:
        raise InputError(f"--dask needs the dask extra ({exc.name} is not installed): "
                         "pip install 'remit[dask]'") from None
    if job.n_process != 1 or job.on_bad_lines != "error" or report is not None:
        raise InputError("--dask runs one process per worker and reads with Dask's readers: "
                         "leave out --n-process, --on-bad-lines and --report")

    def echo(line: str) -> None:
        if not quiet:
            print(terminal_safe(line), file=sys.stderr, flush=True)

    summary, version = run_dask(job, address, parse_blocksize(blocksize),
                                progress=not quiet and sys.stderr.isatty(), echo=echo)
    echo(f"remit: notice: judged with table version {version}")
    return summary


def parse_blocksize(value: str | None) -> int | None:
    """Return ``--blocksize`` in bytes (``64MB``, ``1e6``, ``0``: one partition per file)."""
    from dask.utils import parse_bytes

    if value is None:
        return DEFAULT_BLOCKSIZE
    try:
        size = parse_bytes(value)
    except (ValueError, TypeError):
        raise InputError(f"--blocksize {value}: expected a size such as 64MB, or 0") from None
    return size or None


def dashboard_line(client, address: str) -> str | None:
    """Return the line naming the scheduler's dashboard, or how to get one."""
    services = client.scheduler_info().get("services", {})
    # Without bokeh a scheduler still serves its HTTP routes, but no dashboard pages.
    if "dashboard" not in services or not client.run_on_scheduler(_has_bokeh):
        return "remit: notice: no Dask dashboard (it needs bokeh: pip install bokeh)"
    return f"remit: dashboard: {client.dashboard_link}"


def run_dask(job: BatchJob, address: str, blocksize=DEFAULT_BLOCKSIZE, progress: bool = False,
             echo: Echo | None = None) -> tuple[Summary, str]:
    """Check ``job.source`` on the cluster at ``address``; return the summary and table version.

    Raises InputError for unreadable input, a part that cannot be checked or an unreachable
    scheduler, and TableError for rules files with errors, as :func:`run_batch` does.
    """
    from remit.dask import EngineSpec

    files, read_format = input_files(job.source, job.input_format)
    folder = is_folder_output(job.output)
    write_format = job.output_format or (
        None if folder else format_by_extension(job.output, EXTENSIONS)) or read_format
    spec = EngineSpec.of(job.model, job.rules, job.batch_size, job.max_sentence_tokens)
    parts = list(read_parts(files, read_format, blocksize, job.column, job.id_column))
    metadata = {"table_version": spec.version, "remit_version": __version__,
                "model": job.model, "column": job.column, "parts": len(parts)}
    with connect(address) as client:
        if echo is not None:
            echo(dashboard_line(client, address))
        run = _Run(client, parts, job, spec, progress)
        summary = (run.to_folder(write_format, metadata) if folder
                   else run.to_file(write_format, metadata))
    return summary, spec.version


class _Run:
    """The tasks of one run and their results, collected in any order, used in order."""

    def __init__(self, client, parts, job: BatchJob, spec, progress: bool):
        self._client = client
        self._parts = parts
        self._job = job
        self._spec = spec
        self._progress = progress

    def _checked(self):
        from dask import delayed

        from remit.dask import check_partition

        return [delayed(check_partition)(part.data, self._job.column, self._spec,
                                         self._job.id_column, part.name)
                for part in self._parts]

    def to_folder(self, fmt: str, metadata: dict) -> Summary:
        """Have the workers write one part per partition; move the folder into place."""
        from dask import delayed

        summary = Summary(self._job.output.rstrip("/") + f"/ ({len(self._parts)} parts)")
        with atomic_folder(self._job.output) as temp:
            names = [part_name(n, len(self._parts), fmt) for n in range(len(self._parts))]
            tasks = [delayed(write_part)(checked, f"{temp}/{name}", fmt, metadata)
                     for checked, name in zip(self._checked(), names, strict=True)]
            for _, counts in self._collect(tasks):
                summary.verdicts.update(counts)
            write_sidecar(temp, dict(metadata, files=names, verdicts=dict(summary.verdicts)))
        return summary

    def to_file(self, fmt: str, metadata: dict) -> Summary:
        """Bring the checked partitions here and write them, in order, to one file."""
        summary = Summary(self._job.output)
        waiting: dict[int, object] = {}
        following = 0
        with open_output(self._job.output) as stream:
            writer = None
            for number, frame in self._collect(self._checked()):
                waiting[number] = frame
                while following in waiting:
                    frame = waiting.pop(following)
                    if writer is None:
                        schema = part_schema(frame, metadata) if fmt == "parquet" else None
                        writer = Writer(stream, fmt, schema)
                    writer.write(frame)
                    summary.verdicts.update(frame["verdict"])
                    following += 1
            if writer is not None:
                writer.close()
        return summary

    def _collect(self, tasks) -> Iterator[tuple[int, object]]:
        """Yield ``(partition number, result)`` as tasks finish; the first failure stops all."""
        from distributed import as_completed

        futures = self._client.compute(tasks)
        number = {future.key: n for n, future in enumerate(futures)}
        with _bar(len(futures), self._workers(), self._progress) as bar:
            try:
                for future in as_completed(futures):
                    if future.status != "finished":
                        raise self._failure(future, self._parts[number[future.key]].name)
                    yield number[future.key], future.result()
                    future.release()
                    bar.update(1)
            finally:
                self._client.cancel(futures)

    def _workers(self) -> int:
        return len(self._client.scheduler_info().get("workers", {}))

    @staticmethod
    def _failure(future, name: str) -> InputError:
        try:
            exc = future.exception()
        except Exception as cancelled:  # noqa: BLE001 - a cancelled future raises here
            exc = cancelled
        if isinstance(exc, InputError):
            return exc
        lines = str(exc).strip().splitlines()
        reason = f"{type(exc).__name__}: {lines[0]}" if lines else type(exc).__name__
        return InputError(f"{name}: {reason}")


@contextlib.contextmanager
def _bar(total: int, workers: int, enabled: bool):
    """Yield a progress bar of partitions on stderr (one that does nothing when disabled)."""
    from tqdm import tqdm

    label = f"checking {total} partitions on {workers} worker{'s' if workers != 1 else ''}"
    with tqdm(total=total, desc=label, unit=" parts", file=sys.stderr, disable=not enabled,
              dynamic_ncols=True) as bar:
        yield bar
