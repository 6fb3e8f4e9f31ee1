"""Judge 'X is part of Y' claims against the agencies' parent chains."""

from __future__ import annotations

from dataclasses import dataclass

from remit.checker.support import BRANCH, TOP_KINDS, display, evidence_of
from remit.records import Claim, Finding
from remit.rules.schema import Agency, EvidenceRef, FormerParent
from remit.rules.table import Table


# The kind of an office such as the Attorney General's ('EOIR reports to the Attorney General').
_OFFICE = "office"


@dataclass(frozen=True)
class _ParentLink:
    """An agency's parent relation, shaped like a fact for :func:`evidence_of`."""

    id: str
    evidence: tuple[EvidenceRef, ...]


def _links(table: Table, agency_id: str, upto: str | None = None) -> list[_ParentLink]:
    links = []
    current = agency_id
    while current in table.agencies and table.agencies[current].parent:
        agency = table.agencies[current]
        links.append(_ParentLink(f"{agency.id}-part-of-{agency.parent}",
                                 tuple(agency.parent_evidence)))
        if agency.parent == upto:
            break
        current = agency.parent
    return links


def _to_branches(table: Table) -> tuple[str, ...]:
    """The endings of the ids of parent links to a branch of government ('-part-of-EXEC')."""
    return tuple(f"-part-of-{a.id}" for a in table.agencies.values() if a.kind == BRANCH)


def _chain_complete(table: Table, agency_id: str) -> bool:
    """Whether the chain of parents ends at a department or a branch of government (so
    absence means 'not part of')."""
    chain = [agency_id, *table.ancestors(agency_id)]
    top: Agency = table.agencies[chain[-1]]
    return top.kind in TOP_KINDS


def _in_a_branch(table: Table, agency_id: str) -> bool:
    """Whether the chain of parents reaches a branch of government (DOT's does not: no
    source in the pack places it)."""
    chain = [agency_id, *table.ancestors(agency_id)]
    return table.agencies[chain[-1]].kind == BRANCH


def _correction(table: Table, agency_id: str, target: str) -> str | None:
    """The real counterpart of the wrong target: the ancestor of the same kind, else parent
    (a branch of government only for a wrong branch: 'DHS is part of DOJ' names none)."""
    kind = table.agencies[target].kind
    ancestors = [a for a in table.ancestors(agency_id)
                 if table.agencies[a].kind != BRANCH or kind == BRANCH]
    same = [a for a in ancestors if table.agencies[a].kind == kind]
    return same[0] if same else (ancestors[0] if ancestors else None)


def judge_part_of(claim: Claim, table: Table) -> Finding:
    """Return the finding for a part-of claim."""
    agency, target = claim.agency, claim.target or ""
    name, target_name = display(table, agency), display(table, target)
    if agency not in table.agencies or target not in table.agencies:
        return Finding(claim, "unknown", f"The table does not place {name} under {target_name}.",
                       reason="agency not in the table")
    if claim.future:
        # 'ICE used to be part of the INS', 'X will move under Y': not where it sits now
        return Finding(claim, "unknown",
                       f"A past or planned place of {name} (under {target_name}); the table "
                       "records where agencies sit now.", reason="past or future claim")
    ancestors = table.ancestors(agency)
    is_part = target in ancestors
    if not is_part:
        former = _former(table, agency, target)
        if former is not None:
            return _judge_former(claim, table, former)
    if not is_part and (not _chain_complete(table, agency) or (
            table.agencies[target].kind == BRANCH and not _in_a_branch(table, agency))):
        return Finding(claim, "unknown",
                       f"The table does not record where {name} sits in government.",
                       reason="incomplete parent chain")
    affirmed = claim.polarity == "affirmed"
    if not is_part and affirmed and not _chain_complete(table, target) and (
            table.agencies[target].kind == _OFFICE):
        # 'EOIR reports to the Attorney General': an office the table cannot place (the
        # Attorney General's heads a department), so the agency may well be under it
        return Finding(claim, "unknown",
                       f"The table does not record where {target_name} sits in government.",
                       reason="incomplete parent chain")
    if is_part:
        evidence = evidence_of(table, _links(table, agency, upto=target))
        if affirmed:
            return Finding(claim, "supported", f"{name} is part of {target_name}.", evidence)
        return Finding(claim, "contradicted", f"{name} is part of {target_name}.", evidence)
    # where the agency sits, up to its department ('ICE is part of DHS'); to its branch only
    # when the wrong whole is a branch ('... the judicial branch')
    to_branch = () if table.agencies[target].kind == BRANCH else _to_branches(table)
    links = [link for link in _links(table, agency) if not link.id.endswith(to_branch)]
    evidence = evidence_of(table, links)
    if not affirmed:
        return Finding(claim, "supported", f"{name} is not part of {target_name}.", evidence)
    correction = _correction(table, agency, target)
    where = display(table, correction) if correction else "another body"
    return Finding(claim, "contradicted", f"{name} is part of {where}, not {target_name}.",
                   evidence, correction=correction)


def _former(table: Table, agency_id: str, target: str) -> FormerParent | None:
    """The former place of the agency (or of one of its parents) under ``target``, if any."""
    for current in [agency_id, *table.ancestors(agency_id)]:
        for former in table.agencies[current].former_parents:
            if former.parent == target:
                return former
    return None


def _judge_former(claim: Claim, table: Table, former: FormerParent) -> Finding:
    """'FPS is part of ICE' after FPS left ICE: a structure that held once, not now.

    Denied ('is no longer part of ICE'), it is true now. Affirmed in the present tense (a
    past tense never reaches here), it says a structure holds that no longer does: it is
    ``contradicted``, with the date it changed and where the agency sits now.
    """
    name, target_name = display(table, claim.agency), display(table, former.parent)
    evidence = evidence_of(table, [_ParentLink(f"{claim.agency}-left-{former.parent}",
                                               tuple(former.evidence))])
    if claim.polarity != "affirmed":
        return Finding(claim, "supported",
                       f"{name} has not been part of {target_name} since {former.until}.",
                       evidence)
    now = table.agencies[claim.agency].parent
    where = f"; it is part of {display(table, now)} now" if now else ""
    return Finding(claim, "contradicted",
                   f"{name} was part of {target_name} until {former.until}{where}.", evidence,
                   correction=now, reason="former place")
