"""Bad input stops the run with exit 2 and one line naming the file and the place; a bad row
is marked ``error`` and the run goes on."""

import json

import pytest


def error_line(result) -> str:
    assert result.exit_code == 2, (result.exit_code, result.stderr)
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith("remit: error: ")
    return lines[0]


def test_missing_column_lists_the_columns_found(tmp_path, cli, fake_engine):
    (tmp_path / "in.csv").write_text("id,body,lang\n1,x,en\n")
    line = error_line(cli("batch", tmp_path / "in.csv", "--column", "text"))
    assert str(tmp_path / "in.csv") in line
    assert "'text'" in line and "'id', 'body', 'lang'" in line


def test_missing_id_column(tmp_path, cli, fake_engine):
    (tmp_path / "in.csv").write_text("text\nx\n")
    line = error_line(cli("batch", tmp_path / "in.csv", "--column", "text", "--id-column", "key"))
    assert "'key' (--id-column)" in line


def test_existing_output_column_is_not_overwritten(tmp_path, cli, fake_engine):
    (tmp_path / "in.csv").write_text("text,verdict\nICE,mine\n")
    assert "verdict" in error_line(cli("batch", tmp_path / "in.csv", "--column", "text"))


def test_unclosed_quote_names_file_and_row(tmp_path, cli, fake_engine):
    (tmp_path / "in.csv").write_text('id,text\n1,ok\n2,"never closed\n3,x\n')
    line = error_line(cli("batch", tmp_path / "in.csv", "--column", "text", "-o",
                          tmp_path / "o.csv"))
    assert str(tmp_path / "in.csv") in line and "line 3:" in line and "quoted field" in line
    assert not (tmp_path / "o.csv").exists()


def test_extra_field_names_the_line(tmp_path, cli, fake_engine):
    rows = "".join(f"{i},text {i}\n" for i in range(50))
    (tmp_path / "in.csv").write_text("id,text\n" + rows + "50,a,b\n")
    line = error_line(cli("batch", tmp_path / "in.csv", "--column", "text", "--chunksize", 7))
    assert "line 52" in line and "expected 2 fields, saw 3" in line


def test_on_bad_lines_skip_counts_them(tmp_path, cli, fake_engine):
    (tmp_path / "in.csv").write_text("id,text\n1,USCIS\n2,a,b\n3,x\n4,c,d,e\n5,y\n")
    result = cli("batch", tmp_path / "in.csv", "--column", "text", "--on-bad-lines", "skip",
                 "-o", tmp_path / "o.csv", "--chunksize", 2)
    assert result.exit_code == 0, result.stderr
    assert "3 rows:" in result.stderr and "2 skipped lines" in result.stderr
    assert (tmp_path / "o.csv").read_text().count("\n") == 4


def test_jsonl_bad_line_error_and_skip(tmp_path, cli, fake_engine):
    (tmp_path / "in.jsonl").write_text('{"text": "a"}\n{"text": \n[1]\n{"text": "b"}\n')
    line = error_line(cli("batch", tmp_path / "in.jsonl", "--column", "text"))
    assert "line 2" in line and "invalid JSON" in line
    result = cli("batch", tmp_path / "in.jsonl", "--column", "text", "--on-bad-lines", "skip")
    assert [json.loads(x)["text"] for x in result.stdout.splitlines()] == ["a", "b"]
    assert "2 skipped lines" in result.stderr


@pytest.mark.parametrize("fmt", ["csv", "jsonl"])
def test_non_utf8_byte_offset(tmp_path, cli, fake_engine, fmt):
    head = b"text\nfine\n" if fmt == "csv" else b'{"text": "fine"}\n'
    body = head * 3000  # past the first read buffer, so the offset must be the file's own
    bad = b"caf\xe9\n" if fmt == "csv" else b'{"text": "caf\xe9"}\n'
    path = tmp_path / f"in.{fmt}"
    path.write_bytes(body + bad)
    line = error_line(cli("batch", path, "--column", "text"))
    offset = len(body) + bad.index(b"\xe9")
    assert str(path) in line and f"byte {offset} " in line and "0xe9" in line
    lines_before = body.count(b"\n")
    assert f"line {lines_before + 1}" in line


def test_truncated_utf8_at_end(tmp_path, cli, fake_engine):
    (tmp_path / "in.csv").write_bytes("text\nné".encode()[:-1])
    assert "byte 6 " in error_line(cli("batch", tmp_path / "in.csv", "--column", "text"))


@pytest.mark.parametrize("content", [b"id,text\n1,x\n", b"PAR1 but only the head"])
def test_fake_parquet(tmp_path, cli, fake_engine, content):
    (tmp_path / "in.parquet").write_bytes(content)
    line = error_line(cli("batch", tmp_path / "in.parquet", "--column", "text"))
    assert str(tmp_path / "in.parquet") in line and "not a Parquet file" in line
    assert "bytes" in line


@pytest.mark.parametrize("name", ["in.csv", "in.tsv", "in.jsonl", "in.parquet"])
def test_empty_file(tmp_path, cli, fake_engine, name):
    (tmp_path / name).write_bytes(b"")
    line = error_line(cli("batch", tmp_path / name, "--column", "text"))
    assert name in line and "empty" in line


def test_unknown_extension_and_missing_file(tmp_path, cli, fake_engine):
    (tmp_path / "in.xlsx").write_bytes(b"x")
    assert "--input-format" in error_line(cli("batch", tmp_path / "in.xlsx", "--column", "t"))
    assert "cannot open" in error_line(cli("batch", tmp_path / "nope.csv", "--column", "t"))


def test_unwritable_output_folder(tmp_path, cli, fake_engine):
    (tmp_path / "in.csv").write_text("text\nx\n")
    line = error_line(cli("batch", tmp_path / "in.csv", "--column", "text",
                          "-o", tmp_path / "no" / "such" / "o.csv"))
    assert "cannot write" in line


def test_jsonl_text_that_is_not_a_string_is_a_row_error(tmp_path, cli, fake_engine):
    rows = [{"id": "a", "text": "USCIS"}, {"id": "b", "text": 42}, {"id": "c", "text": None},
            {"id": "d", "text": ["ICE"]}, {"id": "e", "text": {"t": "ICE"}}, {"id": "f"},
            {"id": "g", "text": False}, {"id": "h", "text": "ICE"}]
    (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    result = cli("batch", tmp_path / "in.jsonl", "--column", "text", "--id-column", "id",
                 "-o", tmp_path / "out.jsonl")
    assert result.exit_code == 2
    out = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    assert [r["id"] for r in out] == list("abcdefgh")
    assert [r.get("text") for r in out] == [r.get("text") for r in rows]
    assert [r["verdict"] for r in out] == ["supported", "error", "no_claim", "error", "error",
                                           "no_claim", "error", "contradicted"]
    assert [r["error"] for r in out if r["error"]] == [
        "TypeError: column 'text' holds a number, not a string",
        "TypeError: column 'text' holds a list, not a string",
        "TypeError: column 'text' holds an object, not a string",
        "TypeError: column 'text' holds a boolean, not a string",
    ]
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert warnings[0] == ("remit: warning: row 2 (id b): "
                           "TypeError: column 'text' holds a number, not a string")
    assert len(warnings) == 4
    assert "4 errors" in result.stderr


def test_error_after_multiline_cells_names_the_line_an_editor_shows(tmp_path, cli, fake_engine):
    # Record 4 starts on line 6: record 3's quoted cell spans three lines.
    (tmp_path / "in.csv").write_text('id,text\n1,ok\n2,"one\ntwo\nthree"\n3,a,b\n')
    line = error_line(cli("batch", tmp_path / "in.csv", "--column", "text"))
    assert "line 6 (record 4): expected 2 fields, saw 3" in line


def test_error_on_stdin_names_the_line_too(tmp_path, cli, fake_engine):
    result = cli("batch", "-", "--input-format", "csv", "--column", "text",
                 input='id,text\n1,"one\ntwo"\n2,a,b\n')
    assert "line 4 (record 3): expected 2 fields, saw 3" in error_line(result)


def test_an_input_that_cannot_be_read_again_names_the_record():
    import pandas as pd

    from remit.batch.csv_places import csv_place as _csv_place

    exc = pd.errors.ParserError("Error tokenizing data. C error: Expected 2 fields in line 7, saw 3")
    assert _csv_place(exc, lambda record: None) == "record 7: expected 2 fields, saw 3"
    assert _csv_place(exc, lambda record: 9) == "line 9 (record 7): expected 2 fields, saw 3"
    assert _csv_place(exc, lambda record: 7) == "line 7: expected 2 fields, saw 3"


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_a_row_error_names_an_empty_id_as_empty_not_nan(tmp_path, cli, fake_engine, fmt):
    if fmt == "jsonl":
        rows = [{"id": None, "text": 42}, {"text": [1]}, {"id": float("nan"), "text": 1},
                {"id": 7, "text": 2}]
        (tmp_path / "in.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    else:
        (tmp_path / "in.csv").write_text("id,text\n,BOOM\n  ,BOOM\nA-1,BOOM\n")
    result = cli("batch", tmp_path / f"in.{fmt}", "--column", "text", "--id-column", "id",
                 "-o", tmp_path / f"out.{fmt}")
    warnings = [line.split(":")[2] for line in result.stderr.splitlines() if "warning" in line]
    expected = ([" row 1 (id empty)", " row 2 (id empty)", " row 3 (id empty)", " row 4 (id 7)"]
                if fmt == "jsonl" else
                [" row 1 (id empty)", " row 2 (id empty)", " row 3 (id A-1)"])
    assert warnings == expected, result.stderr
    assert "nan" not in result.stderr
