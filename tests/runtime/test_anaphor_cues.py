"""Where the first pass sees an anaphor cue (remit.runtime.anaphor_cues), on token arrays
alone: a word that resolve_anaphora resolves only in some places counts only there."""

from __future__ import annotations

import numpy as np
import pytest
import spacy
from spacy.attrs import LOWER
from spacy.tokens import Doc

from remit.claims.lexicon import load_lexicon
from remit.runtime.anaphor_cues import AnaphorCues


@pytest.fixture(scope="module")
def cues():
    vocab = spacy.blank("en").vocab  # a bare Vocab has no lower-case forms
    return vocab, AnaphorCues(load_lexicon(), vocab.strings)


def _cued(cues, text: str, starts=(0,)) -> list[str]:
    vocab, found = cues
    doc = Doc(vocab, words=text.split())
    lower = doc.to_array([LOWER]).astype("uint64").reshape(-1)
    return [doc[i].text for i in sorted(found.positions(lower, np.array(starts)).tolist())]


@pytest.mark.parametrize(("text", "expected"), [
    ("The board decides appeals .", ["board"]),
    ("This office reviews the file .", ["This", "office"]),
    ("The school board met on Tuesday .", []),  # a noun under another word: no description
    ("One of them is removing people .", ["One"]),
    ("- One is detention .", ["One"]),
    ("The old one had worn out .", []),  # not at the start: no partitive
    ("Its officers arrest people .", ["Its", "officers"]),
    ("Their main job is to patrol the border .", ["Their"]),
    ("The museum tested its first cookbook .", []),  # what it owns is no role, no staff
    ("It took longer than planned .", ["It"]),
    ("They patrol the border .", ["They"]),
])
def test_where_a_cue_counts(cues, text, expected):
    assert _cued(cues, text) == expected


def test_partitive_after_a_sentence_end_inside_a_unit(cues):
    # the parser may split one first-pass sentence in two: 'One' after the full stop counts
    assert _cued(cues, "ICE has two roles . One is detention .") == ["One"]


def test_possessive_at_the_end_of_a_text(cues):
    assert _cued(cues, "We saw its") == []
