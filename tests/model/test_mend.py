"""remit.model.mend: an apposition hung on the wrong noun moves to the object before its comma;
the infinitive of a name ('Notice to Appear') goes back to the name."""

from spacy.lang.en import English
from spacy.tokens import Doc
from spacy.vocab import Vocab

from remit.model.mend import mend_appositions, mend_infinitive_names

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


NAMES = frozenset({"notice to appear"})
# 'ICE serves a Notice to Appear on the man .' as the small model may parse it: 'Appear' a
# clause of 'serves', with the man under it.
NTA_WORDS = ["ICE", "serves", "a", "Notice", "to", "Appear", "on", "the", "man", "."]


def _nta(appear_head: int, appear_dep: str) -> Doc:
    heads = [1, 1, 3, 1, 5, appear_head, 5, 8, 6, 1]
    deps = ["nsubj", "ROOT", "det", "dobj", "aux", appear_dep, "prep", "det", "pobj", "punct"]
    return Doc(English().vocab, words=NTA_WORDS, heads=heads, deps=deps)


def test_the_infinitive_of_a_name_goes_back_to_the_name():
    doc = _nta(1, "advcl")
    assert mend_infinitive_names(doc, NAMES) == 1
    assert doc[5].head.i == 3 and doc[5].dep_ == "acl"
    assert doc[4].head.i == 5
    # what hung on the infinitive goes to the verb: the man is whom it is served on
    assert doc[6].head.i == 1
    assert [t.text for t in doc[3].subtree] == ["a", "Notice", "to", "Appear"]


def test_an_infinitive_already_on_the_name_stays():
    doc = _nta(3, "acl")
    assert mend_infinitive_names(doc, NAMES) == 0
    assert doc[6].head.i == 5


def test_other_words_are_left_alone():
    assert mend_infinitive_names(_nta(1, "advcl"), frozenset({"notice to leave"})) == 0


def test_an_infinitive_on_the_name_as_a_relative_clause_becomes_its_clause():
    doc = _nta(3, "relcl")
    assert mend_infinitive_names(doc, NAMES) == 1
    assert doc[5].head.i == 3 and doc[5].dep_ == "acl"
