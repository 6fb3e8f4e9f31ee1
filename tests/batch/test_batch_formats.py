"""Each format round-trips: every row, in order, every column and value, plus the added ones."""

import io
import json

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from remit.batch import ADDED_COLUMNS
from remit.cli import main

# ~120k characters, past pandas' read buffers; the one claim sits at the very end.
LONG = "A long cell of filler words. " * 4000 + "Then USCIS."
TEXTS = [
    "ICE issues green cards.",
    "",
    "   ",
    "NA",
    "null",
    "nan",
    "00123",
    "Le USCIS délivre les cartes vertes. 美国移民局 ✓ 🇺🇸",
    "مرحبا ICE",
    'a "quoted", comma\nand a newline',
    "windows\r\nline break and\ttab",
    LONG,
    "maybe USCIS",
]
EXPECTED = ["contradicted", "no_claim", "no_claim", "no_claim", "no_claim", "no_claim",
            "no_claim", "supported", "contradicted", "no_claim", "no_claim", "supported",
            "unknown"]


def source_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "id": [f"r{i:03d}" for i in range(len(TEXTS))],
        "text": TEXTS,
        "score": [f"{i}.50" for i in range(len(TEXTS))],  # must not become floats
    })


def write(frame: pd.DataFrame, path, fmt: str) -> None:
    if fmt == "csv":
        frame.to_csv(path, index=False)
    elif fmt == "tsv":
        frame.to_csv(path, index=False, sep="\t")
    elif fmt == "jsonl":
        frame.to_json(path, orient="records", lines=True, force_ascii=False)
    else:
        frame.to_parquet(path, index=False)


def read(path, fmt: str) -> pd.DataFrame:
    if fmt in ("csv", "tsv"):
        return pd.read_csv(path, sep="\t" if fmt == "tsv" else ",", dtype=str,
                           keep_default_na=False)
    if fmt == "jsonl":
        return pd.DataFrame([json.loads(line) for line in open(path, encoding="utf-8")])
    return pd.read_parquet(path)


@pytest.mark.parametrize("fmt", ["csv", "tsv", "jsonl", "parquet"])
def test_round_trip_keeps_rows_columns_and_values(tmp_path, cli, fake_engine, fmt):
    source, target = tmp_path / f"in.{fmt}", tmp_path / f"out.{fmt}"
    write(source_frame(), source, fmt)
    result = cli("batch", source, "--column", "text", "-o", target, "--chunksize", 4,
                 "--fail-on", "never")
    assert result.exit_code == 0, result.stderr
    out = read(target, fmt)
    assert list(out.columns) == ["id", "text", "score", *ADDED_COLUMNS]
    assert out["id"].tolist() == source_frame()["id"].tolist()
    assert out["text"].tolist() == TEXTS
    assert out["score"].tolist() == source_frame()["score"].tolist()
    assert out["verdict"].tolist() == EXPECTED


def test_csv_to_parquet_and_back_by_extension(tmp_path, cli, fake_engine):
    source = tmp_path / "in.csv"
    write(source_frame(), source, "csv")
    assert cli("batch", source, "--column", "text", "-o", tmp_path / "o.parquet").exit_code == 1
    assert pq.read_table(tmp_path / "o.parquet").column("text").to_pylist() == TEXTS


def test_parquet_types_survive(tmp_path, cli, fake_engine):
    table = pa.table({
        "n": pa.array([1, None, 3], pa.int32()),
        "when": pa.array([1, 2, None], pa.timestamp("ms")),
        "text": pa.array(["ICE issues visas", None, "USCIS"], pa.string()),
        "tags": pa.array([["a"], [], None], pa.list_(pa.string())),
    })
    pq.write_table(table, tmp_path / "in.parquet")
    result = cli("batch", tmp_path / "in.parquet", "--column", "text",
                 "-o", tmp_path / "out.parquet", "--chunksize", 2)
    assert result.exit_code == 1, result.stderr  # a contradicted row
    out = pq.read_table(tmp_path / "out.parquet")
    assert out.select(["n", "when", "text", "tags"]).equals(table)
    assert out.column("verdict").to_pylist() == ["contradicted", "no_claim", "supported"]


def test_jsonl_keeps_native_values(tmp_path, cli, fake_engine):
    rows = [{"text": "USCIS", "n": 1, "ok": True, "meta": {"k": [1, 2]}, "x": None},
            {"text": None, "n": 2.5, "ok": False, "meta": {}, "x": "y"}]
    (tmp_path / "in.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n\n")
    result = cli("batch", tmp_path / "in.jsonl", "--column", "text", "-o", tmp_path / "o.jsonl")
    assert result.exit_code == 0, result.stderr
    out = [json.loads(line) for line in (tmp_path / "o.jsonl").read_text().splitlines()]
    assert [{k: r[k] for k in rows[0]} for r in out] == rows
    assert [r["verdict"] for r in out] == ["supported", "no_claim"]
    assert json.loads(out[0]["claims"])[0]["agency"] == "USCIS"


def test_stdin_to_stdout(cli, fake_engine):
    result = cli("batch", "-", "--column", "text", input="id,text\n1,USCIS\n2,ICE\n")
    assert result.exit_code == 1
    lines = result.stdout.splitlines()
    assert lines[0] == "id,text,verdict,claims,evidence,correction,error"
    assert [line.split(",")[:3] for line in lines[1:]] == [["1", "USCIS", "supported"],
                                                          ["2", "ICE", "contradicted"]]


def test_stdin_format_flags(cli, fake_engine):
    result = cli("batch", "-", "--column", "text", "--input-format", "jsonl",
                 "--output-format", "tsv", input='{"text": "USCIS"}\n')
    assert result.stdout.splitlines()[1].split("\t")[:2] == ["USCIS", "supported"]


def test_header_only_input_gives_header_only_output(tmp_path, cli, fake_engine):
    (tmp_path / "in.csv").write_text("id,text\n")
    result = cli("batch", tmp_path / "in.csv", "--column", "text", "-o", tmp_path / "o.csv")
    assert result.exit_code == 0
    assert (tmp_path / "o.csv").read_text() == "id,text,verdict,claims,evidence,correction,error\n"


def test_parquet_through_pipes(tmp_path, cli, fake_engine):
    write(source_frame(), tmp_path / "in.parquet", "parquet")
    result = CliRunner().invoke(main, ["batch", "-", "--column", "text", "--input-format",
                                       "parquet", "--fail-on", "never"],
                                input=(tmp_path / "in.parquet").read_bytes())
    assert result.exit_code == 0, result.stderr
    out = pq.read_table(io.BytesIO(result.stdout_bytes)).to_pandas()
    assert out["text"].tolist() == TEXTS and out["verdict"].tolist() == EXPECTED


@pytest.mark.parametrize("chunksize", [1, 2, 1000])
@pytest.mark.parametrize("fmt", ["csv", "jsonl", "parquet"])
def test_jsonl_records_with_varying_keys_keep_every_key(tmp_path, cli, fake_engine, chunksize,
                                                        fmt):
    # a key after the first chunk, a missing key, the same keys in another order
    lines = ['{"text": "ICE", "id": 1}', '{"id": 2}', '{"id": 3, "text": "USCIS", "late": "x"}']
    (tmp_path / "in.jsonl").write_text("\n".join(lines) + "\n")
    out = tmp_path / f"out.{fmt}"
    result = cli("batch", tmp_path / "in.jsonl", "--column", "text", "--chunksize", chunksize,
                 "-o", out)
    assert result.exit_code == 1, result.stderr
    frame = (pq.read_table(out).to_pandas() if fmt == "parquet" else
             pd.read_json(out, lines=True, dtype=False) if fmt == "jsonl" else
             pd.read_csv(out, dtype=str, keep_default_na=False))
    assert list(frame.columns) == ["text", "id", "late", *ADDED_COLUMNS]
    assert frame["verdict"].tolist() == ["contradicted", "no_claim", "supported"]
    assert [str(v) for v in frame["id"]] == ["1", "2", "3"]
    assert ["" if pd.isna(v) else v for v in frame["late"].tolist()] == ["", "", "x"]


@pytest.mark.parametrize("fmt", ["csv", "tsv"])
def test_a_lone_carriage_return_in_a_cell_keeps_its_row_whole(tmp_path, cli, fake_engine, fmt):
    import csv

    sep = "," if fmt == "csv" else "\t"
    source = tmp_path / f"in.{fmt}"
    with open(source, "w", newline="") as handle:  # the csv module quotes "\r" on the way in
        csv.writer(handle, delimiter=sep).writerows([["id", "text"], ["1", "ICE\rUSCIS"],
                                                     ["2", "x"]])
    out = tmp_path / f"out.{fmt}"
    assert cli("batch", source, "--column", "text", "-o", out).exit_code in (0, 1)
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter=sep))
    assert [(r["id"], r["text"]) for r in rows] == [("1", "ICE\rUSCIS"), ("2", "x")]


def test_csv_to_parquet_types_text_columns_as_strings_whatever_the_first_chunk(
        tmp_path, cli, fake_engine):
    # chunk 1 has no claim (correction, evidence and error all empty), chunk 2 has one
    (tmp_path / "in.csv").write_text("id,text\n1,nothing here\n2,ICE\n3,USCIS\n")
    out = tmp_path / "out.parquet"
    result = cli("batch", tmp_path / "in.csv", "--column", "text", "-o", out, "--chunksize", 1)
    assert result.exit_code == 1, result.stderr
    back = pq.read_table(out)
    assert back.column("correction").to_pylist()[1] == "USCIS issues green cards."
    assert all(pa.types.is_string(f.type) or pa.types.is_large_string(f.type) for f in back.schema)
