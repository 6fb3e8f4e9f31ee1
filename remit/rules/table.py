"""The merged, cross-checked responsibilities table and its lookups."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from remit.rules.schema import Agency, Fact, Function, Source

if TYPE_CHECKING:
    from remit.rules.loader import Located


def _known(ids) -> str:
    ids = sorted(ids)
    shown = ", ".join(ids[:12])
    return f"{shown}, ..." if len(ids) > 12 else shown


@dataclass
class Table:
    """Agencies, functions, facts and sources, indexed for the checker and the extractor."""

    sources: dict[str, Source] = field(default_factory=dict)
    agencies: dict[str, Agency] = field(default_factory=dict)
    functions: dict[str, Function] = field(default_factory=dict)
    facts: dict[str, Fact] = field(default_factory=dict)
    # (section, id) -> (file, line) of each record, for errors found after loading
    locations: dict[tuple[str, str], tuple[str, int]] = field(default_factory=dict, repr=False)
    _by_pair: dict[tuple[str, str], list[Fact]] = field(default_factory=dict, repr=False)
    _children: dict[str, list[str]] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, located: list[Located], errors: list[str]) -> Table:
        """Index validated records and append cross-reference errors to ``errors``."""
        table = cls()
        where: dict[tuple[str, str], Located] = {}
        for item in located:
            getattr(table, item.section)[item.record.id] = item.record
            where[(item.section, item.record.id)] = item
            table.locations[(item.section, item.record.id)] = (item.path, item.line)
        table._check_references(where, errors)
        by_pair: dict[tuple[str, str], list[Fact]] = defaultdict(list)
        for fact in table.facts.values():
            by_pair[(fact.agency, fact.function)].append(fact)
        table._by_pair = dict(by_pair)
        children: dict[str, list[str]] = defaultdict(list)
        for agency in table.agencies.values():
            if agency.parent in table.agencies:
                children[agency.parent].append(agency.id)
        table._children = dict(children)
        return table

    def _check_references(self, where: dict, errors: list[str]) -> None:
        def err(section: str, rid: str, kind: str, msg: str) -> None:
            item = where[(section, rid)]
            errors.append(f"{item.path}:{item.line}: {kind} '{rid}': {msg}")

        def check_evidence(section: str, rid: str, kind: str, evidence) -> None:
            for ev in evidence:
                if ev.source not in self.sources:
                    err(section, rid, kind, f"unknown source '{ev.source}' "
                        f"(known: {_known(self.sources)})")

        for agency in self.agencies.values():
            if agency.parent is not None and agency.parent not in self.agencies:
                err("agencies", agency.id, "agency",
                    f"unknown parent '{agency.parent}' (known: {_known(self.agencies)})")
            if agency.parent is not None and not agency.parent_evidence:
                err("agencies", agency.id, "agency", "a parent needs parent_evidence")
            check_evidence("agencies", agency.id, "agency", agency.parent_evidence)
            for former in agency.former_parents:
                if former.parent not in self.agencies:
                    err("agencies", agency.id, "agency", f"unknown former parent "
                        f"'{former.parent}' (known: {_known(self.agencies)})")
                check_evidence("agencies", agency.id, "agency", former.evidence)
        for agency in self.agencies.values():
            if self._has_cycle(agency.id):
                err("agencies", agency.id, "agency", "parent chain loops back to itself")
        for fact in self.facts.values():
            if fact.agency not in self.agencies:
                err("facts", fact.id, "fact",
                    f"unknown agency '{fact.agency}' (known: {_known(self.agencies)})")
            if fact.function not in self.functions:
                err("facts", fact.id, "fact",
                    f"unknown function '{fact.function}' (known: {_known(self.functions)})")
            check_evidence("facts", fact.id, "fact", fact.evidence)
        owners: dict[str, str] = {}
        for fact in self.facts.values():
            if fact.exclusive:
                if fact.function in owners:
                    err("facts", fact.id, "fact", f"function '{fact.function}' is already "
                        f"exclusive to fact '{owners[fact.function]}'")
                owners.setdefault(fact.function, fact.id)

    def _has_cycle(self, agency_id: str) -> bool:
        seen = {agency_id}
        current = self.agencies[agency_id].parent
        while current is not None and current in self.agencies:
            if current in seen:
                return True
            seen.add(current)
            current = self.agencies[current].parent
        return False

    # -- hierarchy -------------------------------------------------------------------------

    def ancestors(self, agency_id: str) -> list[str]:
        """Return the chain of parents, nearest first (``ERO`` -> ``[ICE, DHS]``)."""
        chain: list[str] = []
        current = self.agencies[agency_id].parent if agency_id in self.agencies else None
        while current is not None and current in self.agencies and current not in chain:
            chain.append(current)
            current = self.agencies[current].parent
        return chain

    def descendants(self, agency_id: str) -> list[str]:
        """Return every part of ``agency_id``, breadth first."""
        out: list[str] = []
        queue = list(self._children.get(agency_id, []))
        while queue:
            child = queue.pop(0)
            if child not in out:
                out.append(child)
                queue.extend(self._children.get(child, []))
        return out

    def facts_for(self, agency_id: str, function_id: str) -> list[Fact]:
        """Return the facts recorded for exactly this agency and function."""
        return self._by_pair.get((agency_id, function_id), [])

    def owner(self, function_id: str) -> Fact | None:
        """Return the exclusive fact of a function, if it has one."""
        for fact in self.facts.values():
            if fact.function == function_id and fact.exclusive:
                return fact
        return None

    def performers(self, function_id: str) -> list[str]:
        """Return agencies recorded as performing a function, in table order."""
        return [
            f.agency for f in self.facts.values()
            if f.function == function_id and f.stance == "performs"
        ]

    def display_name(self, agency_id: str) -> str:
        """Return the name used in messages: the agency's ``short`` name, else its id."""
        agency = self.agencies.get(agency_id)
        return (agency.short or agency.id) if agency else agency_id
