"""The construction records that came nearest to matching a sentence that gave no claim.

A record's pattern is a list of nodes, each tied to one before it, so every prefix of it is a
pattern too. How near a record came is the longest prefix that matches the sentence; the node
after it is what the sentence lacks. A curator reads from this which record to widen or add.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from remit.claims.constructions import compiled_pattern

if TYPE_CHECKING:
    from spacy.tokens import Doc

# How many records are named, and the least share of a pattern matched to be named at all.
LIMIT = 3
MIN_SHARE = 0.3


class NearestConstructions:
    """Prefix matchers of every construction record, compiled on first use."""

    def __init__(self, matcher, vocab, lexicon):
        self.records = list(matcher.constructions.values()) if matcher else []
        self.vocab = vocab
        self.word_class = lexicon.word_class
        self._matchers: dict[tuple[str, int], object] = {}
        self._patterns: dict[str, list[dict]] = {}

    def __call__(self, doc: Doc) -> list[dict]:
        """The nearest records: id, nodes matched of all, the first node not matched."""
        rows = []
        for record in self.records:
            pattern = self._pattern(record)
            matched = self._longest_prefix(record.id, pattern, doc)
            share = matched / len(pattern)
            if matched and share >= MIN_SHARE:
                missing = pattern[matched] if matched < len(pattern) else None
                rows.append((-share, -matched, record.id, {
                    "id": record.id, "description": record.description,
                    "matched": matched, "nodes": len(pattern),
                    "missing": _node_text(missing)}))
        return [row[-1] for row in sorted(rows, key=lambda r: r[:3])[:LIMIT]]

    def _pattern(self, record) -> list[dict]:
        if record.id not in self._patterns:
            self._patterns[record.id] = compiled_pattern(record, self.word_class)
        return self._patterns[record.id]

    def _longest_prefix(self, rid: str, pattern: list[dict], doc: Doc) -> int:
        matched = 0
        for k in range(1, len(pattern) + 1):
            if not self._prefix(rid, pattern, k)(doc):
                break
            matched = k
        return matched

    def _prefix(self, rid: str, pattern: list[dict], k: int):
        key = (rid, k)
        if key not in self._matchers:
            from spacy.matcher import DependencyMatcher

            matcher = DependencyMatcher(self.vocab)
            matcher.add(f"{rid}:{k}", [pattern[:k]])
            self._matchers[key] = matcher
        return self._matchers[key]


def _node_text(node: dict | None) -> str | None:
    """A pattern node as a curator reads it: ``content: LEMMA in [charge, task] (> of agency)``."""
    if node is None:
        return None
    attrs = []
    for attr, test in node.get("RIGHT_ATTRS", {}).items():
        if isinstance(test, dict):
            for op, value in test.items():
                shown = value if not isinstance(value, list) else "[" + ", ".join(
                    map(str, value[:6])) + (", …" if len(value) > 6 else "") + "]"
                attrs.append(f"{attr} {op} {shown}")
        else:
            attrs.append(f"{attr} = {test}")
    where = f" ({node['REL_OP']} {node['LEFT_ID']})" if node.get("LEFT_ID") else ""
    return f"{node['RIGHT_ID']}: " + (", ".join(attrs) or "any token") + where
