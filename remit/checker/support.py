"""Helpers shared by the checker's modules: display names and evidence records."""

from __future__ import annotations

from collections.abc import Iterable

from remit.records import Evidence
from remit.rules.table import Table

# A branch of government: the top of a chain, above the departments.
BRANCH = "branch"
TOP_KINDS = frozenset({"department", BRANCH})


def display(table: Table, agency_id: str) -> str:
    """Return 'ERO (ICE)': the agency's short name, with its parent agency when it has one."""
    name = table.display_name(agency_id)
    agency = table.agencies.get(agency_id)
    if agency is None or agency.parent is None:
        return name
    parent = table.agencies.get(agency.parent)
    if parent is None or parent.kind in TOP_KINDS:
        return name
    return f"{name} ({table.display_name(parent.id)})"


def evidence_of(
    table: Table, facts: Iterable, skip: Iterable[Evidence] = ()
) -> tuple[Evidence, ...]:
    """Return the evidence of facts (records with ``id`` and ``evidence``), without repeats."""
    seen = {(e.source, e.quote) for e in skip}
    out = []
    for fact in facts:
        for ref in fact.evidence:
            if (ref.source, ref.quote) in seen:
                continue
            seen.add((ref.source, ref.quote))
            source = table.sources.get(ref.source)
            out.append(Evidence(
                source=ref.source, quote=ref.quote,
                url=ref.url or (source.url if source else None),
                fact=fact.id, title=source.title if source else "",
            ))
    return tuple(out)
