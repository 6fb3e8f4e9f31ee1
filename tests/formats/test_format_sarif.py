"""SARIF output against the official SARIF 2.1.0 schema (vendored: tests never fetch)."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest

from remit.formats import RenderOptions, render
from remit.formats.sarif import artifact_uri

jsonschema = pytest.importorskip("jsonschema", reason="install the test extra: pip install .[test]")

SCHEMA = json.loads((Path(__file__).parent / "data" / "sarif-schema-2.1.0.json").read_text())


def _validate(log: dict) -> None:
    jsonschema.Draft4Validator(SCHEMA).validate(log)


def test_sarif_is_valid_against_the_schema(results, options):
    _validate(json.loads(render("sarif", results, options)))


def test_schema_catches_a_broken_log(results, options):
    # Guards the guard: the validator must reject what the schema forbids.
    log = json.loads(render("sarif", results, options))
    log["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(jsonschema.ValidationError):
        _validate(log)


def test_rules_levels_and_regions(results, options):
    run = json.loads(render("sarif", results, options))["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert rule_ids == ["green_card", "detention", "adjudicate_removal", "part_of:ICE",
                        "remit-notice"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    first = by_rule["green_card"]
    assert first["level"] == "error"
    assert rule_ids[first["ruleIndex"]] == "green_card"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"],
            region["endColumn"]) == (2, 1, 2, 23)
    assert region["snippet"]["text"] == "ICE issues green cards"
    assert by_rule["detention"]["level"] == "none"
    assert by_rule["adjudicate_removal"]["level"] == "none", "questions never count"
    assert run["columnKind"] == "unicodeCodePoints"


def test_suppressed_results_carry_the_reason(results, options):
    run = json.loads(render("sarif", results, options))["runs"][0]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [
        {"kind": "inSource", "justification": "quoted from a reader's letter"}]


def test_unknown_level_is_configurable_and_supported_can_be_omitted(results):
    from format_samples import TEXT, sample_findings

    from remit.records import FileResult

    asserted_unknown = sample_findings()[2]
    finding = replace(asserted_unknown, claim=replace(asserted_unknown.claim,
                                                      assertion="asserted"))
    res = [FileResult("a.md", TEXT, (sample_findings()[1], finding))]
    for unknown_level in ("note", "warning"):
        opts = RenderOptions(severity={"unknown": unknown_level}, include_supported=False)
        log = json.loads(render("sarif", res, opts))
        _validate(log)
        assert [(r["ruleId"], r["level"]) for r in log["runs"][0]["results"]] == [
            ("adjudicate_removal", unknown_level)]


def test_artifact_uris():
    assert artifact_uri("docs/a b.md") == "docs/a%20b.md"
    assert artifact_uri("/srv/docs/x.md") == "file:///srv/docs/x.md"
