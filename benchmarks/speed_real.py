"""The real-prose mode of ``speed.py`` (``--real``): the measure of issue 16.

On a corpus of real English (:mod:`prose`: standard-library docstrings and licence texts, with
remit's own agency sentences making up about 1 sentence in 10), side by side in one run, each
contender in turn within every round:

- remit's API (``Engine.check_many`` on the articles);
- ``remit check FILE`` (the CLI, a fresh process on the articles written as one file), with its
  start-up and without it (less a check of a one-line file in the same round);
- bare ``nlp.pipe`` of the full pipeline on the articles;
- a stock parser pipe (the model as spaCy ships it, without NER) on just the sentences remit's
  first pass sends to the parser;
- remit's own parse of just those sentences (its pipeline, remit_claims off): the limit, what
  parsing alone costs with remit's speed-ups.

Every speed is in tokens *of the whole corpus* per second, so the figures compare the time to
get the same job done. Then the start-up of ``remit check`` against ``spacy.load``.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import tempfile
import time
from pathlib import Path

import prose
from speed import REMIT, cold_start, consume, model_name, sentence_counter


def corpus(engine, target_tokens: int) -> tuple[list[str], list[str]]:
    """(articles, the sentence texts remit's first pass sends to the parser)."""
    from remit.runtime.runner import SentenceRunner

    tokens = lambda t: len(engine.nlp.make_doc(t))  # noqa: E731
    articles = prose.real_articles(sentence_counter(engine), tokens, target_tokens)
    runner = SentenceRunner(engine.nlp)
    parsed = []
    for text in articles:
        plan = runner.plan(text)
        parsed += [plan.docs[i].text for i in plan.waiting]
    return articles, parsed


def describe(engine, articles: list[str], parsed: list[str]) -> int:
    """Print what the corpus holds; return its tokens."""
    count = sentence_counter(engine)
    sents = mentions = 0
    for text in articles:
        n, m = count(text)
        sents, mentions = sents + n, mentions + m
    tokens = sum(len(d) for d in engine.nlp.tokenizer.pipe(articles))
    parsed_tokens = sum(len(d) for d in engine.nlp.tokenizer.pipe(parsed))
    words = len({t.lower_ for d in engine.nlp.tokenizer.pipe(articles) for t in d})
    print(f"real prose: {len(articles)} articles, {tokens:,} tokens ({words:,} distinct words), "
          f"{sents:,} sentences, {mentions:,} naming an agency ({mentions / sents:.0%}); the "
          f"first pass sends {len(parsed):,} sentences, {parsed_tokens:,} tokens "
          f"({parsed_tokens / tokens:.0%}) to the parser")
    return tokens


def cli_seconds(path: Path) -> float:
    start = time.perf_counter()
    subprocess.run([*REMIT, "check", "--no-fail", str(path)], capture_output=True, check=True)
    return time.perf_counter() - start


def contenders(engine, full, needed, articles, parsed, batch: int, folder: Path) -> dict:
    """Name -> a run of no arguments; each returns when its work is done."""
    text = Path(folder, "articles.txt")
    text.write_text("\n\n".join(articles), encoding="utf-8")
    tiny = Path(folder, "tiny.txt")
    tiny.write_text("ICE issues green cards.\n", encoding="utf-8")
    disable = [n for n in ("ner", "remit_claims") if n in engine.nlp.pipe_names]
    return {
        "api": lambda: consume(engine.check_many(articles, batch_size=batch)),
        "cli": lambda: cli_seconds(text),
        "start-up": lambda: cli_seconds(tiny),
        "bare": lambda: consume(full.pipe(articles, batch_size=batch)),
        "stock": lambda: consume(needed.pipe(parsed, batch_size=batch)),
        "limit": lambda: consume(engine.nlp.pipe(parsed, batch_size=batch, disable=disable)),
    }


def timed_rounds(runs: dict, rounds: int) -> dict[str, list[float]]:
    """Seconds of each run in each round (the contenders in turn within a round)."""
    per_round: dict[str, list[float]] = {name: [] for name in runs}
    for k in range(rounds):
        for name, run in runs.items():
            start = time.perf_counter()
            run()
            per_round[name].append(time.perf_counter() - start)
        print(f"  round {k + 1}: " + ", ".join(f"{n} {v[-1]:.2f} s"
                                              for n, v in per_round.items()), flush=True)
    return per_round


def table(per_round: dict[str, list[float]], tokens: int) -> dict[str, float]:
    """Print the side-by-side table; return the ratios the targets read."""
    net = [c - s for c, s in zip(per_round["cli"], per_round["start-up"], strict=True)]
    speed = {name: tokens / statistics.median(v) for name, v in per_round.items()}

    def over(top: list[float], bottom: str) -> float:  # median within-round speed ratio
        return statistics.median(b / t for t, b in zip(top, per_round[bottom], strict=True))

    rows = [("bare `nlp.pipe`, full pipeline", "bare"),
            ("stock parser pipe, just the parsed sentences", "stock"),
            ("remit's own parse of just those sentences (the limit)", "limit")]
    print("\n| contender | tokens/s | API ÷ it | CLI ÷ it (without start-up) |")
    print("|---|---:|---:|---:|")
    for label, key in rows:
        print(f"| {label} | {speed[key]:,.0f} | {over(per_round['api'], key):.2f} | "
              f"{over(per_round['cli'], key):.2f} ({over(net, key):.2f}) |")
    print(f"| remit's API, `Engine.check_many` | {speed['api']:,.0f} | | |")
    print(f"| `remit check FILE` | {speed['cli']:,.0f} "
          f"({tokens / statistics.median(net):,.0f} without start-up) | | |")
    return {"api/limit": over(per_round["api"], "limit"), "api/bare": over(per_round["api"], "bare"),
            "cli/bare": over(per_round["cli"], "bare")}


def real_prose(args) -> None:
    import spacy

    from remit.engine import Engine

    model = model_name()
    full = spacy.load(model)
    needed = spacy.load(model, exclude=["ner"])
    engine = Engine(model=model)
    target = args.tokens if not args.quick or args.tokens != 60000 else 20000
    rounds = args.rounds or 3
    print(f"model {model}, spaCy {spacy.__version__}, {os.cpu_count()} cores, load average "
          f"{os.getloadavg()[0]:.2f}, batch size {args.batch_size}, BLAS threads "
          f"{os.environ['OPENBLAS_NUM_THREADS']}")
    articles, parsed = corpus(engine, target)
    tokens = describe(engine, articles, parsed)
    with tempfile.TemporaryDirectory() as folder:
        runs = contenders(engine, full, needed, articles, parsed, args.batch_size, Path(folder))
        consume(engine.check_many(articles[:1]))  # warm up: the models' first calls
        consume(full.pipe(articles[:1]))
        consume(needed.pipe(parsed[:50]))
        runs["start-up"]()
        print(f"median of {rounds} rounds:")
        ratios = table(timed_rounds(runs, rounds), tokens)
    cold = cold_start(model, 3 if args.quick else 5)
    targets = [("API >= 0.6x the limit", ratios["api/limit"], 0.6),
               ("API >= 18x bare nlp.pipe", ratios["api/bare"], 18),
               ("CLI on the whole file >= 10x bare nlp.pipe, start-up included",
                ratios["cli/bare"], 10)]
    print("\ntargets (issue 16):")
    for text, value, floor in targets:
        print(f"  [{'met' if value >= floor else 'NOT met'}] {text}: {value:.2f}")
    print(f"  [{'met' if cold <= 1.1 else 'NOT met'}] start-up <= 1.1x spacy.load: {cold:.2f}")
