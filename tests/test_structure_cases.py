"""Text structure and reference in whole documents (``cases/structure_*.yaml``): headings,
leads, label lines, tables, glued cells, infobox rows and Q/A lines in Markdown, HTML and plain
text; 'it', 'they', 'the office', 'the bureau', 'the department which', the page's topic; and
the traps (a heading of two agencies, a question heading, a lead of what an agency does not do,
another agency named in between, a pronoun that is a person).

A case passes when every ``expect`` claim is found asserted, no asserted claim matches an
``absent`` entry, and no contradicted verdict is unexpected.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from remit.markup import check_document

# every structure_*.yaml: structure_h (structure and reference), structure_i (sentence units,
# table rows, time; its text-level rules are unit-tested in test_structure_tables.py)
CASES = [case for path in sorted((Path(__file__).parent / "cases").glob("structure_*.yaml"))
         for case in yaml.safe_load(path.read_text("utf-8"))]


def _matches(finding, entry: dict) -> bool:
    claim = finding.claim
    value = {"agency": claim.agency, "function": claim.function, "verdict": finding.verdict}
    return all(value[key] == wanted for key, wanted in entry.items())


def _found(engine, case: dict) -> list:
    result = check_document(engine, "case", case["text"], case["format"])
    return [f for f in result.findings if f.claim.asserted and not f.suppressed]


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(reason=c["xfail"], strict=False)]
                 if c.get("xfail") else []) for c in CASES])
def test_structure_case(engine, case):
    found = _found(engine, case)
    got = sorted(((f.claim.agency, f.claim.function, f.verdict) for f in found), key=str)
    for entry in case.get("expect") or []:
        assert any(_matches(f, entry) for f in found), (entry, got)
    for entry in case.get("absent") or []:
        assert not any(_matches(f, entry) for f in found), (entry, got)
    expected = {(e.get("agency"), e.get("function")) for e in case.get("expect") or []
                if e.get("verdict") == "contradicted"}
    alarms = {(f.claim.agency, f.claim.function) for f in found if f.verdict == "contradicted"}
    assert alarms <= expected, got


def test_every_format_is_covered():
    formats = {c["format"] for c in CASES}
    assert formats == {"markdown", "html", "text"}
    assert all(sum(c["format"] == f for c in CASES) >= 4 for f in formats)
