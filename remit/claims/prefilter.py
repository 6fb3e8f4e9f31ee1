"""The cheap first pass: which sentences of a text can hold a claim, read from tokens alone.

Parsing is what costs, and most sentences of an article name no agency. This pass splits a
tokenized text into sentences by rule, finds the agency mentions with the same matchers as
:func:`remit.claims.mentions.find_mentions` (which needs no parse), and marks as *carriers* the
sentences that can yield a claim or pass an antecedent on:

- a sentence with a mention;
- a sentence with an anaphor cue ('it', 'its', 'the agency', 'the latter'...) right after a
  carrier, since :func:`remit.claims.extract.resolve_anaphora` looks one sentence back.

Any other sentence has no mention and nothing to resolve, so extraction finds nothing in it and
hands nothing on: it need not be parsed. Both modes parse each sentence as its own ``Doc``, so a
sentence's parse never depends on which other sentences were parsed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace

import numpy as np
from spacy.attrs import LOWER
from spacy.tokens import Doc, Span, Token

from remit.claims.lexicon import Lexicon
from remit.claims.mentions import AliasIndex

# Tokens that end a sentence when a word follows (spaCy's sentencizer uses the same idea).
_END_PUNCT = frozenset({".", "!", "?", "...", "…", "?!", "!?"})
# List markers that continue a sentence ending in a colon across line breaks.
_BULLETS = frozenset({"•", "-", "*", "–", "—", "·", "▪", "◦", "‣", "+"})
# Words long enough to tell an agency name from prose; shorter ones ('of', 'the') are everywhere.
_ANCHOR_MIN = 4


@dataclass(frozen=True)
class Sentence:
    """One rule-based sentence: token range in the text's ``Doc`` and its character range."""

    start: int
    end: int
    start_char: int
    end_char: int


def split_sentences(doc: Doc) -> list[Sentence]:
    """Split a tokenized text into sentences, without a model.

    A sentence ends after '.', '!' or '?' (and any closing punctuation) when the next word does
    not start in lower case, so 'Dept. of State' and 'approx. five' stay whole; abbreviations
    such as 'U.S.' are single tokens and never end one. A line break ends a sentence too, since
    :func:`remit.claims.text.prepare_text` keeps line breaks only between paragraphs and
    headings, except after a colon, where a list follows: 'HSI handles cases involving:' and
    the bullets below it make one sentence. Whitespace tokens at either end are left out.
    """
    out: list[Sentence] = []
    start = last = -1
    seen_end = in_list = broken = False
    for token in doc:
        if token.is_space:
            broken = broken or "\n" in token.text
            continue
        if start >= 0 and _ends_before(doc[last], token, seen_end, broken, in_list):
            out.append(_sentence(doc, start, last + 1))
            start, in_list = -1, False
        if broken and start >= 0:
            in_list = True
        seen_end = token.text in _END_PUNCT or (seen_end and token.is_punct)
        broken = False
        if start < 0:
            start = token.i
        last = token.i
    if start >= 0:
        out.append(_sentence(doc, start, last + 1))
    return out


def _ends_before(previous: Token, token: Token, seen_end: bool, broken: bool,
                 in_list: bool) -> bool:
    """Whether a sentence ends between ``previous`` and ``token`` (the next word token)."""
    if broken:
        return not (previous.text == ":" or (in_list and token.text in _BULLETS))
    return seen_end and not token.is_punct and not token.text[:1].islower()


def _sentence(doc: Doc, start: int, end: int) -> Sentence:
    last = doc[end - 1]
    return Sentence(start, end, doc[start].idx, last.idx + len(last.text))


def fuzzy_anchors(fuzzy: dict[tuple[str, ...], str]) -> dict[str, tuple[tuple[str, ...], ...]]:
    """Map each word to the multi-word names a fuzzy match of which may need that word.

    A fuzzy match misspells at most one word of a name. So when a name has two or more long
    words, all its distinct long words but one appear exactly; otherwise all its distinct words
    but one do. These are the name's anchors; :func:`anchors_needed` says how many must appear.
    """
    anchors: dict[str, list[tuple[str, ...]]] = {}
    for name in fuzzy:
        for word in _anchor_words(name):
            anchors.setdefault(word, []).append(name)
    return {word: tuple(names) for word, names in anchors.items()}


def _anchor_words(name: tuple[str, ...]) -> set[str]:
    long_words = {w for w in name if len(w) >= _ANCHOR_MIN}
    return long_words if len(long_words) >= 2 else set(name)


def anchors_needed(name: tuple[str, ...]) -> int:
    """How many distinct anchor words of ``name`` a text holds if it holds a fuzzy match."""
    return max(1, len(_anchor_words(name)) - 1)


def narrow_index(index: AliasIndex, anchors: dict[str, tuple[tuple[str, ...], ...]],
                 words: Iterable[str]) -> AliasIndex:
    """Return ``index`` with only the fuzzy names whose anchors are among ``words``.

    The fuzzy search is a Python loop over every name at every token; keeping the names that can
    match makes :func:`find_mentions` cost about what the phrase matchers cost, same result.
    """
    hits: dict[tuple[str, ...], int] = {}
    for word in set(words):
        for name in anchors.get(word, ()):
            hits[name] = hits.get(name, 0) + 1
    names = [name for name, n in hits.items() if n >= anchors_needed(name)]
    if len(names) == len(index.fuzzy):
        return index
    return replace(index, fuzzy={name: index.fuzzy[name] for name in names})


def cue_words(lex: Lexicon) -> frozenset[str]:
    """Lower-case forms that may start an anaphor :func:`resolve_anaphora` resolves.

    Nouns are matched by lemma there, so plural forms are added ('agencies', 'offices').
    """
    nouns = set(lex.anaphor_nouns)
    nouns |= {n + "s" for n in nouns} | {n + "es" for n in nouns}
    nouns |= {n[:-1] + "ies" for n in lex.anaphor_nouns if n.endswith("y")}
    return frozenset(nouns | set(lex.pronouns) | {"latter", "former"})


@dataclass(frozen=True)
class Carrier:
    """A sentence to parse: its own ``Doc`` and the agency mentions found in it."""

    doc: Doc
    mentions: list[Span]


class Prefilter:
    """Mark the sentences of a tokenized text that must be parsed."""

    def __init__(self, extractor, vocab):
        self.extractor = extractor
        index = extractor.aliases
        words = set(index.acronyms) | set(extractor.anchors)
        # Hashes of single words that may lie in a mention or start an anaphor, for a vectorized
        # scan of the whole text before any sentence is looked at closely.
        self._mention_hashes = np.array(sorted(vocab.strings.add(w) for w in words),
                                        dtype="uint64")
        self._cue_hashes = np.array(sorted(vocab.strings.add(w)
                                           for w in cue_words(extractor.lex)), dtype="uint64")

    def carriers(self, doc: Doc, sentences: list[Sentence]) -> list[Carrier | None]:
        """Return, per sentence, its own unparsed ``Doc`` if it must be parsed, else ``None``."""
        if not sentences:
            return []
        starts = np.array([s.start for s in sentences])
        maybe = self._sentences_with(starts, self._possible_mention_tokens(doc))
        cued = self._sentences_with(starts, self._hits(doc, self._cue_hashes))
        out: list[Carrier | None] = []
        previous = False
        for i, sent in enumerate(sentences):
            carrier = None
            if i in maybe or (i in cued and previous):
                sent_doc = doc[sent.start : sent.end].as_doc()
                mentions = self.extractor.mentions(sent_doc) if i in maybe else []
                if mentions or (i in cued and previous):
                    carrier = Carrier(sent_doc, mentions)
            out.append(carrier)
            previous = carrier is not None
        return out

    def _possible_mention_tokens(self, doc: Doc) -> np.ndarray:
        """Token positions where a mention may lie: phrase-matcher hits, acronyms, anchors."""
        index = self.extractor.aliases
        found = [s for _, s, _ in index.exact(doc)] + [s for _, s, _ in index.folded(doc)]
        return np.concatenate([np.array(found, dtype="int64"),
                               self._hits(doc, self._mention_hashes)])

    @staticmethod
    def _hits(doc: Doc, hashes: np.ndarray) -> np.ndarray:
        lower = doc.to_array(LOWER)
        if not len(hashes) or not len(lower):
            return np.empty(0, dtype="int64")
        # membership by binary search in the sorted hashes: cheaper than np.isin on short docs
        at = np.minimum(np.searchsorted(hashes, lower), len(hashes) - 1)
        return np.flatnonzero(hashes[at] == lower)

    @staticmethod
    def _sentences_with(starts: np.ndarray, positions: np.ndarray) -> set[int]:
        """Return the indices of the sentences holding any of the token ``positions``."""
        if not len(positions):
            return set()
        return set((np.searchsorted(starts, positions, side="right") - 1).tolist())
