"""Constructions as data: dependency patterns that tie an agency mention to what it does.

A construction record (``data/constructions/*.yaml``) holds a spaCy ``DependencyMatcher``
pattern whose node names are its *slots*, the *effect* of a match, and ``pass``/``fail``
examples. This module holds no English word: the words are in the records and in the
lexicon's word classes, which a pattern names as ``"@class"``.

Slots (node ``RIGHT_ID``\\ s with a fixed meaning; other node names only shape the match):

- ``agency``: the token that stands for the acting agency: a mention's token or its anchor
  ('agents' in 'ICE agents'); conjuncts of it act too ('ICE, CBP and USCIS').
- ``predicate``: the word that carries negation and tense ('is' in 'X is charged with').
- ``content``: what is done: a verb (read as a verb frame: its objects, coordination,
  complements) or a noun phrase (read as a role over its words).
- ``target``: another agency: the whole that ``agency`` is part of.

Effects: ``role`` (the agency does ``content``), ``acts`` (the agency does ``predicate``, a
verb), ``part_of`` (``agency`` is part of ``target``); ``negates: true`` makes the match a
denial ('X is a separate entity from Y': not part of Y).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from remit.claims.schema import SLOTS, Construction

if TYPE_CHECKING:  # spaCy is imported only to compile: `remit rules validate` runs without it
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab


@dataclass(frozen=True)
class Binding:
    """One match of a construction: its slots (and the nodes it reads negation from) bound to
    token indices."""

    construction: Construction
    slots: dict[str, int]
    negators: tuple[int, ...] = ()


def compiled_pattern(record: Construction, word_class) -> list[dict]:
    """The record's pattern as DependencyMatcher takes it, ``@class`` names resolved.

    Raises ``KeyError`` (an unknown class) or ``ValueError`` (a class a token cannot match).
    """
    out = []
    for node in record.pattern:
        raw = node.model_dump(exclude_none=True)
        raw["RIGHT_ATTRS"] = resolve_classes(raw.get("RIGHT_ATTRS", {}), word_class)
        out.append(raw)
    return out


def resolve_classes(value: Any, word_class, exclude: bool = False) -> Any:
    """Replace every ``"@name"`` in an attribute value with the class's words.

    ``word_class(name)`` returns the class's entries or raises ``KeyError``. A class a token
    must be in holds single words only (a token is one word: a phrase could never match);
    under ``NOT_IN`` (``exclude``) its phrases are simply not tokens to exclude.
    """
    if isinstance(value, dict):
        return {k: resolve_classes(v, word_class, exclude or k == "NOT_IN")
                for k, v in value.items()}
    if isinstance(value, list):
        out: list = []
        for item in value:
            words = _class_words(item, word_class, exclude)
            out.extend(words if words is not None else [resolve_classes(item, word_class)])
        return out
    words = _class_words(value, word_class, exclude)
    return {"IN": words} if words is not None else value


def _class_words(value: Any, word_class, exclude: bool) -> list[str] | None:
    if not (isinstance(value, str) and value.startswith("@")):
        return None
    words = word_class(value[1:])
    phrases = sorted(w for w in words if " " in w)
    if phrases and not exclude:
        raise ValueError(f"word class '{value[1:]}' has multi-word entries ({phrases[0]!r}, "
                         "...): a token pattern can match one word only")
    return sorted(w for w in words if " " not in w)


class ConstructionMatcher:
    """The compiled constructions of a grammar, run over parsed docs."""

    def __init__(self, vocab: Vocab, constructions: Sequence[Construction], word_class):
        from spacy.matcher import DependencyMatcher

        self.constructions = {c.id: c for c in constructions}
        self._matcher = DependencyMatcher(vocab, validate=True)
        self._order: dict[int, list[str]] = {}
        self._ids: dict[int, str] = {}
        for c in constructions:
            self._matcher.add(c.id, [compiled_pattern(c, word_class)])
            key = vocab.strings.add(c.id)
            self._order[key] = [node.RIGHT_ID for node in c.pattern]
            self._ids[key] = c.id

    def __bool__(self) -> bool:
        return bool(self.constructions)

    def __call__(self, doc: Doc) -> list[Binding]:
        """Every match in ``doc``, in a stable order (construction id, then tokens)."""
        if not self.constructions or not len(doc):
            return []
        found = set()
        for key, tokens in self._matcher(doc):
            record = self.constructions[self._ids[key]]
            bound = dict(zip(self._order[key], tokens, strict=True))
            slots = tuple(sorted((n, t) for n, t in bound.items() if n in SLOTS))
            negators = tuple(bound[n] for n in record.negation if n in bound)
            found.add((record.id, slots, negators))
        return [Binding(self.constructions[cid], dict(slots), negators)
                for cid, slots, negators in sorted(found)]


def for_mention(bindings: Iterable[Binding], mention: Span, anchor: Token) -> list[Binding]:
    """The bindings whose agency slot stands for ``mention``: its own tokens, its anchor, or
    a word it is coordinated with ('ICE, CBP and USCIS are ...': the first conjunct binds)."""
    own = set(range(mention.start, mention.end)) | {anchor.i}
    conjoined = {t.i for t in anchor.conjuncts}
    return [b for b in bindings if b.slots["agency"] in own | conjoined]


def load_constructions(located: Iterable, vocab: Vocab, word_class) -> ConstructionMatcher:
    """Compile merged construction records (:class:`remit.rules.loader.Located`).

    Raises :class:`remit.claims.grammar.GrammarError` with every record spaCy's matcher
    refuses, as ``file:line: construction 'id': what``.
    """
    from remit.claims.grammar import GrammarError

    located = list(located)
    errors = construction_errors(located, word_class, vocab)
    if errors:
        raise GrammarError(errors)
    return ConstructionMatcher(vocab, [loc.record for loc in located], word_class)


def construction_errors(located: Iterable, word_class, vocab=None) -> list[str]:
    """Problems compiling each record: an unknown ``@class``, a class a token cannot match,
    and (given a ``vocab``) a pattern spaCy's matcher refuses."""
    out = []
    for loc in located:
        problem = _compile_problem(loc.record, word_class, vocab)
        if problem:
            out.append(f"{loc.path}:{loc.line}: construction '{loc.record.id}': {problem}")
    return out


def _compile_problem(record: Construction, word_class, vocab) -> str | None:
    try:
        if vocab is None:
            compiled_pattern(record, word_class)
        else:
            ConstructionMatcher(vocab, [record], word_class)
    except KeyError as exc:
        return f"unknown word class '@{exc.args[0]}'"
    except ValueError as exc:
        return str(exc).strip().splitlines()[0]
    return None
