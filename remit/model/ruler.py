"""A faster ``match`` for spaCy's ``attribute_ruler``, with the same matches.

The ruler of the English pipelines maps tags and a few words to parts of speech, morphology and
lemmas with about 180 Matcher rules, and the Matcher tries every rule at every token: on the
short sentences remit parses it costs more than the tagger and parser together. Almost all the
rules are one token long and test attributes for equality ('TAG' is 'NNS', 'LOWER' is 'ai'), so
they can be looked up in a table per set of attributes tested. The other rules (several tokens,
regular expressions, operators) stay with a Matcher of their own. A rule
that tests ``NOT_IN`` is looked up by its other tests and then checked. Matches come back as
``AttributeRuler.match`` gives them: ``(rule, key, start, end)``, sorted, each once; the ruler's
own ``set_annotations`` applies them.
"""

from __future__ import annotations

import re
from itertools import product

import spacy.attrs
from spacy.matcher import Matcher
from spacy.tokens import Doc

# Token attributes read from Doc.to_array exactly as the Matcher reads them.
_COLUMNS = ("ORTH", "LOWER", "TAG", "DEP", "IS_SPACE")
_COLUMN_IDS = [spacy.attrs.IDS[name] for name in _COLUMNS]
# Distinct tokens remembered before the memo starts again (bounds memory on endless input).
_SEEN_MAX = 50_000
# A rule number and the (column, values) the token must not hold.
_Rule = tuple[int, tuple[tuple[int, frozenset[int]], ...]]
# What a Matcher pattern needs of a column: one of some values, or a value a regex finds.
_Need = tuple[int, "frozenset[int] | re.Pattern"]


def speed_up_attribute_rulers(nlp) -> int:
    """Give every ``attribute_ruler`` of ``nlp`` a compiled ``match``; return how many."""
    from spacy.pipeline import AttributeRuler

    count = 0
    for _, component in nlp.pipeline:
        if isinstance(component, AttributeRuler) and "match" not in vars(component):
            component.match = CompiledRules(component)
            component.set_annotations = TokenAnnotations(component)
            count += 1
    return count


class CompiledRules:
    """The rules of one ``AttributeRuler``: simple ones in lookup tables, others in a Matcher."""

    def __init__(self, ruler):
        self._ruler = ruler
        self._version: tuple | None = None
        self._compile()

    def _compile(self) -> None:
        """Read the ruler's rules; again whenever they change (``add``, ``clear``, loading)."""
        ruler = self._ruler
        strings = ruler.vocab.strings
        self._version = self._version_of(ruler)
        self._keys: list[int] = []
        # attributes tested for equality (sorted names) -> their values (hashes, same order) ->
        # (rule number, attributes that must *not* take some values) for each rule
        self._tables: dict[tuple[str, ...], dict[tuple[int, ...], list[_Rule]]] = {}
        self._matcher = Matcher(ruler.vocab)
        self._complex = False
        # per pattern given to the Matcher: (column, values) of which a document must hold at
        # least one value in that column for the pattern to match; [] if nothing is required
        self._needs: list[list[_Need]] = []
        for number, rule in enumerate(ruler.patterns):
            key = strings.add(str(number))
            self._keys.append(key)
            for pattern in rule["patterns"]:
                if not self._add_simple(number, pattern, strings):
                    self._matcher.add(key, [pattern])
                    self._complex = True
                    self._needs.append(_needed_values(pattern, strings))
        self._positions = {names: [_COLUMNS.index(n) for n in names] for names in self._tables}
        self._rule_of_key = {key: number for number, key in enumerate(self._keys)}
        # column values of a token -> the one-token rules it matches (tokens repeat a lot)
        self._seen: dict[tuple[int, ...], tuple[int, ...]] = {}
        # per regex need: string hash -> whether the regex finds something in it
        self._found: dict[re.Pattern, dict[int, bool]] = {}

    @staticmethod
    def _version_of(ruler) -> tuple[int, int, int]:
        return len(ruler.attrs), id(ruler.matcher), len(ruler.matcher)

    def _add_simple(self, number: int, pattern: list, strings) -> bool:
        """Put a one-token pattern of equality tests into its table; return whether it was one.

        Tests may be 'equals', ``IN`` or ``NOT_IN``; at least one must be a positive test.
        """
        if len(pattern) != 1 or not isinstance(pattern[0], dict) or not pattern[0]:
            return False
        tests: dict[str, list[int]] = {}
        excluded: list[tuple[int, frozenset[int]]] = []
        for name, value in pattern[0].items():
            name = name.upper() if isinstance(name, str) else name
            if name not in _COLUMNS:
                return False
            negative = isinstance(value, dict) and set(value) == {"NOT_IN"}
            options = _options({"IN": value["NOT_IN"]} if negative else value)
            if options is None:
                return False
            hashes = _hashes(name, options, strings)
            if hashes is None:
                return False
            if negative:
                excluded.append((_COLUMNS.index(name), frozenset(hashes)))
            else:
                tests[name] = hashes
        if not tests:
            return False
        names = tuple(sorted(tests))
        table = self._tables.setdefault(names, {})
        for values in product(*(tests[n] for n in names)):
            rules = table.setdefault(values, [])
            rules.append((number, tuple(excluded)))
        return True

    def __call__(self, doc: Doc) -> list[tuple[int, int, int, int]]:
        """Return the matches ``AttributeRuler.match`` returns for ``doc``."""
        if self._version_of(self._ruler) != self._version:
            self._compile()
        found: set[tuple[int, int, int]] = set()
        rows = doc.to_array(_COLUMN_IDS).tolist() if len(doc) else []
        for i, row in enumerate(rows):
            key = tuple(row)
            numbers = self._seen.get(key)
            if numbers is None:
                numbers = self._seen[key] = self._rules_for(row)
                if len(self._seen) > _SEEN_MAX:
                    self._seen.clear()
            found.update((number, i, i + 1) for number in numbers)
        if self._complex and self._may_match(rows):
            for key, start, end in self._matcher(doc, allow_missing=True, as_spans=False):
                found.add((self._rule_of_key[key], start, end))
        return sorted((n, self._keys[n], s, e) for n, s, e in found)

    def _may_match(self, rows: list[list[int]]) -> bool:
        """Whether any Matcher pattern can match: each holds values the document has.

        Most sentences hold no 'gonna' or 'let's': the Matcher is then not run at all.
        """
        if not rows:
            return False
        present: dict[int, set[int]] = {}
        for needs in self._needs:
            for column, values in needs:
                if column not in present:
                    present[column] = {row[column] for row in rows}
                if not self._holds(values, present[column]):
                    break
            else:
                return True
        return False

    def _holds(self, values, present: set[int]) -> bool:
        """Whether a column's ``present`` values meet a need: one of ``values``, or the regex
        (its answer per string remembered: the same words come back in every doc)."""
        if isinstance(values, frozenset):
            return not values.isdisjoint(present)
        found = self._found.setdefault(values, {})
        if len(found) > _SEEN_MAX:
            found.clear()
        strings = self._ruler.vocab.strings
        for h in present:
            hit = found.get(h)
            if hit is None:
                hit = found[h] = values.search(strings[h]) is not None
            if hit:
                return True
        return False

    def _rules_for(self, row: list[int]) -> tuple[int, ...]:
        """The one-token rules a token with these column values matches."""
        out = []
        for names, table in self._tables.items():
            rules = table.get(tuple([row[p] for p in self._positions[names]]))
            if rules:
                out += [number for number, excluded in rules
                        if not any(row[p] in values for p, values in excluded)]
        return tuple(out)


class TokenAnnotations:
    """``AttributeRuler.set_annotations`` with the same result, one write per token.

    spaCy builds a ``Span`` per match and writes each match's attributes in turn; when every
    match is one token long, targets that token and sets no extension, the attributes of a
    token's matches (in rule order, later rules winning, as spaCy applies them) are merged once
    per set of rules and written once. Any other match leaves the doc to spaCy's own method.
    """

    def __init__(self, ruler):
        self._ruler = ruler
        self._merged: dict[tuple[int, ...], dict] = {}
        self._version: tuple | None = None

    def __call__(self, doc: Doc, matches: list[tuple[int, int, int, int]]) -> None:
        from spacy.tokens._retokenize import set_token_attrs

        ruler = self._ruler
        attrs, indices = ruler.attrs, ruler.indices
        rules: dict[int, list[int]] = {}
        for number, _key, start, end in matches:
            if end - start != 1 or indices[number] not in (0, -1) or "_" in attrs[number]:
                type(ruler).set_annotations(ruler, doc, matches)
                return
            rules.setdefault(start, []).append(number)
        version = CompiledRules._version_of(ruler)
        if len(self._merged) > _SEEN_MAX or version != self._version:
            self._merged.clear()  # rules changed, or the memo is full
            self._version = version
        for i, numbers in rules.items():
            key = tuple(numbers)
            merged = self._merged.get(key)
            if merged is None:
                merged = self._merged[key] = {k: v for n in key for k, v in attrs[n].items()}
            set_token_attrs(doc[i], merged)


def _needed_values(pattern: list, strings) -> list[_Need]:
    """(column, values) pairs a document must meet for a Matcher pattern to match in it.

    Each token that must occur (no operator, or '+', '{n}', '{n,}'…) and that tests a column for
    equality or ``IN`` needs one of those values somewhere in the document; one that tests a
    string column with ``REGEX`` needs a value the expression finds (``re.search``, as the
    Matcher does). Other tests and operators that allow the token to be absent require nothing.
    """
    needs = []
    for token in pattern:
        if not isinstance(token, dict) or token.get("OP", "1") in {"?", "*", "!"} or str(
                token.get("OP", "1")).startswith(("{0", "{,")):
            continue
        for name, value in token.items():
            name = name.upper() if isinstance(name, str) else name
            if name not in _COLUMNS:
                continue
            if (isinstance(value, dict) and set(value) == {"REGEX"} and name != "IS_SPACE"
                    and isinstance(value["REGEX"], str)):
                needs.append((_COLUMNS.index(name), re.compile(value["REGEX"])))
                continue
            options = _options(value)
            hashes = _hashes(name, options, strings) if options is not None else None
            if hashes is not None:
                needs.append((_COLUMNS.index(name), frozenset(hashes)))
    return needs


def _hashes(name: str, options: list, strings) -> list[int] | None:
    """The values a column holds for ``options``, or ``None`` if one has the wrong type."""
    if name == "IS_SPACE":
        return [int(o) for o in options] if all(isinstance(o, bool) for o in options) else None
    if all(isinstance(o, str) for o in options):
        return [strings.add(o) for o in options]
    return None


def _options(value) -> list | None:
    """The values an attribute may equal: one, or those of ``{"IN": [...]}``; else ``None``."""
    if isinstance(value, dict):
        if set(value) == {"IN"} and isinstance(value["IN"], list | tuple):
            return list(value["IN"])
        return None
    return [value]

