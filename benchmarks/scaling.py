"""Time and peak memory of ``remit check`` on 1, 2, 4 and 8 MB inputs of several shapes.

Each run is a fresh process (``python -c 'remit.cli.main()' check --no-fail FILE``); its CPU time
(user + system) and peak RSS come from ``os.wait4``. CPU time, not wall time, is what the ratio
compares: on a machine shared with other work the wall time of one run varies by seconds, the CPU
time it needed hardly at all. The ratio column compares each size with the one before it, on the
CPU time less the start-up (a check of a one-line file): a linear stage gives about 2.0 per
doubling, and the target is at most 2.5. ``--quick``: 1 and 2 MB only.

``--copies``: the real-prose article corpus of ``speed.py --real`` (:mod:`prose`) as one
file, 1, 2, 4, 8 and 16 copies of it (``--quick``: 1, 2 and 4): net CPU time against one copy
(the target of issue 16 is at most 17 at 16 copies) and peak memory per input char, less
the start-up's (flat is the target).

Shapes: prose (generated news-like sentences, 1 in 50 an agency statement), one long line (the
same, with no line break), many short lines, bracket runs (thousands of '[' around sentences),
deep Markdown nesting (block quotes and lists 1 to 24 deep: within the depth limit, so all
of it is read) and deep HTML nesting.
"""

from __future__ import annotations

import argparse
import os
import random
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from remit.markup.markdown import MAX_MARKDOWN_DEPTH

sys.path.insert(0, str(Path(__file__).parent))
from corpus import prose_sentence, shipped_statements  # noqa: E402

MB = 1024 * 1024
LIST_DEPTH = (MAX_MARKDOWN_DEPTH - 1) // 2
RUN = "import sys; from remit.cli import main; sys.argv[0] = 'remit'; main()"


def _fill(size: int, piece: Callable[[random.Random, int], str], sep: str = "\n") -> str:
    """Join pieces until ``size`` bytes (UTF-8); ``piece(rng, i)`` gives the i-th."""
    rng = random.Random(12)
    parts, total, i = [], 0, 0
    while total < size:
        part = piece(rng, i) + sep
        parts.append(part)
        total += len(part.encode("utf-8"))
        i += 1
    return "".join(parts)[:size]


STATEMENTS = shipped_statements()


def _sentence(rng: random.Random, i: int) -> str:
    """Mostly agency-free prose; every 50th sentence an agency statement."""
    return STATEMENTS[i // 50 % len(STATEMENTS)] if i % 50 == 49 else prose_sentence(rng)


def prose(size: int) -> str:
    return _fill(size, lambda rng, i: " ".join(_sentence(rng, i * 5 + k) for k in range(5)),
                 "\n\n")


def long_line(size: int) -> str:
    return _fill(size, _sentence, " ")


def short_lines(size: int) -> str:
    def line(rng: random.Random, i: int) -> str:
        return _sentence(rng, i) if i % 50 == 49 else " ".join(
            prose_sentence(rng).split()[: rng.randint(1, 6)])

    return _fill(size, line)


def brackets(size: int) -> str:
    def run(rng: random.Random, i: int) -> str:
        n = rng.randint(100, 10_000)
        return "[" * n + " " + _sentence(rng, i) + " " + "]" * n

    return _fill(size, run)


def markdown_nesting(size: int) -> str:
    def line(rng: random.Random, i: int) -> str:
        # a list marker opens two levels (list, item), a quote one: 1 to 24 deep is all read
        depth = i % LIST_DEPTH + 1
        marker = "> " if i // LIST_DEPTH % 2 else "- "
        return marker * depth + _sentence(rng, i)

    return _fill(size, line)


def html_nesting(size: int) -> str:
    def block(rng: random.Random, i: int) -> str:
        depth = rng.randint(50, 500)
        return "<div>" * depth + "<p>" + _sentence(rng, i) + "</p>" + "</div>" * depth

    return "<html><body>\n" + _fill(size - 40, block) + "\n</body></html>\n"


SHAPES = {"prose": (prose, "txt"), "long-line": (long_line, "txt"),
          "short-lines": (short_lines, "txt"), "brackets": (brackets, "txt"),
          "md-nesting": (markdown_nesting, "md"), "html-nesting": (html_nesting, "html")}


def run_check(path: Path) -> tuple[float, float, float, int]:
    """Run ``remit check`` on ``path``: (wall s, CPU s, peak RSS in MiB, exit code)."""
    start = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", RUN, "check", "--no-fail", str(path)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    seconds = time.perf_counter() - start
    cpu = usage.ru_utime + usage.ru_stime
    return seconds, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def start_up(tmp: str) -> tuple[float, float]:
    """CPU seconds and peak MiB of ``remit check`` on a one-line file (the best of 3)."""
    tiny = Path(tmp, "tiny.txt")
    tiny.write_text("ICE issues green cards.\n", encoding="utf-8")
    _, base, base_rss, _ = min(run_check(tiny) for _ in range(3))
    print(f"start-up (one-line file): {base:.1f} s CPU, {base_rss:.0f} MiB", flush=True)
    return base, base_rss


def article_corpus(tokens: int) -> str:
    """The real-prose articles of ``speed.py --real``, as one text."""
    from prose import real_articles
    from speed import sentence_counter

    from remit.engine import Engine

    engine = Engine()
    articles = real_articles(sentence_counter(engine), lambda t: len(engine.nlp.make_doc(t)),
                             tokens)
    return "\n\n".join(articles) + "\n\n"


def copies(args) -> None:
    """remit check on 1 to 16 copies of the article corpus: time and memory per char."""
    corpus = article_corpus(args.tokens)
    counts = [1, 2, 4] if args.quick else [1, 2, 4, 8, 16]
    with tempfile.TemporaryDirectory() as tmp:
        base, base_rss = start_up(tmp)
        print(f"corpus: {len(corpus):,} chars, {args.tokens:,} tokens")
        print(f"{'copies':>6} {'MB':>6} {'wall s':>8} {'CPU s':>8} {'net s':>8} {'÷ 1 copy':>8} "
              f"{'peak MiB':>9} {'B/char':>7} {'exit':>4}")
        one = None
        for n in counts:
            path = Path(tmp, f"articles-{n}.txt")
            path.write_text(corpus * n, encoding="utf-8")
            seconds, cpu, rss, code = run_check(path)
            net = max(cpu - base, 0.01)
            one = one or net
            per_char = (rss - base_rss) * MB / (len(corpus) * n)
            print(f"{n:>6} {len(corpus) * n / MB:>6.1f} {seconds:>8.1f} {cpu:>8.1f} {net:>8.1f} "
                  f"{net / one:>8.2f} {rss:>9.0f} {per_char:>7.0f} {code:>4}", flush=True)
            path.unlink()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="1 and 2 MB only")
    parser.add_argument("--shapes", nargs="*", default=list(SHAPES), choices=list(SHAPES))
    parser.add_argument("--copies", action="store_true",
                        help="1 to 16 copies of the real-prose article corpus")
    parser.add_argument("--tokens", type=int, default=127000,
                        help="--copies: the corpus's size in tokens")
    args = parser.parse_args()
    if args.copies:
        return copies(args)
    sizes = [1, 2] if args.quick else [1, 2, 4, 8]
    with tempfile.TemporaryDirectory() as tmp:
        base, _ = start_up(tmp)
        print(f"{'shape':<13} {'MB':>3} {'wall s':>8} {'CPU s':>8} {'net s':>8} {'ratio':>6} "
              f"{'peak MiB':>9} {'exit':>4}")
        for shape in args.shapes:
            make, ext = SHAPES[shape]
            before = None
            for mb in sizes:
                path = Path(tmp, f"{shape}-{mb}.{ext}")
                path.write_text(make(mb * MB), encoding="utf-8")
                seconds, cpu, rss, code = run_check(path)
                net = max(cpu - base, 0.01)
                ratio = f"{net / before:.2f}" if before else "-"
                print(f"{shape:<13} {mb:>3} {seconds:>8.1f} {cpu:>8.1f} {net:>8.1f} {ratio:>6} "
                      f"{rss:>9.0f} {code:>4}", flush=True)
                before = net
                path.unlink()


if __name__ == "__main__":
    main()
