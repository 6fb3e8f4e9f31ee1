"""A dependency matcher with spaCy's ``DependencyMatcher`` semantics, for construction records.

It reads the doc's token arrays once and searches from each pattern's first node along its
relations. spaCy's matcher first runs a token matcher of every node of every pattern over
every token, then tries each combination of the candidates; most nodes are tested on tokens
the relations never reach. Here the first node's candidates come from the columns (a doc's
columns are read once for all patterns), and every other node is only tested on the tokens
its relation to an earlier node gives. A match is the same list of token indices, one per
node in pattern order, as spaCy's (``tests/claims/test_depmatch.py`` compares the two on
every record's pattern).

Supported: every relation operator, and node tests of ``ORTH``/``TEXT``, ``NORM``, ``LOWER``,
``LEMMA``, ``POS``, ``TAG`` and ``DEP`` by a value, ``IN`` or ``NOT_IN``. A pattern with any
other test is handed to spaCy's matcher (:class:`Matcher` does that itself).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc
    from spacy.vocab import Vocab

# The attributes read from the token arrays, in column order ('TEXT' is 'ORTH').
_COLUMNS = ("ORTH", "NORM", "LOWER", "LEMMA", "POS", "TAG", "DEP")
_ALIASES = {"TEXT": "ORTH"}

# A node test: (column, values one of which the token has or None, values it may not have).
Test = tuple[int, frozenset | None, frozenset]


class View:
    """A doc's columns, heads, children and trees, read once for every pattern."""

    def __init__(self, doc: Doc) -> None:
        import numpy
        from spacy import attrs

        n = self.n = len(doc)
        # each token's root, worked out when an operator of word order first asks
        self._roots: list[int] | None = None if n else []
        self.bounds: dict[int, tuple[int, int]] = {}  # root -> its tree's first, last token
        self._candidates: dict[tuple, list[int]] = {}
        if not n:
            self.cols, self.heads, self.children = [[] for _ in _COLUMNS], [], []
            return
        array = doc.to_array([getattr(attrs, name) for name in _COLUMNS])
        self.cols = array.T.tolist()  # string hashes (unsigned), the POS symbols
        # HEAD is an offset: signed
        heads = (doc.to_array(attrs.HEAD).astype(numpy.int64)
                 + numpy.arange(n)).tolist()
        self.heads = heads
        self.children: list[list[int]] = [[] for _ in range(n)]
        for i, h in enumerate(heads):
            if h != i:
                self.children[h].append(i)

    def column(self, attr: str) -> list[int]:
        """One attribute's values, token by token."""
        return self.cols[_COLUMNS.index(attr)]

    @property
    def roots(self) -> list[int]:
        """Each token's tree (its root): the operators of word order stay in it."""
        if self._roots is None:
            roots = list(self.heads)
            for _ in range(self.n):
                step = [roots[r] for r in roots]
                if step == roots:
                    break
                roots = step
            self._roots = roots
            for i, r in enumerate(roots):
                lo, hi = self.bounds.get(r, (i, i))
                self.bounds[r] = (min(lo, i), max(hi, i))
        return self._roots

    def passes(self, tests: tuple[Test, ...], i: int) -> bool:
        """Whether token ``i`` passes every test of a node."""
        for col, allowed, refused in tests:
            value = self.cols[col][i]
            if (allowed is not None and value not in allowed) or value in refused:
                return False
        return True

    def candidates(self, tests: tuple[Test, ...]) -> list[int]:
        """Every token that passes ``tests`` (kept per doc: patterns share first nodes)."""
        found = self._candidates.get(tests)
        if found is None:
            found = self._candidates[tests] = [i for i in range(self.n)
                                               if self.passes(tests, i)]
        return found

    def subtree(self, i: int) -> list[int]:
        """The tokens below ``i`` (not ``i``)."""
        out, todo = [], list(self.children[i])
        while todo:
            j = todo.pop()
            out.append(j)
            todo.extend(self.children[j])
        return out

    def ancestors(self, i: int) -> list[int]:
        """The tokens above ``i``, up to its root."""
        out = []
        while self.heads[i] != i and len(out) <= self.n:
            i = self.heads[i]
            out.append(i)
        return out

    def sentence(self, i: int) -> tuple[int, int]:
        """The first and last token of ``i``'s tree."""
        return self.bounds[self.roots[i]]

    def same_tree(self, i: int, j: int) -> bool:
        """Whether ``i`` and ``j`` have one root."""
        roots = self.roots
        return roots[i] == roots[j]


def _head(v: View, i: int) -> list[int]:
    return [v.heads[i]] if v.heads[i] != i else []


def _after(v: View, i: int) -> list[int]:
    return [i + 1] if i + 1 <= v.sentence(i)[1] else []


def _before(v: View, i: int) -> list[int]:
    return [i - 1] if i - 1 >= v.sentence(i)[0] else []


def _siblings(v: View, i: int) -> list[int]:
    return v.children[v.heads[i]]


# spaCy's operators (dependencymatcher.pyx), each as the tokens it gives for a left token.
OPERATORS: dict[str, Callable[[View, int], list[int]]] = {
    "<": _head,
    ">": lambda v, i: v.children[i],
    "<<": lambda v, i: v.ancestors(i),
    ">>": lambda v, i: v.subtree(i),
    ".": _after,
    ".*": lambda v, i: list(range(i + 1, v.sentence(i)[1] + 1)),
    ";": _before,
    ";*": lambda v, i: list(range(v.sentence(i)[0], i)),
    "$+": lambda v, i: [c for c in _siblings(v, i) if c == i + 1],
    "$-": lambda v, i: [c for c in _siblings(v, i) if c == i - 1],
    "$++": lambda v, i: [c for c in _siblings(v, i) if c > i],
    "$--": lambda v, i: [c for c in _siblings(v, i) if c < i],
    ">+": lambda v, i: [c for c in v.children[i] if c == i + 1],
    ">-": lambda v, i: [c for c in v.children[i] if c == i - 1],
    ">++": lambda v, i: [c for c in v.children[i] if c > i],
    ">--": lambda v, i: [c for c in v.children[i] if c < i],
    "<+": lambda v, i: [v.heads[i]] if v.heads[i] == i + 1 else [],
    "<-": lambda v, i: [v.heads[i]] if v.heads[i] == i - 1 else [],
    "<++": lambda v, i: [v.heads[i]] if v.heads[i] > i else [],
    "<--": lambda v, i: [v.heads[i]] if v.heads[i] < i else [],
}


def compile_node_tests(attrs: dict) -> tuple[Test, ...] | None:
    """A node's ``RIGHT_ATTRS`` as column tests; None when it tests anything else."""
    from spacy.strings import get_string_id

    out = []
    for attr, test in sorted(attrs.items()):
        attr = _ALIASES.get(attr, attr)
        if attr not in _COLUMNS:
            return None
        if isinstance(test, str):
            test = {"IN": [test]}
        if not isinstance(test, dict) or not set(test) <= {"IN", "NOT_IN"}:
            return None
        values = [*test.get("IN", ()), *test.get("NOT_IN", ())]
        if not all(isinstance(w, str) for w in values):
            return None
        allowed = (frozenset(get_string_id(w) for w in test["IN"]) if "IN" in test else None)
        refused = frozenset(get_string_id(w) for w in test.get("NOT_IN", ()))
        out.append((_COLUMNS.index(attr), allowed, refused))
    return tuple(out)


class Compiled:
    """One pattern: per node, its tests and (after the first) its relation to an earlier node."""

    def __init__(self, pattern: list[dict]) -> None:
        names = [node["RIGHT_ID"] for node in pattern]
        self.nodes = []
        self.supported = True
        for node in pattern:
            tests = compile_node_tests(node.get("RIGHT_ATTRS", {}))
            if tests is None or (node.get("REL_OP") is not None
                                 and node["REL_OP"] not in OPERATORS):
                self.supported = False
                return
            left = names.index(node["LEFT_ID"]) if node.get("LEFT_ID") else None
            op = node.get("REL_OP")
            self.nodes.append((tests, left, OPERATORS.get(op or ""), op in _ORDER))

    def matches(self, view: View) -> Iterator[tuple[int, ...]]:
        """Every match in the viewed doc: a token per node, in node order."""
        if not self.nodes:
            return
        for i in view.candidates(self.nodes[0][0]):
            yield from self._extend(view, [i])

    def _extend(self, view: View, bound: list[int]) -> Iterator[tuple[int, ...]]:
        k = len(bound)
        if k == len(self.nodes):
            yield tuple(bound)
            return
        tests, left, op, order = self.nodes[k]
        for j in op(view, bound[left]):
            # spaCy matches within one tree: the tree's relations stay in it, word order not
            if (not order or view.same_tree(j, bound[0])) and view.passes(tests, j):
                bound.append(j)
                yield from self._extend(view, bound)
                bound.pop()


# The operators of word order, which may leave the left token's tree.
_ORDER = frozenset({".", ".*", ";", ";*"})


class Gated:
    """Matchers that run only on docs holding, for each of their gates (a set of values:
    words, labels, (word, label) pairs), one of its values.

    A matcher is looked at only when its first gate is met: the caller puts the rarest
    first (a word before a label that most docs hold).
    """

    def __init__(self) -> None:
        self._rows: list[tuple[list[frozenset], Matcher]] = []
        self._index: dict | None = None
        self._need: list[tuple[frozenset[int], Matcher]] = []
        self._by_gate: dict[int, list[int]] = {}  # a first gate -> the rows it opens

    def __bool__(self) -> bool:
        return bool(self._rows)

    def add(self, gates: list[frozenset], matcher: Matcher) -> None:
        """Add a matcher that runs only where each of ``gates`` has a value."""
        self._rows.append((gates, matcher))
        self._index = None

    def open(self, values: set) -> list[Matcher]:
        """The matchers whose every gate has one of ``values``."""
        if self._index is None:
            self._build()
        index = self._index
        hit: set[int] = set()
        for value in values:  # a doc's values are far fewer than the index's
            gates = index.get(value)
            if gates is not None:
                hit.update(gates)
        # only the matchers whose first gate is met can be open
        by_gate = self._by_gate
        rows = sorted(set().union(*(by_gate[gate] for gate in hit if gate in by_gate)))
        need = self._need
        return [need[row][1] for row in rows if need[row][0] <= hit]

    def _build(self) -> None:
        ids: dict[frozenset, int] = {}
        self._index = {}
        self._need = []
        self._by_gate = {}
        for row, (gates, matcher) in enumerate(self._rows):
            need = []
            for gate in gates:
                if gate not in ids:
                    ids[gate] = len(ids)
                    for value in gate:
                        self._index.setdefault(value, []).append(ids[gate])
                need.append(ids[gate])
            if need:
                self._by_gate.setdefault(need[0], []).append(row)
            self._need.append((frozenset(need), matcher))


class Matcher:
    """Patterns under keys, matched as spaCy's ``DependencyMatcher`` matches them: call it
    with a doc (or a :class:`View` of one shared by several matchers) for (key, tokens).
    """

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._patterns: list[tuple[int, Compiled]] = []
        self._spacy = None  # the patterns this module does not support

    def __len__(self) -> int:
        return len(self._patterns) + (len(self._spacy) if self._spacy is not None else 0)

    def add(self, name: str, patterns: list[list[dict]]) -> None:
        """Add patterns under the key ``name``."""
        key = self.vocab.strings.add(name)
        for pattern in patterns:
            compiled = Compiled(pattern)
            if compiled.supported:
                self._patterns.append((key, compiled))
                continue
            if self._spacy is None:
                from spacy.matcher import DependencyMatcher

                self._spacy = DependencyMatcher(self.vocab)
            self._spacy.add(name, [pattern])

    def __call__(self, doc: Doc, view: View | None = None) -> list[tuple[int, list[int]]]:
        if view is None:
            view = View(doc)
        out = [(key, list(tokens)) for key, compiled in self._patterns
               for tokens in compiled.matches(view)]
        if self._spacy is not None:
            out += self._spacy(doc)
        return out


def check_patterns(vocab: Vocab, patterns: list[tuple[str, list]]) -> None:
    """Have spaCy's matcher check every pattern (it raises ``ValueError`` on one it refuses),
    unless these very patterns passed before under this spaCy version: the check is the
    same each time and costs a start-up a good part of loading the records. A pass is
    remembered in the data cache (:mod:`remit.rules.yaml_cache`); a failure never is.
    """
    import json

    import spacy
    from spacy.matcher import DependencyMatcher

    from remit.rules import yaml_cache

    text = json.dumps([spacy.__version__, patterns], sort_keys=True)
    name = yaml_cache.key(text, 0) + "-patterns-checked"
    if yaml_cache.read(name) is True:
        return
    validator = DependencyMatcher(vocab, validate=True)
    for pattern_name, pattern in patterns:
        validator.add(pattern_name, [pattern])
    yaml_cache.write(name, True)
