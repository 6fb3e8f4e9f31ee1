"""SARIF output against the official SARIF 2.1.0 schema (vendored: tests never fetch)."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from pathlib import Path

import pytest

from remit.formats import RenderOptions, render
from remit.formats.sarif import artifact_uri
from remit.records import FileResult

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


def _verdict_rules(labels) -> list[str]:
    return [f"{v}/{f}" for f in sorted(labels) for v in ("contradicted", "unknown", "supported")]


def test_rules_kinds_levels_and_regions(results, options):
    run = json.loads(render("sarif", results, options))["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    functions = ["adjudicate_removal", "detention", "green_card", "part_of", "unlisted"]
    assert rule_ids == [*_verdict_rules(functions), "remit-notice"]
    by_rule = {r["ruleId"]: r for r in run["results"]}
    first = by_rule["contradicted/green_card"]
    assert (first["kind"], first["level"]) == ("fail", "error")
    assert rule_ids[first["ruleIndex"]] == "contradicted/green_card"
    region = first["locations"][0]["physicalLocation"]["region"]
    assert (region["startLine"], region["startColumn"], region["endLine"],
            region["endColumn"]) == (2, 1, 2, 23)
    assert region["snippet"]["text"] == "ICE issues green cards"
    assert (by_rule["supported/detention"]["kind"], by_rule["supported/detention"]["level"]) == (
        "pass", "none")
    question = by_rule["unknown/adjudicate_removal"]
    assert (question["kind"], question["level"]) == ("informational", "none"), "never counted"
    assert by_rule["contradicted/part_of"]["message"]["text"].startswith(
        "contradicted: Border Patrol (CBP) → be part of ICE")
    assert run["columnKind"] == "unicodeCodePoints"


def test_rule_list_is_the_same_whatever_the_run_finds(results, options):
    def rules(res):
        return json.loads(render("sarif", res, options))["runs"][0]["tool"]["driver"]["rules"]

    assert rules(results) == rules([]) == rules(results[1:])


def test_every_rule_has_the_help_code_scanning_shows(results):
    opts = RenderOptions(function_labels={"green_card": "issue green cards"},
                         information_uri="https://example.org/remit", tool_version="0.1.0")
    log = json.loads(render("sarif", results, opts))
    _validate(log)
    driver = log["runs"][0]["tool"]["driver"]
    assert driver["semanticVersion"] == "0.1.0"
    assert driver["informationUri"] == "https://example.org/remit"
    for rule in driver["rules"]:
        for key in ("shortDescription", "fullDescription"):
            assert rule[key]["text"], (rule["id"], key)
        assert rule["help"]["text"] and rule["help"]["markdown"], rule["id"]
        assert rule["helpUri"].startswith("https://"), rule["id"]


def test_spec_kind_and_level_rules_hold(results, options):
    # SARIF 2.1.0, 3.27.10: a level other than "none" only on kind "fail".
    for severity in ({}, {"contradicted": "warning"}, {"contradicted": "none"}):
        opts = replace(options, severity={**options.severity, **severity})
        log = json.loads(render("sarif", results, opts))
        _validate(log)
        for res in log["runs"][0]["results"]:
            assert res["kind"] in ("fail", "pass", "open", "informational")
            assert res["level"] == "none" or res["kind"] == "fail", res["ruleId"]
    warned = json.loads(render("sarif", results, replace(
        options, severity={**options.severity, "contradicted": "warning"})))
    first = warned["runs"][0]["results"][0]
    assert (first["kind"], first["level"]) == ("fail", "warning")


def test_uris_are_relative_to_the_base_dir(results, options, tmp_path):
    opts = replace(options, base_dir=str(tmp_path))
    inside = [replace(results[0], path=str(tmp_path / "docs" / "roles.md"))]
    outside = [replace(results[0], path="/elsewhere/x.md")]
    run = json.loads(render("sarif", inside + outside, opts))["runs"][0]
    _validate({"version": "2.1.0", "runs": [run]})
    assert run["originalUriBaseIds"] == {"%SRCROOT%": {"uri": tmp_path.as_uri() + "/"}}
    locs = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert locs[0] == {"uri": "docs/roles.md", "uriBaseId": "%SRCROOT%"}
    assert locs[-1] == {"uri": "file:///elsewhere/x.md"}


def test_primary_location_line_hash_survives_a_line_added_above(results, options):
    from format_samples import TEXT, sample_findings

    def hashes(text):
        res = [FileResult("a.md", text, sample_findings(text))]
        run = json.loads(render("sarif", res, options))["runs"][0]
        return [r["partialFingerprints"]["primaryLocationLineHash"] for r in run["results"]]

    before = hashes(TEXT)
    assert all(re.fullmatch(r"[0-9a-f]{16}:1", h) for h in before)
    assert hashes("A new first line.\n" + TEXT) == before
    assert len(set(before)) == len(before)


def test_function_help_comes_from_the_table():
    from remit.formats import table_labels
    from remit.rules.loader import load_table

    labels = table_labels(load_table())
    infos = {i.id: i for i in labels["functions"]}
    green = infos["green_card"]
    assert green.label and green.description
    assert any(p.startswith("USCIS") for p in green.performers)
    assert green.sources and all(title for title, _ in green.sources)
    log = json.loads(render("sarif", [], RenderOptions(**labels)))
    _validate(log)
    ids = [r["id"] for r in log["runs"][0]["tool"]["driver"]["rules"]]
    assert len(ids) == len(set(ids)) == 3 * (len(infos) + 2) + 1
    rule = next(r for r in log["runs"][0]["tool"]["driver"]["rules"]
                if r["id"] == "contradicted/green_card")
    assert "USCIS" in rule["help"]["markdown"] and "](http" in rule["help"]["markdown"]


def test_suppressed_results_carry_the_reason(results, options):
    run = json.loads(render("sarif", results, options))["runs"][0]
    suppressed = [r for r in run["results"] if "suppressions" in r]
    assert len(suppressed) == 1
    assert suppressed[0]["suppressions"] == [
        {"kind": "inSource", "justification": "quoted from a reader's letter"}]


def test_unknown_is_open_and_supported_can_be_omitted(results):
    from format_samples import TEXT, sample_findings

    asserted_unknown = sample_findings()[2]
    finding = replace(asserted_unknown, claim=replace(asserted_unknown.claim,
                                                      assertion="asserted"))
    res = [FileResult("a.md", TEXT, (sample_findings()[1], finding))]
    for unknown_level in ("note", "warning"):
        opts = RenderOptions(severity={"unknown": unknown_level})
        log = json.loads(render("sarif", res, opts))
        _validate(log)
        assert [(r["ruleId"], r["kind"], r["level"]) for r in log["runs"][0]["results"]] == [
            ("unknown/adjudicate_removal", "open", "none")]


def test_artifact_uris():
    assert artifact_uri("docs/a b.md") == "docs/a%20b.md"
    assert artifact_uri("/srv/docs/x.md") == "file:///srv/docs/x.md"


def test_a_rules_sources_lead_with_those_of_who_performs_the_function():
    # duck-typed table: the help link of 'contradicted/green_card' should point to why USCIS
    # does it, not to a source of a partial fact about another agency that sorts first
    from types import SimpleNamespace as NS

    from remit.formats.rules_catalogue import function_infos

    def fact(agency, stance, source):
        return NS(agency=agency, function="green_card", stance=stance,
                  evidence=[NS(source=source, url=None)])

    table = NS(functions={"green_card": NS(label="issue green cards", description="")},
               facts={"a": fact("IJ", "contested", "a-court"),
                      "b": fact("USCIS", "performs", "z-uscis"),
                      "c": fact("ICE", "does_not_perform", "b-explainer")},
               sources={k: NS(id=k, title=k, url=f"https://example.org/{k}")
                        for k in ("a-court", "z-uscis", "b-explainer")})
    (info,) = function_infos(table, {})
    assert [title for title, _ in info.sources] == ["z-uscis", "a-court", "b-explainer"]
