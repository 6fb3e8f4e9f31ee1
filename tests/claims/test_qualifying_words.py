"""Words that only qualify a person, a decision or a kind of case (:mod:`remit.claims.argwords`),
and another subject's clause glued onto a predicate's arguments (:mod:`remit.claims.linear`),
on hand-built parses."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc

from remit.claims.argwords import names_case_kind, qualifies_head
from remit.claims.lexicon import load_lexicon

LEX = load_lexicon()
HEADS = LEX.word_class("aim_person_nouns") | LEX.word_class("outcome_nouns")
OF = LEX.word_class("unit_prepositions")


def _doc(words, heads, deps, lemmas=None, pos=None):
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps,
               lemmas=lemmas or [w.lower() for w in words], pos=pos)


def test_a_compound_on_a_seeker_only_qualifies_the_person():
    # 'CBP processes asylum seekers .'
    doc = _doc(["CBP", "processes", "asylum", "seekers", "."], [1, 1, 3, 1, 1],
               ["nsubj", "ROOT", "compound", "dobj", "punct"],
               lemmas=["CBP", "process", "asylum", "seeker", "."])
    assert qualifies_head(doc[2], HEADS, OF)
    assert not qualifies_head(doc[3], HEADS, OF)  # the person itself is handled


def test_a_seeker_who_owns_the_thing_handled_qualifies_nothing():
    # "CBP decides asylum seekers ' claims ."
    doc = _doc(["CBP", "decides", "asylum", "seekers", "'", "claims", "."],
               [1, 1, 3, 5, 3, 1, 1],
               ["nsubj", "ROOT", "compound", "poss", "case", "dobj", "punct"],
               lemmas=["CBP", "decide", "asylum", "seeker", "'", "claim", "."])
    assert not qualifies_head(doc[2], HEADS, OF)
    # 'ICE decides the claims of asylum seekers .'
    doc = _doc(["ICE", "decides", "the", "claims", "of", "asylum", "seekers", "."],
               [1, 1, 3, 1, 3, 6, 4, 1],
               ["nsubj", "ROOT", "det", "dobj", "prep", "compound", "pobj", "punct"],
               lemmas=["ICE", "decide", "the", "claim", "of", "asylum", "seeker", "."],
               pos=["PROPN", "VERB", "DET", "NOUN", "ADP", "NOUN", "NOUN", "PUNCT"])
    assert not qualifies_head(doc[5], HEADS, OF)


def test_the_object_of_a_decision_only_names_what_was_decided():
    # 'Appeals of denials go to the BIA .' with 'I-130' under 'of'
    doc = _doc(["Appeals", "of", "I-130", "go", "to", "the", "BIA", "."],
               [3, 0, 1, 3, 3, 6, 4, 3],
               ["nsubj", "prep", "pobj", "ROOT", "prep", "det", "pobj", "punct"],
               lemmas=["appeal", "of", "I-130", "go", "to", "the", "BIA", "."])
    assert qualifies_head(doc[2], HEADS, OF)
    assert not qualifies_head(doc[6], HEADS, OF)  # not a compound, not an 'of' object


def test_a_kind_of_court_case_is_named_by_its_pair_only():
    kinds = LEX.word_class("court_case_kinds")
    # 'Judges handle removal cases .' / 'HSI handles smuggling cases .'
    for word, named in (("removal", True), ("smuggling", False)):
        doc = _doc(["X", "handles", word, "cases", "."], [1, 1, 3, 1, 1],
                   ["nsubj", "ROOT", "compound", "dobj", "punct"],
                   lemmas=["X", "handle", word, "case", "."])
        assert names_case_kind(doc[2], kinds) is named, word
    # the same word not as a compound ('handles removal') names no case
    doc = _doc(["X", "handles", "removal", "."], [1, 1, 1, 1],
               ["nsubj", "ROOT", "dobj", "punct"])
    assert not names_case_kind(doc[2], kinds)
