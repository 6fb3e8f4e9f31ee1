"""Cues of an agency mention itself: 'not ICE but USCIS', 'only ICE', 'ICE alone'.

ConText's window around its target, with the agency mention as the target. A cue record of
scope ``mention`` (``data/cues/mention.yaml``) names its trigger (``words``: words or phrases,
compared in lower case), the side of the mention it stands on (``direction``: ``forward``,
before it; ``backward``, after it; ``bidirectional``, either), how many tokens may stand
between (``max_scope``; 0 or none: next to it) and, with ``between``, the only words that may,
all in the mention's sentence. A trigger whose last word and that word's head pass the
``pseudo`` tests is no trigger (ConText's pseudo-triggers); ``needs_before`` asks for one of
its words at most ``within`` tokens before the trigger. Effects: ``contrast`` (the agency
itself is denied, what is said is said of another: its frames are read negated) and
``exclusive`` (only this agency does it). This module holds no English word.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from remit.claims.cuecompile import CompiledCue
from remit.claims.forms import has_phrase, live
from remit.claims.tokentests import passes

if TYPE_CHECKING:
    from spacy.tokens import Span

    from remit.claims.lexicon import Lexicon

CONTRAST, EXCLUSIVE = "contrast", "exclusive"
_BEFORE, _AFTER = "forward", "backward"


@dataclass(frozen=True)
class MentionCues:
    """The compiled ``mention`` cues of a grammar, by effect, with the words they end in."""

    contrast: tuple[CompiledCue, ...] = ()
    exclusive: tuple[CompiledCue, ...] = ()

    @classmethod
    def of(cls, cues: Iterable[CompiledCue]) -> MentionCues:
        """Sort compiled ``mention`` cues by effect (record order kept)."""
        cues = list(cues)
        return cls(tuple(c for c in cues if c.record.effect == CONTRAST),
                   tuple(c for c in cues if c.record.effect == EXCLUSIVE))

    def contrasted(self, mention: Span, sent: Span) -> bool:
        """'not ICE but USCIS', 'ERO, not HSI, ...': the mention itself is denied."""
        return any(_hit(cue, mention, sent)
                   for cue in live(self.contrast, mention.doc, has_phrase))

    def exclusive_to(self, mention: Span, sent: Span) -> bool:
        """'only ICE', 'ICE alone', 'no agency other than ICE': only this agency does it."""
        return any(_hit(cue, mention, sent)
                   for cue in live(self.exclusive, mention.doc, has_phrase))


def _hit(cue: CompiledCue, mention: Span, sent: Span) -> bool:
    return trigger_of(cue, mention, sent) is not None


def trigger_of(cue: CompiledCue, mention: Span, sent: Span) -> Span | None:
    """The cue's trigger where the record says, around ``mention`` (before it first)."""
    direction = cue.record.direction
    return ((_side(cue, mention, sent, before=True) if direction != _AFTER else None)
            or (_side(cue, mention, sent, before=False) if direction != _BEFORE else None))


def _side(cue: CompiledCue, mention: Span, sent: Span, before: bool) -> Span | None:
    doc = mention.doc
    for gap in range((cue.record.max_scope or 0) + 1):
        if gap:
            # the token just added between trigger and mention
            k = mention.start - gap if before else mention.end + gap - 1
            if not sent.start <= k < sent.end or (cue.between
                                                  and doc[k].lower_ not in cue.between):
                return None
        edge = mention.start - gap - 1 if before else mention.end + gap
        if not sent.start <= edge < sent.end:
            return None
        for words in cue.phrases:
            # the trigger's word next to the mention is asked first: most tokens are none
            if doc[edge].lower_ != (words[-1] if before else words[0]):
                continue
            start = edge - len(words) + 1 if before else edge
            end = start + len(words)
            if start >= sent.start and end <= sent.end and all(
                    doc[start + j].lower_ == w for j, w in enumerate(words)) and _counts(
                    cue, doc, start, end, sent):
                return doc[start:end]
    return None


def _counts(cue: CompiledCue, doc, start: int, end: int, sent: Span) -> bool:
    """Whether the trigger at ``start:end`` is no pseudo-trigger and has what it needs."""
    if cue.pseudo is not None:
        word_test, head_test = cue.pseudo
        last = doc[end - 1]
        if passes(last, word_test) and passes(last.head, head_test):
            return False
    if cue.needs_before:
        return any(doc[k].lower_ in cue.needs_before
                   for k in range(max(sent.start, start - cue.record.needs_before.within), start))
    return True


def mention_cues_of(lex: Lexicon) -> MentionCues:
    """The ``mention`` cues of the files ``lex`` was loaded from, compiled on first use."""
    from remit.claims.modifiers import lexicon_cues

    return lexicon_cues(lex, "mention_cues", lambda cues: MentionCues.of(cues.mention))
