"""Rows per second of ``remit batch --dask`` with 1 and 2 local workers against ``--n-process``.

All four runs check the same generated CSV (statement-like rows, about one in six naming an
agency, as in ``batch_memory.py``), one after another in this run, each in a fresh ``remit``
process. For Dask a fresh 1- or 2-worker LocalCluster is started before the run and its start
is not timed; the workers load the model inside the timed run, as ``remit batch`` does. The
input is cut into ``--partitions`` blocks (``--blocksize``), so both workers have work.

Peak memory: the largest ``remit`` process for ``--n-process`` (``getrusage`` of children) and,
for Dask, each worker's own peak RSS (asked of the workers after the run) and the client's.

    python benchmarks/dask_scale.py                  # 200,000 rows
    python benchmarks/dask_scale.py --rows 20000     # a quick look
"""

from __future__ import annotations

import argparse
import logging
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from batch_memory import generate  # noqa: E402

REMIT = [sys.executable, "-c", "import sys; from remit.cli import main; sys.exit(main())"]
# A fresh parent per run, so one run's peak (getrusage of children is a maximum over all the
# children so far) cannot hide the next one's.
PARENT = ("import resource, subprocess, sys; code = subprocess.run(sys.argv[1:]).returncode; "
          "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")


def _timed(args: list[str]) -> tuple[float, int]:
    """Run remit with ``args``; return seconds and the peak RSS of its processes (KiB)."""
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", PARENT, *REMIT, *args], capture_output=True,
                          text=True)
    seconds = time.perf_counter() - start
    if done.returncode not in (0, 1):
        sys.exit(f"remit {' '.join(args)} failed:\n{done.stderr}")
    return seconds, int(done.stdout.split()[-1])


def local_run(source: Path, out: Path, processes: int) -> dict:
    seconds, peak = _timed(["batch", str(source), "--column", "text", "-o", str(out),
                            "--n-process", str(processes), "-q"])
    return {"seconds": seconds, "peaks": [peak]}


def _worker_peak() -> int:
    import resource as res

    return res.getrusage(res.RUSAGE_SELF).ru_maxrss


def dask_run(source: Path, out: Path, workers: int, blocksize: int) -> dict:
    from distributed import Client, LocalCluster

    with LocalCluster(n_workers=workers, threads_per_worker=1, processes=True,
                      dashboard_address=":0", silence_logs=logging.CRITICAL) as cluster, \
            Client(cluster) as client:
        seconds, client_peak = _timed(
            ["batch", str(source), "--column", "text", "-o", str(out), "-q",
             "--dask", cluster.scheduler_address, "--blocksize", str(blocksize)])
        peaks = sorted(client.run(_worker_peak).values())
    return {"seconds": seconds, "peaks": peaks, "client": client_peak}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=200_000)
    parser.add_argument("--partitions", type=int, default=16)
    parser.add_argument("--reverse", action="store_true",
                        help="run Dask first: on a shared machine, shows how much the order moves")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        source = folder / "rows.csv"
        generate(source, args.rows)
        blocksize = source.stat().st_size // args.partitions + 1
        plan = [
            ("remit batch --n-process 1", lambda: local_run(source, folder / "a.csv", 1)),
            ("remit batch --n-process 2", lambda: local_run(source, folder / "b.csv", 2)),
            ("--dask, 1 local worker", lambda: dask_run(source, folder / "c.csv", 1, blocksize)),
            ("--dask, 2 local workers", lambda: dask_run(source, folder / "d.csv", 2, blocksize)),
        ]
        runs = {name: run() for name, run in (plan[::-1] if args.reverse else plan)}
        runs = {name: runs[name] for name, _ in plan}
        outputs = {(folder / n).read_bytes() for n in ("a.csv", "b.csv", "c.csv", "d.csv")}
    base = runs["remit batch --n-process 1"]["seconds"]
    print(f"{args.rows:,} rows, {args.partitions} partitions for Dask; all outputs equal: "
          f"{len(outputs) == 1}")
    print("| run | seconds | rows/s | ratio to --n-process 1 | peak RSS per process |")
    print("| --- | ---: | ---: | ---: | --- |")
    for name, run in runs.items():
        peaks = ", ".join(f"{p // 1024} MiB" for p in run["peaks"])
        if "client" in run:
            peaks = f"workers {peaks}; client {run['client'] // 1024} MiB"
        print(f"| {name} | {run['seconds']:.1f} | {args.rows / run['seconds']:,.0f} | "
              f"{base / run['seconds']:.2f} | {peaks} |")


if __name__ == "__main__":
    main()
