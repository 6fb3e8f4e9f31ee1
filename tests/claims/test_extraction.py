"""Extraction cases from tests/cases/claims.yaml, run through the real English model."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from remit.claims.text import prepare_text

CASES = yaml.safe_load((Path(__file__).parents[1] / "cases" / "claims.yaml").read_text("utf-8"))


def _describe(claim) -> set[str]:
    """All the spellings a case may use for one claim."""
    base = f"{claim.agency} {claim.key} {claim.polarity}"
    out = {base, f"{base} {claim.assertion}"}
    if claim.exclusive:
        out |= {f"{base} only", f"{base} {claim.assertion} only"}
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_extraction(case, engine):
    doc = engine.nlp(prepare_text(case["text"]))
    claims = doc._.remit_claims
    found = set().union(*(_describe(c) for c in claims)) if claims else set()
    if case.get("none"):
        assert claims == [], found
    for expected in case.get("claims", []):
        assert expected in found, f"missing {expected!r}; found {sorted(found)}"
    for unexpected in case.get("absent", []):
        assert unexpected not in found, f"unexpected {unexpected!r}"


def test_component_registered_by_entry_point():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("remit_claims")
    assert "remit_claims" in nlp.pipe_names


def test_results_are_plain_data(engine):
    import pickle

    doc = engine.nlp("ICE issues green cards.")
    claims = pickle.loads(pickle.dumps(doc._.remit_claims))
    assert [(c.agency, c.function) for c in claims] == [("ICE", "green_card")]
    assert [s.text for s in doc.spans["remit_claims"]] == ["ICE"]
