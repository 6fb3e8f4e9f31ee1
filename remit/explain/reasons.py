"""Which facts the checker considered for a finding, the hierarchy path it took, and the reason.

The facts and the path come from :func:`remit.checker.decide`, the function the checker itself
decides with, and from the finding's evidence; the verdict is the finding's own.
"""

from __future__ import annotations

from remit.records import Finding
from remit.rules.table import Table


def claim_reasons(finding: Finding, table: Table) -> dict:
    """``facts``, ``path`` (the agency and its parents), ``via``, ``hierarchy``, the reason."""
    from remit.checker import decide

    claim = finding.claim
    decision = None
    if claim.function in table.functions:
        decision = decide(table, claim.agency, claim.function)
    ids = [f.id for f in decision.facts] if decision is not None else []
    ids += [e.fact for e in finding.evidence]
    return {
        "facts": [fact_record(table, fid, finding) for fid in dict.fromkeys(ids)],
        "path": [claim.agency, *table.ancestors(claim.agency)]
        if claim.agency in table.agencies else [claim.agency],
        "via": decision.via if decision is not None else None,
        "hierarchy": hierarchy_note(table, claim, decision),
        "verdict_reason": one_line(finding),
    }


def one_line(finding: Finding) -> str:
    """The verdict and why, on one line."""
    verdict = finding.verdict
    if finding.reason:
        return f"{verdict} ({finding.reason}): {finding.message}"
    return f"{verdict}: {finding.message}"


def hierarchy_note(table: Table, claim, decision) -> str | None:
    """How the hierarchy entered the verdict: 'ERO ⊂ ICE: what a part does, the agency does'."""
    agency = claim.agency
    if claim.function == "part_of":
        chain = [agency, *table.ancestors(agency)] if agency in table.agencies else [agency]
        return " ⊂ ".join(chain)
    if decision is None or decision.via is None or decision.via == agency:
        if decision is not None and decision.owner and decision.owner != agency:
            return (f"the role belongs to {decision.owner}; {agency} is outside its line "
                    f"({' ⊂ '.join([agency, *table.ancestors(agency)])})")
        return None
    via = decision.via
    if via in table.descendants(agency):
        chain = [via, *table.ancestors(via)]
        chain = chain[: chain.index(agency) + 1]
        return f"{' ⊂ '.join(chain)}: what a part does, the agency does"
    if via in table.ancestors(agency):
        chain = [agency, *table.ancestors(agency)]
        chain = chain[: chain.index(via) + 1]
        return f"{' ⊂ '.join(chain)}: what an agency does not do, its parts do not do"
    return f"decided by the owner of the role, {via}"


def fact_record(table: Table, fact_id: str, finding: Finding) -> dict:
    """A fact (or a parent link of a part-of claim) with its stance, date and sources."""
    fact = table.facts.get(fact_id)
    evidence = [e for e in finding.evidence if e.fact == fact_id]
    if fact is not None:
        quotes = [_quote(table, ref.source, ref.quote, ref.url) for ref in fact.evidence]
        return {"id": fact.id, "agency": fact.agency, "function": fact.function,
                "stance": fact.stance, "exclusive": fact.exclusive,
                "as_of": fact.as_of.isoformat(), "note": fact.note, "evidence": quotes}
    quotes = [_quote(table, e.source, e.quote, e.url) for e in evidence]
    return {"id": fact_id, "agency": finding.claim.agency, "function": "part_of",
            "stance": "part_of", "exclusive": False, "as_of": None, "note": "",
            "evidence": quotes}


def _quote(table: Table, source_id: str, quote: str, url: str | None) -> dict:
    source = table.sources.get(source_id)
    return {"source": source_id, "quote": quote,
            "url": url or (source.url if source else None),
            "title": source.title if source else "",
            "publisher": source.publisher if source else "",
            "kind": source.kind if source else None,
            "retrieved": source.retrieved.isoformat() if source else None}
