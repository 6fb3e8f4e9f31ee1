"""The shipped integration files parse and say what docs/ci.md promises."""

from __future__ import annotations

from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]


def test_pre_commit_hook():
    hooks = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())
    (hook,) = hooks
    assert hook["id"] == "remit"
    assert hook["entry"] == "remit check"
    assert hook["language"] == "python"
    assert hook["types_or"] == ["markdown", "html"]


def test_action_inputs_and_steps():
    action = yaml.safe_load((ROOT / "action.yml").read_text())
    assert action["runs"]["using"] == "composite"
    inputs = action["inputs"]
    assert {"paths", "fail-on", "rules", "version", "reporter", "filter_mode", "flags",
            "config", "upload-sarif"} <= set(inputs)
    assert inputs["reporter"]["default"] == "annotations"
    assert inputs["filter_mode"]["default"] == "added"
    assert inputs["upload-sarif"]["default"] == "false", "SARIF upload fails on forks"
    steps = action["runs"]["steps"]
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert '"$GITHUB_ACTION_PATH"' in scripts
    assert "${{" not in scripts, "inputs must reach scripts through env, not be pasted in"
    assert "--format github" in scripts and "--format rdjson" in scripts
    assert "--sarif-file" in scripts and "--format sarif" not in scripts, "one model load"
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps)
    assert any(s.get("uses", "").startswith("actions/cache@") for s in steps), "pip cache"


def test_action_pins_actions_to_commit_shas():
    import re

    uses = [s["uses"] for s in yaml.safe_load((ROOT / "action.yml").read_text())["runs"]["steps"]
            if "uses" in s]
    assert uses
    for use in uses:
        assert re.fullmatch(r"[\w./-]+@[0-9a-f]{40}", use), use


def test_the_sarif_in_docs_ci_md_is_what_remit_writes_for_the_example_draft(run, monkeypatch):
    import json
    import re

    text = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    shown = json.loads(re.search(r"```json\n(.*?)```", text, re.S).group(1))["runs"][0]
    monkeypatch.chdir(ROOT)
    live = json.loads(run("check", "--format", "sarif", "examples/draft.md").output)["runs"][0]
    driver, live_driver = shown["tool"]["driver"], live["tool"]["driver"]
    assert set(driver) - {"rules"} == set(live_driver) - {"rules"}, "no informationUri"
    rule = driver["rules"][0]
    (live_rule,) = [r for r in live_driver["rules"] if r["id"] == rule["id"]]
    for key in ("name", "shortDescription", "fullDescription", "helpUri",
                "defaultConfiguration"):
        assert rule[key] == live_rule[key], key
    assert f"{len(live_driver['rules'])} rules" in text
    result, live_result = shown["results"][0], live["results"][0]
    for key in ("ruleId", "kind", "level", "locations", "partialFingerprints"):
        assert result[key] == live_result[key], key
