"""Judge claims against the table: verdict, evidence, correction and message (pure functions).

Reasoning over the hierarchy: what a part of an agency does, the agency does ("ICE detains"
through ERO); what an agency does not do, its parts do not do either; a function exclusive to
one agency is contradicted for anyone outside that agency's line. What the table does not
settle is ``unknown``, never guessed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from remit.checker.hierarchy import judge_part_of
from remit.checker.support import BRANCH, display, evidence_of
from remit.records import VIA_INFERRED, Claim, Finding
from remit.rules.schema import Fact
from remit.rules.table import Table


@dataclass(frozen=True)
class Decision:
    """What the table says of (agency, function): a status, the deciding facts, an owner."""

    status: str  # performs | shares | not_performs | contested | none
    facts: tuple[Fact, ...] = ()
    owner: str | None = None
    via: str | None = None


def decide(table: Table, agency: str, function: str) -> Decision:
    """Return what the table says about an agency performing a function."""
    direct = table.facts_for(agency, function)
    if direct:
        return _from_facts(direct, table, function)
    for part in table.descendants(agency):
        facts = [f for f in table.facts_for(part, function) if f.stance in {"performs", "shares"}]
        if facts:
            return Decision(facts[0].stance, tuple(facts), via=part)
    for parent in table.ancestors(agency):
        facts = [f for f in table.facts_for(parent, function) if f.stance == "does_not_perform"]
        if facts:
            return Decision("not_performs", tuple(facts), owner=_owner_id(table, function),
                            via=parent)
    owner = table.owner(function)
    if owner is not None:
        return _by_owners(table, agency, [owner])
    if function in table.functions and table.functions[function].closed:
        return _by_owners(table, agency, [f for f in table.facts.values() if f.function == function
                                          and f.stance in {"performs", "shares"}])
    return Decision("none")


def _by_owners(table: Table, agency: str, owners: list[Fact]) -> Decision:
    """Judge by the agencies that alone perform a function (an exclusive or closed function)."""
    for fact in owners:
        if agency == fact.agency or agency in table.ancestors(fact.agency):
            return Decision("performs", (fact,), via=fact.agency)
    for fact in owners:
        if agency in table.descendants(fact.agency):
            return Decision("none", (fact,))
    if not owners:
        return Decision("none")
    return Decision("not_performs", tuple(owners[:2]), owner=owners[0].agency)


def _from_facts(facts: list[Fact], table: Table, function: str) -> Decision:
    stances = {f.stance for f in facts}
    for stance, status in (("contested", "contested"), ("does_not_perform", "not_performs"),
                           ("performs", "performs"), ("shares", "shares")):
        if stance in stances:
            chosen = tuple(f for f in facts if f.stance == stance)
            owner = _owner_id(table, function) if status == "not_performs" else None
            return Decision(status, chosen, owner=owner)
    return Decision("none")  # pragma: no cover - stances are a closed set


def _owner_id(table: Table, function: str) -> str | None:
    owner = table.owner(function)
    if owner is not None:
        return owner.agency
    performers = table.performers(function)
    return performers[0] if performers else None


def judge(claim: Claim, table: Table) -> Finding:
    """Return the finding for one claim."""
    finding = _judge(claim, table)
    if finding.verdict == "contradicted" and claim.function == "part_of" and (
            claim.partial or claim.via == VIA_INFERRED):
        # 'Parent agency: DOJ' under a page about TSA, 'It is part of DOJ' with another agency
        # named nearby: the agency is read from the layout or the discourse, not named.
        return Finding(claim, "unknown", finding.message + " (The agency is not named here; "
                       "it is read from the page's layout or an earlier sentence.)",
                       finding.evidence, finding.correction,
                       reason="the agency is inferred, not named in the sentence")
    if finding.verdict == "contradicted" and claim.paired:
        finding = Finding(claim, "unknown",
                          finding.message + " (It may pair with another agency named "
                          "alongside, one to one.)", finding.evidence, finding.correction,
                          reason="coordinated agencies and functions may pair up respectively")
    return finding


def _judge(claim: Claim, table: Table) -> Finding:
    if claim.function == "part_of":
        return judge_part_of(claim, table)
    name = display(table, claim.agency)
    if claim.agency in table.agencies and table.agencies[claim.agency].kind == BRANCH:
        return Finding(claim, "unknown",
                       f"The table records which agencies belong to the {name}, not what a "
                       "branch of government does.", reason="an act of a branch of government")
    if claim.function is None or claim.function not in table.functions:
        return Finding(claim, "unknown",
                       f"The table has no function for what {name} is said to do here: "
                       f"'{claim.predicate}'.",
                       reason=f"no function in the table matches '{claim.predicate}'")
    label = table.functions[claim.function].label
    decision = decide(table, claim.agency, claim.function)
    evidence = evidence_of(table, decision.facts)
    unsettled = _unsettled(claim, decision, name, label, evidence)
    if unsettled is not None:
        return unsettled
    if claim.exclusive and claim.polarity == "affirmed" and decision.status != "not_performs":
        return _judge_exclusive(claim, table, decision, label)
    finding = _verdict(claim, table, decision, label, evidence)
    if finding.verdict == "contradicted" and claim.polarity == "negated" and claim.scope:
        # 'ICE does not deport U.S. citizens' denies a narrower case, not the role.
        return Finding(claim, "unknown",
                       f"{name} does {label}, according to the table; this denial is about a "
                       f"narrower case ('{claim.scope}'), which the table does not settle.",
                       finding.evidence, reason=f"a denial narrowed by '{claim.scope}'")
    if finding.verdict == "contradicted" and claim.partial:
        # 'The State Department plays a role in the green card process': taking part is not
        # doing it, so an exclusive owner elsewhere does not contradict it.
        return Finding(claim, "unknown", finding.message + " (Said to take part only.)",
                       finding.evidence, reason="the agency is said to take part, not to do it")
    if finding.verdict == "contradicted" and claim.via == "contrast":
        # 'the Border Patrol catches people between the ports, not ICE': the contrast may be
        # about only part of what is said (the place), so it never raises an alarm alone.
        return Finding(claim, "unknown", finding.message + " (Read from a contrast: 'not X'.)",
                       finding.evidence, reason="a contrast may concern only part of the claim")
    if finding.verdict == "contradicted" and claim.via == VIA_INFERRED:
        # 'USCIS is part of DHS. ... It also deports people.': 'it' is most likely USCIS, but
        # another agency was named in between, so the reading is not certain enough to alarm.
        return Finding(claim, "unknown", finding.message + " (The agency is not named in the "
                       "sentence; another agency is named nearby.)", finding.evidence,
                       reason="the agency is inferred from an earlier sentence, not certain")
    return finding


def _unsettled(claim: Claim, decision: Decision, name: str, label: str,
               evidence) -> Finding | None:
    """The finding when the table cannot settle the claim (future, contested, no fact)."""
    if claim.future:
        return Finding(claim, "unknown",
                       f"A plan or prediction about {name} ({label}); the table records "
                       "current roles only.", evidence, reason="future or speculative claim")
    if decision.status == "contested":
        note = " ".join(f.note for f in decision.facts if f.note)
        return Finding(claim, "unknown",
                       f"Contested or recently changed: whether {name} does this ({label}).",
                       evidence, reason=note or "the table marks this fact as contested")
    if decision.status == "none":
        return Finding(claim, "unknown",
                       f"The table does not say whether {name} does this ({label}).",
                       evidence, reason="no fact about this agency and function")
    return None


def _verdict(claim: Claim, table: Table, decision: Decision, label: str, evidence) -> Finding:
    name = display(table, claim.agency)
    does = decision.status in {"performs", "shares"}
    if does == (claim.polarity == "affirmed"):
        if does:
            message = f"The table records this role for {name}: {label}."
        else:
            message = f"The table records that {name} does not {label}."
        return Finding(claim, "supported", message, evidence)
    if does:
        return Finding(claim, "contradicted",
                       f"{name} does {label}, according to the table.", evidence)
    owner = decision.owner if decision.owner != claim.agency else None
    if owner:
        message = f"{display(table, owner)}, not {name}, is the agency that does this: {label}."
        owner_facts = table.facts_for(owner, claim.function)
        evidence = evidence + evidence_of(table, owner_facts[:1], skip=evidence)
    else:
        message = f"The table records that {name} does not {label}."
    return Finding(claim, "contradicted", message, evidence, correction=owner)


def _judge_exclusive(claim: Claim, table: Table, decision: Decision, label: str) -> Finding:
    """'Only X does F': contradicted when someone outside X's line does F too."""
    name = display(table, claim.agency)
    line = {claim.agency, *table.ancestors(claim.agency), *table.descendants(claim.agency)}
    # A supporting role ('shares', e.g. the BIA reviewing judges' orders) does not make
    # 'only X' false; another agency that performs the function does.
    others = [f for f in table.facts.values() if f.function == claim.function
              and f.stance == "performs" and f.agency not in line]
    if others:
        other = others[0].agency
        return Finding(claim, "contradicted",
                       f"Not only {name}: {display(table, other)} also does this ({label}).",
                       evidence_of(table, (*decision.facts, others[0])), correction=other)
    owner = table.owner(claim.function)
    if owner is not None and owner.agency in line:
        return Finding(claim, "supported",
                       f"The table records {name} as the only agency that does this: {label}.",
                       evidence_of(table, (owner,)))
    return Finding(claim, "unknown",
                   f"The table does not say whether {name} alone does this ({label}).",
                   evidence_of(table, decision.facts), reason="exclusivity not recorded")


_NOT_ASSERTED = {
    "question": "a question",
    "reported": "reported speech",
    "hypothetical": "a hypothetical or condition",
    "event": "a report of a past event",
}


def judge_all(claims: Iterable[Claim], table: Table, kept: Judge | None = None) -> list[Finding]:
    """Judge every claim, in order.

    A claim the writer does not assert (a question, reported speech, a hypothetical) is never
    flagged: its verdict is unknown, and the message says what the table would have said.
    Which readings of a sentence are its claims was chosen by the extractor
    (:mod:`remit.claims.readings`); ``kept`` is the :class:`Judge` it chose them with, whose
    findings on the same table are taken rather than judged again.
    """
    out = []
    for claim in claims:
        finding = kept.take(claim, table) if kept is not None else judge(claim, table)
        if not claim.asserted:
            kind = _NOT_ASSERTED[claim.assertion]
            finding = Finding(
                claim, "unknown",
                f"Not the writer's assertion ({kind}); the table would say "
                f"{finding.verdict}: {finding.message}",
                finding.evidence, None, reason=f"not asserted: {kind}")
        out.append(finding)
    return out


class Judge:
    """The judge of one table, owned by whoever extracts with it (the claims component).

    The findings :meth:`verdict_alone` made while the extractor chose readings are kept for
    :func:`judge_all` (so a check judges each claim once); each is taken once, and all are
    dropped when ``limit`` are waiting.
    """

    def __init__(self, table: Table, limit: int = 1024):
        self.table = table
        self.limit = limit
        self._kept: dict[Claim, Finding] = {}

    def verdict_alone(self, claim: Claim) -> str:
        """The verdict on one reading of a sentence, judged alone (for choosing readings)."""
        if not claim.asserted:
            return "unknown"
        finding = judge(claim, self.table)
        if len(self._kept) >= self.limit:
            self._kept.clear()
        self._kept[claim] = finding
        return finding.verdict

    def take(self, claim: Claim, table: Table) -> Finding:
        """The finding on ``claim`` kept from :meth:`verdict_alone`, if judged on ``table``;
        otherwise judged now."""
        kept = self._kept.pop(claim, None)
        return kept if kept is not None and table is self.table else judge(claim, table)
