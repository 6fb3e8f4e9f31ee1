"""Negation as data: what denies a claim ('not', 'never', 'no longer', 'issues no visas').

The cue records of effect ``negated`` (``data/cues/negation.yaml``) come in three categories,
each asked at its own place by the frame builder and the extractor, with the scopes of
:mod:`remit.claims.modifiers`:

- ``negation``: the predicate's own negation ('does not issue', 'never deports', 'no longer
  handles'): a cue of the predicate itself (``children`` without ``up``, ``arguments``,
  ``predicate``). :meth:`Negation.negated`.
- ``denial``: a child of the predicate that says nothing is done ('issues no visas', 'no visas
  are issued by CBP', 'gives no one a visa'); ``voice`` says in which reading of the predicate
  the child counts. :meth:`Negation.denies`.
- ``contrast``: a negation inside the arguments that denies the phrase it opens ('... at the
  ports, not at airports'): a ``children`` cue looked for on the way up from the matched words
  to the predicate; its ``direction`` is relative to the word the trigger hangs on.
  :meth:`Negation.negated_below`.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from remit.claims.cuecompile import CompiledCue
from remit.claims.forms import live
from remit.claims.modifiers import applies, argument_hit, child_hit, local_hit

if TYPE_CHECKING:
    from spacy.tokens import Token

    from remit.claims.lexicon import Lexicon


@dataclass(frozen=True)
class Negation:
    """The compiled ``negated`` cues of a grammar, by category."""

    own: tuple[CompiledCue, ...] = ()
    denial: tuple[CompiledCue, ...] = ()
    contrast: tuple[CompiledCue, ...] = ()

    @classmethod
    def of(cls, cues: Iterable[CompiledCue]) -> Negation:
        """Sort compiled ``negated`` cues into their categories (record order kept)."""
        cues = list(cues)
        return cls(*(tuple(c for c in cues if c.record.category == category)
                     for category in _CATEGORIES))

    def negated(self, token: Token) -> bool:
        """Whether the predicate ``token`` carries its own negation."""
        return any(local_hit(cue, token) for cue in live(self.own, token.doc))

    def denies(self, child: Token, passive: bool = False, head: Token | None = None,
               dep: str | None = None) -> bool:
        """Whether the predicate's ``child`` says that nothing is done (``passive``: the
        frame builder reads the predicate as a passive). ``head`` and ``dep``: the predicate
        and the child's role in a reading other than the parse's (:meth:`denies_in_order`).
        """
        head = child.head if head is None else head
        for cue in live(self.denial, child.doc):
            voice = cue.record.voice
            if voice != _ANY and (voice == _PASSIVE) != passive or not applies(cue, head):
                continue
            if argument_hit(cue, child, dep) if cue.record.scope == _ARGUMENTS else child_hit(
                    cue, child, head, dep):
                return True
        return False

    def denies_in_order(self, verb: Token, args: Sequence[Token]) -> bool:
        """The linear reading's denial ('issues no visas', 'issues visas to no one' with
        'issues' parsed as a noun): the words after ``verb`` are its arguments, whatever
        clause the parse put them in; its phrases are trusted. The top of each phrase among
        ``args`` (a word whose head is outside them, or a verb) is its object (or, if a
        preposition, its own), and a preposition on a top is the verb's too; each is asked the
        ``denial`` cues as a child of ``verb`` in the active voice.
        """
        inside = {t.i for t in args}
        tops = [t for t in args if t.head.i not in inside or t.head.i == t.i
                or t.head.pos_ in _VERBS]
        tops_at = {t.i for t in tops}
        for token in args:
            top = token.i in tops_at
            if top or (token.dep_ == _PREPOSITION and token.head.i in tops_at):
                role = _OBJECT if top and token.dep_ != _PREPOSITION else token.dep_
                if self.denies(token, head=verb, dep=role):
                    return True
        return False

    def negated_below(self, matched: Sequence[Token], head: Token) -> bool:
        """Whether a contrast cue, below the predicate ``head``, opens a phrase that holds
        the ``matched`` words.
        """
        contrast = live(self.contrast, head.doc) if matched else ()
        if not contrast:
            return False
        seen: set[int] = set()
        for token in matched:
            while token.i != head.i and token.i not in seen and token.head.i != token.i:
                seen.add(token.i)
                if any(child_hit(cue, child, token) for cue in contrast
                       for child in token.children):
                    return True
                token = token.head
        return False


# Category names, in the order of Negation's fields; voice and scope values the methods ask.
_CATEGORIES = ("negation", "denial", "contrast")
_ANY, _PASSIVE, _ARGUMENTS = "any", "passive", "arguments"
# The roles :meth:`Negation.denies_in_order` gives the words after a verb (parser labels).
_OBJECT, _PREPOSITION = "dobj", "prep"
_VERBS = frozenset({"VERB", "AUX"})


def negation_of(lex: Lexicon) -> Negation:
    """The negation cues of the files ``lex`` was loaded from, compiled on first use."""
    from remit.claims.modifiers import lexicon_cues

    return lexicon_cues(lex, "negation", lambda cues: Negation.of(cues.negating))
