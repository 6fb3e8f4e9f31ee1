"""The focus model of the reference rules (:mod:`remit.claims.focus`), on hand-built parses."""

from __future__ import annotations

import spacy
from spacy.tokens import Doc, Span

from remit.claims.focus import (
    focus,
    in_focus,
    in_main_clause,
    is_subject,
    rival_for_they,
    sole_object,
)

ROLES = frozenset({"goal", "mission"})


def _doc(words, heads, deps, lemmas=None):
    return Doc(spacy.blank("en").vocab, words=words, heads=heads, deps=deps,
               lemmas=lemmas or [w.lower() for w in words])


def test_owner_of_a_subject_role_noun_is_in_focus():
    # 'Their goal is security .'
    doc = _doc(["Their", "goal", "is", "security", "."], [1, 2, 2, 2, 2],
               ["poss", "nsubj", "ROOT", "attr", "punct"])
    their = Span(doc, 0, 1, label="CBP")
    assert is_subject(their.root, ROLES)
    assert focus([their], ROLES) == [their]


def test_owner_of_another_subject_is_not():
    # "CBP 's budget grew ." : the budget, not CBP, is what the sentence is about
    doc = _doc(["CBP", "'s", "budget", "grew", "."], [2, 0, 3, 3, 3],
               ["poss", "case", "nsubj", "ROOT", "punct"])
    cbp = Span(doc, 0, 1, label="CBP")
    assert not is_subject(cbp.root, ROLES)
    assert focus([cbp], ROLES) == []
    assert in_focus([cbp], ROLES) == [cbp]  # the first mention, for 'its officers'


def test_without_roles_a_possessor_is_no_subject():
    doc = _doc(["Their", "goal", "is", "security", "."], [1, 2, 2, 2, 2],
               ["poss", "nsubj", "ROOT", "attr", "punct"])
    assert not is_subject(doc[0])


def test_coordinated_objects_are_in_focus_as_a_pair():
    # 'People confuse ICE and CBP .': no agency is a subject; the first mention is coordinated
    # with another, so both, as likely readings ('their officers' takes them, 'its' neither)
    doc = _doc(["People", "confuse", "ICE", "and", "CBP", "."], [1, 1, 1, 2, 2, 1],
               ["nsubj", "ROOT", "dobj", "cc", "conj", "punct"])
    ice, cbp = Span(doc, 2, 3, label="ICE"), Span(doc, 4, 5, label="CBP")
    pair = in_focus([ice, cbp], ROLES)
    assert [m.label_ for m in pair] == ["ICE", "CBP"]
    assert all(m.kb_id_ == "inferred" for m in pair)


def test_uncoordinated_objects_give_the_first_mention():
    # 'People confuse ICE with CBP .': not a pair; the first mention, as before
    doc = _doc(["People", "confuse", "ICE", "with", "CBP", "."], [1, 1, 1, 1, 3, 1],
               ["nsubj", "ROOT", "dobj", "prep", "pobj", "punct"])
    ice, cbp = Span(doc, 2, 3, label="ICE"), Span(doc, 4, 5, label="CBP")
    assert in_focus([ice, cbp], ROLES) == [ice]


def test_a_clause_subject_is_no_main_subject():
    # 'The rule changes how USCIS works .': USCIS is a subject, but of a clause inside
    doc = _doc(["The", "rule", "changes", "how", "USCIS", "works", "."], [1, 2, 2, 5, 5, 2, 2],
               ["det", "nsubj", "ROOT", "advmod", "nsubj", "ccomp", "punct"])
    uscis = Span(doc, 4, 5, label="USCIS")
    assert is_subject(uscis.root)
    assert not in_main_clause(uscis)


def test_the_owner_of_a_main_subject_role_noun_is_in_the_main_clause():
    doc = _doc(["Their", "goal", "is", "security", "."], [1, 2, 2, 2, 2],
               ["poss", "nsubj", "ROOT", "attr", "punct"])
    assert in_main_clause(Span(doc, 0, 1, label="CBP"))


def test_they_takes_the_one_agency_named_when_no_people_are_the_subject():
    # 'Reading it opens the world of HSI .': one agency, not a subject; a likely reading
    doc = _doc(["Reading", "it", "opens", "the", "world", "of", "HSI", "."],
               [2, 0, 2, 4, 2, 4, 5, 2],
               ["csubj", "dobj", "ROOT", "det", "dobj", "prep", "pobj", "punct"])
    doc[2].pos_ = "VERB"
    hsi = Span(doc, 6, 7, label="HSI")
    assert [m.kb_id_ for m in sole_object([hsi], ROLES, frozenset({"they"}))] == ["inferred"]


def test_they_takes_nobody_after_people_as_the_subject():
    # 'Travellers ask about HSI .'
    doc = _doc(["Travellers", "ask", "about", "HSI", "."], [1, 1, 1, 2, 1],
               ["nsubj", "ROOT", "prep", "pobj", "punct"])
    doc[0].tag_, doc[1].pos_ = "NNS", "VERB"
    assert sole_object([Span(doc, 3, 4, label="HSI")], ROLES, frozenset({"they"})) == []


def _tagged(words, heads, deps, tags, lemmas):
    doc = _doc(words, heads, deps, lemmas)
    for token, tag in zip(doc, tags, strict=True):
        token.tag_ = tag
    return doc


PEOPLE, COMPANIONS = frozenset({"applicant"}), frozenset({"with"})


def test_plural_people_object_rivals_they():
    # 'USCIS fingerprints applicants .'
    doc = _tagged(["USCIS", "fingerprints", "applicants", "."], [1, 1, 1, 1],
                  ["nsubj", "ROOT", "dobj", "punct"], ["NNP", "VBZ", "NNS", "."],
                  ["uscis", "fingerprint", "applicant", "."])
    uscis = Span(doc, 0, 1, label="USCIS")
    assert rival_for_they([uscis], [uscis], PEOPLE, COMPANIONS)
    assert not rival_for_they([uscis], [uscis], frozenset(), COMPANIONS)


def test_people_and_things_are_no_rival():
    # 'OFO admits applicants and goods .': a list of what passes, not who 'they' are
    doc = _tagged(["OFO", "admits", "applicants", "and", "goods", "."], [1, 1, 1, 2, 2, 1],
                  ["nsubj", "ROOT", "dobj", "cc", "conj", "punct"],
                  ["NNP", "VBZ", "NNS", "CC", "NNS", "."],
                  ["ofo", "admit", "applicant", "and", "good", "."])
    doc[2].pos_ = doc[4].pos_ = "NOUN"
    ofo = Span(doc, 0, 1, label="OFO")
    assert not rival_for_they([ofo], [ofo], PEOPLE, COMPANIONS)


def test_an_agency_acted_with_rivals_they():
    # 'ICE works with CBP .'
    doc = _tagged(["ICE", "works", "with", "CBP", "."], [1, 1, 1, 2, 1],
                  ["nsubj", "ROOT", "prep", "pobj", "punct"], ["NNP", "VBZ", "IN", "NNP", "."],
                  ["ice", "work", "with", "cbp", "."])
    ice, cbp = Span(doc, 0, 1, label="ICE"), Span(doc, 3, 4, label="CBP")
    assert rival_for_they([ice, cbp], [ice], PEOPLE, COMPANIONS)
    assert not rival_for_they([ice, cbp], [ice], PEOPLE, frozenset())
