"""The hostile corpus (made by :mod:`robustness.hostile`): exit 0, 1 or 2, never a traceback.

An input error (exit 2) is one ``remit: error:`` line naming the file; a batch that succeeds
keeps every input row.
"""

from __future__ import annotations

import json

import pandas as pd
import pytest
from click.testing import CliRunner

from remit.cli import main
from robustness.hostile import table_corpus, text_corpus

TEXTS = text_corpus()
TABLES = table_corpus()


@pytest.fixture
def run(engine, monkeypatch):
    """``remit ARGS`` in-process with the session's model; never lets an exception through."""
    import remit.engine

    nlp = engine.nlp
    monkeypatch.setattr(remit.engine.Engine, "nlp", property(lambda self: nlp))
    return lambda *args: CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def fake_run(monkeypatch):
    """``remit ARGS`` in-process with the keyword engine of ``tests/batch/fake.py``."""
    import sys
    from pathlib import Path

    sys.path.insert(0, str(Path(__file__).parent.parent / "batch"))
    from fake import KeywordEngine

    engine = KeywordEngine()
    monkeypatch.setattr("remit.engine.get_engine", lambda *args, **kwargs: engine)
    return lambda *args: CliRunner().invoke(main, [str(a) for a in args])


def assert_clean_exit(result, name: str, rows_failed: bool = False) -> None:
    """Exit 0, 1 or 2 without a traceback; exit 2 with one error line naming ``name``.

    With ``rows_failed`` (a batch that wrote its output), exit 2 may instead mean rows failed.
    """
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exc_info
    assert result.exit_code in (0, 1, 2), (result.exit_code, result.stderr)
    assert "Traceback" not in result.stderr and "internal error" not in result.stderr
    assert "\x1b" not in result.stderr and "\x1b" not in result.stdout
    if result.exit_code == 2 and not rows_failed:
        errors = [line for line in result.stderr.splitlines() if line.startswith("remit: error")]
        assert len(errors) == 1 and name in errors[0], result.stderr


@pytest.mark.parametrize("name", sorted(TEXTS))
def test_check_survives_each_hostile_text(tmp_path, run, name):
    path = tmp_path / name
    path.write_bytes(TEXTS[name])
    assert_clean_exit(run("check", path), name)


def test_check_of_the_whole_corpus_names_each_bad_file_once(tmp_path, run):
    for name, data in TEXTS.items():
        (tmp_path / name).write_bytes(data)
    result = run("check", "--format", "jsonl", tmp_path)
    assert result.exit_code == 2
    errors = [line for line in result.stderr.splitlines() if line.startswith("remit: error")]
    named = [name for name in TEXTS if any(f"{name}:" in line for line in errors)]
    assert len(named) == len(errors)  # each error names a file of the corpus, once
    assert {"binary.bin.txt", "nul.txt", "utf16-no-bom.txt", "empty.txt"} <= set(named)
    assert "utf8-bom.txt" not in named and "deep.md" not in named
    assert result.stdout.count('"verdict"') > 0


@pytest.mark.parametrize("fmt", ["text", "json", "sarif", "html", "claimreview", "github"])
def test_every_output_format_survives_the_texts_that_are_read(tmp_path, run, fmt):
    for name in ("escapes.txt", "bidi.txt", "emoji.txt", "script.html", "deep.md",
                 "suppress.md", "zero-width.md", "controls.txt"):
        (tmp_path / name).write_bytes(TEXTS[name])
    result = run("check", "--format", fmt, tmp_path)
    assert_clean_exit(result, "")
    assert result.exit_code == 1  # the texts hold contradicted claims
    assert "</script>" not in result.stdout or fmt == "html"


def output_rows(path) -> int:
    if path.suffix == ".parquet":
        return len(pd.read_parquet(path))
    if path.suffix == ".jsonl":
        return sum(1 for line in path.read_text(encoding="utf-8").splitlines() if line.strip())
    sep = "\t" if path.suffix == ".tsv" else ","
    return len(pd.read_csv(path, sep=sep, dtype=str, keep_default_na=False))


@pytest.mark.parametrize("out_ext", ["csv", "jsonl", "parquet"])
@pytest.mark.parametrize("name", sorted(TABLES))
def test_batch_survives_each_hostile_table_and_keeps_every_row(tmp_path, fake_run, name,
                                                               out_ext):
    data, rows = TABLES[name]
    path = tmp_path / name
    path.write_bytes(data)
    out = tmp_path / f"out.{out_ext}"
    result = fake_run("batch", path, "--column", "text", "--id-column", "id"
                      if b"id" in data[:20] else "text", "-o", out, "--chunksize", 2)
    assert_clean_exit(result, name, rows_failed=out.exists())
    if rows is not None:
        assert output_rows(out) == rows, result.stderr
    assert not list(tmp_path.glob("*.part"))


def test_batch_values_come_back_as_they_went_in(tmp_path, fake_run):
    data, _ = TABLES["mixed.jsonl"]
    (tmp_path / "in.jsonl").write_bytes(data)
    result = fake_run("batch", tmp_path / "in.jsonl", "--column", "text", "-o",
                      tmp_path / "out.jsonl")
    assert_clean_exit(result, "in.jsonl", rows_failed=True)
    back = [json.loads(line) for line in (tmp_path / "out.jsonl").read_text().splitlines()]
    sent = [json.loads(line) for line in data.decode().splitlines()]
    assert [r.get("id") for r in back] == [r.get("id") for r in sent]
    assert back[3]["id"] == 2 ** 70
