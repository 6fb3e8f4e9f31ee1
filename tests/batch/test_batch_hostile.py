"""Hostile and malformed tables (issue 12): no crash, no lost row, no silently changed data."""

import json

import pandas as pd
import pyarrow.parquet as pq
import pytest
from test_batch_errors import error_line

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


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
@pytest.mark.parametrize("where", [0, 3])
def test_a_ragged_row_is_an_error_wherever_it_is(tmp_path, cli, fake_engine, fmt, where):
    sep = "\t" if fmt == "tsv" else ","
    rows = [sep.join([str(i), f"text {i}"]) for i in range(5)]
    rows[where] += f"{sep}extra"
    (tmp_path / f"in.{fmt}").write_text(sep.join(["id", "text"]) + "\n" + "\n".join(rows) + "\n")
    line = error_line(cli("batch", tmp_path / f"in.{fmt}", "--column", "text", "--chunksize", 2))
    assert f"line {where + 2}: expected 2 fields, saw 3" in line


def test_a_ragged_first_row_is_skipped_like_any_other(tmp_path, cli, fake_engine):
    (tmp_path / "in.csv").write_text("id,text\n1,ICE,extra\n2,USCIS\n")
    result = cli("batch", tmp_path / "in.csv", "--column", "text", "--on-bad-lines", "skip",
                 "-o", tmp_path / "o.csv")
    assert "1 skipped lines" in result.stderr
    assert (tmp_path / "o.csv").read_text().splitlines()[1].startswith("2,USCIS,supported")


def test_repeated_csv_header_is_an_error_naming_it(tmp_path, cli, fake_engine):
    (tmp_path / "in.csv").write_text("text,id,text\nICE,1,USCIS\n")
    line = error_line(cli("batch", tmp_path / "in.csv", "--column", "text"))
    assert str(tmp_path / "in.csv") in line
    assert "repeated column name(s) 'text' (columns 1 and 3)" in line


def test_repeated_parquet_column_is_an_error_naming_it(tmp_path, cli, fake_engine):
    import pyarrow as pa

    table = pa.Table.from_arrays([pa.array(["ICE"]), pa.array(["x"]), pa.array(["y"])],
                                 names=["text", "id", "id"])
    pq.write_table(table, tmp_path / "in.parquet")
    line = error_line(cli("batch", tmp_path / "in.parquet", "--column", "text"))
    assert "repeated column name(s) 'id' (columns 2 and 3)" in line


def test_check_frame_refuses_repeated_columns(fake_engine):
    from remit.batch import ColumnError

    with pytest.raises(ColumnError, match="'text' \\(columns 1 and 2\\)"):
        check_frame(pd.DataFrame([["ICE", "x"]], columns=["text", "text"]), "text",
                    engine=fake_engine)


@pytest.mark.parametrize("chunksize", [1, 2, 1000])
def test_header_is_kept_exactly_and_rows_counted_at_any_chunksize(tmp_path, cli, fake_engine,
                                                                 chunksize):
    (tmp_path / "in.csv").write_text("\ufeffid,text,\n1,ICE,\n2,,\n3,USCIS,x\n")
    result = cli("batch", tmp_path / "in.csv", "--column", "text", "-o", tmp_path / "o.csv",
                 "--chunksize", chunksize)
    assert "3 rows:" in result.stderr
    lines = (tmp_path / "o.csv").read_text().splitlines()
    assert lines[0].startswith("id,text,Unnamed: 2,verdict")
    assert [line.split(",")[:3] for line in lines[1:]] == [["1", "ICE", ""], ["2", "", ""],
                                                           ["3", "USCIS", "x"]]
    (tmp_path / "head.csv").write_text("id,text\n")
    empty = cli("batch", tmp_path / "head.csv", "--column", "text", "--chunksize", chunksize)
    assert empty.exit_code == 0 and empty.stdout.startswith("id,text,verdict")


MIXED_LINES = (
    '{"id": 1, "text": "ICE", "n": 1, "flag": true}\n'
    '{"id": "A-2", "text": "USCIS", "n": 2.5}\n'
    '{"id": false, "text": null, "big": 18446744073709551615, "tags": ["a", 1]}\n'
    '{"id": 4, "text": "x", "late": "new after the first chunk"}\n'
)


@pytest.mark.parametrize("chunksize", [1, 2, 1000])
def test_jsonl_to_parquet_with_mixed_types(tmp_path, cli, fake_engine, chunksize):
    (tmp_path / "in.jsonl").write_text(MIXED_LINES)
    out = tmp_path / "out.parquet"
    result = cli("batch", tmp_path / "in.jsonl", "--column", "text", "-o", out,
                 "--chunksize", chunksize)
    assert result.exit_code == 1, result.stderr
    notice = [line for line in result.stderr.splitlines() if "notice" in line]
    assert notice == [f"remit: notice: {tmp_path / 'in.jsonl'}: column(s) 'id' (boolean, "
                      "integer, text), 'big' (big integer), 'tags' (list) written to Parquet "
                      "as text"]
    table = pq.read_table(out)
    assert str(table.schema.field("n").type) == "double"
    assert str(table.schema.field("flag").type) == "bool"
    rows = table.select(["id", "n", "big", "tags", "late"]).to_pylist()
    assert [r["id"] for r in rows] == ["1", "A-2", "false", "4"]
    assert [r["n"] for r in rows] == [1.0, 2.5, None, None]
    assert rows[2]["big"] == "18446744073709551615" and rows[2]["tags"] == '["a", 1]'
    assert rows[3]["late"] == "new after the first chunk"
    assert table.column("verdict").to_pylist() == ["contradicted", "supported", "no_claim",
                                                   "no_claim"]


def test_jsonl_output_keeps_mixed_values_as_they_came(tmp_path, cli, fake_engine):
    (tmp_path / "in.jsonl").write_text(MIXED_LINES)
    result = cli("batch", tmp_path / "in.jsonl", "--column", "text", "--chunksize", 1)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["id"] for r in records] == [1, "A-2", False, 4]
    assert records[2]["big"] == 18446744073709551615 and records[2]["tags"] == ["a", 1]
    assert "notice" not in result.stderr
