"""Fuzzy names narrowed to the few a text can match, by the exact words they need.

The fuzzy search of :func:`remit.claims.mentions.find_mentions` is a Python loop over every
name at every token; a name whose exact words a text lacks cannot match there, so both the
extractor and the runtime's first pass keep only the names that can.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import replace

from remit.claims.mentions import AliasIndex

# Words long enough to tell an agency name from prose; shorter ones ('of', 'the') are everywhere.
_ANCHOR_MIN = 4
# Narrowed alias indexes kept per extractor (one per set of fuzzy names a sentence can match).
_NARROWED_MAX = 1024


def fuzzy_anchors(fuzzy: dict[tuple[str, ...], str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Map each word to the multi-word names a fuzzy match of which may need that word.

    A fuzzy match misspells at most one word of a name. So when a name has two or more long
    words, all its distinct long words but one appear exactly; otherwise all its distinct words
    but one do. These are the name's anchors; :func:`anchors_needed` says how many must appear.
    """
    anchors: dict[str, list[tuple[str, ...]]] = {}
    for name in fuzzy:
        for word in _anchor_words(name):
            anchors.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in anchors.items()}


def _anchor_words(name: tuple[str, ...]) -> set[str]:
    long_words = {w for w in name if len(w) >= _ANCHOR_MIN}
    return long_words if len(long_words) >= 2 else set(name)


@functools.cache
def anchors_needed(name: tuple[str, ...]) -> int:
    """How many distinct anchor words of ``name`` a text holds if it holds a fuzzy match."""
    return max(1, len(_anchor_words(name)) - 1)


def narrow_index(index: AliasIndex, anchors: dict, words: Iterable,
                 made: dict | None = None) -> AliasIndex:
    """Return ``index`` with only the fuzzy names whose anchors are among ``words``.

    ``anchors`` maps a word to the names that need it (:func:`fuzzy_anchors`); words may be
    strings or, as the extractor passes them, the hashes of a Doc's ``LOWER`` column. The fuzzy
    search is a Python loop over every name at every token; keeping the names that can
    match makes :func:`find_mentions` cost about what the phrase matchers cost, same result.
    ``made`` keeps the narrowed indexes of ``index`` already built, by their names.
    """
    hits: dict[tuple[str, ...], int] = {}
    for word in set(words):
        for name in anchors.get(word, ()):
            hits[name] = hits.get(name, 0) + 1
    names = tuple(name for name, n in hits.items() if n >= anchors_needed(name))
    if len(names) == len(index.fuzzy):
        return index
    narrowed = made.get(names) if made is not None else None
    if narrowed is None:
        narrowed = replace(index, fuzzy={name: index.fuzzy[name] for name in names})
        if made is not None and len(made) < _NARROWED_MAX:
            made[names] = narrowed
    return narrowed
