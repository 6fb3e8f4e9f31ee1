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
    assert {"paths", "fail-on", "format", "rules", "version"} <= set(action["inputs"])
    steps = action["runs"]["steps"]
    scripts = "\n".join(s.get("run", "") for s in steps)
    assert "--format sarif -o" in scripts and '--format "$FORMAT"' in scripts
    assert '"$GITHUB_ACTION_PATH"' in scripts
    assert "${{" not in scripts, "inputs must reach scripts through env, not be pasted in"
    assert any(s.get("uses", "").startswith("github/codeql-action/upload-sarif@") for s in steps)
