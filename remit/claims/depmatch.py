"""A dependency matcher with spaCy's ``DependencyMatcher`` semantics, for the patterns of
construction records, that reads the doc's token arrays once and searches from each pattern's
first node along its relations.

spaCy's matcher first runs a token matcher of every node of every pattern over every token,
then tries each combination of the candidates; most nodes are tested on tokens the relations
never reach. Here the first node's candidates come from the columns (a doc's columns are read
once for all patterns), and every other node is only tested on the tokens its relation to an
earlier node gives. A match is the same list of token indices, one per node in pattern order,
as spaCy's (``tests/claims/test_depmatch.py`` compares the two on every record's pattern).

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
        if not n:
            self.cols, self.heads, self.children, self.roots = [], [], [], []
            self.bounds: dict[int, tuple[int, int]] = {}
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
        self.roots = [self._root(i) for i in range(n)]
        self.bounds = {}
        for i, r in enumerate(self.roots):
            lo, hi = self.bounds.get(r, (i, i))
            self.bounds[r] = (min(lo, i), max(hi, i))
        self._candidates: dict[tuple, list[int]] = {}

    def _root(self, i: int) -> int:
        seen = 0
        while self.heads[i] != i and seen <= self.n:
            i = self.heads[i]
            seen += 1
        return i

    def passes(self, tests: tuple[Test, ...], i: int) -> bool:
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
        out, todo = [], list(self.children[i])
        while todo:
            j = todo.pop()
            out.append(j)
            todo.extend(self.children[j])
        return out

    def ancestors(self, i: int) -> list[int]:
        out = []
        while self.heads[i] != i and len(out) <= self.n:
            i = self.heads[i]
            out.append(i)
        return out

    def sentence(self, i: int) -> tuple[int, int]:
        return self.bounds[self.roots[i]]


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


def compile_node_tests(attrs: dict, strings) -> tuple[Test, ...] | None:
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

    def __init__(self, pattern: list[dict], strings) -> None:
        names = [node["RIGHT_ID"] for node in pattern]
        self.nodes = []
        self.supported = True
        for node in pattern:
            tests = compile_node_tests(node.get("RIGHT_ATTRS", {}), strings)
            if tests is None or (node.get("REL_OP") is not None
                                 and node["REL_OP"] not in OPERATORS):
                self.supported = False
                return
            left = names.index(node["LEFT_ID"]) if node.get("LEFT_ID") else None
            self.nodes.append((tests, left, OPERATORS.get(node.get("REL_OP", ""))))

    def matches(self, view: View) -> Iterator[tuple[int, ...]]:
        if not self.nodes:
            return
        for i in view.candidates(self.nodes[0][0]):
            yield from self._extend(view, [i], view.roots[i])

    def _extend(self, view: View, bound: list[int], root: int) -> Iterator[tuple[int, ...]]:
        k = len(bound)
        if k == len(self.nodes):
            yield tuple(bound)
            return
        tests, left, op = self.nodes[k]
        for j in op(view, bound[left]):
            if view.roots[j] == root and view.passes(tests, j):
                bound.append(j)
                yield from self._extend(view, bound, root)
                bound.pop()


class Matcher:
    """Patterns under keys, matched as spaCy's ``DependencyMatcher`` matches them: call it
    with a doc (or a :class:`View` of one shared by several matchers) for (key, tokens)."""

    def __init__(self, vocab: Vocab) -> None:
        self.vocab = vocab
        self._patterns: list[tuple[int, Compiled]] = []
        self._spacy = None  # the patterns this module does not support

    def __len__(self) -> int:
        return len(self._patterns) + (len(self._spacy) if self._spacy is not None else 0)

    def add(self, name: str, patterns: list[list[dict]]) -> None:
        key = self.vocab.strings.add(name)
        for pattern in patterns:
            compiled = Compiled(pattern, self.vocab.strings)
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
