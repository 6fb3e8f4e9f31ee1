"""Which cue records hold for a claim, and the words that trigger them: for explaining a
claim (``remit explain``), with the tests of :mod:`remit.claims.modifiers`, not copies.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from remit.claims.cuesentence import phrase_hit as _phrase_hit
from remit.claims.modifiers import (
    CompiledCue,
    CueSet,
    SentenceCues,
    _any_hit,
    _word_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Span, Token


def future_cues(cues: CueSet, head: Token, state: SentenceCues,
                kind: str | None = None, place: bool = False) -> list[CompiledCue]:
    """Every future cue that holds for ``head`` (what :meth:`CueSet.future` asks, one by one,
    for explaining a claim; ``place``: a claim of where an agency sits).
    """
    local = [*cues.future_local, *(c for c in cues.future_agency if kind in c.record.agency),
             *(cues.future_places if place else cues.future_acts)]
    out = [c for c in local if _any_hit([c], head, state)]
    if not state.holds(head):
        state = cues.state(head.sent)
    return out + [c for c in cues.future_sentence if _phrase_hit(c, state, None)]


def cue_words(cue: CompiledCue, sent: Span, head: Token | None = None) -> list[str]:
    """The words of ``sent`` that are ``cue``'s trigger: its words and its phrases; given the
    predicate ``head``, a walking cue's words only on its way up (its heads, their children).
    """
    record = cue.record
    if head is not None and record.scope in {"heads", "children"}:
        above = [head, *head.ancestors]
        reach = {t.i for t in above} if record.scope == "heads" else {
            c.i for t in above for c in t.children}
        return [w for w in cue_words(cue, sent) if any(
            t.text == w and t.i in reach for t in sent)] or cue_words(cue, sent)
    if record.scope == "sentence_end":
        text = sent.text.rstrip().rstrip(record.skip)
        return [w for w in cue.words if text.endswith(w)]
    deps = record.deps if record.scope == "children" else ()
    out = [t.text for t in sent if (not deps or t.dep_ in deps) and _word_of(cue, t)] if (
        cue.words or cue.token or cue.has_child) else []
    forms = [frozenset({t.lower_, t.lemma_.lower()}) for t in sent]
    for target in cue.phrases:
        n = len(target)
        for start in range(len(forms) - n + 1):
            if n > 1 and all(target[k] in forms[start + k] for k in range(n)):
                out.append(sent[start : start + n].text)
    return list(dict.fromkeys(out))
