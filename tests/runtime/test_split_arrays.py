"""The array form of the sentence split gives the bounds of the per-token rule it replaced."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st

from remit.runtime.prefilter import (
    _END,
    _LOWER_START,
    _NEWLINE,
    TokenTable,
    _bounds,
    _word_kinds,
    split_sentences,
)

NLP = spacy.blank("en")


def _reference(kinds: list[int], is_space: list[int], is_punct: list[int]) -> list[tuple]:
    """The per-token loop the split used to run, kept as the oracle."""
    out, start, last, seen_end, broken = [], -1, -1, False, False
    for i, kind in enumerate(kinds):
        if is_space[i]:
            broken = broken or bool(kind & _NEWLINE)
            continue
        ends = seen_end and not is_punct[i] and not kind & _LOWER_START
        if start >= 0 and (broken or ends):
            out.append((start, last + 1))
            start = -1
        seen_end = bool(kind & _END) or (seen_end and bool(is_punct[i]) and start >= 0)
        broken = False
        if start < 0:
            start = i
        last = i
    if start >= 0:
        out.append((start, last + 1))
    return out


def _both(text: str) -> tuple[list, list]:
    doc = NLP.make_doc(text)
    tokens = TokenTable(doc)
    kinds = _word_kinds(doc, tokens.orth)
    assert kinds.tolist() == [_word_kinds(doc, np.array([h], dtype="uint64"))[0]
                              for h in tokens.orth.tolist()]
    expected = _reference(kinds.tolist(), tokens.is_space.tolist(), tokens.is_punct.tolist())
    return _bounds(kinds, tokens.is_space, tokens.is_punct), expected


@pytest.mark.parametrize("text", [
    "", " ", "\n\n", "FEMA runs shelters.", "  FEMA runs shelters. The Coast Guard patrols. ",
    "The Dept. of Labor certifies jobs. approx. five days!\n\nNext line? Yes.",
    "It ends.\" Then (more).) And \"quoted.\"\nA heading\n- an item\n  - another: x.",
    "Wait... what?! Really!? \u2026 and so on. \n . , ; \n\nDone",
    "\u2022 Focus: audits.\n\u2022 Scope: ports.", ". . . ! ? a. B. c? D",
])
def test_fixed_texts(text):
    got, expected = _both(text)
    assert got == expected


WORDS = st.sampled_from(["FEMA", "audits", "ports", "the", "Dept.", ".", "!", "?", "...", '"',
                         ")", "(", ",", ":", "-", "\n", "\n\n", " ", "  ", "a", "Mr.", "U.S.",
                         "\u2026", "?!", "x\ny", "\t"])


@settings(max_examples=300, deadline=None)
@given(st.lists(WORDS, max_size=40), st.lists(st.booleans(), max_size=40))
def test_random_texts(words, glue):
    text = "".join(w + ("" if g else " ") for w, g in zip(words, glue + [False] * 40))
    got, expected = _both(text)
    assert got == expected


def test_split_sentences_uses_the_bounds():
    doc = NLP.make_doc("FEMA runs shelters. The Coast Guard patrols.\nA heading")
    assert [(s.start, s.end) for s in split_sentences(doc)] == [(0, 4), (4, 9), (10, 12)]
