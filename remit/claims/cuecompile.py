"""Cue records compiled: their ``@class`` names resolved and their token tests built.

The compiled form is what :mod:`remit.claims.modifiers` (assertion, future) and
:mod:`remit.claims.negation` (denial) run; :func:`cue_errors` is what ``remit rules
validate`` reports for a cue that does not compile.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from remit.claims.cueschema import Cue
from remit.claims.forms import token_forms
from remit.claims.lexicon import phrase
from remit.claims.tokentests import needed_forms
from remit.claims.tokentests import passes as _passes
from remit.claims.tokentests import token_test as _test

if TYPE_CHECKING:
    from spacy.tokens import Token

_SUBJECTS = frozenset({"nsubj", "nsubjpass"})


def _entries(items: Iterable[str], word_class) -> set[str]:
    out: set[str] = set()
    for item in items:
        out |= set(word_class(item[1:])) if item.startswith("@") else {item}
    return out


@dataclass(frozen=True)
class CompiledCue:
    """A cue record with its classes resolved: the form the engine runs."""

    record: Cue
    order: int
    words: frozenset[str]
    phrases: tuple[tuple[str, ...], ...]
    terminators: frozenset[str]
    subject_not: frozenset[str]
    token: tuple
    head: tuple
    has_child: tuple
    children_all: tuple
    below: tuple
    predicate: tuple
    # scope 'mention' (remit.claims.around): the words allowed between, the pseudo-trigger's
    # tests (of the word, of its head), the words one of which the trigger needs before it
    between: frozenset[str] = frozenset()
    pseudo: tuple[tuple, tuple] | None = None
    needs_before: frozenset[str] = frozenset()
    # 'unless': the dependency labels, the words and the depth that keep the cue off
    unless: tuple[frozenset[str], frozenset[str], int] | None = None
    # 'judged': the test of the head's child that judges the trigger, the words that hedge it
    judged: tuple[tuple, frozenset[str]] | None = None
    # the forms one of each of which a doc must hold for the trigger's token tests (of the
    # word, its head, a child) to pass: a doc without them cannot match (remit.claims.forms)
    needed: tuple[frozenset[str], ...] = ()
    # 'predicate_has': the test one of the predicate's children must pass
    predicate_has: tuple = ()

    @functools.cached_property
    def gates(self) -> tuple[frozenset[str], ...]:
        """The form sets a doc must meet, one form of each, for this cue to match at all
        (its words, if it has any, and :attr:`needed`)."""
        return ((self.words,) if self.words else ()) + self.needed

    @functools.cached_property
    def step(self) -> int:
        """Which step of the module docstring's order this cue is tried in."""
        scope, up = self.record.scope, self.record.up
        if scope in {"sentence_start", "sentence_end"}:
            return 1
        if scope in {"arguments", "predicate"} or (scope == "children" and up == "no"):
            return 2
        return 3 if scope in {"children", "heads"} else 4

    def walks_up_from(self, token: Token) -> bool:
        """Whether this cue's walk goes on above ``token``."""
        up = self.record.up
        return up == "all" or (up != "no" and token.dep_ in up)


def word_of(cue: CompiledCue, token: Token) -> bool:
    """Whether ``token`` is the cue's trigger, by its words and its token pattern."""
    if cue.words:
        match = cue.record.match
        lower, lemma = token_forms(token.doc)[token.i]
        if not (lower in cue.words if match == "lower" else lemma in cue.words
                if match == "lemma" else lower in cue.words or lemma in cue.words):
            return False
    if not _passes(token, cue.token) or (cue.head and not _passes(token.head, cue.head)):
        return False
    if cue.has_child and not any(_passes(c, cue.has_child) for c in token.children):
        return False
    if cue.children_all and not all(_passes(c, cue.children_all) for c in token.children):
        return False
    if cue.judged is not None and _judged(token, *cue.judged):
        return False
    if cue.subject_not:
        subject = next((c for c in token.children if c.dep_ in _SUBJECTS), None)
        if subject is not None and (subject.lower_ in cue.subject_not
                                    or subject.lemma_.lower() in cue.subject_not):
            return False
    return True


def _judged(token: Token, child_test: tuple, hedges: frozenset[str]) -> bool:
    """Whether the head of ``token`` judges it ('the claim that ... is accurate'), unhedged."""
    head = token.head
    if head.i == token.i or not any(_passes(c, child_test) for c in head.children):
        return False
    return not any(t.lower_ in hedges for c in head.children if c.i != token.i
                   for t in c.subtree) and not any(c.dep_ == "neg" for c in head.children)


def compile_cue(record: Cue, order: int, word_class) -> CompiledCue:
    """Resolve a record's ``@class`` names. Raises ``KeyError`` or ``ValueError``."""
    entries = _entries(record.words, word_class) - _entries(record.exclude, word_class)
    single = frozenset(e for e in entries if " " not in e)
    pseudo, needs, unless = record.pseudo, record.needs_before, record.unless
    token, head, child = (_test(t, word_class) for t in (record.token, record.head,
                                                         record.has_child))
    return CompiledCue(
        record, order, single, tuple(sorted(phrase(e) for e in entries)),
        frozenset(_entries(record.terminators, word_class)),
        frozenset(_entries(record.subject_not, word_class)),
        token, head, child, _test(record.children_all, word_class),
        _test(record.below, word_class),
        _test(record.predicate, word_class),
        frozenset(_entries(record.between, word_class)),
        None if pseudo is None else (_test(pseudo.token, word_class),
                                     _test(pseudo.head, word_class)),
        frozenset() if needs is None else frozenset(_entries(needs.words, word_class)),
        None if unless is None else (frozenset(unless.deps),
                                     frozenset(_entries(unless.words, word_class)),
                                     unless.max_scope),
        None if record.judged is None else (_test(record.judged.child, word_class),
                                            frozenset(_entries(record.judged.not_within,
                                                               word_class))),
        needed_forms(token) + needed_forms(head) + needed_forms(child),
        _test(record.predicate_has, word_class))


def cue_errors(located: Iterable, word_class) -> list[str]:
    """Problems compiling each cue record: an unknown ``@class``, a test the engine lacks."""
    out = []
    for loc in located:
        try:
            compile_cue(loc.record, 0, word_class)
        except KeyError as exc:
            out.append(f"{loc.path}:{loc.line}: cue '{loc.record.id}': unknown word class "
                       f"'@{exc.args[0]}'")
        except ValueError as exc:
            out.append(f"{loc.path}:{loc.line}: cue '{loc.record.id}': {exc}")
    return out
