"""`remit check` options for CI: SARIF base folder, and the rest of issue 13 as it lands."""

from __future__ import annotations

import json

from remit.git import base_dir, git_root


def test_git_root_and_base_dir(tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    deep = tmp_path / "docs" / "a"
    deep.mkdir(parents=True)
    assert git_root(deep) == tmp_path.resolve()
    assert base_dir(None, deep) == str(tmp_path.resolve())
    assert base_dir(str(deep), tmp_path) == str(deep.resolve())
    outside = tmp_path.parent / (tmp_path.name + "-nogit")
    outside.mkdir()
    monkeypatch.chdir(outside)
    if git_root(outside) is None:
        assert base_dir(None, outside) == str(outside.resolve())


def test_sarif_paths_are_relative_to_the_git_root(run, tmp_path, monkeypatch):
    (tmp_path / ".git").mkdir()
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / "a.md").write_text("ICE issues green cards.\n")
    monkeypatch.chdir(tmp_path / "docs")
    result = run("check", "--format", "sarif", "a.md")
    run_ = json.loads(result.output)["runs"][0]
    assert run_["originalUriBaseIds"]["%SRCROOT%"]["uri"] == tmp_path.resolve().as_uri() + "/"
    loc = run_["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]
    assert loc == {"uri": "docs/a.md", "uriBaseId": "%SRCROOT%"}
    driver = run_["tool"]["driver"]
    # remit has no public home page: no informationUri rather than a made-up one.
    assert driver["semanticVersion"] and "informationUri" not in driver
    assert all(not r.get("helpUri", "https://").startswith("https://github.com/")
               for r in driver["rules"])
    other = run("check", "--format", "sarif", "--base-dir", str(tmp_path / "docs"), "a.md")
    loc = json.loads(other.output)["runs"][0]["results"][0]["locations"][0]
    assert loc["physicalLocation"]["artifactLocation"]["uri"] == "a.md"


def test_homepage_matches_pyproject():
    import tomllib
    from pathlib import Path

    from remit import HOMEPAGE

    root = Path(__file__).parents[1]
    meta = tomllib.loads((root / "pyproject.toml").read_text())
    assert meta["project"].get("urls", {}).get("Homepage") == HOMEPAGE
    # No placeholder address that pretends to exist, in what ships or what users copy.
    shipped = [root / "README.md", root / "action.yml", root / "pyproject.toml",
               *(root / "docs").glob("*.md"), *(root / "remit").rglob("*.py")]
    for path in shipped:
        assert "github.com/OWNER" not in path.read_text(encoding="utf-8"), path
        assert "OWNER/remit" not in path.read_text(encoding="utf-8"), path


def test_information_uri_from_the_configuration(run, tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("ICE issues green cards.\n")
    (tmp_path / ".remit.toml").write_text('information_uri = "https://docs.example.org/remit"\n')
    monkeypatch.chdir(tmp_path)
    driver = json.loads(run("check", "--format", "sarif", "a.md").output)["runs"][0]["tool"][
        "driver"]
    assert driver["informationUri"] == "https://docs.example.org/remit"
    notice = next(r for r in driver["rules"] if r["id"] == "remit-notice")
    assert notice["helpUri"] == "https://docs.example.org/remit"
    (tmp_path / ".remit.toml").write_text('information_uri = "javascript:alert(1)"\n')
    bad = run("check", "--format", "sarif", "a.md")
    assert bad.exit_code == 2 and ".remit.toml:1: information_uri:" in bad.output


def test_show_threshold_on_the_command_line(run):
    text = "ICE issues green cards. ERO detains noncitizens. Does CBP run immigration courts?"
    default = run("check", "-", input=text).output
    assert "contradicted  ICE" in default and "ERO" not in default and "CBP" not in default
    assert default.splitlines()[-1].startswith("1 contradicted, 1 supported")
    everything = run("check", "-", "--show", "all", input=text).output
    assert "ERO (ICE) →" in everything and "not counted" in everything
    line = run("check", "-", "--format", "line", "--show", "contradicted", input=text).output
    assert line.count("\n") == 1
    assert len(json.loads(run("check", "-", "--format", "json", input=text).output)[0]
               ["claims"]) >= 2


def test_readme_example_output_is_true(run):
    # The README's first console example: its output lines, an elided tail ("…") aside.
    import re
    from pathlib import Path

    readme = (Path(__file__).parents[1] / "README.md").read_text()
    block = re.search(r"```console\n\$ echo \"(.*?)\" \| remit check -\n(.*?)\$ echo \$\?\n(\d)",
                      readme, re.S)
    text, shown, code = block.groups()
    result = run("check", "-", input=text)
    assert result.exit_code == int(code)
    got = result.output.splitlines()
    want = shown.splitlines()
    assert len(got) == len(want), result.output
    for g, w in zip(got, want, strict=True):
        for part in w.split("…"):
            assert part.strip() in g, (w, g)


def test_stdin_filename_gives_format_config_and_name(run, tmp_path, monkeypatch):
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs" / ".remit.toml").write_text('format = "line"\n')
    monkeypatch.chdir(tmp_path)
    page = "<nav>ICE issues green cards.</nav><p>Border Patrol is part of ICE.</p>"
    result = run("check", "--stdin-filename", "docs/page.html", input=page)
    lines = result.output.splitlines()
    assert len(lines) == 1, result.output  # the <nav> is not prose, the format is `line`
    assert lines[0].startswith("docs/page.html:1:38:error:USBP.part_of.ICE:")
    plain = run("check", "-", input=page)
    assert "<nav>" not in plain.output and "-:1:6: contradicted" in plain.output


class _Stream:
    def __init__(self, tty):
        self.tty = tty

    def isatty(self):
        return self.tty


def test_colour_only_on_a_terminal_and_never_under_no_color():
    from remit.commands.check import wants_color

    assert wants_color(None, _Stream(True), {})
    assert not wants_color(None, _Stream(False), {}), "piped"
    assert not wants_color(None, _Stream(True), {"NO_COLOR": "1"})
    assert wants_color(None, _Stream(True), {"NO_COLOR": ""}), "an empty NO_COLOR is unset"
    assert not wants_color("out.txt", _Stream(True), {})


def test_colour_reaches_a_terminal(run, monkeypatch):
    import remit.commands.check as check_module

    monkeypatch.setattr(check_module, "wants_color", lambda output: True)
    from click.testing import CliRunner

    import remit.engine  # noqa: F401  (the run fixture has patched the model in)
    from remit.cli import main

    result = CliRunner().invoke(main, ["check", "-"], input="ICE issues green cards.",
                                color=True)
    assert "\x1b[31m" in result.output
    assert "\x1b[" not in run("check", "-", input="ICE issues green cards.").output


def test_parse_diff_new_side_lines():
    from remit.git import parse_diff

    diff = ("diff --git a/a.md b/a.md\n--- a/a.md\n+++ b/a.md\n@@ -3 +3,2 @@\n-x\n+y\n+z\n"
            "@@ -9,2 +10,0 @@\n-gone\n-gone\n@@ -20 +20 @@\n-a\n+b\n"
            "diff --git a/old.md b/old.md\n--- a/old.md\n+++ /dev/null\n@@ -1 +0,0 @@\n-x\n")
    assert parse_diff(diff) == {"a.md": {3, 4, 20}}


def test_only_changed_keeps_claims_and_notices_on_changed_lines(tmp_path):
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent / "formats"))
    from format_samples import TEXT, sample_findings

    from remit.git import only_changed
    from remit.records import FileResult

    path = str(tmp_path / "docs" / "a.md")
    res = [FileResult(path, TEXT, sample_findings(), notices=("5:1: unused", "2: odd")),
           FileResult(str(tmp_path / "new.md"), TEXT, sample_findings())]
    kept = only_changed(res, {"docs/a.md": {2}, "new.md": None}, str(tmp_path))
    assert [f.claim.agency for f in kept[0].findings] == ["ICE", "ERO"]
    assert kept[0].notices == ("2: odd",)
    assert kept[1] == res[1], "a file git does not track is new: every line changed"
    assert only_changed(res, {}, str(tmp_path))[0].findings == ()


def _repo(tmp_path):
    import subprocess

    def git(*args):
        subprocess.run(["git", "-C", str(tmp_path), *args], check=True, capture_output=True)

    git("init", "-q")
    git("config", "user.email", "t@example.org")
    git("config", "user.name", "t")
    (tmp_path / "a.md").write_text("ICE issues green cards.\n")
    git("add", "a.md")
    git("commit", "-qm", "one")
    (tmp_path / "a.md").write_text("ICE issues green cards.\n\nBorder Patrol is part of ICE.\n")
    return git


def test_diff_reports_only_changed_lines(run, tmp_path, monkeypatch):
    _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    result = run("check", "--diff", "HEAD", "--format", "line", "a.md")
    assert result.output.startswith("a.md:3:1:error:USBP.part_of.ICE:"), result.output
    assert result.output.count("\n") == 1
    assert run("check", "--diff", "HEAD", "a.md").output.splitlines()[-1].startswith(
        "1 contradicted, 0 supported")
    bad = run("check", "--diff", "no-such-ref", "a.md")
    assert bad.exit_code == 2 and "unknown git ref 'no-such-ref'" in bad.output


def test_diff_context_adds_lines_around_each_change(run, tmp_path, monkeypatch):
    _repo(tmp_path)
    monkeypatch.chdir(tmp_path)
    # Lines 2 and 3 were added; line 1 is next to them (without context: line 3 only).
    lines = run("check", "--diff", "HEAD", "--diff-context", "1", "--format", "line",
                "a.md").output.splitlines()
    assert [x.split(":")[1] for x in lines] == ["1", "3"], lines
    alone = run("check", "--diff-context", "3", "a.md")
    assert alone.exit_code == 2 and "--diff-context needs --diff REF" in alone.output


def test_diff_outside_a_repository_is_a_usage_error(run, tmp_path, monkeypatch):
    from remit.git import git_root

    (tmp_path / "a.md").write_text("ICE issues green cards.\n")
    monkeypatch.chdir(tmp_path)
    if git_root(tmp_path) is None:
        result = run("check", "--diff", "HEAD", "a.md")
        assert result.exit_code == 2 and "not inside a git repository" in result.output


def test_config_option_and_sarif_file(run, tmp_path, monkeypatch):
    (tmp_path / "a.md").write_text("ICE issues green cards.\n")
    (tmp_path / "ci.toml").write_text('format = "line"\nno_fail = true\n')
    monkeypatch.chdir(tmp_path)
    result = run("check", "--config", "ci.toml", "--sarif-file", "out.sarif", "a.md")
    assert result.exit_code == 0 and result.output.startswith("a.md:1:1:error:"), result.output
    sarif = json.loads((tmp_path / "out.sarif").read_text())
    assert sarif["runs"][0]["results"][0]["ruleId"] == "contradicted/green_card"
    missing = run("check", "--config", "nope.toml", "a.md")
    assert missing.exit_code == 2 and "nope.toml" in missing.output


def test_claimreview_settings_from_config_and_command_line(run, tmp_path, monkeypatch):
    import datetime

    (tmp_path / ".git").mkdir()
    (tmp_path / "posts").mkdir()
    (tmp_path / "posts" / "a.md").write_text("ICE issues green cards.\n")
    (tmp_path / ".remit.toml").write_text(
        '[claimreview]\nauthor = "Desk"\npublisher = "Paper"\n'
        'url_base = "https://example.org/"\n')
    monkeypatch.chdir(tmp_path)
    review = json.loads(run("check", "-f", "claimreview", "posts/a.md").output)[0]
    assert review["url"] == "https://example.org/posts/a.md"
    assert (review["author"]["name"], review["publisher"]["name"]) == ("Desk", "Paper")
    assert review["datePublished"] == datetime.date.today().isoformat()
    other = json.loads(run("check", "-f", "claimreview", "--url-base", "https://x.example/b",
                           "posts/a.md").output)[0]
    assert other["url"] == "https://x.example/b/posts/a.md" and other["author"]["name"] == "Desk"
    (tmp_path / ".remit.toml").write_text('[claimreview]\ndate_published = "yesterday"\n')
    bad = run("check", "-f", "claimreview", "posts/a.md")
    assert bad.exit_code == 2 and "claimreview.date_published" in bad.output
