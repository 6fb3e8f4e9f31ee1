"""A real-prose benchmark corpus, built offline from text every install of remit has.

Filler (sentences that name no agency) is real English, not generated: the docstrings of the
Python standard library (read from the ``.py`` files with :mod:`ast`, nothing imported) and
the licence texts that installed packages ship in their ``*.dist-info`` folders (spaCy,
numpy, thinc, PyYAML and the rest of remit's dependencies bring a few dozen). Both exist on a
fresh virtual environment with remit installed; man pages are not used (slim images have
none, and they need troff to read). The exact text depends on the Python version and the
installed packages, so the script prints its size; the build is deterministic for a given
environment.

Agency sentences are remit's own: the texts of its test cases (``tests/cases/*.yaml``) that
name an agency, else the shipped statements (``data/agency_statements.csv``). Nothing comes
from the measurement texts of ``../shared/dev``.
"""

from __future__ import annotations

import ast
import importlib.metadata
import inspect
import re
import sysconfig
from collections.abc import Callable, Iterator
from pathlib import Path

import yaml
from corpus import cut, shipped_statements

CASES = Path(__file__).resolve().parents[1] / "tests" / "cases"
_LICENCE = re.compile(r"^(LICEN[CS]E|COPYING|NOTICE)", re.IGNORECASE)
_CODE_LINE = re.compile(r"^\s|^(>>>|\.\.|[-*+|=~#:]|\d+[.)] )")
_WORD = re.compile(r"[A-Za-z][a-z'’-]*[a-z]|[A-Za-z]")


def _prose_paragraphs(text: str, min_words: int = 10) -> Iterator[str]:
    """The paragraphs of ``text`` that read as running prose, each on one line.

    A paragraph is kept when no line of it is indented or starts like code, a list or a
    heading, it ends in a full stop, and most of its words are plain words.
    """
    for block in re.split(r"\n\s*\n", text):
        lines = block.strip("\n").splitlines()
        if not lines or any(_CODE_LINE.match(line) for line in lines):
            continue
        joined = " ".join(line.strip() for line in lines)
        words = joined.split()
        if len(words) < min_words or not joined.endswith(".") or joined.endswith("::."):
            continue
        plain = sum(bool(_WORD.fullmatch(w.strip(".,;:()\"'"))) for w in words)
        if plain >= 0.85 * len(words) and not joined.isupper():
            yield joined


def docstring_paragraphs() -> Iterator[str]:
    """Prose paragraphs of the standard library's docstrings, in file order."""
    root = Path(sysconfig.get_paths()["stdlib"])
    for path in sorted(root.glob("*.py")) + sorted(root.glob("*/*.py")):
        if "test" in path.parent.name or path.name.startswith("test"):
            continue
        try:
            tree = ast.parse(path.read_text(encoding="utf-8"))
        except (SyntaxError, UnicodeDecodeError, OSError):
            continue
        for node in ast.walk(tree):
            if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef
                          | ast.AsyncFunctionDef):
                doc = ast.get_docstring(node, clean=False)
                if doc:
                    yield from _prose_paragraphs(inspect.cleandoc(doc))


def licence_paragraphs() -> list[str]:
    """Prose paragraphs of the licence texts installed packages ship, each once."""
    seen: dict[str, None] = {}
    dists = sorted(importlib.metadata.distributions(),
                   key=lambda d: (d.metadata["Name"] or "").lower())
    for dist in dists:
        for file in sorted(dist.files or [], key=str):
            if not _LICENCE.match(file.name):
                continue
            try:
                text = Path(file.locate()).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError):
                continue
            for paragraph in _prose_paragraphs(text):
                seen.setdefault(paragraph)
    return list(seen)


def filler() -> Iterator[str]:
    """Agency-free paragraphs: docstrings, and each licence paragraph once among them (one
    after every fourth docstring paragraph until they run out)."""
    licences = licence_paragraphs()
    for i, paragraph in enumerate(docstring_paragraphs()):
        yield paragraph
        if i % 4 == 3 and i // 4 < len(licences):
            yield licences[i // 4]


def agency_texts() -> list[str]:
    """remit's own one-paragraph texts of its test cases, in file order (mention or not:
    the caller keeps those that name an agency)."""
    out: list[str] = []
    for path in sorted(CASES.glob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8")) or []
        if isinstance(data, dict):
            data = data.get("cases") or []
        for case in data:
            text = case.get("text") if isinstance(case, dict) else None
            if (isinstance(text, str) and case.get("format", "text") == "text"
                    and "\n" not in text.strip()):
                out.append(text.strip())
    return out


def real_articles(count: Callable[[str], tuple[int, int]], tokens: Callable[[str], int],
                  target_tokens: int, mention_share: float = 0.1,
                  per_article: int = 30) -> list[str]:
    """Articles of real filler paragraphs with remit's agency texts mixed in.

    ``count(text)`` gives (sentences, sentences naming an agency); an agency text joins the
    paragraph it follows whenever the share of sentences naming an agency falls below
    ``mention_share``. Articles of ``per_article`` paragraphs until ``target_tokens``.
    """
    agency = [t for t in agency_texts() if count(t)[1]] or _shipped()
    out: list[str] = []
    current: list[str] = []
    sentences = mentions = size = k = 0
    for paragraph in filler():
        if size >= target_tokens:
            break
        n, m = count(paragraph)
        sentences, mentions = sentences + n, mentions + m
        while mentions < mention_share * sentences:
            text = agency[k % len(agency)]
            k += 1
            paragraph += " " + text
            n, m = count(text)
            sentences, mentions = sentences + n, mentions + m
        current.append(paragraph)
        size += tokens(paragraph)
        cut(out, current, per_article)
    cut(out, current, 1)
    return out


def _shipped() -> list[str]:
    return shipped_statements()
