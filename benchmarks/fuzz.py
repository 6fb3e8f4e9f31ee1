"""A long fuzz sweep: generated texts, tables and files through remit; prints what went wrong.

The generators are those of the property tests (``tests/robustness/generated.py``), run for
many more examples, plus the hostile corpus of ``tests/robustness/hostile.py``, once each:

- texts: ``remit.check_text`` (the real model) must not raise, and every finding must lie in the
  text, in text order;
- tables: JSON Lines and CSV through ``run_batch`` into CSV, TSV, JSON Lines and Parquet must
  keep every row, in order, and every value;
- files: ``remit check`` and ``remit batch`` on the command line (in-process) must exit 0, 1 or
  2, never with a traceback, and an exit 2 must come with a ``remit: error`` line.

Figures: examples tried, crashes (an exception, or exit 3), lost rows (a row missing, moved or
changed), wrong exit codes. ``--examples N`` (default 10,000) is shared 70/30 between texts and
tables; ``--files N`` (default 200) more go through the command line; ``--seed`` other than 0
draws a random sequence instead of the fixed one.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
import traceback
from collections import Counter
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent.parent / "tests"))
from robustness import generated  # noqa: E402
from robustness.hostile import table_corpus, text_corpus  # noqa: E402

FAILS = Counter()
EXAMPLES = Counter()
FIRST: dict[str, str] = {}  # the first failure of each kind, to show


def _fail(kind: str, what: str) -> None:
    FAILS[kind] += 1
    FIRST.setdefault(kind, what[:2000])


def _settings(n: int, seed: int):
    return settings(max_examples=n, derandomize=seed == 0, deadline=None, database=None,
                    suppress_health_check=list(HealthCheck))


def sweep_texts(n: int, seed: int, engine) -> None:
    @_settings(n, seed)
    @given(text=generated.texts())
    def one(text):
        EXAMPLES["texts"] += 1
        try:
            findings = engine.check(_readable(text))  # what check_text does
        except Exception:  # noqa: BLE001 - counted, not raised: the sweep goes on
            return _fail("crash", f"check_text({text!r})\n{traceback.format_exc()}")
        starts = [f.claim.start for f in findings]
        if starts != sorted(starts) or any(not 0 <= f.claim.start < f.claim.end <= len(text)
                                           for f in findings):
            _fail("misplaced", repr(text))

    one()


def _readable(text: str) -> str:
    from remit.inputs import replace_unencodable

    return replace_unencodable(text)[0]


def sweep_tables(n: int, seed: int) -> None:
    @_settings(n, seed)
    @given(data=st.data(), out_format=st.sampled_from(["jsonl", "csv", "tsv", "parquet"]),
           chunksize=st.integers(1, 5))
    def one(data, out_format, chunksize):
        EXAMPLES["tables"] += 1
        in_format = data.draw(st.sampled_from(["jsonl", "csv"]))
        table = data.draw(generated.tables() if in_format == "jsonl" else generated.text_tables())
        with tempfile.TemporaryDirectory() as tmp:
            try:
                back, sent = generated.round_trip(table, in_format, out_format, Path(tmp),
                                                  chunksize)
            except Exception:  # noqa: BLE001
                return _fail("crash", f"{in_format}->{out_format} {table!r}\n"
                                      f"{traceback.format_exc()}")
        if not _kept(back, sent, in_format, out_format):
            _fail("lost rows", f"{in_format}->{out_format} {table!r} -> {back!r}")

    one()


def _kept(back: list[dict], sent: list[dict], in_format: str, out_format: str) -> bool:
    if len(back) != len(sent):
        return False
    for got, record in zip(back, sent, strict=True):
        if in_format == "csv" or out_format in ("csv", "tsv"):
            if any(str(got.get(k)) != str(v) and not generated.same_value(got.get(k), v, "csv")
                   for k, v in record.items()):
                return False
        elif any(not generated.same_value(got.get(k), v, out_format) for k, v in record.items()):
            return False
    return True


EXTENSIONS = (".txt", ".md", ".html")


def sweep_files(n: int, seed: int, run) -> None:
    @_settings(n, seed)
    @given(text=generated.texts(), ext=st.sampled_from(EXTENSIONS),
           encoding=st.sampled_from(["utf-8", "utf-16", "utf-8-sig", "latin-1", "raw"]))
    def one(text, ext, encoding):
        EXAMPLES["files"] += 1
        data = (text.encode("utf-8", "surrogatepass") if encoding == "raw"
                else text.encode(encoding, "replace"))
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp, "doc" + ext)
            path.write_bytes(data)
            _judge_exit(run("check", "--format", "jsonl", path), f"check {data[:200]!r}")

    one()


def _judge_exit(result, what: str, wrote: bool = False) -> None:
    """Exit 0, 1 or 2 without a traceback; 2 with an error line, or (``wrote``) rows failed."""
    if result.exit_code == 3 or "Traceback" in result.stderr or (
            result.exception is not None and not isinstance(result.exception, SystemExit)):
        return _fail("crash", f"{what}\n{result.stderr[-1500:]}")
    errors = [line for line in result.stderr.splitlines() if line.startswith("remit: error")]
    if result.exit_code not in (0, 1, 2) or (result.exit_code == 2 and not errors
                                              and not wrote):
        _fail("wrong exit code", f"{what}: exit {result.exit_code}\n{result.stderr[-500:]}")


def sweep_corpus(run, fake_run) -> None:
    """The hostile corpus: every text through ``check``, every table through ``batch``."""
    with tempfile.TemporaryDirectory() as tmp:
        for name, data in text_corpus().items():
            EXAMPLES["hostile"] += 1
            path = Path(tmp, name)
            path.write_bytes(data)
            _judge_exit(run("check", path), name)
        for name, (data, rows) in table_corpus().items():
            for out in ("csv", "jsonl", "parquet"):
                EXAMPLES["hostile"] += 1
                path, target = Path(tmp, name), Path(tmp, f"out-{name}.{out}")
                path.write_bytes(data)
                result = fake_run("batch", path, "--column", "text", "-o", target,
                                  "--chunksize", 2)
                _judge_exit(result, f"batch {name} -> {out}", wrote=target.exists())
                if rows is not None and len(generated.read_output(target)) != rows:
                    _fail("lost rows", f"batch {name} -> {out}")


def _runners(engine):
    """``remit ARGS`` in-process: with the loaded model, and with the keyword engine."""
    from click.testing import CliRunner
    from fake import KeywordEngine

    import remit.engine
    from remit.cli import main

    real = remit.engine.get_engine

    def invoke(choice):
        def run(*args):
            remit.engine.get_engine = lambda *a, **k: choice
            try:
                return CliRunner().invoke(main, [str(a) for a in args])
            finally:
                remit.engine.get_engine = real
        return run

    return invoke(engine), invoke(KeywordEngine())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0, help="0: derandomized (repeatable)")
    parser.add_argument("--files", type=int, default=200,
                        help="files through the command line (about 1 s each), besides")
    parser.add_argument("--only", nargs="*", default=["hostile", "texts", "tables", "files"])
    args = parser.parse_args()
    from remit.engine import get_engine

    engine = get_engine()
    _ = engine.nlp
    run, fake_run = _runners(engine)
    start = time.perf_counter()
    texts = args.examples * 70 // 100
    sweeps = [("hostile", lambda: sweep_corpus(run, fake_run)),
              ("texts", lambda: sweep_texts(texts, args.seed, engine)),
              ("tables", lambda: sweep_tables(args.examples - texts, args.seed)),
              ("files", lambda: sweep_files(args.files, args.seed, run))]
    for name, sweep in sweeps:
        if name in args.only:
            began = time.perf_counter()
            sweep()
            print(f"{name}: {EXAMPLES[name]:,} in {time.perf_counter() - began:.0f} s",
                  flush=True)
    tried = sum(EXAMPLES.values())
    print(f"examples tried: {tried:,} ({', '.join(f'{v:,} {k}' for k, v in EXAMPLES.items())})"
          f" in {time.perf_counter() - start:.0f} s")
    labels = {"crash": "crashes", "lost rows": "lost rows", "wrong exit code": "wrong exit codes",
              "misplaced": "misplaced findings"}
    for kind, label in labels.items():
        print(f"{label:<19} {FAILS[kind]:,}")
    for kind, what in FIRST.items():
        print(f"\nfirst {kind}:\n{what}")
    sys.exit(1 if FAILS else 0)


if __name__ == "__main__":
    main()
