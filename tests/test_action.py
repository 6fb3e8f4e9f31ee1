"""The Action's shell steps, run locally on a temporary repository with two commits.

The ``uses:`` steps (setup-python, cache, reviewdog's installer, the SARIF upload) are GitHub's
and are not run; the install step is replaced by a ``remit`` on PATH that runs this checkout.
``${{ … }}`` expressions in a step's ``env`` are filled in as the runner would.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
ACTION = yaml.safe_load((ROOT / "action.yml").read_text())
pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")


def _git(repo: Path, *args: str) -> str:
    return subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True,
                          text=True).stdout.strip()


@pytest.fixture
def repo(tmp_path):
    """A repository whose second commit adds one contradicted line to a checked file.

    Line 3 of that file, contradicted too, is within three lines of the change; another
    tracked page, with a contradicted claim, is not changed.
    """
    repo = tmp_path / "repo"
    (repo / "docs").mkdir(parents=True)
    _git(repo, "init", "-q")
    _git(repo, "config", "user.email", "test@example.org")
    _git(repo, "config", "user.name", "test")
    page = repo / "docs" / "roles.md"
    page.write_text("# Roles\n\nICE issues green cards.\n\nUSCIS decides asylum cases.\n")
    (repo / "docs" / "old.md").write_text("An unchanged page.\n\nCBP issues green cards.\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "first")
    base = _git(repo, "rev-parse", "HEAD")
    page.write_text(page.read_text() + "\nBorder Patrol is part of ICE.\n")
    (repo / "notes.txt").write_text("Not a checked extension: ICE issues visas.\n")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "second")
    return repo, base


def _bin(tmp_path: Path) -> Path:
    """A PATH folder with ``remit`` (this checkout) and a ``reviewdog`` that records its input."""
    folder = tmp_path / "bin"
    folder.mkdir()
    remit = folder / "remit"
    remit.write_text(f'#!/bin/sh\nexec "{sys.executable}" -m remit.cli "$@"\n')
    dog = folder / "reviewdog"
    dog.write_text('#!/bin/sh\nprintf "%s\\n" "$@" > "$RUNNER_TEMP/dog-args"\n'
                   'cat > "$RUNNER_TEMP/dog-input"\n')
    for tool in (remit, dog):
        tool.chmod(0o755)
    return folder


def _expand(value: str, inputs: dict, outputs: dict, base: str) -> str:
    def one(match: re.Match) -> str:
        expr = match.group(1).strip()
        if expr.startswith("inputs."):
            return inputs.get(expr[7:], ACTION["inputs"][expr[7:]].get("default", ""))
        step = re.fullmatch(r"steps\.(\w+)\.outputs\.(\w+)", expr)
        if step:
            return outputs.get(step.group(1), {}).get(step.group(2), "")
        if expr.startswith("github.event"):
            return base
        return ""

    return re.sub(r"\$\{\{(.*?)\}\}", one, str(value))


def run_action(repo: Path, base: str, tmp_path: Path, **inputs) -> tuple[str, dict, Path]:
    """Run the Action's shell steps but the install; return the log, outputs and temp dir."""
    temp = tmp_path / "runner"
    temp.mkdir(exist_ok=True)
    env = {**os.environ, "PATH": f"{_bin(tmp_path)}{os.pathsep}{os.environ['PATH']}",
           "PYTHONPATH": str(ROOT), "RUNNER_TEMP": str(temp), "GITHUB_WORKSPACE": str(repo),
           "GITHUB_ACTION_PATH": str(ROOT), "NO_COLOR": "1"}
    outputs: dict[str, dict[str, str]] = {}
    log = []
    for step in ACTION["runs"]["steps"]:
        if "run" not in step or step.get("name") == "Install remit":
            continue
        if step.get("id") == "run" and outputs["files"]["count"] == "0":
            continue
        out_file = temp / f"out-{step.get('id', 'x')}"
        out_file.write_text("")
        step_env = {k: _expand(v, inputs, outputs, base) for k, v in step.get("env", {}).items()}
        done = subprocess.run(["bash", "-e", "-c", step["run"]], cwd=repo, text=True,
                              capture_output=True,
                              env={**env, **step_env, "GITHUB_OUTPUT": str(out_file)})
        log.append(done.stdout + done.stderr)
        outputs[step.get("id", "x")] = dict(
            line.split("=", 1) for line in out_file.read_text().splitlines() if "=" in line)
        outputs[step.get("id", "x")]["exit"] = str(done.returncode)
    return "".join(log), outputs, temp


@pytest.mark.model
def test_annotations_report_only_the_changed_line(repo, tmp_path):
    repo, base = repo
    log, outputs, _ = run_action(repo, base, tmp_path)
    assert outputs["files"]["count"] == "1"
    annotations = [x for x in log.splitlines() if x.startswith("::")]
    assert len(annotations) == 1, log
    assert annotations[0].startswith("::error file=docs/roles.md,line=7,"), log
    assert outputs["run"]["exit"] == "1", "a contradicted claim on a changed line fails"
    assert "sarif" not in outputs["run"], "no SARIF unless asked"


@pytest.mark.model
def test_reviewdog_reporter_gets_rdjson_and_the_inputs(repo, tmp_path):
    repo, base = repo
    log, outputs, temp = run_action(repo, base, tmp_path, reporter="github-pr-review",
                                    filter_mode="diff_context", flags="--show all",
                                    **{"upload-sarif": "true"})
    assert outputs["run"]["exit"] == "0", log
    args = (temp / "dog-args").read_text().split()
    assert {"-f=rdjson", "-reporter=github-pr-review", "-filter-mode=diff_context",
            "-fail-level=error"} <= set(args)
    diagnostics = json.loads((temp / "dog-input").read_text())["diagnostics"]
    # reviewdog filters to the diff itself, so it gets every claim of the changed file.
    assert {d["location"]["range"]["start"]["line"] for d in diagnostics} == {3, 7}
    sarif = json.loads(Path(outputs["run"]["sarif"]).read_text())
    assert sarif["runs"][0]["results"], "--sarif-file wrote the same run"


def _annotated(log: str) -> list[tuple[str, str]]:
    return re.findall(r"^::\w+ file=([^,]+),line=(\d+),", log, re.M)


@pytest.mark.model
def test_annotations_diff_context_adds_the_lines_around_a_change(repo, tmp_path):
    repo, base = repo
    log, outputs, _ = run_action(repo, base, tmp_path, filter_mode="diff_context")
    assert _annotated(log) == [("docs/roles.md", "3"), ("docs/roles.md", "7")], log


@pytest.mark.model
def test_annotations_nofilter_checks_every_tracked_page(repo, tmp_path):
    repo, base = repo
    log, outputs, _ = run_action(repo, base, tmp_path, filter_mode="nofilter")
    assert outputs["files"]["count"] == "2", "nofilter checks every tracked page"
    assert _annotated(log) == [("docs/old.md", "3"), ("docs/roles.md", "3"),
                               ("docs/roles.md", "7")], log


def test_an_unknown_filter_mode_fails_the_step(repo, tmp_path):
    repo, base = repo
    log, outputs, _ = run_action(repo, base, tmp_path, filter_mode="changed")
    assert outputs["run"]["exit"] == "2"
    assert "::error::filter_mode must be added, diff_context, file or nofilter" in log
