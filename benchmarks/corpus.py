"""Benchmark inputs, built deterministically: articles where about 1 sentence in 10 names an
agency, and statements that all do.

Agency text comes from ``SHARED/seeds`` and ``SHARED/sources`` when that folder exists, else from
``data/agency_statements.csv`` (shipped). Agency-free prose is generated from word lists with a
fixed seed, so every run of every machine reads the same words.
"""

from __future__ import annotations

import csv
import random
from pathlib import Path

DATA = Path(__file__).parent / "data" / "agency_statements.csv"

_SUBJECTS = ["The city council", "Local farmers", "The museum", "A new study", "Researchers at the "
             "university", "The company", "Many residents", "The school board", "Our reporter",
             "The orchestra", "Two neighbours", "The hospital", "Volunteers", "The mayor",
             "A small bakery", "The library", "Economists", "The team", "Her grandmother",
             "The festival organisers"]
_VERBS = ["announced", "planned", "discussed", "celebrated", "questioned", "finished",
          "reviewed", "opened", "described", "postponed", "praised", "measured", "built",
          "painted", "repaired", "visited", "counted", "ordered", "published", "tested"]
_OBJECTS = ["a new playground", "the annual budget", "plans for a bicycle lane",
            "the results of the survey", "a collection of old maps", "the winter harvest",
            "a series of evening concerts", "the broken water main", "its first cookbook",
            "the price of bread", "a mural near the station", "the tallest tree in the park",
            "a report on traffic noise", "the new menu", "three rare birds"]
_ADJUNCTS = ["on Tuesday", "after a long debate", "despite the rain", "for the third year in a "
             "row", "with some help from students", "before the holidays", "in the old town",
             "at a packed meeting", "without much fanfare", "late in the evening",
             "to the surprise of many", "near the river"]
_CLAUSES = ["because the old one had worn out", "although few people noticed",
            "while the children watched", "which pleased the shop owners",
            "as the season came to an end", "so that more people could take part",
            "after the weather improved", "when the funds finally arrived"]
_AFTERWORDS = ["It was the first time in years.", "Nobody expected such a crowd.",
               "It took longer than planned.", "The reaction was mixed.",
               "Most people seemed pleased.", "More details will follow next week."]


def prose_sentence(rng: random.Random) -> str:
    """One agency-free sentence of 8 to 32 words, 20 on average.

    News prose averages about 20 words a sentence, and so do the sentences of the shared sources
    that name no agency (22.5 tokens); with shorter filler, "1 sentence in 10" would put a far
    larger share of the *tokens* in agency sentences (those average 33 tokens).
    """
    if rng.random() < 0.1:
        return rng.choice(_AFTERWORDS)
    length = rng.randint(8, 32)
    words = _main_clause(rng)
    while len(words.split()) < length:
        pick = rng.random()
        if pick < 0.4:
            words += " " + rng.choice(_ADJUNCTS)
        elif pick < 0.7:
            words += " " + rng.choice(_CLAUSES)
        else:
            clause = _main_clause(rng)
            words += ", and " + clause[0].lower() + clause[1:]
    return words + "."


def _main_clause(rng: random.Random) -> str:
    return " ".join([rng.choice(_SUBJECTS), rng.choice(_VERBS), rng.choice(_OBJECTS)])


def agency_paragraphs(shared: Path | None) -> list[str]:
    """Paragraphs of real agency prose: shared seeds and sources, else the shipped statements."""
    if shared is not None and (shared / "sources").is_dir():
        files = sorted((shared / "seeds").glob("*.txt")) + sorted(
            (shared / "sources").glob("*.txt"))
        paragraphs = []
        for path in files:
            for block in path.read_text(encoding="utf-8").split("\n\n"):
                if len(block.split()) >= 12:
                    paragraphs.append(" ".join(block.split()))
        return paragraphs
    texts = shipped_statements()
    return [" ".join(texts[i : i + 3]) for i in range(0, len(texts), 3)]


def shipped_statements() -> list[str]:
    """The shipped statement texts (every one names an agency)."""
    with DATA.open(encoding="utf-8", newline="") as handle:
        return [row["text"] for row in csv.DictReader(handle)]


def statements(shared: Path | None) -> tuple[list[str], str]:
    """Statement texts, each naming an agency, and where they came from."""
    path = shared / "dev" / "statements.csv" if shared is not None else None
    if path is not None and path.exists():
        with path.open(encoding="utf-8", newline="") as handle:
            return [row["text"] for row in csv.DictReader(handle)], str(path)
    return shipped_statements(), str(DATA)


def articles(paragraphs: list[str], count_sentences, mention_share: float = 0.1,
             target_sentences: int = 2200, per_article: int = 12) -> list[str]:
    """Articles mixing agency paragraphs with generated prose to the given mention share.

    ``count_sentences(text)`` returns (sentences, sentences with a mention); agency paragraphs
    are taken in a fixed spread over the corpus until the target size.
    """
    rng = random.Random(5)
    step = max(1, len(paragraphs) * 10 // max(1, target_sentences))
    out: list[str] = []
    current: list[str] = []
    sentences = mentions = 0
    for paragraph in paragraphs[::step] * 4:
        if sentences >= target_sentences:
            break
        n, m = count_sentences(paragraph)
        current.append(paragraph)
        sentences, mentions = sentences + n, mentions + m
        while mentions > mention_share * sentences:
            prose = [prose_sentence(rng) for _ in range(rng.randint(3, 7))]
            current.append(" ".join(prose))
            sentences += len(prose)
        cut(out, current, per_article)
    cut(out, current, 1)
    return out


def cut(out: list[str], current: list[str], per_article: int) -> None:
    """Move ``current``'s paragraphs into ``out`` as one article once it holds
    ``per_article``."""
    if current and len(current) >= per_article:
        out.append("\n\n".join(current))
        current.clear()


def repeat_to(texts: list[str], count_tokens, tokens: int) -> list[str]:
    """Repeat ``texts`` until they hold at least ``tokens`` tokens."""
    size = sum(count_tokens(t) for t in texts)
    return texts * max(1, -(-tokens // max(1, size)))
