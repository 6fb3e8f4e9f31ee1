"""Config discovery, precedence and origins, bad-config errors, and `remit config`."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from remit.cli import main
from remit.config import ConfigError, find_config, load_config, resolve

PYPROJECT = """\
[project]
name = "docs"

[tool.remit]
fail-on = "unknown"
rules = ["rules/extra.yaml"]
exclude = ["drafts/**"]

[tool.remit.severity]
unknown = "note"
"""


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "pyproject.toml").write_text(PYPROJECT)
    (tmp_path / "docs" / "guides").mkdir(parents=True)
    return tmp_path


def test_defaults_without_any_config(tmp_path):
    eff = resolve({}, tmp_path)
    assert eff.config_path is None
    assert {k: (s.value, s.origin) for k, s in eff.items()} == {
        "fail_on": ("contradicted", "default"), "rules": ([], "default"),
        "exclude": ([], "default"),
        "severity": ({"contradicted": "error", "unknown": "warning", "supported": "none"},
                     "default"),
        "format": ("text", "default"), "no_fail": (False, "default"),
        "claimreview": ({}, "default"), "information_uri": (None, "default"),
        "max_fact_age": (None, "default"), "max_bytes": (20 * 1024 * 1024, "default"),
        "max_sentence_tokens": (250, "default"), "max_depth": (50, "default"),
    }


def test_the_limits_defaults_are_those_the_readers_apply():
    from remit import config
    from remit.markup.markdown import MAX_MARKDOWN_DEPTH
    from remit.markup.source import DEFAULT_MAX_BYTES
    from remit.runtime.prefilter import MAX_SENTENCE_TOKENS

    assert config.DEFAULTS["max_bytes"] == DEFAULT_MAX_BYTES
    assert config.MAX_SENTENCE_TOKENS == MAX_SENTENCE_TOKENS
    assert config.MAX_MARKDOWN_DEPTH == MAX_MARKDOWN_DEPTH


@pytest.mark.parametrize(("value", "size"), [
    ('"20MB"', 20 * 1024 * 1024), ('"512 KB"', 512 * 1024), ("4096", 4096), ('"1.5mb"', 1572864),
])
def test_max_bytes_takes_a_size_or_bytes(tmp_path, value, size):
    (tmp_path / ".remit.toml").write_text(f"max-bytes = {value}\nmax_depth = 8\n")
    eff = resolve({}, tmp_path)
    assert (eff.max_bytes.value, eff.max_depth.value) == (size, 8)
    assert resolve({"max_bytes": 10}, tmp_path).max_bytes.value == 10


def test_pyproject_found_by_walking_up(project):
    doc = project / "docs" / "guides" / "a.md"
    doc.write_text("x")
    eff = resolve({}, doc)
    origin = f"{project / 'pyproject.toml'}:[tool.remit]"
    assert eff.config_path == project / "pyproject.toml"
    assert (eff.fail_on.value, eff.fail_on.origin) == ("unknown", origin)
    assert eff.severity.value["unknown"] == "note"
    assert eff.severity.value["contradicted"] == "error", "unset verdicts keep their default"
    assert eff.exclude.value == ["drafts/**"]
    assert eff.format.origin == "default"


def test_rules_are_relative_to_the_config_file(project):
    eff = resolve({}, project / "docs" / "guides")
    assert eff.rules.value == [str(project / "rules" / "extra.yaml")]


def test_command_line_overrides_config(project):
    eff = resolve({"fail_on": "never", "rules": ("mine.yaml",), "exclude": (), "format": None,
                   "no_fail": True, "severity": {"supported": "note"}}, project)
    assert (eff.fail_on.value, eff.fail_on.origin) == ("never", "command line")
    assert (eff.rules.value, eff.rules.origin) == (["mine.yaml"], "command line")
    assert eff.exclude.origin.endswith(":[tool.remit]"), "an empty option is not given"
    assert eff.format.origin == "default"
    assert (eff.no_fail.value, eff.no_fail.origin) == (True, "command line")
    assert eff.severity.value == {"contradicted": "error", "unknown": "note",
                                  "supported": "note"}


def test_nearest_config_wins_and_dotfile_beats_pyproject(project):
    inner = project / "docs"
    (inner / ".remit.toml").write_text('format = "sarif"\nno_fail = true\n')
    eff = resolve({}, inner / "guides")
    assert eff.config_path == inner / ".remit.toml"
    assert (eff.format.value, eff.format.origin) == ("sarif", str(inner / ".remit.toml"))
    assert eff.fail_on.origin == "default", "configs are not merged across folders"
    (inner / "pyproject.toml").write_text('[tool.remit]\nformat = "json"\n')
    assert find_config(inner) == inner / ".remit.toml"


def test_pyproject_without_section_is_skipped(project):
    (project / "docs" / "pyproject.toml").write_text('[project]\nname = "other"\n')
    assert find_config(project / "docs" / "guides") == project / "pyproject.toml"


def test_broken_pyproject_that_is_not_ours_is_skipped(project):
    (project / "docs" / "pyproject.toml").write_text("[project\n")
    assert find_config(project / "docs") == project / "pyproject.toml"


@pytest.mark.parametrize(("body", "expected"), [
    ('[tool.remit]\nfail_on = "sometimes"\n',
     "pyproject.toml:2: fail_on: Input should be 'contradicted', 'unknown' or 'never'"),
    ('[tool.remit]\nformat = "json"\ncolour = true\n',
     "pyproject.toml:3: colour: unknown key (known: fail_on, rules, exclude, severity, format,"),
    ('[tool.remit]\n\n[tool.remit.severity]\nunknown = "loud"\n',
     "pyproject.toml:4: severity.unknown: Input should be 'error', 'warning', 'note' or 'none'"),
    ('[tool.remit]\nrules = "one.yaml"\n', "pyproject.toml:2: rules: Input should be a valid list"),
    ('[tool.remit]\nfail-on = "unknown"\nfail_on = "never"\n', "pyproject.toml:3: fail_on: given"),
    ('[tool.remit]\nformat = \n', "pyproject.toml:2: invalid TOML: Invalid value"),
    ('[tool.remit]\nrules = []\nmax_bytes = "20 parsecs"\n',
     "pyproject.toml:3: max_bytes: '20 parsecs': not a size"),
    ('[tool.remit]\nmax_bytes = 0\n', "pyproject.toml:2: max_bytes: 0: must be at least 1 byte"),
    ('[tool.remit]\nmax_bytes = true\n', "pyproject.toml:2: max_bytes: True: not a size"),
    ('[tool.remit]\nmax-sentence-tokens = 0\n',
     "pyproject.toml:2: max-sentence-tokens: Input should be greater than or equal to 1"),
    ('[tool.remit]\nmax_depth = "deep"\n',
     "pyproject.toml:2: max_depth: Input should be a valid integer"),
], ids=["bad-choice", "unknown-key", "nested", "type", "twice", "toml-syntax", "size-unit",
        "size-zero", "size-bool", "tokens-zero", "depth-type"])
def test_bad_config_is_one_line_with_path_line_and_key(tmp_path, body, expected):
    (tmp_path / "pyproject.toml").write_text(body)
    with pytest.raises(ConfigError) as info:
        resolve({}, tmp_path)
    message = str(info.value)
    assert "\n" not in message
    assert message.startswith(str(tmp_path / expected.split(":")[0]))
    assert message.removeprefix(str(tmp_path) + "/").startswith(expected)


def test_edited_config_is_reread(tmp_path):
    cfg = tmp_path / ".remit.toml"
    cfg.write_text('format = "json"\n')
    assert load_config(cfg).values["format"] == "json"
    cfg.write_text('format = "jsonl"\n# longer, so the file differs in size and time\n')
    assert load_config(cfg).values["format"] == "jsonl"


def test_remit_config_text(project, monkeypatch):
    monkeypatch.chdir(project)
    result = CliRunner().invoke(main, ["config", "docs", "--fail-on", "never"])
    assert result.exit_code == 0, result.output
    lines = result.output.splitlines()
    assert lines[0] == "config file: pyproject.toml"
    assert "fail_on              never  (command line)" in lines
    assert "exclude              drafts/**  (pyproject.toml:[tool.remit])" in lines
    assert "format               text  (default)" in lines
    assert "claimreview          (none)  (default)" in lines
    assert "information_uri      (none)  (default)" in lines
    assert "max_fact_age         (none)  (default)" in lines
    assert "max_bytes            20971520  (default)" in lines
    assert "max_sentence_tokens  250  (default)" in lines
    assert "max_depth            50  (default)" in lines


def test_remit_config_json(project):
    result = CliRunner().invoke(main, ["config", str(project), "--format", "json", "--no-fail"])
    assert result.exit_code == 0, result.output
    payload = json.loads(result.output)
    assert payload["config_file"] == str(project / "pyproject.toml")
    assert payload["settings"]["no_fail"] == {"value": True, "origin": "command line"}
    assert payload["settings"]["fail_on"]["value"] == "unknown"


def test_remit_config_bad_file_exits_2(tmp_path):
    (tmp_path / ".remit.toml").write_text('fail_on = "maybe"\n')
    result = CliRunner().invoke(main, ["config", str(tmp_path)])
    assert result.exit_code == 2
    assert result.stderr.startswith("remit: error: ")
    assert ".remit.toml:1: fail_on:" in result.stderr
    assert result.stdout == ""
