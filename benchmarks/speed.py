"""remit against bare spaCy, side by side in one process, on the same inputs.

    python benchmarks/speed.py [--shared ../shared] [--quick]
    python benchmarks/speed.py --real [--tokens N] [--rounds N]

``--real``: the real-prose mode (:func:`real_prose`, corpus from :mod:`prose`), the measure of
issue 16; the rest of this text describes the default mode (issue 5).

Prints tokens/s of (a) ``nlp.pipe`` with the model's full default pipeline, (b) the tokenizer
alone and (c) remit end to end (``Engine.check_many``: clean-up, first pass, parse, extraction,
verdicts), on an article corpus where about 1 sentence in 10 names an agency and on statements
that all do; then a bare ``nlp.pipe`` with only the components remit runs, (d) as spaCy ships
it and (e) with the matrix backend remit picks (numpy's BLAS, :mod:`remit.model.matrix`), which
leaves only remit's own work between them; two processes against one; and the cold start of
``remit check`` against loading the model. Every contender runs with one BLAS thread, as the
``remit`` command does. Timings are
wall-clock after a warm-up; the contenders run in turn, round after round, and each figure is
the median over rounds (ratios: the median of the ratios within a round). The targets are
those of issue 5.
"""

from __future__ import annotations

import argparse
import os

# Before numpy loads: every contender multiplies matrices on one thread, as `remit` does.
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpus  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--shared", type=Path, default=ROOT.parent / "shared",
                        help="folder with seeds/, sources/ and dev/ (optional)")
    parser.add_argument("--quick", action="store_true", help="smaller inputs, fewer runs")
    parser.add_argument("--batch-size", type=int, default=64)
    parser.add_argument("--real", action="store_true",
                        help="real-prose mode: filler of docstrings and licence texts")
    parser.add_argument("--tokens", type=int, default=60000,
                        help="--real: corpus size in tokens (20000 with --quick)")
    parser.add_argument("--rounds", type=int, default=None,
                        help="rounds (default 5, 3 with --quick or --real)")
    return parser.parse_args()


def model_name() -> str:
    """The model remit loads by default: the first of its defaults that is installed."""
    import spacy

    from remit.model import DEFAULT_MODELS

    return next(m for m in DEFAULT_MODELS if spacy.util.is_package(m))


def consume(items: Iterable) -> None:
    for _ in items:
        pass


def seconds(run: Callable[[list[str]], Iterable], texts: list[str]) -> float:
    """Wall-clock seconds of one run of ``run`` over ``texts``."""
    start = time.perf_counter()
    consume(run(texts))
    return time.perf_counter() - start


def side_by_side(runs: dict[str, Callable[[list[str]], Iterable]], texts: list[str],
                 tokens: int, rounds: int) -> tuple[dict[str, float], dict[str, list[float]]]:
    """Tokens/s of each run: the median over ``rounds`` rounds, each round running all in turn.

    A shared machine's speed drifts; running the contenders in turn within each round, and
    taking ratios within a round, keeps the drift out of the ratios. Each run is warmed up
    first on a few texts. Returns the medians and the per-round figures.
    """
    for run in runs.values():
        consume(run(texts[:3]))
    per_round: dict[str, list[float]] = {name: [] for name in runs}
    for _ in range(rounds):
        for name, run in runs.items():
            per_round[name].append(tokens / seconds(run, texts))
    return {name: statistics.median(v) for name, v in per_round.items()}, per_round


def ratio(per_round: dict[str, list[float]], top: str, bottom: str) -> float:
    """The median over rounds of ``top``'s speed over ``bottom``'s in the same round."""
    return statistics.median(t / b for t, b in zip(per_round[top], per_round[bottom],
                                                   strict=True))


def sentence_counter(engine) -> Callable[[str], tuple[int, int]]:
    """(sentences, sentences with a mention) of a text, by remit's own first pass."""
    from remit.runtime.prefilter import split_sentences

    nlp, extractor = engine.nlp, engine.nlp.get_pipe("remit_claims").extractor

    def count(text: str) -> tuple[int, int]:
        doc = nlp.make_doc(text)
        sents = split_sentences(doc)
        return len(sents), sum(bool(extractor.mentions(doc[s.start : s.end].as_doc()))
                               for s in sents)

    return count


def parsed_tokens(engine, texts: list[str]) -> tuple[int, int]:
    """(tokens in the sentences remit parses, all tokens) over ``texts``."""
    from remit.runtime.runner import SentenceRunner

    runner = SentenceRunner(engine.nlp)
    parsed = total = 0
    for text in texts:
        plan = runner.plan(text)
        parsed += sum(len(doc) for doc in plan.docs if doc is not None)
        total += len(engine.nlp.make_doc(plan.prepared.text))
    return parsed, total


def inputs(args, engine) -> dict[str, list[str]]:
    """The two corpora, named."""
    shared = args.shared if args.shared.is_dir() else None
    count = sentence_counter(engine)
    size = 700 if args.quick else 2200
    arts = corpus.articles(corpus.agency_paragraphs(shared), count, target_sentences=size)
    sents = sum(count(a)[0] for a in arts)
    mentions = sum(count(a)[1] for a in arts)
    stmts, origin = corpus.statements(shared)
    tokens = lambda t: len(engine.nlp.make_doc(t))  # noqa: E731
    stmts = corpus.repeat_to(stmts, tokens, 6000 if args.quick else 20000)
    print(f"articles: {len(arts)} texts, {sents} sentences, {mentions} with an agency "
          f"({mentions / sents:.0%}); agency text from {shared or corpus.DATA}")
    parsed, total = parsed_tokens(engine, arts)
    print(f"articles: the first pass sends {parsed} of {total} tokens to the parser "
          f"({parsed / total:.0%})")
    print(f"statements: {len(stmts)} rows from {origin}")
    return {"articles": arts, "statements": stmts}


def measure(name: str, texts: list[str], full, needed, engine, batch: int, rounds: int,
            same_gemm=None) -> dict:
    """Tokens/s of the bare pipelines and of remit on one corpus, and the ratios."""
    tokens = sum(len(d) for d in full.tokenizer.pipe(texts))
    runs = {
        "a": lambda ts: full.pipe(ts, batch_size=batch),
        "b": lambda ts: full.tokenizer.pipe(ts),
        "c": lambda ts: engine.check_many(ts, batch_size=batch),
    }
    if name == "statements":
        runs["d"] = lambda ts: needed.pipe(ts, batch_size=batch)
        runs["e"] = lambda ts: same_gemm.pipe(ts, batch_size=batch)
    speed, per_round = side_by_side(runs, texts, tokens, rounds)
    print(f"\n{name}: {tokens} tokens, median of {rounds} rounds")
    print(f"  (a) nlp.pipe, full pipeline {full.pipe_names}: {speed['a']:>10,.0f} tokens/s")
    print(f"  (b) tokenizer only:{'':27} {speed['b']:>10,.0f} tokens/s")
    if "d" in speed:
        print(f"  (d) nlp.pipe, remit's components {needed.pipe_names}: "
              f"{speed['d']:>10,.0f} tokens/s")
        print(f"  (e) the same, with remit's matrix backend (numpy BLAS):{'':1}"
              f"{speed['e']:>10,.0f} tokens/s")
    print(f"  (c) remit end to end:{'':25} {speed['c']:>10,.0f} tokens/s")
    out = {"c/a": ratio(per_round, "c", "a"), "c/b": ratio(per_round, "c", "b")}
    if "d" in speed:
        out["c/d"] = ratio(per_round, "c", "d")
        out["c/e"] = ratio(per_round, "c", "e")
    print("  " + "   ".join(f"{key} = {value:.3f}" for key, value in out.items()))
    for key in out:
        top, bottom = key.split("/")
        rounds_ = [t / b for t, b in zip(per_round[top], per_round[bottom], strict=True)]
        print(f"  {key} by round: " + " ".join(f"{r:.2f}" for r in rounds_))
    return out


def processes(texts: list[str], engine, needed, batch: int, rounds: int) -> float:
    """remit with two processes against one, on the same texts; returns the ratio.

    Bare ``nlp.pipe`` is measured the same way, as the machine's own limit.
    """
    tokens = sum(len(d) for d in engine.nlp.tokenizer.pipe(texts))
    out = {}
    for name, run in (("bare nlp.pipe", needed.pipe), ("remit", engine.check_many)):
        speed, per_round = side_by_side({
            "one": lambda ts: run(ts, batch_size=batch),  # noqa: B023
            "two": lambda ts: run(ts, batch_size=batch, n_process=2),  # noqa: B023
        }, texts, tokens, rounds)
        out[name] = ratio(per_round, "two", "one")
        print(f"\nstatements, {name} with 2 processes: {speed['two']:,.0f} tokens/s against "
              f"{speed['one']:,.0f} with 1 ({out[name]:.2f}x; {os.cpu_count()} cores)")
    return out["remit"]


# The CLI as the `remit` script runs it, from the code on sys.path (a worktree's, with
# PYTHONPATH), not necessarily the installed one.
REMIT = [sys.executable, "-c", "import sys; from remit.cli import main; sys.argv[0] = 'remit'; "
         "sys.exit(main())"]


def cold_start(model: str, runs: int) -> float:
    """Median seconds of ``remit check`` on one sentence over median ``spacy.load``."""
    remit = [*REMIT, "check", "--no-fail", "-"]
    load = [sys.executable, "-c", f"import spacy; spacy.load({model!r})"]

    def median(cmd: list[str], stdin: str = "") -> float:
        times = []
        for _ in range(runs):
            start = time.perf_counter()
            subprocess.run(cmd, input=stdin, capture_output=True, text=True, check=True)
            times.append(time.perf_counter() - start)
        return statistics.median(times)

    median(load)  # fill the file cache first
    bare = median(load)
    ours = median(remit, "ICE issues green cards.\n")
    print(f"\ncold start: remit check on one sentence {ours:.2f} s, "
          f"python -c 'import spacy; spacy.load(...)' {bare:.2f} s ({ours / bare:.2f}x; "
          f"median of {runs})")
    return ours / bare


def main() -> None:
    args = parse_args()
    if args.real:
        from speed_real import real_prose

        return real_prose(args)
    import spacy

    from remit.engine import Engine
    from remit.model.matrix import use_numpy_gemm

    model = model_name()
    full = spacy.load(model)
    needed = spacy.load(model, exclude=["ner"])
    same_gemm = spacy.load(model, exclude=["ner"])
    use_numpy_gemm(same_gemm)
    engine = Engine(model=model)
    print(f"model {model}, spaCy {spacy.__version__}, {os.cpu_count()} cores, "
          f"batch size {args.batch_size}, BLAS threads {os.environ['OPENBLAS_NUM_THREADS']}")
    corpora = inputs(args, engine)
    rounds = args.rounds or (3 if args.quick else 5)
    art = measure("articles", corpora["articles"], full, needed, engine, args.batch_size, rounds)
    stm = measure("statements", corpora["statements"], full, needed, engine, args.batch_size,
                  rounds, same_gemm)
    two = processes(corpora["statements"], engine, needed, args.batch_size, rounds)
    cold = cold_start(model, 3 if args.quick else 5)
    targets = [
        ("articles: remit >= 8x bare nlp.pipe", art["c/a"] >= 8),
        ("articles: remit >= 25% of tokenizer only", art["c/b"] >= 0.25),
        ("statements: remit >= 0.9x nlp.pipe with remit's components", stm["c/d"] >= 0.9),
        ("  (the same, bare with remit's matrix backend: remit's own work alone)",
         stm["c/e"] >= 0.9),
        ("statements: --n-process 2 >= 1.6x one process", two >= 1.6),
        ("cold start <= 1.3x spacy.load", cold <= 1.3),
    ]
    print("\ntargets:")
    for text, met in targets:
        print(f"  [{'met' if met else 'NOT met'}] {text}")


if __name__ == "__main__":
    main()
