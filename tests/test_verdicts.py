"""Challenge set: statement-level verdicts on realistic writing (tests/cases/verdicts.yaml).

Two tests:
- a coverage meta-test (no spaCy): every agency and every function of the shipped table
  appears in ``covers`` of at least one case whose expected verdict is ``supported`` and of
  one whose expected verdict is ``contradicted`` (``unknown`` for a function the table can
  only settle as contested);
- an end-to-end test: each case through the session ``engine`` and ``roll_up``; the result
  must equal ``verdict`` or ``alt``. Cases with an ``xfail`` reason are known tool failures
  (``strict=False``); remove the mark when the tool is fixed.
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
import yaml

from remit.records import roll_up
from remit.rules.loader import load_table

CASES_PATH = Path(__file__).parent / "cases" / "verdicts.yaml"
CASES: list[dict] = yaml.safe_load(CASES_PATH.read_text(encoding="utf-8"))
# Further independent challenge sets (tests/cases/verdicts_*.yaml) run end to end too; the
# coverage meta-test stays on the first file.
EXTRA_CASES: list[dict] = [
    case
    for path in sorted(CASES_PATH.parent.glob("verdicts_*.yaml"))
    for case in yaml.safe_load(path.read_text(encoding="utf-8"))
]
ALL_CASES: list[dict] = CASES + EXTRA_CASES

VERDICTS = {"supported", "contradicted", "unknown", "no_claim"}
CATEGORIES = {
    "plain", "passive", "negation", "modal", "coordination", "relative_clause", "apposition",
    "nominal", "part_of", "exclusivity", "multi_sentence", "hedge", "question", "distractor",
    "typo/noise", "alias", "long",
}

# (id, needed verdict) pairs the table cannot settle, with the reason.
UNCOVERABLE: dict[tuple[str, str], str] = {
    # INS is a former agency: its only facts are `contested` (true of the past only) and it
    # has no parent, so no claim about it can come out `supported`. It is covered with
    # `contradicted` (a function another agency owns) and `unknown` cases instead.
    ("INS", "supported"): "former agency; only contested facts and no parent",
    ("USCS", "supported"): "former agency (U.S. Customs Service); only contested facts and no parent",
    ("cbp_one_appointments", "supported"): "ended 2025-01-20; its only fact is contested",
}


def _table():
    return load_table()


def test_cases_are_well_formed():
    ids = [case["id"] for case in ALL_CASES]
    assert len(ids) == len(set(ids)), [i for i, n in Counter(ids).items() if n > 1]
    table = _table()
    known = set(table.agencies) | set(table.functions)
    for case in ALL_CASES:
        assert set(case) <= {"id", "text", "verdict", "alt", "category", "covers", "note",
                             "xfail"}, case["id"]
        assert case["verdict"] in VERDICTS, case["id"]
        assert case.get("alt") in VERDICTS | {None}, case["id"]
        assert case.get("alt") != case["verdict"], case["id"]
        assert case["category"] in CATEGORIES, case["id"]
        unknown_ids = set(case.get("covers", ())) - known
        assert not unknown_ids, (case["id"], unknown_ids)
    assert {case["category"] for case in CASES} == CATEGORIES


def _needed(table, function_id: str) -> str:
    """The non-supported verdict a function can be covered with."""
    stances = {f.stance for f in table.facts.values() if f.function == function_id}
    return "contradicted" if stances & {"performs", "shares", "does_not_perform"} else "unknown"


def test_coverage_of_every_agency_and_function():
    table = _table()
    covered: dict[str, set[str]] = {}
    for case in CASES:
        for ident in case.get("covers", ()):
            covered.setdefault(ident, set()).add(case["verdict"])
    missing = []
    for agency in table.agencies:
        for verdict in ("supported", "contradicted"):
            if verdict not in covered.get(agency, set()) and (agency, verdict) not in UNCOVERABLE:
                missing.append((agency, verdict))
    for function in table.functions:
        for verdict in ("supported", _needed(table, function)):
            if verdict not in covered.get(function, set()) and (function, verdict) not in UNCOVERABLE:
                missing.append((function, verdict))
    assert not missing, missing
    # An UNCOVERABLE entry must still be needed (keep the list honest).
    for ident, verdict in UNCOVERABLE:
        assert verdict not in covered.get(ident, set()), (ident, verdict)


def _params():
    for case in ALL_CASES:
        marks = ()
        if case.get("xfail"):
            marks = (pytest.mark.xfail(reason=str(case["xfail"]), strict=False),)
        yield pytest.param(case, id=case["id"], marks=marks)


@pytest.mark.parametrize("case", list(_params()))
def test_verdict(engine, case):
    findings = engine.check(case["text"])
    got = roll_up(findings)
    allowed = {case["verdict"], case.get("alt")} - {None}
    claims = [(f.claim.agency, f.claim.key, f.claim.polarity, f.claim.assertion, f.verdict)
              for f in findings]
    assert got in allowed, f"{case['id']}: expected {sorted(allowed)}, got {got}; {claims}"
