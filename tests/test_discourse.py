"""Reference across sentences (``cases/discourse.yaml``, ``cases/reference_*.yaml``): 'it',
'they', 'its', 'the agency', 'this office', 'officers', 'both' two or more sentences after the
agency was named, a heading's agency in the prose under it, and the traps where the reach ends,
two agencies compete or the pronoun is a person.

A case passes when every ``expect`` claim (agency, function, verdict) is found asserted, no
asserted claim matches an ``absent`` entry, and no contradicted verdict is unexpected.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

_FOLDER = Path(__file__).parent / "cases"
CASES = [case for path in [_FOLDER / "discourse.yaml", *sorted(_FOLDER.glob("reference_*.yaml"))]
         for case in yaml.safe_load(path.read_text("utf-8"))]


def _matches(finding, entry: dict) -> bool:
    claim = finding.claim
    return all(value == {"agency": claim.agency, "function": claim.function,
                         "verdict": finding.verdict}[key] for key, value in entry.items())


@pytest.mark.parametrize("case", [
    pytest.param(c, id=c["id"], marks=[pytest.mark.xfail(reason=c["xfail"], strict=False)]
                 if c.get("xfail") else []) for c in CASES])
def test_discourse(engine, case):
    found = [f for f in engine.check(case["text"]) if f.claim.asserted]
    got = sorted(((f.claim.agency, f.claim.function, f.verdict) for f in found), key=str)
    for entry in case.get("expect") or []:
        assert any(_matches(f, entry) for f in found), (entry, got)
    for entry in case.get("absent") or []:
        assert not any(_matches(f, entry) for f in found), (entry, got)
    expected = {(e["agency"], e["function"]) for e in case.get("expect") or []
                if e["verdict"] == "contradicted"}
    alarms = {(f.claim.agency, f.claim.function) for f in found if f.verdict == "contradicted"}
    assert alarms <= expected, got
