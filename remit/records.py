"""Immutable result records: a claim found in text, and the finding the checker makes of it."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from typing import Literal

Polarity = Literal["affirmed", "negated"]
Verdict = Literal["supported", "contradicted", "unknown"]
# Why a claim is or is not the writer's own assertion.
Assertion = Literal["asserted", "question", "reported", "hypothetical", "event"]

VERDICTS: tuple[str, ...] = ("supported", "contradicted", "unknown")
SEVERITY = {"contradicted": 2, "unknown": 1, "supported": 0}
# How a claim's agency was read (``Claim.via``) when an anaphor stands for an agency named
# further back than the sentence before (see remit.runtime.salience): from the agency a
# paragraph or section is about, with no other agency named since (a contradicted verdict
# stands), or with another agency named in between (the reading is likely, not certain: never
# contradicted).
VIA_DISCOURSE = "discourse"
VIA_INFERRED = "inferred"
FAR_VIAS = frozenset({VIA_DISCOURSE, VIA_INFERRED})


@dataclass(frozen=True)
class Claim:
    """One (agency, function, polarity) claim, with where it stands in the text.

    Offsets are character offsets into the text the claim was extracted from. ``function`` is
    ``None`` when the agency is said to do something the table has no function for;
    ``target`` is set for ``part_of`` claims (the agency it is said to be part of).
    """

    agency: str
    function: str | None
    polarity: Polarity
    start: int
    end: int
    sent_start: int
    sent_end: int
    predicate: str
    assertion: Assertion = "asserted"
    target: str | None = None
    exclusive: bool = False
    future: bool = False
    via: str = "mention"
    # For a denial, the words that make it narrower than the role ('ICE does not deport
    # *citizens*'): such a denial does not deny the role itself.
    scope: str | None = None
    # One of several agencies and functions sharing a predicate, which may pair up one to one
    # ('Judges and the BIA decide removal cases and appeals'; :mod:`remit.claims.readings`).
    paired: bool = False
    # The id of the construction record the claim was read by, if one was.
    construction: str | None = None
    # The records that reached it, outermost first ('X is a unit of Y': the copula's record
    # reaches the unit noun's, which reads the claim).
    through: tuple[str, ...] = ()
    # The agency is said to take part in the role ('plays a role in'), not to perform it.
    partial: bool = False

    @property
    def asserted(self) -> bool:
        """Whether the writer asserts a role (not a question, report, hypothesis or past event)."""
        return self.assertion == "asserted"

    @property
    def key(self) -> str:
        """Return ``function`` or ``part_of:TARGET``, the rule id used by machine formats."""
        if self.function == "part_of" and self.target:
            return f"part_of:{self.target}"
        return self.function or "unlisted"


@dataclass(frozen=True)
class Evidence:
    """A quote from a source that decided a verdict."""

    source: str
    quote: str
    url: str | None
    fact: str
    title: str = ""


@dataclass(frozen=True)
class Finding:
    """The checker's verdict on a claim, with evidence, correction and message."""

    claim: Claim
    verdict: Verdict
    message: str
    evidence: tuple[Evidence, ...] = ()
    correction: str | None = None
    reason: str = ""
    suppressed: str | None = None

    def to_dict(self, text: str = "", path: str | None = None) -> dict:
        """Return the JSON record of this finding; ``text`` gives line, column and sentence."""
        claim = self.claim
        line, column = line_col(text, claim.start)
        record = {
            "path": path,
            "line": line,
            "column": column,
            "start": claim.sent_start,
            "end": claim.sent_end,
            "sentence": text[claim.sent_start : claim.sent_end] if text else "",
            "agency": claim.agency,
            "function": claim.function,
            "target": claim.target,
            "polarity": claim.polarity,
            "asserted": claim.asserted,
            "assertion": claim.assertion,
            "exclusive": claim.exclusive,
            "future": claim.future,
            "predicate": claim.predicate,
            "construction": claim.construction,
            "verdict": self.verdict,
            "correction": self.correction,
            "evidence": [
                {"source": e.source, "quote": e.quote, "url": e.url, "fact": e.fact}
                for e in self.evidence
            ],
            "message": self.message,
            "reason": self.reason,
            "suppressed": self.suppressed is not None,
            "suppression_reason": self.suppressed,
        }
        if path is None:
            record.pop("path")
        return record


@dataclass(frozen=True)
class FileResult:
    """The findings of one input (a file, ``-`` for stdin, or a batch row).

    ``text`` is the original input, so that claim offsets give exact lines and columns.
    ``notices`` are warnings about the input itself, such as an unused suppression comment.
    ``input_format`` is how ``text`` was read (``markdown``, ``html`` or ``text``), so that a
    report can show its prose as the reader sees it; ``None`` when it was not read as markup.
    """

    path: str
    text: str
    findings: tuple[Finding, ...]
    notices: tuple[str, ...] = ()
    input_format: str | None = None

    def records(self) -> list[dict]:
        """Return the JSON records of every finding."""
        return [f.to_dict(self.text, self.path) for f in self.findings]


def line_col(text: str, offset: int) -> tuple[int, int]:
    """Return the 1-based line and column of a character offset.

    The line starts of ``text`` are found once (and kept for the last text asked about), so
    placing every finding of a file costs a binary search each, not a count from the start.
    """
    starts = line_starts(text)
    line = bisect.bisect_right(starts, max(offset, 0))
    return line, offset - starts[line - 1] + 1


_LAST_INDEX: tuple[str, list[int]] = ("", [0])


def line_starts(text: str) -> list[int]:
    """The offsets where the lines of ``text`` start (0 first)."""
    global _LAST_INDEX
    last, starts = _LAST_INDEX
    if last is text:
        return starts
    starts = [0]
    at = text.find("\n")
    while at >= 0:
        starts.append(at + 1)
        at = text.find("\n", at + 1)
    _LAST_INDEX = (text, starts)
    return starts


def roll_up(findings: list[Finding]) -> str:
    """Return the statement-level verdict of a text's findings.

    Contradicted if any asserted claim is contradicted; otherwise unknown if any is unknown;
    otherwise supported if there is an asserted claim; otherwise ``no_claim``.
    """
    verdicts = {f.verdict for f in findings if f.claim.asserted}
    for verdict in ("contradicted", "unknown", "supported"):
        if verdict in verdicts:
            return verdict
    return "no_claim"


__all__ = [
    "Claim", "Evidence", "Finding", "FileResult", "VERDICTS", "SEVERITY", "line_col", "roll_up",
]
