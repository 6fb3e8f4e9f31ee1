"""Check texts in several worker processes, each with its own engine; results in input order.

``nlp.pipe(n_process=...)`` sends every parsed ``Doc`` back to the main process as bytes, and the
main process still runs the first pass and the verdicts: on short texts that copying and that
serial work cost more than the parse they spread. Here each worker runs the whole job (clean-up,
first pass, parse, extraction, verdicts) on a chunk of texts and sends back only the findings,
small frozen records. At most two chunks per worker are in flight, so memory stays flat on a
stream of any length.

Where the platform can ``fork`` (Linux), workers inherit the loaded model and table, so nothing is
loaded twice; elsewhere each worker loads them once, when it starts.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from remit.engine import Engine
    from remit.records import Finding

# A chunk closes at ``batch_size`` texts or at this many characters, whichever comes first, so a
# few long articles still spread over the workers.
CHUNK_CHARS = 20_000
# Chunks in flight per worker: one being checked, one waiting.
IN_FLIGHT = 2

_engine: Engine | None = None  # the engine of this worker process


def cpu_count() -> int:
    """The cores this process may run on (the affinity mask where the platform has one)."""
    if hasattr(os, "sched_getaffinity"):
        return max(1, len(os.sched_getaffinity(0)))
    return max(1, os.cpu_count() or 1)


def resolve_processes(n_process: int) -> int:
    """Return the number of workers for ``n_process``: -1 means one per core."""
    return cpu_count() if n_process == -1 else max(1, n_process)


def check_parallel(engine: Engine, texts: Iterable[str], batch_size: int,
                   n_process: int) -> Iterator[list[Finding]]:
    """Yield the findings of each text, in input order, checked by ``n_process`` workers."""
    context = _context()
    if context.get_start_method() == "fork":
        # Load before forking, so the workers share the loaded model instead of loading it.
        engine.nlp  # noqa: B018
        engine.table  # noqa: B018
    pool = ProcessPoolExecutor(n_process, mp_context=context, initializer=_start_worker,
                               initargs=(engine,))
    pending: deque[Future] = deque()
    # On Ctrl-C or when the caller stops reading, leave at once; otherwise (done, or a worker's
    # error) wait for the chunks already running, so no worker or pool thread outlives the
    # call, and a caller that starts a new pool (batch retries row by row) forks from a
    # process with no stray threads.
    wait = True
    try:
        for chunk in _chunks(texts, batch_size):
            pending.append(pool.submit(_check_chunk, chunk, batch_size))
            while len(pending) >= IN_FLIGHT * n_process:
                yield from pending.popleft().result()
        while pending:
            yield from pending.popleft().result()
    except (GeneratorExit, KeyboardInterrupt):
        wait = False
        raise
    finally:
        pool.shutdown(wait=wait, cancel_futures=True)


def _context() -> multiprocessing.context.BaseContext:
    methods = multiprocessing.get_all_start_methods()
    return multiprocessing.get_context("fork" if "fork" in methods else "spawn")


def _chunks(texts: Iterable[str], batch_size: int) -> Iterator[list[str]]:
    chunk: list[str] = []
    size = 0
    for text in texts:
        chunk.append(text)
        size += len(text) if isinstance(text, str) else 0
        if len(chunk) >= batch_size or size >= CHUNK_CHARS:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def _start_worker(engine: Engine) -> None:
    """Keep this worker's engine; Ctrl-C is the main process's to handle.

    A worker is one of several processes sharing the cores: its BLAS runs one thread. A forked
    worker has numpy loaded already and is limited now; a spawned one loads numpy later, and
    reads the environment variable then.
    """
    from remit.model.matrix import limit_blas_threads, one_blas_thread_by_default

    global _engine
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()
    one_blas_thread_by_default()
    limit_blas_threads(1)
    _engine = engine


_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


def die_with_parent() -> bool:
    """Ask Linux to end this process when its parent dies (a killed ``remit batch``).

    Without it, a worker of a parent killed by SIGKILL runs on, holding memory and a core.
    Returns whether the request was made; other systems have no such call, and their workers end
    when the pool's pipe to the dead parent breaks.
    """
    if not sys.platform.startswith("linux"):
        return False
    import ctypes

    parent = multiprocessing.parent_process()
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM, 0, 0, 0) != 0:
            return False
    except (OSError, AttributeError):
        return False
    if parent is not None and os.getppid() != parent.pid:  # it died before the request
        os._exit(1)
    return True


def _check_chunk(texts: list[str], batch_size: int) -> list[list[Finding]]:
    from remit.errors import WorkerError

    if _engine is None:
        raise WorkerError("remit worker process started without an engine")
    return list(_engine.check_many(texts, batch_size=batch_size))
