"""Choosing between readings of one sentence: which claims it makes, given what the table settles.

One predicate can be read as several functions ('conduct credible fear screenings for people in
expedited removal'), and agencies coordinated over several functions may pair up one to one
('Judges and the BIA decide removal cases and appeals'). Which reading the writer meant is the
extractor's question; the table's verdict on each reading alone is the evidence. Pure
functions: ``verdict_of(claim)`` is that verdict ('supported', 'contradicted' or 'unknown'),
passed in by the component (:meth:`remit.checker.Judge.verdict_alone`).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterable

from remit.records import Claim

VerdictOf = Callable[[Claim], str]
# Functions a reading can be about ('part_of' and an unlisted function are not readings of one).
_NOT_READINGS = (None, "part_of")


def choose_readings(claims: Iterable[Claim], verdict_of: VerdictOf) -> list[Claim]:
    """Mark the readings that may pair one to one, then drop those the others make redundant."""
    claims = list(claims)
    if len(claims) < 2:
        return claims  # one claim is one reading: nothing to pair or to choose between
    verdicts = [verdict_of(c) for c in claims]
    claims = mark_paired(claims, verdicts)
    verdicts = ["unknown" if c.paired and v == "contradicted" else v
                for c, v in zip(claims, verdicts, strict=True)]
    return settled_readings(claims, verdicts)


def mark_paired(claims: list[Claim], verdicts: list[str]) -> list[Claim]:
    """'Judges and the BIA decide removal cases and appeals' may pair up one to one.

    When agencies share a predicate with several functions, a contradiction for one agency on
    a function that another of them performs, while it does perform another function of the
    same predicate, may be that reading: it is marked ``paired``, and the checker does not
    raise an alarm on it.
    """
    supported: dict[tuple, set[tuple]] = {}
    for claim, verdict in zip(claims, verdicts, strict=True):
        if verdict == "supported":
            supported.setdefault(_group(claim), set()).add((claim.agency, claim.function))
    out = []
    for claim, verdict in zip(claims, verdicts, strict=True):
        pairs = supported.get(_group(claim), set())
        if (verdict == "contradicted" and claim.function not in _NOT_READINGS
                and any(a != claim.agency and fn == claim.function for a, fn in pairs)
                and any(a == claim.agency for a, _ in pairs)):
            claim = dataclasses.replace(claim, paired=True)
        out.append(claim)
    return out


def settled_readings(claims: list[Claim], verdicts: list[str]) -> list[Claim]:
    """One predicate read as several functions: keep the readings the table settles.

    'USCIS officers conduct credible fear screenings for people in expedited removal' is a
    credible-fear claim; the expedited-removal reading of the same words, which the table
    cannot settle for USCIS, is dropped rather than reported as a separate unknown.
    """
    settled = [(c, v) for c, v in zip(claims, verdicts, strict=True)
               if v != "unknown" and c.function not in _NOT_READINGS]
    frames = {_frame(c) for c, _ in settled}
    # A predicate with no function beside a settled claim about the same mention is most
    # often the same statement in words the table does not list; it is not reported.
    spoken_for = {_mention(c) for c, _ in settled}
    # 'X, not Y, does F' with Y unsettled adds nothing to what is said of X.
    sentences = {c.sent_start for c, v in zip(claims, verdicts, strict=True) if v != "unknown"}
    return [c for c, v in zip(claims, verdicts, strict=True)
            if not (v == "unknown" and c.asserted and not c.future
                    and ((c.function not in _NOT_READINGS and _frame(c) in frames)
                         or (c.function is None and _mention(c) in spoken_for)
                         or (c.via == "contrast" and c.sent_start in sentences)))]


def _group(claim: Claim) -> tuple:
    return (claim.sent_start, claim.predicate, claim.polarity)


def _frame(claim: Claim) -> tuple:
    return (claim.start, claim.sent_start, claim.predicate, claim.polarity, claim.agency)


def _mention(claim: Claim) -> tuple:
    return (claim.start, claim.sent_start, claim.agency)
