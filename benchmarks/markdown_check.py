"""Time ``remit check`` on a 3,000-line Markdown document (issue 4: under 10 s on one core).

    python benchmarks/markdown_check.py [--lines 3000] [--runs 3]

The document is built deterministically: headings, paragraphs of agency-free prose with some
agency claims (true and false), bullet and numbered lists, fenced code blocks, tables, block
quotes and links. It is checked by the ``remit`` command in a subprocess, so the figure
includes start-up (model and table load); the median of ``--runs`` runs is printed.
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

import corpus  # noqa: E402

_CODE = ["```python", "def total(rows):", "    # ICE here is a variable, not the agency",
         "    ICE = sum(r.cost for r in rows)", "    return ICE", "```"]
_TABLE = ["| Agency | Department | Notes |", "|---|---|---|",
          "| CBP | DHS | ports of entry |", "| USCIS | DHS | benefits |",
          "| EOIR | DOJ | immigration courts |"]


def section(rng: random.Random, claims: list[str], n: int) -> list[str]:
    """One section of the document: a heading and a mix of Markdown blocks."""
    lines = [f"## Section {n}: {rng.choice(['Background', 'Findings', 'Notes', 'Context'])}", ""]
    for _ in range(rng.randint(3, 6)):
        kind = rng.random()
        if kind < 0.45:
            sentences = [corpus.prose_sentence(rng) for _ in range(rng.randint(2, 5))]
            if rng.random() < 0.5:
                sentences.insert(rng.randint(0, len(sentences)), rng.choice(claims))
            lines += _wrap(" ".join(sentences)) + [""]
        elif kind < 0.65:
            lines += [f"- {corpus.prose_sentence(rng)}" for _ in range(rng.randint(2, 5))]
            lines += [f"1. {rng.choice(claims)}", ""]
        elif kind < 0.75:
            lines += _CODE + [""]
        elif kind < 0.85:
            lines += _TABLE + [""]
        elif kind < 0.93:
            lines += [f"> {corpus.prose_sentence(rng)} {rng.choice(claims)}", ""]
        else:
            lines += [f"See [the report](https://example.org/r/{n}) and "
                      f"![chart](img/{n}.png) for details.", ""]
    return lines


def _wrap(text: str, width: int = 90) -> list[str]:
    """Hard-wrap a paragraph, as Markdown files in repositories are."""
    lines, current = [], ""
    for word in text.split():
        if current and len(current) + len(word) + 1 > width:
            lines.append(current)
            current = word
        else:
            current = f"{current} {word}".strip()
    return lines + [current] if current else lines


def document(n_lines: int) -> str:
    """A Markdown document of exactly ``n_lines`` lines."""
    rng = random.Random(4)
    claims = corpus.shipped_statements()
    lines = ["# A long report on public services", ""]
    n = 1
    while len(lines) < n_lines:
        lines += section(rng, claims, n)
        n += 1
    return "\n".join(lines[:n_lines]) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lines", type=int, default=3000)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    remit = str(Path(sys.executable).with_name("remit"))
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "report.md"
        path.write_text(document(args.lines), encoding="utf-8")
        times, out = [], None
        for _ in range(args.runs):
            start = time.perf_counter()
            out = subprocess.run([remit, "check", "--no-fail", "-f", "json", str(path)],
                                 capture_output=True, text=True, check=True)
            times.append(time.perf_counter() - start)
    findings = out.stdout.count('"verdict"') if out else 0
    print(f"remit check on a {args.lines}-line Markdown document ({findings} findings): "
          f"{statistics.median(times):.2f} s (median of {args.runs}; one process; "
          f"runs {', '.join(f'{t:.2f}' for t in times)})")
    print(f"target under 10 s: {'met' if statistics.median(times) < 10 else 'NOT met'}")


if __name__ == "__main__":
    main()
