"""Two clauses the parser glued into one (``argwords.under_other_verb``), on a hand-built parse:
only the first conjunct of the glued subject is what the predicate is said to do."""

from __future__ import annotations

from spacy.tokens import Doc
from spacy.vocab import Vocab

from remit.claims.argwords import under_other_verb

# 'DHS decides work authorization and State collects data at the visa stage .', parsed with
# 'work authorization and State' as the subject of 'collects', a complement of 'decides'.
WORDS = ["DHS", "decides", "work", "authorization", "and", "State", "collects", "data", "at",
         "the", "visa", "stage", "."]
HEADS = [1, 1, 3, 6, 3, 3, 1, 6, 6, 11, 11, 8, 1]
DEPS = ["nsubj", "ROOT", "compound", "nsubj", "cc", "conj", "ccomp", "dobj", "prep", "det",
        "compound", "pobj", "punct"]
TAGS = ["NNP", "VBZ", "NN", "NN", "CC", "NNP", "VBZ", "NNS", "IN", "DT", "NN", "NN", "."]


def _doc(mark: bool = False) -> Doc:
    words, heads, deps, tags = list(WORDS), list(HEADS), list(DEPS), list(TAGS)
    if mark:  # 'decides that work authorization and State collect ...': a content clause
        words.insert(2, "that")
        heads = [h + (h >= 2) for h in heads]
        heads.insert(2, 7)
        deps.insert(2, "mark")
        tags.insert(2, "IN")
    return Doc(Vocab(), words=words, heads=heads, deps=deps, tags=tags)


def test_the_second_clause_is_not_what_the_predicate_does():
    doc = _doc()
    decides = doc[1]
    assert under_other_verb(doc[10], decides)      # 'visa' is State's business
    assert under_other_verb(doc[5], decides)       # and so is 'State'
    assert not under_other_verb(doc[2], decides)   # 'work authorization' is decided
    assert not under_other_verb(doc[3], decides)


def test_a_content_clause_with_that_stays_the_predicates():
    doc = _doc(mark=True)
    assert doc[2].dep_ == "mark" and doc[7].text == "collects"
    assert not under_other_verb(doc[11], doc[1])
