"""The memoized lemmatizer gives spaCy's lemmas, token for token."""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from remit.model import lemmas
from remit.model.lemmas import MemoLemmatizer, speed_up_lemmatizers


@pytest.fixture(scope="module")
def lemmatizer(engine):
    return engine.nlp.get_pipe("lemmatizer")


def _doc(vocab, words, pos, morphs, lemmas=None):
    return Doc(vocab, words=words, pos=pos, morphs=morphs, lemmas=lemmas)


WORDS = ["ICE", "issues", "visas", "and", "issued", "warrants", "better"]
POS = ["PROPN", "VERB", "NOUN", "CCONJ", "VERB", "NOUN", "ADJ"]
MORPHS = ["Number=Sing", "Number=Sing|Person=3|Tense=Pres|VerbForm=Fin", "Number=Plur", "",
          "Tense=Past|VerbForm=Fin", "Number=Plur", "Degree=Cmp"]


def test_same_lemmas_as_spacy(engine, lemmatizer):
    stock = _doc(engine.nlp.vocab, WORDS, POS, MORPHS)
    type(lemmatizer).__call__(lemmatizer, stock)
    memo = MemoLemmatizer(lemmatizer)
    for _ in range(2):  # the second time from the memo
        ours = memo(_doc(engine.nlp.vocab, WORDS, POS, MORPHS))
        assert [t.lemma_ for t in ours] == [t.lemma_ for t in stock]
    assert [t.lemma_ for t in stock][:3] == ["ICE", "issue", "visa"]


def test_keeps_a_lemma_already_set(engine, lemmatizer):
    given = ["ICE", "", "", "", "", "", "well"]
    doc = MemoLemmatizer(lemmatizer)(_doc(engine.nlp.vocab, WORDS, POS, MORPHS, given))
    assert doc[6].lemma_ == "well"
    assert doc[1].lemma_ == "issue"


def test_same_pos_other_morphology_is_another_key(engine, lemmatizer):
    memo = MemoLemmatizer(lemmatizer)
    vocab = engine.nlp.vocab
    singular = memo(_doc(vocab, ["issues"], ["NOUN"], ["Number=Sing"]))
    plural = memo(_doc(vocab, ["issues"], ["NOUN"], ["Number=Plur"]))
    assert (singular[0].lemma_, plural[0].lemma_) == ("issues", "issue")


def test_memo_is_bounded(engine, lemmatizer, monkeypatch):
    monkeypatch.setattr(lemmas, "_SEEN_MAX", 3)
    memo = MemoLemmatizer(lemmatizer)
    memo(_doc(engine.nlp.vocab, WORDS, POS, MORPHS))
    assert len(memo._seen) <= 3


def test_engine_pipeline_uses_it_and_empty_doc(engine, lemmatizer):
    assert isinstance(lemmatizer.pipe.__self__, MemoLemmatizer)
    assert len(lemmatizer.pipe.__self__(Doc(engine.nlp.vocab, words=[]))) == 0


def test_a_changed_lemmatizer_keeps_its_own_code(engine):
    import spacy
    from spacy.lang.en.lemmatizer import EnglishLemmatizer

    class Mine(EnglishLemmatizer):
        def is_base_form(self, token):
            return True

    nlp = spacy.blank("en")
    nlp.add_pipe("lemmatizer", config={"mode": "rule"})
    assert speed_up_lemmatizers(nlp) == 1
    assert speed_up_lemmatizers(nlp) == 0  # once
    assert not lemmas._plain(Mine(nlp.vocab, None, mode="rule"))
    assert lemmas._plain(EnglishLemmatizer(nlp.vocab, None, mode="rule"))


def _rule_lemmas(lemmatizer, doc, lookups) -> list[list[str]]:
    kept, cache = lemmatizer.lookups, lemmatizer.cache
    lemmatizer.lookups, lemmatizer.cache = lookups, {}
    try:
        return [lemmatizer.rule_lemmatize(t) for t in doc]
    finally:
        lemmatizer.lookups, lemmatizer.cache = kept, cache


def test_index_as_sets_gives_the_lemmas_of_lists(engine, lemmatizer):
    from spacy.lookups import Lookups

    index = lemmatizer.lookups.get_table("lemma_index")
    assert all(isinstance(v, lemmas.IndexList) for v in index.values())
    plain = Lookups().from_bytes(lemmatizer.lookups.to_bytes())  # the same tables, as lists
    assert type(plain.get_table("lemma_index").get("noun")) is list
    nouns = plain.get_table("lemma_index").get("noun")[::200]
    verbs = plain.get_table("lemma_index").get("verb")[::50]
    words = ([n + "s" for n in nouns] + [n + "es" for n in nouns] + nouns
             + [v + "ed" for v in verbs] + [v + "ing" for v in verbs] + ["qwzxes", "blorfed"])
    pos = ["NOUN"] * (3 * len(nouns)) + ["VERB"] * (2 * len(verbs)) + ["NOUN", "VERB"]
    doc = _doc(engine.nlp.vocab, words, pos, [""] * len(words))
    ours = _rule_lemmas(lemmatizer, doc, lemmatizer.lookups)
    assert ours == _rule_lemmas(lemmatizer, doc, plain)
    assert len({tuple(x) for x in ours}) > 100  # many distinct answers, not one fallback


def test_index_list_is_a_list_with_set_membership():
    words = lemmas.IndexList(["visa", "card", "visa"])
    assert words == ["visa", "card", "visa"] and "card" in words and "cards" not in words
    lemmas.index_as_sets(type("L", (), {"has_table": lambda self, name: False})())  # no table
