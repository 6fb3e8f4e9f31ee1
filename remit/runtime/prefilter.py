"""The cheap first pass: which sentences of a text can hold a claim, read from tokens alone.

Parsing is what costs, and most sentences of an article name no agency. This pass splits a
tokenized text into sentences by rule, finds the agency mentions with the same matchers as
:func:`remit.claims.mentions.find_mentions` (which needs no parse), and marks as *carriers* the
sentences that can yield a claim or pass an antecedent on:

- a sentence with a mention;
- a sentence with an anaphor cue ('it', 'its', 'the agency', 'the latter'...) right after a
  carrier, since :func:`remit.claims.anaphora.resolve_anaphora` looks one sentence back;
- a sentence with an anaphor cue within :data:`remit.runtime.salience.REACH` sentences of a
  carrier in the same paragraph; the sentences in between, whose subjects may end the reach
  (see :class:`remit.runtime.salience.Salience`), are marked ``between``: the runner parses them
  only if the salient agency would stand in for an anaphor after them.

Any other sentence has no mention and nothing to resolve, so extraction finds nothing in it and
hands nothing on: it need not be parsed. Both modes parse each sentence as its own ``Doc``, so a
sentence's parse never depends on which other sentences were parsed.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import IDX, IS_PUNCT, IS_SPACE, LENGTH, LOWER, ORTH, SPACY
from spacy.tokens import Doc, Span

from remit.claims.mentions import alias_matches
from remit.runtime.anaphor_cues import AnaphorCues
from remit.runtime.boundaries import (
    END_PUNCT,
    clause_semicolons,
    clause_starts,
    is_abbreviation,
    row_semicolons,
)
from remit.runtime.salience import REACH
from remit.runtime.text import LIST_MARKER

# The longest sentence parsed whole, in tokens. Written sentences stay far below it (the
# longest of the reference sources has about 120); a longer run (a page that lost its full
# stops, a generated list) is cut at clause punctuation, or at the limit where there is none,
# so the cost of reading it stays linear in its length.
MAX_SENTENCE_TOKENS = 250
_CLAUSE_PUNCT = frozenset({";", ":", ",", "—", "–", "|", "•"})


@dataclass(frozen=True)
class Sentence:
    """One rule-based sentence: token range in the text's ``Doc`` and its character range."""

    start: int
    end: int
    start_char: int
    end_char: int


class TokenTable:
    """The token attributes of a tokenized text, read out once as arrays.

    Reading a token's attribute through a ``Token`` object costs far more than the test it
    serves; the first pass reads whole columns instead, and asks the string store only once
    per distinct word.
    """

    # What a tokenizer may set on a token, copied into each sentence's own Doc.
    COPIED = ("NORM", "LEMMA", "TAG", "POS", "MORPH")

    def __init__(self, doc: Doc):
        self.doc = doc
        columns = doc.to_array([ORTH, LOWER, SPACY, IDX, LENGTH, IS_SPACE, IS_PUNCT])
        self.orth, self.lower, self.spacy, self.idx, self.length, self.is_space, self.is_punct = (
            columns.T if len(doc) else np.empty((7, 0), dtype="uint64"))
        self._copied = doc.to_array(list(self.COPIED))

    def words(self, start: int, end: int) -> list[str]:
        """The texts of tokens ``start`` to ``end``."""
        strings = self.doc.vocab.strings
        return [strings[h] for h in self.orth[start:end].tolist()]

    def sentence_doc(self, sentence: Sentence) -> Doc:
        """The sentence as its own ``Doc``: what ``Span.as_doc`` gives for an unparsed text.

        ``as_doc`` reads the whole text's arrays and the span's vector each time; over every
        sentence of a long text that is quadratic.
        """
        start, end = sentence.start, sentence.end
        if start == 0 and end == len(self.doc):
            return self.doc  # the text is one sentence: it is its own Doc already
        doc = Doc(self.doc.vocab, words=self.words(start, end),
                  spaces=self.spacy[start:end].astype(bool).tolist())
        doc.from_array(list(self.COPIED), self._copied[start:end])
        return doc


def split_sentences(doc: Doc, tokens: TokenTable | None = None,
                    max_tokens: int = MAX_SENTENCE_TOKENS) -> list[Sentence]:
    """Split a tokenized text into sentences, without a model.

    A sentence ends after '.', '!' or '?' (and any closing punctuation) when the next word does
    not start in lower case, so 'Dept. of State' and 'approx. five' stay whole; abbreviations
    such as 'U.S.' are single tokens and end one only before a clause, and in a table row so
    does a semicolon (:mod:`remit.runtime.boundaries`). A line break ends a sentence too, since
    :func:`remit.runtime.text.prepare_text` keeps line breaks only between paragraphs, headings
    and list items: a heading, a lead line ending in a colon and each item below it are units
    of their own (:mod:`remit.runtime.structure` gives items their heading's agency).
    Whitespace tokens at either end are left out; a sentence longer than ``max_tokens`` is cut.
    """
    tokens = tokens or TokenTable(doc)
    kinds = _word_kinds(doc, tokens.orth)
    opened = clause_starts(tokens, kinds, _ABBREVIATION, _NEWLINE) | clause_semicolons(
        tokens, kinds, _NEWLINE, _END)
    ends = row_semicolons(tokens, kinds, _NEWLINE)
    is_space, is_punct = tokens.is_space.tolist(), tokens.is_punct.tolist()
    out: list[Sentence] = []
    start = last = -1
    seen_end = broken = False
    for i, kind in enumerate(kinds):
        if is_space[i]:
            broken = broken or bool(kind & _NEWLINE)
            continue
        if start >= 0 and (broken or i in opened
                           or _ends_before(kind, bool(is_punct[i]), seen_end)):
            out.append(_sentence(tokens, start, last + 1))
            start = -1
        # A sentence's first token (a list marker: '• Focus:') carries no end from before.
        seen_end = bool(kind & _END) or i in ends or (
            seen_end and bool(is_punct[i]) and start >= 0)
        broken = False
        if start < 0:
            start = i
        last = i
    if start >= 0:
        out.append(_sentence(tokens, start, last + 1))
    if any(s.end - s.start > max_tokens for s in out):
        out = [piece for s in out for piece in _cut_long(tokens, s, max_tokens)]
    return out


def _cut_long(tokens: TokenTable, sentence: Sentence,
              limit: int = MAX_SENTENCE_TOKENS) -> list[Sentence]:
    """Cut a sentence longer than ``limit`` tokens after the last clause punctuation in reach."""
    if sentence.end - sentence.start <= limit:
        return [sentence]
    pieces = []
    start = sentence.start
    while sentence.end - start > limit:
        words = tokens.words(start + limit // 2, start + limit)
        cut = next((start + limit // 2 + k + 1 for k in range(len(words) - 1, -1, -1)
                    if words[k] in _CLAUSE_PUNCT), start + limit)
        pieces.append(_sentence(tokens, start, cut))
        start = cut
    pieces.append(_sentence(tokens, start, sentence.end))
    return pieces


# What split_sentences needs to know of a word, as bit flags computed once per distinct word.
_END, _NEWLINE, _LOWER_START, _ABBREVIATION = 1, 2, 4, 8


# Kinds of the words seen so far, by ORTH hash (a hash names one string for good).
_KINDS: dict[int, int] = {}
_KINDS_MAX = 50_000


def _word_kinds(doc: Doc, orth: np.ndarray) -> list[int]:
    strings = doc.vocab.strings
    out = []
    for h in orth.tolist():
        kind = _KINDS.get(h)
        if kind is None:
            if len(_KINDS) > _KINDS_MAX:
                _KINDS.clear()
            text = strings[h]
            kind = _KINDS[h] = (
                (_END if text in END_PUNCT else 0) | (_NEWLINE if "\n" in text else 0)
                | (_LOWER_START if text[:1].islower() else 0)
                | (_ABBREVIATION if is_abbreviation(text) else 0))
        out.append(kind)
    return out


def _ends_before(token: int, token_is_punct: bool, seen_end: bool) -> bool:
    """Whether a sentence ends before a word token on the same line, given its kind."""
    return seen_end and not token_is_punct and not token & _LOWER_START


def _sentence(tokens: TokenTable, start: int, end: int) -> Sentence:
    return Sentence(start, end, int(tokens.idx[start]),
                    int(tokens.idx[end - 1] + tokens.length[end - 1]))


@dataclass(frozen=True)
class Carrier:
    """A sentence to parse: its own ``Doc`` and the agency mentions found in it.

    ``between``: a sentence without a cue or mention between a carrier and a cued sentence in
    its reach, parsed only if its subjects are asked for.
    """

    doc: Doc
    mentions: list[Span]
    between: bool = False


def _by_sentence(matches: list[tuple[int, int, int]], starts: np.ndarray,
                 sentences: list[Sentence]) -> dict[int, list[tuple[int, int, int]]]:
    """The matches that lie inside each sentence, as positions in the sentence's own Doc.

    A match across a sentence boundary belongs to neither; the order of matches is kept.
    """
    out: dict[int, list[tuple[int, int, int]]] = {}
    if not matches:
        return out
    where = np.searchsorted(starts, [s for _, s, _ in matches], side="right") - 1
    for (match, start, end), i in zip(matches, where.tolist(), strict=True):
        sentence = sentences[max(i, 0)]
        if sentence.start <= start and end <= sentence.end:
            out.setdefault(i, []).append((match, start - sentence.start, end - sentence.start))
    return out


@dataclass
class _Topic:
    """Whether the page so far is about one agency, named in its first two units."""

    labels: set = field(default_factory=set)
    first: int | None = None

    @property
    def open(self) -> bool:
        return self.first is not None and self.first <= 1 and len(self.labels) == 1

    def take(self, i: int, carrier: Carrier | None) -> None:
        if carrier is not None and carrier.mentions:
            self.first = i if self.first is None else self.first
            self.labels |= {m.label_ for m in carrier.mentions}


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
        self._cues = AnaphorCues(extractor.lex, vocab.strings)

    def carriers(self, doc: Doc, sentences: list[Sentence], tokens: TokenTable | None = None,
                 text: str | None = None) -> list[Carrier | None]:
        """Return, per sentence, its own unparsed ``Doc`` if it must be parsed, else ``None``.

        ``text`` is ``doc.text`` when the caller has it (``Doc.text`` builds it from every token).
        """
        if not sentences:
            return []
        tokens = tokens or TokenTable(doc)
        starts = np.array([s.start for s in sentences])
        matches = alias_matches(doc, self.extractor.aliases)
        found = np.array([start for _, start, _ in matches], dtype="int64")
        maybe = self._sentences_with(
            starts, np.concatenate([found, self._hits(tokens.lower, self._mention_hashes)]))
        by_sentence = _by_sentence(matches, starts, sentences)
        cued: set[int] | None = None  # the sentences with an anaphor cue, found when asked
        out: list[Carrier | None] = []
        last = None  # the last carrier
        text = doc.text if text is None else text
        topic = _Topic()
        for i, sent in enumerate(sentences):
            carrier = None
            # within reach of the last carrier, and in its paragraph (or right after it); or
            # anywhere on a page about one agency (the salience's topic)
            reached = False
            if last is not None:
                if cued is None:  # most texts of one sentence never ask
                    cued = self._sentences_with(starts,
                                                self._cues.positions(tokens.lower, starts))
                reached = i in cued and (i - last == 1 or (
                    i - last <= REACH + 1
                    and ("\n" not in text[sentences[last].end_char:sent.start_char]
                         or _items_between(text, sentences, last, i)))
                    or topic.open)
            if i in maybe or reached:
                sent_doc = tokens.sentence_doc(sent)
                mentions = self.extractor.mentions(
                    sent_doc, by_sentence.get(i, []), tokens.lower[sent.start : sent.end]) if (
                    i in maybe) else []
                if mentions or reached:
                    carrier = Carrier(sent_doc, mentions)
            if carrier is not None and reached:
                for j in range(last + 1, i):  # the sentences in between
                    out[j] = Carrier(tokens.sentence_doc(sentences[j]), [], between=True)
            out.append(carrier)
            last = i if carrier is not None else last
            topic.take(i, carrier)
        return out

    @staticmethod
    def _hits(lower: np.ndarray, hashes: np.ndarray) -> np.ndarray:
        """Positions of the tokens whose lower-case hash is among the sorted ``hashes``."""
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


def _items_between(text: str, sentences: list[Sentence], last: int, i: int) -> bool:
    """Whether every sentence between the carrier ``last`` and sentence ``i`` is a list item:
    a list under a lead continues the lead's paragraph ('Its main jobs are:' / '1. arresting
    ...' / '2. holding ...' / 'It does not decide ...'), so its reach goes on past it."""
    return i - last > 1 and all(
        LIST_MARKER.match(text, sentences[j].start_char) for j in range(last + 1, i))
