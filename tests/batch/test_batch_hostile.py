"""Hostile and malformed tables (issue 12): no crash, no lost row, no silently changed data."""

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest

import remit
from remit.batch import check_frame
from remit.inputs import replace_unencodable

SURROGATE_LINES = (
    '{"id": "a", "text": "\\ud800 ICE issues green cards", "extra": ["x"]}\n'
    '{"id": "b\\udfff", "text": "USCIS", "extra": ["\\ud83d"]}\n'
    '{"id": "c", "text": "a pair \\ud83d\\ude00 is fine", "extra": []}\n'
)


def read_output(path, fmt):
    if fmt == "parquet":
        return pq.read_table(path).to_pandas()
    if fmt == "jsonl":
        return pd.DataFrame([json.loads(line) for line in path.read_text().splitlines()])
    return pd.read_csv(path, sep="\t" if fmt == "tsv" else ",", dtype=str,
                       keep_default_na=False)


def test_replace_unencodable_keeps_length_and_counts():
    assert replace_unencodable("\ud800 x \udfff") == ("\ufffd x \ufffd", 2)
    assert replace_unencodable("ok \U0001f600") == ("ok \U0001f600", 0)


def test_jsonl_keys_and_nested_values_are_replaced_too():
    from remit.batch.io import _replace_unencodable

    record = {"k\ud800": ["\udc00", {"x": "\ud800"}], "n": 1}
    assert _replace_unencodable(record) == ({"k\ufffd": ["\ufffd", {"x": "\ufffd"}], "n": 1}, 3)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet"])
def test_lone_surrogates_in_jsonl_are_replaced_in_every_format(tmp_path, cli, fake_engine, fmt):
    (tmp_path / "in.jsonl").write_text(SURROGATE_LINES)
    out = tmp_path / f"out.{fmt}"
    result = cli("batch", tmp_path / "in.jsonl", "--column", "text", "-o", out)
    assert result.exit_code == 1, result.stderr  # ICE: contradicted, not a crash
    assert "3 code point(s) that UTF-8 cannot encode" in result.stderr
    frame = read_output(out, fmt)
    assert list(frame["id"]) == ["a", "b\ufffd", "c"]
    assert list(frame["verdict"]) == ["contradicted", "supported", "no_claim"]
    assert frame["text"][0] == "\ufffd ICE issues green cards"
    assert frame["text"][2] == "a pair \U0001f600 is fine"


def test_check_frame_replaces_a_lone_surrogate_in_the_text(fake_engine):
    out = check_frame(pd.DataFrame({"text": ["\ud800 ICE"]}, dtype=object), "text", engine=fake_engine)
    assert out["verdict"].tolist() == ["contradicted"]
    assert "\ud800" not in out["claims"][0]


def test_check_text_never_raises_on_a_lone_surrogate(real_engine):
    findings = remit.check_text("\ud800 ICE issues green cards")
    assert [f.verdict for f in findings] == ["contradicted"]
    assert findings[0].claim.start == 2  # offsets are those of the text as given


def test_row_warnings_and_errors_carry_no_escape_sequence(tmp_path, cli, fake_engine):
    (tmp_path / "in.jsonl").write_text('{"id": "\\u001b]0;owned\\u0007x", "text": "BOOM\\u001b[2J"}\n')
    result = cli("batch", tmp_path / "in.jsonl", "--column", "text", "--id-column", "id",
                 "-o", tmp_path / "o.csv")
    assert "row 1 (id x)" in result.stderr and "BOOM" in result.stderr
    assert "\x1b" not in result.stderr and "\x07" not in result.stderr
    missing = cli("batch", tmp_path / "no\x1b[31m.csv", "--column", "text")
    assert missing.exit_code == 2 and "no.csv" in missing.stderr
    assert "\x1b" not in missing.stderr
