"""Throughput and peak memory of ``remit batch`` at 10k, 100k and (optionally) 1M rows.

Each size runs ``remit batch`` in a fresh process, measured by a fresh parent, so the peak RSS
of one size cannot leak into the next. Streaming means the peak should stay flat as rows grow.

    python benchmarks/batch_memory.py              # 10k and 100k rows
    python benchmarks/batch_memory.py --with-1m    # and 1,000,000 rows (about an hour on 1 core)
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SIZES = (10_000, 100_000)
MILLION = 1_000_000

# Most statements in the wild name no agency; about one in six here does.
PLAIN = [
    "The city council approved the new budget on {day}.",
    "Our team met with {n} families at the community center.",
    "Rents rose by {n} percent in the county last year.",
    "The school district hired {n} new teachers for the fall.",
    "Volunteers handed out {n} meals at the shelter on {day}.",
    "The bridge will be closed for repairs until {day}.",
    "Local farms reported a smaller harvest than expected.",
    "The library extended its opening hours on {day}.",
]
CLAIMS = [
    "ICE issues green cards.",
    "USCIS issues green cards to eligible applicants.",
    "CBP inspects travelers at ports of entry.",
    "USCIS runs immigration detention centers.",
    "Immigration judges work for the Department of Justice.",
    "ICE decides asylum applications.",
    "Border Patrol is part of CBP.",
]
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")


def statement(rng: random.Random) -> str:
    """Return one statement-like sentence."""
    if rng.random() < 1 / 6:
        return rng.choice(CLAIMS)
    return rng.choice(PLAIN).format(day=rng.choice(DAYS), n=rng.randint(2, 900))


def generate(path: Path, rows: int, seed: int = 0) -> None:
    """Write a CSV of ``rows`` statements with an id column, streaming (no list in memory)."""
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8") as handle:
        handle.write("id,text\n")
        for i in range(rows):
            handle.write(f"s{i},\"{statement(rng)}\"\n")


def measure(csv: Path, out: Path, options: list[str]) -> dict:
    """Run ``remit batch`` once; return wall time and the peak RSS of its processes.

    Called in a process of its own (``--measure``), so RUSAGE_CHILDREN sees only this run.
    """
    command = [sys.executable, "-m", "remit.cli", "batch", str(csv), "--column", "text",
               "-o", str(out), "--quiet", "--fail-on", "never", *options]
    start = time.perf_counter()
    subprocess.run(command, check=True)
    seconds = time.perf_counter() - start
    peak_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss  # KiB on Linux
    return {"seconds": seconds, "peak_mib": peak_kib / 1024}


def run_size(rows: int, folder: Path, options: list[str]) -> dict:
    """Generate, then measure one size in a fresh measuring process."""
    csv, out = folder / f"rows_{rows}.csv", folder / f"rows_{rows}.out.csv"
    generate(csv, rows)
    child = subprocess.run(
        [sys.executable, __file__, "--measure", str(csv), str(out), "--", *options],
        check=True, capture_output=True, text=True,
    )
    result = json.loads(child.stdout)
    with out.open(encoding="utf-8") as handle:
        written = sum(1 for _ in handle) - 1  # no cell has a newline here, so lines are rows
    if written != rows:
        raise SystemExit(f"{rows} rows in, {written} out")
    csv.unlink()
    out.unlink()
    return {"rows": rows, **result, "rows_per_s": rows / result["seconds"]}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--with-1m", action="store_true", help="also run 1,000,000 rows")
    parser.add_argument("--sizes", type=int, nargs="*", help="row counts to run instead")
    parser.add_argument("--measure", nargs=2, metavar=("CSV", "OUT"), help=argparse.SUPPRESS)
    parser.add_argument("options", nargs="*", help="extra remit batch options, after --")
    args = parser.parse_args()
    if args.measure:
        print(json.dumps(measure(Path(args.measure[0]), Path(args.measure[1]), args.options)))
        return
    sizes = list(args.sizes or SIZES) + ([MILLION] if args.with_1m else [])
    print(f"{'rows':>10} {'seconds':>9} {'rows/s':>8} {'peak RSS MiB':>13}", flush=True)
    with tempfile.TemporaryDirectory(prefix="remit-bench-") as folder:
        for rows in sizes:
            r = run_size(rows, Path(folder), args.options)
            print(f"{rows:>10,} {r['seconds']:>9.1f} {r['rows_per_s']:>8.0f} "
                  f"{r['peak_mib']:>13.0f}", flush=True)


if __name__ == "__main__":
    main()
