"""The compiled attribute-ruler matches are the Matcher's, on the real model and on odd rules."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import spacy
from spacy.pipeline import AttributeRuler
from spacy.tokens import Doc

from remit.model.ruler import _COLUMN_IDS, CompiledRules, speed_up_attribute_rulers

SHARED = next((p for p in (Path(__file__).parents[2].parent / "shared", Path("/work/shared"))
               if (p / "dev").is_dir()), Path("/work/shared"))


def _texts() -> list[str]:
    texts = ["I ain't gonna say it.  Y'all can't stop 'em!\n\nThe U.S. Dept. of State, Inc."]
    statements = SHARED / "dev" / "statements.csv"
    if statements.exists():
        with statements.open(encoding="utf-8", newline="") as handle:
            texts += [row["text"] for row in csv.DictReader(handle)]
    for folder in ("seeds", "sources"):
        texts += [p.read_text(encoding="utf-8") for p in sorted((SHARED / folder).glob("*.txt"))]
    return texts


def test_model_ruler_matches_are_unchanged(engine):
    """On parsed text, the compiled rules give exactly AttributeRuler.match's list."""
    nlp = engine.nlp
    ruler = nlp.get_pipe("attribute_ruler")
    assert isinstance(ruler.match, CompiledRules)
    before = [name for name in nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]]
    docs = list(nlp.pipe(_texts(), disable=[n for n in nlp.pipe_names if n not in before]))
    assert sum(len(d) for d in docs) > 4000
    for doc in docs:
        assert ruler.match(doc) == AttributeRuler.match(ruler, doc)


def _ruler() -> tuple[spacy.language.Language, AttributeRuler]:
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN"})
    ruler.add([[{"TAG": {"IN": ["VBZ", "VBP"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
              {"LEMMA": "be"})
    ruler.add([[{"lower": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"}, index=-1)
    ruler.add([[{"IS_SPACE": True}]], {"POS": "SPACE"})
    ruler.add([[{"LOWER": "cats"}], [{"ORTH": "cats"}]], {"LEMMA": "cat"})  # both match: once
    ruler.add([[{"LOWER": "cats", "DEP": "nsubj"}]], {"POS": "PROPN"})
    ruler.add([[{"LOWER": "the"}, {"OP": "?"}, {"TAG": "NNS"}]], {"LEMMA": "THE"})
    ruler.add([[{"TAG": "NNS"}]], {"POS": "X"})  # later rule, same pattern: applied after
    ruler.add([[{"TAG": {"NOT_IN": ["TO", ""]}, "DEP": {"IN": ["aux", "neg"]}}]], {"POS": "AUX"})
    ruler.add([[{"IS_SPACE": True, "DEP": {"NOT_IN": [""]}}]], {"DEP": "dep"})
    ruler.add([[{"DEP": {"NOT_IN": ["det", "amod"]}}]], {"MORPH": "X=Y"})  # no positive test
    ruler.add([[{"LOWER": {"IN": []}}]], {"POS": "SYM"})  # never matches
    return nlp, ruler


def _doc(nlp) -> Doc:
    words = ["the", "cats", "ai", "n't", "gon", "na", "\n", "the", "big", "cats"]
    tags = ["DT", "NNS", "VBP", "RB", "VBG", "TO", "_SP", "DT", "JJ", "NNS"]
    deps = ["det", "nsubj", "ROOT", "neg", "aux", "aux", "dep", "det", "amod", "dobj"]
    heads = [1, 2, 2, 2, 2, 2, 2, 9, 9, 2]
    return Doc(nlp.vocab, words=words, tags=tags, deps=deps, heads=heads)


def test_odd_rules_match_as_the_matcher_does():
    nlp, ruler = _ruler()
    doc = _doc(nlp)
    expected = AttributeRuler.match(ruler, doc)
    assert speed_up_attribute_rulers(nlp) == 1
    assert ruler.match(doc) == expected
    assert len(expected) >= 17
    assert speed_up_attribute_rulers(nlp) == 0  # already compiled


@pytest.mark.parametrize("text", ["", "cats"])
def test_short_docs(text):
    nlp, ruler = _ruler()
    doc = nlp.make_doc(text)
    assert CompiledRules(ruler)(doc) == AttributeRuler.match(ruler, doc)


def _annotations(doc: Doc) -> list[tuple]:
    return [(t.pos_, t.tag_, t.dep_, t.lemma_, str(t.morph), t.norm_) for t in doc]


def test_annotations_applied_match():
    nlp, ruler = _ruler()
    plain, compiled = _doc(nlp), _doc(nlp)
    ruler(plain)
    speed_up_attribute_rulers(nlp)
    ruler(compiled)
    assert _annotations(plain) == _annotations(compiled)
    assert [t.pos_ for t in compiled][1] == "X"


def test_one_token_annotations_merged_as_spacy_applies_them():
    """Only one-token rules: each token's attributes are written once, later rules winning."""
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": "NNS"}]], {"POS": "NOUN", "MORPH": "Number=Plur"})
    ruler.add([[{"LOWER": "cats"}]], {"LEMMA": "cat", "POS": "PROPN"})
    ruler.add([[{"TAG": "NNS"}]], {"MORPH": "Number=Sing"})
    ruler.add([[{"DEP": "det"}]], {"TAG": "XX", "DEP": "dep"})
    plain, compiled = _doc(nlp), _doc(nlp)
    ruler(plain)
    speed_up_attribute_rulers(nlp)
    ruler(compiled)
    assert _annotations(plain) == _annotations(compiled)
    assert _annotations(compiled)[1][0::4] == ("PROPN", "Number=Sing")
    ruler.add([[{"LOWER": "big"}]], {"POS": "ADJ"})  # a new rule is seen
    again = ruler(_doc(nlp))
    assert again[8].pos_ == "ADJ"


def test_model_annotations_are_unchanged(engine):
    """On parsed text, the whole pipeline's attributes equal stock spaCy's set_annotations."""
    nlp = engine.nlp
    ruler = nlp.get_pipe("attribute_ruler")
    before = nlp.pipe_names[: nlp.pipe_names.index("attribute_ruler")]
    docs = list(nlp.pipe(_texts()[:120], disable=[n for n in nlp.pipe_names if n not in before]))
    for doc in docs:
        plain = Doc(doc.vocab).from_bytes(doc.to_bytes())
        ruler(doc)
        AttributeRuler.set_annotations(ruler, plain, AttributeRuler.match(ruler, plain))
        assert _annotations(doc) == _annotations(plain)


@pytest.mark.filterwarnings("ignore:.*does not have any patterns:UserWarning")
def test_rules_added_later_are_seen():
    nlp, ruler = _ruler()
    speed_up_attribute_rulers(nlp)
    doc = _doc(nlp)
    before = ruler.match(doc)
    ruler.add([[{"LOWER": "big"}]], {"POS": "ADJ"})
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc) != before
    ruler.clear()
    assert ruler.match(doc) == AttributeRuler.match(ruler, doc) == []



def test_matcher_skipped_only_when_no_pattern_can_match():
    nlp = spacy.blank("en")
    ruler = nlp.add_pipe("attribute_ruler")
    ruler.add([[{"TAG": {"IN": ["VBZ", "VBP"]}, "LOWER": "ai"}, {"LOWER": {"REGEX": "^n'?t$"}}]],
              {"LEMMA": "be"})
    ruler.add([[{"lower": "gon"}, {"LOWER": "na"}]], {"LEMMA": "to"})
    ruler.add([[{"LOWER": "the"}, {"OP": "?"}, {"TAG": "NNS"}]], {"LEMMA": "THE"})
    ruler.add([[{"LOWER": "very", "OP": "*"}, {"LOWER": "big"}, {"LOWER": "cats"}]],
              {"LEMMA": "BIG"})
    ruler.add([[{"LOWER": {"REGEX": "^n[ou]thin'$"}}, {"TAG": "IN", "OP": "?"}]],
              {"LEMMA": "nothing"})
    speed_up_attribute_rulers(nlp)
    compiled = ruler.match

    def doc(words, tags):
        return Doc(nlp.vocab, words=words, tags=tags)

    def may(d):
        return compiled._may_match(d.to_array(_COLUMN_IDS).tolist())

    cases = [
        (doc(["small", "cats", "run"], ["JJ", "NNS", "VBP"]), False),
        (doc(["gon", "run"], ["VBG", "VB"]), False),  # 'na' missing
        (doc(["the", "dogs"], ["DT", "NNS"]), True),
        (doc(["big", "cats"], ["JJ", "NNS"]), True),  # 'very' may be absent
        (doc(["ai", "n't"], ["VBP", "RB"]), True),
        (doc(["ai", "n't"], ["NN", "RB"]), False),  # the tag is required too
        (doc(["say", "nothin'"], ["VB", "NN"]), True),  # found by the regex
        (doc(["say", "nothing"], ["VB", "NN"]), False),
    ]
    for d, expected in cases:
        assert may(d) is expected, d.text
        assert ruler.match(d) == AttributeRuler.match(ruler, d)
    assert len(ruler.match(cases[2][0])) == 1
