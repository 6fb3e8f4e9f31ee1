"""Load the extractor's grammar records: the shipped ones, then users' files merged by id.

Grammar records share users' files with the table (``--rules``, the component's ``rules``,
``[tool.remit] rules``): the table loader skips the sections registered here and this loader
skips the table's. A user's record with the id of a shipped one replaces it; a word class with
``extend: true`` adds its words to the class instead. Errors read ``file:line: <kind> '<id>':
what is wrong``, like the table's.
"""

from __future__ import annotations

import functools

from collections.abc import Iterable
from pathlib import Path

from remit.claims.cueschema import Cue
from remit.claims.schema import Construction, WordClass
from remit.rules.loader import (
    Located,
    TableError,
    duplicate_ids,
    expand_paths,
    parse_sections,
)
from remit.rules.loader import shipped_files as table_files
from remit.rules.schema import SECTIONS as TABLE_SECTIONS

SHIPPED_PACKAGE = "remit.claims.data"

# Section name -> (pydantic model, the kind named in errors). Other modules add theirs with
# :func:`register_section` before loading.
# Section name -> (model, the kind named in errors).
GRAMMAR_SECTIONS: dict[str, tuple[type, str]] = {
    "word_classes": (WordClass, "word class"),
    "constructions": (Construction, "construction"),
    "cues": (Cue, "cue"),
}


class GrammarError(TableError):
    """One or more problems in grammar records; ``errors`` holds one line per problem.

    A :class:`TableError`, so that whoever reports a bad table file reports these too.
    """


def register_section(name: str, model: type, kind: str) -> None:
    """Make ``name`` a grammar section of records validated by ``model`` (errors say ``kind``)."""
    GRAMMAR_SECTIONS[name] = (model, kind)


def kinds() -> dict[str, str]:
    """The kind of record of each grammar section, as errors name it."""
    return {name: kind for name, (_, kind) in GRAMMAR_SECTIONS.items()}


def shipped_files() -> list[tuple[str, str]]:
    """Return ``(display path, text)`` of every grammar file shipped in the package.

    The construction and cue records are in folders of their own, one file per family.
    """
    return (table_files(SHIPPED_PACKAGE) + table_files(f"{SHIPPED_PACKAGE}.constructions")
            + table_files(f"{SHIPPED_PACKAGE}.cues"))


def parse_grammar_file(text: str, path: str) -> tuple[list[Located], list[str]]:
    """Parse one file's grammar sections (table sections are skipped).

    The same text under the same path gives the same records, so they are parsed once per
    process (the lexicon, the cues and the constructions each ask for the grammar).
    """
    records, errors = _parsed(text, path)
    return list(records), list(errors)


@functools.lru_cache(maxsize=256)
def _parsed(text: str, path: str) -> tuple[tuple[Located, ...], tuple[str, ...]]:
    records, errors = parse_sections(text, path, GRAMMAR_SECTIONS, ignore=TABLE_SECTIONS,
                                     what="a grammar file")
    return tuple(records), tuple(errors)


def load_grammar(paths: Iterable[str | Path] = (), *, shipped: bool = True,
                 ) -> tuple[dict[tuple[str, str], Located], list[str]]:
    """The shipped grammar records merged with ``paths``', keyed by ``(section, id)``.

    Returns the records and every error found; cross-checks are :mod:`remit.claims.checks`'.
    """
    files = (shipped_files() if shipped else []) + expand_paths(paths)
    merged: dict[tuple[str, str], Located] = {}
    errors: list[str] = []
    for path, text in files:
        records, file_errors = parse_grammar_file(text, path)
        errors.extend(file_errors)
        errors.extend(duplicate_ids(records, path, kinds()))
        for located in records:
            key = (located.section, located.record.id)
            if getattr(located.record, "extend", False):
                located = _extended(merged.get(key), located, errors)
            merged[key] = located
    return merged, errors


def _extended(base: Located | None, extra: Located, errors: list[str]) -> Located:
    """A word class with ``extra``'s words added to ``base``'s (``extend: true``)."""
    record = extra.record
    if base is None:
        errors.append(f"{extra.path}:{extra.line}: {kinds()[extra.section]} '{record.id}': "
                      "extend: true, but there is no class of that id to extend")
        return extra
    words = list(dict.fromkeys([*base.record.words, *record.words]))
    merged = base.record.model_copy(update={
        "words": words, "examples": [*base.record.examples, *record.examples],
        "disjoint_with": list(dict.fromkeys([*base.record.disjoint_with,
                                             *record.disjoint_with]))})
    return Located(merged, extra.section, extra.path, extra.line)


def word_classes(merged: dict[tuple[str, str], Located]) -> dict[str, Located]:
    """The merged word classes by id."""
    return {rid: loc for (section, rid), loc in merged.items() if section == "word_classes"}


def constructions(merged: dict[tuple[str, str], Located]) -> list[Located]:
    """The merged construction records, in file order."""
    return [loc for (section, _), loc in merged.items() if section == "constructions"]


def cues(merged: dict[tuple[str, str], Located]) -> list[Located]:
    """The merged cue records, in file order (the order the engine tries them in)."""
    return [loc for (section, _), loc in merged.items() if section == "cues"]


__all__ = ["GRAMMAR_SECTIONS", "GrammarError", "WordClass", "load_grammar", "register_section",
           "shipped_files", "word_classes", "constructions", "cues"]
