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
verb), ``part_of`` (``agency`` is part of ``target``), ``does`` (the agency does ``content``,
read as the frame builder reads a verb, or as a role over the content's words);
``negates: true`` makes the match a denial ('X is a separate entity from Y': not part of Y).

A record *anchored* at a word the builder reaches (``anchor: verb``, ``adjective``,
``copula``, ``unit``) binds no agency: its first node is that word, and the builder asks
for the matches there (:func:`by_anchor`). ``unless`` chains drop a match, ``denied_if``
chains deny it, ``exclusive_if`` chains make it exclusive: each is compiled as the pattern
plus the chain, and a match of it with the same pattern tokens acts on the match. A record's
``alternatives`` are compiled as patterns of their own under the record's id; a ``phrase``
limits its nodes to their words of a phrase class and checks the whole phrase per match.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from remit.claims.depmatch import Gated, Matcher, View, check_patterns
from remit.claims.schema import _SET_TESTS, SLOTS, Construction

if TYPE_CHECKING:  # spaCy is imported only to compile: `remit rules validate` runs without it
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab


@dataclass(frozen=True)
class Binding:
    """One match of a construction: its slots (and the nodes it reads negation from) bound to
    token indices.
    """

    construction: Construction
    slots: dict[str, int]
    negators: tuple[int, ...] = ()
    # an anchored record's first node, its ``head`` node, and whether a denied_if chain matched
    anchor: int | None = None
    head: int | None = None
    denied: bool = False
    exclusive: bool = False  # an exclusive_if chain matched
    not_agency: tuple[int, ...] = ()  # tokens that may not be words of an agency's name


def compiled_pattern(record: Construction, word_class, chain=(), nodes=None) -> list[dict]:
    """The record's pattern (or the alternative ``nodes``, and a chain of nodes after it) as
    DependencyMatcher takes it, ``@class`` names resolved.

    Raises ``KeyError`` (an unknown class) or ``ValueError`` (a class a token cannot match).
    """
    out = []
    limits = _phrase_limits(record, word_class)
    for node in (*(record.pattern if nodes is None else nodes), *chain):
        raw = node.model_dump(exclude_none=True)
        attrs = raw["RIGHT_ATTRS"] = resolve_classes(raw.get("RIGHT_ATTRS", {}), word_class)
        if node.RIGHT_ID in limits:  # the node's word of the phrase class's entries
            lemma = attrs.setdefault("LEMMA", {})
            if not isinstance(lemma, dict):
                lemma = attrs["LEMMA"] = {"IN": [lemma]}
            lemma["IN"] = sorted((set(lemma.get("IN", limits[node.RIGHT_ID]))
                                  & set(limits[node.RIGHT_ID])) - set(lemma.pop("NOT_IN", ())))
        if "LEMMA" in attrs:
            attrs["LEMMA"] = _any_case(attrs["LEMMA"])
        out.append(raw)
    return out


def _any_case(value: Any) -> Any:
    """A lemma test that also takes its words capitalized: the small model keeps a proper
    noun's case in its lemma ('Office' in 'the ICE Office of ...', 'Division').
    """
    if isinstance(value, str):
        return value if value[:1].upper() == value[:1] else {"IN": [value, _capital(value)]}
    if isinstance(value, dict):
        return {k: sorted({*v, *map(_capital, v)}) if k in {"IN", "NOT_IN"} else v
                for k, v in value.items()}
    return value


def _capital(word: str) -> str:
    return word[:1].upper() + word[1:]


def _phrase_limits(record: Construction, word_class) -> dict[str, list[str]]:
    """Per node named by the record's ``phrase``, the words it may be: its word of each entry
    of the class that has as many words as the phrase has nodes.
    """
    if record.phrase is None:
        return {}
    entries = phrase_entries(record, word_class)
    return {node: sorted({e[k] for e in entries}) for k, node in enumerate(record.phrase.nodes)}


def phrase_entries(record: Construction, word_class) -> frozenset[tuple[str, ...]]:
    """The entries of the record's phrase class as word tuples of the phrase's length."""
    size = len(record.phrase.nodes)
    return frozenset(tuple(w.split()) for w in word_class(record.phrase.words[1:])
                     if len(w.split()) == size)


def _chains(record: Construction) -> list[tuple[str, list]]:
    """The record's chains, each with what its match does ('unless' or 'denied_if')."""
    return ([("unless", c) for c in record.unless]
            + [("denied_if", c) for c in record.denied_if]
            + [("exclusive_if", c) for c in record.exclusive_if])


def resolve_classes(value: Any, word_class, exclude: bool = False) -> Any:
    """Replace every ``"@name"`` in an attribute value with the class's words.

    ``word_class(name)`` returns the class's entries or raises ``KeyError``. A class a token
    must be in holds single words only (a token is one word: a phrase could never match),
    or phrases whose last word is an entry of its own ('special agent' beside 'agent');
    under ``NOT_IN`` (``exclude``) its phrases are simply not tokens to exclude.
    """
    if isinstance(value, dict):
        # a set test may name one class alone ({NOT_IN: "@relative_words"})
        return {k: resolve_classes([v] if k in _SET_TESTS and isinstance(v, str) else v,
                                   word_class, exclude or k == "NOT_IN")
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
    # a phrase whose head word is an entry too matches through it ('special agent': 'agent')
    phrases = sorted(w for w in words if " " in w and w.split()[-1] not in words)
    if phrases and not exclude:
        raise ValueError(f"word class '{value[1:]}' has multi-word entries ({phrases[0]!r}, "
                         "...): a token pattern can match one word only")
    return sorted(w for w in words if " " not in w)


# Longer sentences (runs of coordination, pasted tables without stops) are left to the
# Python rules: spaCy's matcher grows faster than linearly on them, and the small model's
# parse of them is seldom one a pattern should trust.
MAX_TOKENS = 150


class ConstructionMatcher:
    """The compiled constructions of a grammar, run over parsed docs."""

    def __init__(self, vocab: Vocab, constructions: Sequence[Construction], word_class):
        self.constructions = {c.id: c for c in constructions}
        # A record that names its words runs only on docs that hold them; the others run
        # always. Records anchored where only other records reach (a unit noun) run only on
        # docs where a record that reaches there matched.
        self._always = Matcher(vocab)
        self._gated, self._reached = Gated(), Gated()
        self.vocab = vocab
        # a pattern's chains run only on docs where the pattern matched: most docs have none
        self._chainers: dict[str, object] = {}
        self._order: dict[str, list[str]] = {}  # pattern name -> its node names
        self._ids: dict[str, str] = {}  # pattern name -> record id
        # chain key -> (the name of the pattern it extends, what it does, the pattern's size)
        self._chain: dict[int, tuple[str, str, int]] = {}
        # pattern key -> the names of the patterns it stands for (the id, or id#orK): two
        # records with the same pattern ('X is a unit ...': where it sits, and its words as
        # a role) are matched once
        self._names: dict[int, list[str]] = {}
        self._same: dict[str, int] = {}
        # per record with a phrase: its nodes and the word tuples they must make
        self._phrases = {c.id: (c.phrase.nodes, phrase_entries(c, word_class))
                         for c in constructions if c.phrase is not None}
        # spaCy's matcher checks every pattern (and is never run): one it refuses raises
        # here, when the records load
        self._unchecked: list[tuple[str, list]] = []
        for c in constructions:
            for k, nodes in enumerate([c.pattern, *c.alternatives]):
                # '#' is no id character: never a record's id
                self._add(vocab, c, word_class, nodes, c.id if k == 0 else f"{c.id}#or{k}")
        check_patterns(vocab, self._unchecked)
        del self._unchecked

    def _add(self, vocab, c: Construction, word_class, nodes, name: str) -> None:
        """Compile one pattern of a record (its own or an alternative) and its chains."""
        pattern = compiled_pattern(c, word_class, nodes=nodes)
        self._ids[name] = c.id
        self._order[name] = [node.RIGHT_ID for node in nodes]
        text = json.dumps(pattern, sort_keys=True)
        if text in self._same:
            self._names[self._same[text]].append(name)
        else:
            self._unchecked.append((name, pattern))
            # Per pattern, the word sets (as string hashes) of which a doc must hold one each
            # for it to match at all (see _gates).
            gates = _gates(pattern, vocab)
            matcher = Matcher(vocab) if gates else self._always
            matcher.add(name, [pattern])
            if gates:
                (self._reached if c.anchor in _REACHED else self._gated).add(gates, matcher)
            key = self._same[text] = vocab.strings.add(name)
            self._names[key] = [name]
        if _chains(c):
            chainer = self._chainers[name] = Matcher(vocab)
            for k, (kind, chain) in enumerate(_chains(c)):
                chained = f"{name}#{kind}{k}"
                extended = compiled_pattern(c, word_class, chain, nodes)
                self._unchecked.append((chained, extended))
                chainer.add(chained, [extended])
                self._chain[vocab.strings.add(chained)] = (name, kind, len(nodes))

    def __bool__(self) -> bool:
        return bool(self.constructions)

    def __call__(self, doc: Doc) -> list[Binding]:
        """Every match in ``doc``, in a stable order (construction id, then tokens)."""
        if not self.constructions or not len(doc) or len(doc) > MAX_TOKENS:
            return []
        view = View(doc)
        lower, lemma, dep = (view.column(a) for a in ("LOWER", "LEMMA", "DEP"))
        # every value, and each token's (word, label) pairs (see _gates)
        words = {*lower, *lemma, *dep, *view.column("TAG"), *zip(lower, dep, strict=True),
                 *zip(lemma, dep, strict=True)}
        matchers = self._gated.open(words)
        if len(self._always):
            matchers.append(self._always)
        main = [(name, tuple(tokens)) for m in matchers for key, tokens in m(doc, view)
                for name in self._names[key]]
        if self._reached and any(self.constructions[self._ids[name]].content_as in _REACHED
                                 for name, _ in main):
            main += [(name, tuple(tokens)) for m in self._reached.open(words)
                     for key, tokens in m(doc, view) for name in self._names[key]]
        chained = self._chained(doc, view, {name for name, _ in main})
        found = set()
        for name, tokens in main:
            record = self.constructions[self._ids[name]]
            if (name, tokens) in chained["unless"]:
                continue
            bound = dict(zip(self._order[name], tokens, strict=True))
            if record.id in self._phrases and not self._makes_phrase(doc, record.id, bound):
                continue
            slots = tuple(sorted((n, t) for n, t in bound.items() if n in SLOTS))
            negators = tuple(bound[n] for n in record.negation if n in bound)
            anchor = tokens[0] if record.anchor != "agency" else None
            found.add((record.id, slots, negators, anchor, bound.get(record.head),
                       (name, tokens) in chained["denied_if"],
                       (name, tokens) in chained["exclusive_if"],
                       tuple(bound[n] for n in record.not_agency)))
        return [Binding(self.constructions[cid], dict(slots), *rest)
                for cid, slots, *rest in sorted(found, key=_sort_key)]

    def _chained(self, doc: Doc, view: View, names: set[str]) -> dict[str, set]:
        """The chains' matches, by what they do, as (pattern name, pattern tokens)."""
        chained = {kind: set() for kind in ("unless", "denied_if", "exclusive_if")}
        for name in names:
            chainer = self._chainers.get(name)
            if chainer is None:
                continue
            for key, tokens in chainer(doc, view):
                of, kind, size = self._chain[key]
                chained[kind].add((of, tuple(tokens[:size])))
        return chained

    def _makes_phrase(self, doc: Doc, cid: str, bound: dict[str, int]) -> bool:
        nodes, entries = self._phrases[cid]
        return tuple(doc[bound[n]].lemma_.lower() for n in nodes) in entries


# Anchors only records reach (content_as 'unit'), never the frame builder.
_REACHED = frozenset({"unit"})

# Token attributes whose values a gate reads off the doc's columns (string hashes all).
_GATED = ("LOWER", "LEMMA", "DEP", "TAG")


def _gates(pattern: list[dict], vocab) -> list[frozenset]:
    """The value sets a doc must meet for ``pattern`` to match: one per attribute a node
    names its values of (words, dependency labels, tags: one value or ``IN``), and for a node
    that names both words and labels, the (word, label) pairs one token must have.

    The rarest kind comes first (pairs, then words, then tags and labels, which most docs
    hold): :class:`~remit.claims.depmatch.Gated` looks at a matcher only when its first
    gate is met.
    """
    out: list[tuple[int, frozenset]] = []
    for node in pattern:
        named = {}
        for attr in _GATED:
            value = node.get("RIGHT_ATTRS", {}).get(attr)
            words = [value] if isinstance(value, str) else (
                value.get("IN") if isinstance(value, dict) and set(value) == {"IN"} else None)
            if words:
                named[attr] = [vocab.strings.add(w) for w in words]
                out.append((_RARITY[attr], frozenset(named[attr])))
        for attr in ("LOWER", "LEMMA"):
            if attr in named and "DEP" in named:
                out.append((0, frozenset((w, d) for w in named[attr] for d in named["DEP"])))
    return [gate for _, gate in sorted(out, key=lambda row: row[0])]


# How common a gate's kind of value is in a doc (0: a word with its label, the rarest).
_RARITY = {"LOWER": 1, "LEMMA": 1, "TAG": 2, "DEP": 3}


def by_anchor(bindings: Iterable[Binding]) -> dict[tuple[str, int], list[Binding]]:
    """The anchored bindings by (anchor kind, anchor token), for the frame builder to ask."""
    out: dict[tuple[str, int], list[Binding]] = {}
    for b in bindings:
        if b.anchor is not None:
            out.setdefault((b.construction.anchor, b.anchor), []).append(b)
    return out


def _sort_key(row: tuple) -> tuple:
    cid, slots, negators, anchor, head, *_ = row
    return cid, slots, negators, -1 if anchor is None else anchor, -1 if head is None else head


def for_mention(bindings: Iterable[Binding], mention: Span, anchor: Token) -> list[Binding]:
    """The bindings whose agency slot stands for ``mention``: its own tokens, its anchor, or
    a word it is coordinated with ('ICE, CBP and USCIS are ...': the first conjunct binds).
    """
    own = set(range(mention.start, mention.end)) | {anchor.i}
    # only a conjunct before it: 'SSA and USCIS (the E-Verify program)' says nothing of SSA
    conjoined = {t.i for t in anchor.conjuncts if t.i < anchor.i}
    return [b for b in bindings if b.anchor is None and b.slots["agency"] in own | conjoined]


def load_constructions(located: Iterable, vocab: Vocab, word_class) -> ConstructionMatcher:
    """Compile merged construction records (:class:`remit.rules.loader.Located`).

    Raises :class:`remit.claims.grammar.GrammarError` with every record spaCy's matcher
    refuses, as ``file:line: construction 'id': what``.
    """
    from remit.claims.grammar import GrammarError

    located = list(located)
    try:
        return ConstructionMatcher(vocab, [loc.record for loc in located], word_class)
    except (KeyError, ValueError) as exc:
        failed = exc  # compiled one by one below, to name every record that fails
    raise GrammarError(construction_errors(located, word_class, vocab) or [str(failed)])


def construction_errors(located: Iterable, word_class, vocab=None) -> list[str]:
    """Problems compiling each record: an unknown ``@class``, a class a token cannot match,
    and (given a ``vocab``) a pattern spaCy's matcher refuses.
    """
    out = []
    for loc in located:
        problem = _compile_problem(loc.record, word_class, vocab)
        if problem:
            out.append(f"{loc.path}:{loc.line}: construction '{loc.record.id}': {problem}")
    return out


def _compile_problem(record: Construction, word_class, vocab) -> str | None:
    try:
        if vocab is None:
            for nodes in [record.pattern, *record.alternatives]:
                for _, chain in [("", ()), *_chains(record)]:
                    compiled_pattern(record, word_class, chain, nodes)
        else:
            ConstructionMatcher(vocab, [record], word_class)
    except KeyError as exc:
        return f"unknown word class '@{exc.args[0]}'"
    except ValueError as exc:
        return str(exc).strip().splitlines()[0]
    return None
