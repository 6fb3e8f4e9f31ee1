"""A sentence far longer than any written one is cut into pieces, so reading it stays linear."""

from __future__ import annotations

import spacy

from remit.runtime.prefilter import MAX_SENTENCE_TOKENS, split_sentences

NLP = spacy.blank("en")


def _pieces(text: str):
    doc = NLP.make_doc(text)
    return doc, split_sentences(doc)


def test_a_run_on_sentence_is_cut_after_commas_and_keeps_every_token():
    doc, pieces = _pieces("ICE detains people, " * 1000 + "and USCIS issues green cards.")
    assert len(pieces) > 1
    assert all(p.end - p.start <= MAX_SENTENCE_TOKENS for p in pieces)
    assert pieces[0].start == 0 and pieces[-1].end == len(doc)
    assert all(a.end == b.start for a, b in zip(pieces, pieces[1:]))
    assert all(doc[p.end - 1].text == "," for p in pieces[:-1])


def test_without_punctuation_the_cut_falls_at_the_limit():
    doc, pieces = _pieces("ICE " * 1000)
    assert [p.end - p.start for p in pieces[:-1]] == [MAX_SENTENCE_TOKENS] * (len(pieces) - 1)
    assert sum(p.end - p.start for p in pieces) == len(doc)


def test_written_sentences_are_not_cut():
    text = "ICE, the agency that enforces immigration law inside the country, " * 10 + "acts."
    doc, pieces = _pieces(text)
    assert len(doc) < MAX_SENTENCE_TOKENS
    assert [(p.start, p.end) for p in pieces] == [(0, len(doc))]


def test_a_long_run_of_brackets_is_tokenized_in_linear_time():
    import time

    from remit.runtime.text import normalize_text

    prepared = normalize_text("ICE acts. " + "[" * 100_000 + " done")
    start = time.perf_counter()
    doc = NLP.make_doc(prepared.text)
    assert time.perf_counter() - start < 5  # 10,000 brackets took 30 s unbroken
    assert sum(t.text == "[" for t in doc) == 100_000
    assert prepared.to_input(len(prepared.text)) == len("ICE acts. " + "[" * 100_000 + " done")
