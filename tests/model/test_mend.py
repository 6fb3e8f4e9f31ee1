"""remit.model.mend: an apposition hung on the wrong noun moves to the object before its comma."""

from spacy.tokens import Doc
from spacy.vocab import Vocab

from remit.model.mend import mend_appositions

# 'ICE is separate from CBP , the agency that patrols borders .' as the small model parses
# it: the apposition ('agency') hung on the subject, or made the copula's attribute.
WORDS = ["ICE", "is", "separate", "from", "CBP", ",", "the", "agency", "that", "patrols",
         "borders", "."]
POS = ["PROPN", "AUX", "ADJ", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "PRON", "VERB", "NOUN",
       "PUNCT"]


def _doc(agency_head: int, agency_dep: str) -> Doc:
    heads = [1, 1, 1, 2, 3, 1, 7, agency_head, 9, 7, 9, 1]
    deps = ["nsubj", "ROOT", "acomp", "prep", "pobj", "punct", "det", agency_dep, "nsubj",
            "relcl", "dobj", "punct"]
    return Doc(Vocab(), words=WORDS, heads=heads, deps=deps, pos=POS)


def test_an_apposition_on_the_subject_moves_to_the_object():
    doc = _doc(0, "appos")
    assert mend_appositions(doc) == 1
    assert doc[7].head.i == 4 and doc[7].dep_ == "appos"


def test_an_attribute_after_an_adjective_moves_and_becomes_an_apposition():
    doc = _doc(1, "attr")
    assert mend_appositions(doc) == 1
    assert doc[7].head.i == 4 and doc[7].dep_ == "appos"


def test_an_apposition_already_on_the_object_stays():
    doc = _doc(4, "appos")
    assert mend_appositions(doc) == 0
    assert doc[7].head.i == 4


def test_an_attribute_of_a_plain_copula_stays():
    # 'ICE is , the agency ...' with no adjective: an attribute of its own
    words = ["ICE", "is", "in", "DHS", ",", "the", "agency", "that", "deports", "people", "."]
    pos = ["PROPN", "AUX", "ADP", "PROPN", "PUNCT", "DET", "NOUN", "PRON", "VERB", "NOUN",
           "PUNCT"]
    heads = [1, 1, 1, 2, 1, 6, 1, 8, 6, 8, 1]
    deps = ["nsubj", "ROOT", "prep", "pobj", "punct", "det", "attr", "nsubj", "relcl", "dobj",
            "punct"]
    doc = Doc(Vocab(), words=words, heads=heads, deps=deps, pos=pos)
    assert mend_appositions(doc) == 0
    assert doc[6].head.i == 1 and doc[6].dep_ == "attr"
