"""Cues of the whole sentence: what its ends say ('?', a headline) and where a phrase stands.

The scopes ``sentence_start``, ``sentence_end`` and ``sentence`` of
:mod:`remit.claims.modifiers`; ``state`` is its per-sentence cache (``SentenceCues``).
"""

from __future__ import annotations

import itertools
from typing import TYPE_CHECKING

from remit.claims.cuecompile import CompiledCue
from remit.claims.cuecompile import word_of as _word_of

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

COPULA = "be"


def sentence_hit(cue: CompiledCue, sent: Span, text: str | None = None) -> bool:
    """``sentence_end``: the text ends in a trigger; ``sentence_start``: a headline opens.
    ``text`` is the sentence's, when the caller has it."""
    record = cue.record
    text = sent.text if text is None else text
    if record.scope == "sentence_end":
        text = text.rstrip().rstrip(record.skip)
        return any(text.endswith(w) for w in cue.words)
    if text.rstrip().endswith(tuple(cue.terminators)):
        return False
    limit = record.max_scope or 1
    for k, token in enumerate(itertools.islice((t for t in _opening(sent, record) if t.is_alpha),
                                               limit)):
        if _word_of(cue, token) and (k == 0 or record.label is None or (
                text.split(record.label)[0].count(" ") < limit)) and _followed(record, token):
            return True
    return False


def _opening(sent: Span, record) -> Span:
    """The sentence, with a label the parser cut off before it as a sentence of its own
    ('WRONG:' of 'WRONG: ICE issues green cards'): for a cue whose trigger must be followed
    by a mark, a short sentence right before that ends in one."""
    if not record.followed_by or sent.start == 0:
        return sent
    before = sent.doc[sent.start - 1].sent
    if (before.end == sent.start and before[-1].text in record.followed_by
            and len(before) <= 3 and "\n" not in sent.doc[before.start:sent.start].text):
        return sent.doc[before.start:sent.end]
    return sent


def _followed(record, token: Token) -> bool:
    """Whether the token after a trigger is one ``followed_by`` asks for (or none is asked)."""
    if not record.followed_by:
        return True
    doc, i = token.doc, token.i + 1
    while i < len(doc) and i - token.i <= 2 and (doc[i].like_num or doc[i].text == "#"):
        i += 1  # 'Claim 2:', 'Myth #3:'
    return i < len(doc) and doc[i].text in record.followed_by


def phrase_hit(cue: CompiledCue, state, head: Token | None) -> bool:
    """A ``sentence`` cue's phrase, placed as ``direction`` and ``max_scope`` say."""
    # Most sentences hold none of the cue words: a substring test on the text rules them out
    # before any token is looked at. A lemma shares its first letters with the word ('plan',
    # 'planning'), except the forms of the copula, which are always looked for.
    text = state.text
    candidates = [p for p in cue.phrases if p[0] == COPULA or p[0][:3] in text]
    if not candidates:
        return False
    words, present = state.words, state.present
    at = None if head is None else head.i - state.sent.start
    for target in candidates:
        if not present.issuperset(target):
            continue
        n = len(target)
        for start in range(len(words) - n + 1):
            if all(target[k] in words[start + k] for k in range(n)) and placed(
                    cue, state, start, start + n, at):
                return True
    return False


def placed(cue: CompiledCue, state, start: int, end: int, at: int | None) -> bool:
    """Whether a trigger at ``start:end`` of the sentence reaches the predicate at ``at``."""
    record = cue.record
    if at is None:
        return record.direction == "bidirectional" and not record.max_scope and not (
            cue.terminators)
    if record.direction == "forward" and end > at:
        return False
    if record.direction == "backward" and start <= at:
        return False
    between = range(end, at) if end <= at else range(at + 1, start)
    if record.max_scope is not None and len(between) > record.max_scope:
        return False
    return all(cue.terminators.isdisjoint(state.words[i]) for i in between)
