"""The command line: exit codes, stdin, errors, and that light commands never load spaCy."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from click.testing import CliRunner

from remit.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK, main


def test_contradiction_exits_1(run):
    result = run("check", "-", input="ICE issues green cards.")
    assert result.exit_code == EXIT_FINDINGS, result.output
    assert "-:1:1: contradicted" in result.output
    assert "USCIS" in result.output


def test_supported_only_exits_0(run):
    result = run("check", "-", input="USCIS issues green cards.")
    assert result.exit_code == EXIT_OK, result.output
    assert "supported" in result.output


@pytest.mark.parametrize("fail_on, code", [("never", EXIT_OK), ("unknown", EXIT_FINDINGS),
                                            ("contradicted", EXIT_OK)])
def test_fail_on(run, fail_on, code):
    result = run("check", "-", "--fail-on", fail_on,
                 input="The State Department delivers mail to military bases overseas.")
    assert result.exit_code == code, result.output


def test_no_fail(run):
    assert run("check", "-", "--no-fail", input="ICE issues green cards.").exit_code == EXIT_OK


def test_reported_speech_never_fails(run):
    result = run("check", "-", input="Some people say ICE issues green cards.")
    assert result.exit_code == EXIT_OK, result.output


def test_json_record_keys(run):
    result = run("check", "-", "--format", "json", input="ICE issues green cards.")
    [doc] = json.loads(result.output)
    [record] = doc["claims"]
    for key in ("path", "line", "column", "start", "end", "sentence", "agency", "function",
                "polarity", "asserted", "verdict", "correction", "evidence", "message"):
        assert key in record
    assert (record["agency"], record["function"], record["correction"]) == (
        "ICE", "green_card", "USCIS")
    assert record["evidence"][0]["quote"]


def test_jsonl_one_claim_per_line(run):
    result = run("check", "-", "--format", "jsonl",
                 input="ICE issues green cards. ERO detains noncitizens.")
    lines = result.output.strip().splitlines()
    assert [json.loads(line)["column"] for line in lines] == [1, 25]


def test_jsonl_without_claims_prints_nothing(run):
    # a blank line is no JSON Lines record: a reader that parses every line would fail on it
    result = run("check", "-", "--format", "jsonl", input="The weather was fine today.")
    assert result.exit_code == EXIT_OK
    assert result.output == ""


def test_missing_file_exits_2(run, tmp_path):
    result = run("check", str(tmp_path / "nope.md"))
    assert result.exit_code == EXIT_ERROR
    assert "nope.md" in result.output


def test_binary_file_exits_2(run, tmp_path):
    path = tmp_path / "blob.txt"
    path.write_bytes(b"ICE\x00\xff\xfe")
    result = run("check", str(path))
    assert result.exit_code == EXIT_ERROR
    assert "blob.txt" in result.output


def test_broken_rules_exit_2_naming_file_and_line(run, tmp_path):
    bad = tmp_path / "extra.yaml"
    bad.write_text("facts:\n  - id: x\n    agency: ICEE\n", encoding="utf-8")
    result = run("check", "-", "--rules", str(bad), input="ICE issues green cards.")
    assert result.exit_code == EXIT_ERROR
    assert "extra.yaml:2" in result.output


def test_user_rules_override_shipped_fact(run, tmp_path):
    override = tmp_path / "override.yaml"
    override.write_text(
        "facts:\n"
        "  - id: ice-not-green-cards\n    agency: ICE\n    function: green_card\n"
        "    stance: contested\n    as_of: 2026-01-01\n    note: local policy\n"
        "    evidence: [{source: uscis-benefits, quote: test}]\n", encoding="utf-8")
    result = run("check", "-", "--rules", str(override), "--format", "jsonl",
                 input="ICE issues green cards.")
    assert json.loads(result.output)["verdict"] == "unknown"


def test_rules_validate_reports_every_error(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("agencies:\n  - id: X1\n    name: X\n    kind: agency\n    parent: NOPE\n"
                   "facts:\n  - id: f\n    agency: X1\n    function: nope\n    stance: maybe\n",
                   encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "validate", str(bad)])
    assert result.exit_code == EXIT_ERROR
    assert "bad.yaml:2: agency 'X1': unknown parent 'NOPE'" in result.output
    assert "bad.yaml:7: fact 'f'" in result.output


def test_rules_validate_shipped_table_is_clean():
    result = CliRunner().invoke(main, ["rules", "validate"])
    assert result.exit_code == EXIT_OK, result.output


@pytest.mark.parametrize("args", [["--help"], ["rules", "validate"]])
def test_light_commands_do_not_import_spacy(args):
    code = ("import sys\nfrom remit.cli import main\n"
            f"try:\n    main({args!r})\nexcept SystemExit:\n    pass\n"
            "print('spacy' in sys.modules)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip().splitlines()[-1] == "False"


def test_empty_stdin_exits_2(run):
    result = run("check", "-", input="  \n")
    assert result.exit_code == EXIT_ERROR
    assert "empty input" in result.output


@pytest.mark.parametrize("content", [b"", b"  \n\t\n", b"\xef\xbb\xbf\n"],
                         ids=["empty", "whitespace", "bom-only"])
def test_empty_file_exits_2_naming_it(run, tmp_path, content):
    path = tmp_path / "empty.md"
    path.write_bytes(content)
    result = run("check", str(path))
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == f"remit: error: {path}: empty input: nothing in the file to check\n"
    assert result.stdout == ""


@pytest.mark.parametrize("extra", [[], ["--no-fail"]], ids=["default", "no-fail"])
def test_bad_files_in_a_folder_are_reported_and_the_rest_checked(run, tmp_path, extra):
    (tmp_path / "a.md").write_text("ICE issues green cards.\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("\n   \n", encoding="utf-8")
    (tmp_path / "c.txt").write_bytes(b"ICE\x00\xff")
    (tmp_path / "d.md").write_text("USCIS issues green cards.\n", encoding="utf-8")
    result = run("check", str(tmp_path), "--format", "jsonl", *extra)
    assert result.exit_code == EXIT_ERROR
    assert result.stderr.splitlines() == [
        f"remit: error: {tmp_path / 'b.md'}: empty input: nothing in the file to check",
        f"remit: error: {tmp_path / 'c.txt'}: binary input (NUL byte at byte 3, line 1, column 4)",
    ]
    claims = [json.loads(line) for line in result.stdout.splitlines()]
    assert [(c["path"], c["verdict"]) for c in claims] == [
        (str(tmp_path / "a.md"), "contradicted"), (str(tmp_path / "d.md"), "supported")]


def test_empty_stdin_beside_a_file_does_not_stop_the_file(run, tmp_path):
    (tmp_path / "a.md").write_text("USCIS issues green cards.\n", encoding="utf-8")
    result = run("check", "-", str(tmp_path / "a.md"), "--format", "jsonl", input="")
    assert result.exit_code == EXIT_ERROR
    assert result.stderr == "remit: error: -: empty input: nothing on standard input to check\n"
    assert json.loads(result.stdout)["verdict"] == "supported"


def test_folder_without_documents_exits_2(run, tmp_path):
    (tmp_path / "data.bin").write_bytes(b"\x00")
    result = run("check", str(tmp_path))
    assert result.exit_code == EXIT_ERROR
    assert "no Markdown, HTML or text files" in result.output


def test_report_to_missing_folder_exits_2(run, tmp_path):
    result = run("check", "-", "-o", str(tmp_path / "nope" / "out.json"), input="ICE issues green cards.")
    assert result.exit_code == EXIT_ERROR
    assert "cannot write the report" in result.output


def test_config_does_not_depend_on_argument_order(run, tmp_path):
    (tmp_path / "p1").mkdir()
    (tmp_path / "p2").mkdir()
    (tmp_path / "p1" / ".remit.toml").write_text('fail_on = "never"\n', encoding="utf-8")
    for folder in ("p1", "p2"):
        (tmp_path / folder / "a.md").write_text("ICE issues green cards.\n", encoding="utf-8")
    one = run("check", str(tmp_path / "p1" / "a.md"), str(tmp_path / "p2" / "a.md"))
    two = run("check", str(tmp_path / "p2" / "a.md"), str(tmp_path / "p1" / "a.md"))
    assert one.exit_code == two.exit_code


def test_component_without_parser_says_so():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("remit_claims")
    with pytest.raises(ValueError, match="needs a dependency parse"):
        nlp("ICE issues green cards.")
