"""The forms a cue word may match, read from a doc's columns once per doc."""

from __future__ import annotations

# The last doc whose tokens' forms were read (see token_forms), its forms, and all of them.
_LAST_FORMS: list = [None, [], frozenset()]
# Lemmas in lower case by the lemma's hash (a hash names one string for good).
_LEMMA_LOWER: dict[int, str] = {}
_LEMMA_MAX = 50_000


def token_forms(doc) -> list[tuple[str, str]]:
    """Each token's lower case and lemma in lower case, the forms a cue word may match.

    Read from the doc's columns once per doc (the cues ask for a few tokens many times), with
    no ``Token`` built; the doc must be fully annotated (extraction reads parsed docs only).
    """
    if doc is _LAST_FORMS[0]:
        return _LAST_FORMS[1]
    from spacy.attrs import LEMMA, LOWER

    strings = doc.vocab.strings
    out = []
    for lower, lemma in doc.to_array([LOWER, LEMMA]).tolist() if len(doc) else ():
        folded = _LEMMA_LOWER.get(lemma)
        if folded is None:
            if len(_LEMMA_LOWER) >= _LEMMA_MAX:
                _LEMMA_LOWER.clear()
            folded = _LEMMA_LOWER[lemma] = strings[lemma].lower()
        out.append((strings[lower], folded))
    _LAST_FORMS[:] = [doc, out, frozenset(f for pair in out for f in pair)]
    return out


def doc_forms(doc) -> frozenset[str]:
    """Every lower case and lemma in lower case of ``doc``'s tokens."""
    if doc is not _LAST_FORMS[0]:
        token_forms(doc)
    return _LAST_FORMS[2]


def has_word(cue, forms: frozenset[str]) -> bool:
    """Whether a cue that asks a token for one of its words (every scope but the sentence's)
    can match in a doc with these ``forms`` at all: not if none of its tokens has one, or
    none has a word its token tests ask for ('has_child: {LOWER: "no"}')."""
    for gate in cue.gates:
        if gate.isdisjoint(forms):
            return False
    return True


def has_phrase(cue, forms: frozenset[str]) -> bool:
    """Whether a cue matched by its phrases (scope 'mention') can match in a doc with these
    ``forms`` at all: not unless the doc has every word of one of them."""
    return any(forms.issuperset(words) for words in cue.phrases)


# The doc cue lists were last sifted for, and per list (by identity) the cues kept.
_SIFTED: list = [None, {}]


def live(cues: tuple, doc, test=has_word) -> tuple:
    """The ``cues`` (a tuple kept for good) that pass ``test`` on ``doc``'s forms, worked out
    once per doc."""
    if doc is not _SIFTED[0]:
        _SIFTED[:] = [doc, {}]
    key = (id(cues), test)
    kept = _SIFTED[1].get(key)
    if kept is None:
        forms = doc_forms(doc)
        kept = _SIFTED[1][key] = tuple(c for c in cues if test(c, forms))
    return kept
