"""Properties over generated input (``hypothesis``): ``check_text`` never raises on any text,
and a batch round trip keeps every row, in order, and every value of any generated table.

The examples are derandomized and few, so the suite stays fast and repeatable;
``benchmarks/fuzz.py`` runs the same generators over 10,000 examples and more.
"""

from __future__ import annotations

import json
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from remit.records import line_col
from robustness import generated

FEW = settings(max_examples=40, derandomize=True, deadline=None, database=None,
               suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


@pytest.fixture(scope="module")
def check(engine):
    """``remit.check_text`` with the session's model (the same code path, one model load)."""
    import remit
    import remit.engine

    remit.engine.get_engine.cache_clear()
    cached = remit.engine.get_engine
    remit.engine.get_engine = lambda *args, **kwargs: engine
    yield remit.check_text
    remit.engine.get_engine = cached


@FEW
@given(text=generated.texts())
def test_check_text_never_raises_and_places_findings_in_the_text(check, text):
    findings = check(text)
    starts = [f.claim.start for f in findings]
    assert starts == sorted(starts)  # text order
    for finding in findings:
        claim = finding.claim
        assert 0 <= claim.start < claim.end <= len(text)
        assert 0 <= claim.sent_start <= claim.start and claim.end <= claim.sent_end <= len(text)


@FEW
@given(table=generated.tables(), out_format=st.sampled_from(["jsonl", "csv", "parquet"]))
def test_jsonl_batch_keeps_every_row_and_value(table, out_format):
    with tempfile.TemporaryDirectory() as tmp:
        back, sent = generated.round_trip(table, "jsonl", out_format, Path(tmp))
    assert len(back) == len(sent)
    assert [r["row"] for r in back] == [str(r["row"]) if out_format == "csv" else r["row"]
                                        for r in sent]  # every row, in order
    for got, record in zip(back, sent, strict=True):
        for key, value in record.items():
            assert generated.same_value(got[key], value, out_format), (key, got, record)


@FEW
@given(table=generated.text_tables(), out_format=st.sampled_from(["csv", "tsv", "jsonl"]))
def test_csv_batch_keeps_every_row_and_cell_as_written(table, out_format):
    with tempfile.TemporaryDirectory() as tmp:
        back, sent = generated.round_trip(table, "csv", out_format, Path(tmp))
    assert [{k: str(r[k]) for k in record} for r, record in zip(back, sent, strict=True)] == sent


@settings(max_examples=60, derandomize=True, deadline=None, database=None)
@given(lines=st.lists(st.text(st.characters(codec="utf-8"), max_size=30), max_size=40),
       at=st.floats(0, 1))
def test_line_and_column_by_index_equal_counting(lines, at):
    text = "\n".join(lines)
    long = text + " " * 65536  # a long text: the same places as the short one
    offset = int(at * len(text))
    line = text.count("\n", 0, offset) + 1
    assert line_col(long, offset) == line_col(text, offset)
    assert line_col(text, offset) == (line, offset - (text.rfind("\n", 0, offset) + 1) + 1)


def test_a_generated_table_file_is_read_as_written():
    # the generators' own premise: what round_trip sends is what the file holds
    table = [{"row": 0, "text": "ICE", "n": 2 ** 70}, {"row": 1, "x": None}]
    with tempfile.TemporaryDirectory() as tmp:
        path = generated.write_table(table, "jsonl", Path(tmp))
        assert [json.loads(line) for line in path.read_text().splitlines()] == table
        back, _ = generated.round_trip(table, "jsonl", "jsonl", Path(tmp))
    assert back[0]["n"] == 2 ** 70 and back[1]["x"] is None and back[1]["n"] is None
