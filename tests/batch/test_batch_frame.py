"""check_frame and the row checker: every row kept in order, failures confined to their row."""

import json

import numpy as np
import pandas as pd
import pytest
from fake import KeywordEngine

from remit import check_frame
from remit.batch import ADDED_COLUMNS, ColumnError
from remit.batch.frame import evidence_text, is_blank
from remit.batch.stream import RowChecker
from remit.records import Claim, Evidence, Finding


def frame(texts, **extra):
    return pd.DataFrame({"id": range(len(texts)), "text": texts, **extra})


def test_adds_columns_and_keeps_index_dtypes_and_order():
    df = frame(["ICE issues visas", np.nan, None, "", "USCIS", "maybe"],
               score=[1.5, 2.0, np.nan, 4.0, 5.0, 6.0])
    df.index = [10, 3, 7, 1, 99, 0]  # not sorted: order must follow rows, not index
    out = check_frame(df, "text", engine=KeywordEngine())
    assert list(out.columns) == ["id", "text", "score", *ADDED_COLUMNS]
    assert list(out.index) == [10, 3, 7, 1, 99, 0]
    assert out["verdict"].tolist() == ["contradicted", "no_claim", "no_claim", "no_claim",
                                       "supported", "unknown"]
    pd.testing.assert_frame_equal(out[df.columns], df)
    assert df.columns.tolist() == ["id", "text", "score"]  # the caller's frame is untouched


def test_claims_are_json_records_without_path():
    out = check_frame(frame(["ICE and USCIS", ""]), "text", engine=KeywordEngine())
    claims = json.loads(out["claims"].iloc[0])
    assert [c["agency"] for c in claims] == ["ICE", "USCIS"]
    assert "path" not in claims[0] and claims[0]["column"] == 1
    assert json.loads(out["claims"].iloc[1]) == []


def test_evidence_and_correction_come_from_the_deciding_claim():
    out = check_frame(frame(["USCIS then ICE"]), "text", engine=KeywordEngine())
    row = out.iloc[0]
    assert row["verdict"] == "contradicted"
    assert row["correction"] == "USCIS issues green cards."
    assert row["evidence"] == "\u201cUSCIS grants green cards.\u201d (https://uscis.gov)"


def test_failing_row_gets_error_and_the_rest_are_checked():
    texts = [f"USCIS {i}" for i in range(20)]
    texts[7] = "ICE BOOM"
    seen = []
    checker = RowChecker(KeywordEngine(), "text", batch_size=4, id_column="id",
                         on_error=lambda row, row_id, reason: seen.append((row, row_id, reason)))
    chunks = [frame(texts[:6]), frame(texts[6:13]), frame(texts[13:])]
    out = pd.concat(list(checker.run(chunks)))
    assert out["text"].tolist() == texts
    assert out["verdict"].tolist() == ["supported"] * 7 + ["error"] + ["supported"] * 12
    assert out["error"].iloc[7] == "Boom: cannot parse 'ICE BOOM'"
    assert out["claims"].iloc[7] == ""
    assert seen == [(8, 1, "Boom: cannot parse 'ICE BOOM'")]  # row 8 overall, id 1 in chunk 2


def test_several_failures_and_blank_chunks():
    chunks = [frame(["BOOM", "BOOM"]), frame(["", np.nan]), frame(["USCIS", "BOOM", "ICE"])]
    engine = KeywordEngine()
    out = list(RowChecker(engine, "text", batch_size=64).run(chunks))
    assert [len(c) for c in out] == [2, 2, 3]
    assert pd.concat(out)["verdict"].tolist() == ["error", "error", "no_claim", "no_claim",
                                                  "supported", "error", "contradicted"]


def test_engine_that_fails_before_any_row_stops_the_run():
    class NoModel:
        def check_many(self, texts, batch_size=64, n_process=1):
            raise OSError("no model")
            yield

    with pytest.raises(OSError, match="no model"):
        check_frame(frame(["USCIS"]), "text", engine=NoModel())


def test_one_engine_stream_for_all_chunks():
    """--n-process starts workers per check_many call, so chunks must share one call."""
    engine = KeywordEngine()
    chunks = [frame(["USCIS"] * 3) for _ in range(5)]
    out = list(RowChecker(engine, "text", batch_size=2, n_process=3).run(chunks))
    assert len(out) == 5 and engine.calls == [(2, 3)]


def test_missing_column_and_clash():
    with pytest.raises(ColumnError, match="columns found: 'id', 'body'"):
        check_frame(pd.DataFrame({"id": [1], "body": ["x"]}), "text", engine=KeywordEngine())
    with pytest.raises(ColumnError, match="error"):
        check_frame(frame(["x"], error=["mine"]), "text", engine=KeywordEngine())


def test_empty_frame():
    out = check_frame(frame([]), "text", engine=KeywordEngine())
    assert len(out) == 0 and list(out.columns)[-5:] == list(ADDED_COLUMNS)


@pytest.mark.parametrize("value, kind", [
    (12, "a number"), (3.5, "a number"), (np.int64(7), "a number"), (True, "a boolean"),
    (np.bool_(False), "a boolean"), (["USCIS issues green cards"], "a list"),
    (np.array(["USCIS"]), "a list"), ({"text": "USCIS"}, "an object"), (b"USCIS", "bytes"),
], ids=repr)
def test_a_cell_that_is_not_a_string_is_a_row_error(value, kind):
    seen = []
    checker = RowChecker(KeywordEngine(), "text", id_column="id",
                         on_error=lambda row, row_id, reason: seen.append((row, row_id, reason)))
    out = next(checker.run([frame(["USCIS", value, "ICE"])]))
    reason = f"TypeError: column 'text' holds {kind}, not a string"
    assert out["verdict"].tolist() == ["supported", "error", "contradicted"]
    assert out["error"].tolist() == ["", reason, ""]
    assert out["claims"].iloc[1] == ""
    assert seen == [(2, 1, reason)]


def test_missing_cells_are_no_claim_not_errors():
    out = check_frame(pd.DataFrame({"text": [None, pd.NA, np.nan, float("nan")]}, dtype=object),
                      "text", engine=KeywordEngine())
    assert out["verdict"].tolist() == ["no_claim"] * 4
    assert out["error"].tolist() == [""] * 4


def test_invalid_cells_keep_row_numbers_across_chunks():
    seen = []
    checker = RowChecker(KeywordEngine(), "text", batch_size=2,
                         on_error=lambda row, row_id, reason: seen.append(row))
    out = pd.concat(list(checker.run([frame(["USCIS", 1]), frame([2, "BOOM", "ICE"])])))
    assert out["verdict"].tolist() == ["supported", "error", "error", "error", "contradicted"]
    assert sorted(seen) == [2, 3, 4]


@pytest.mark.parametrize("value,blank", [
    (None, True), (np.nan, True), (pd.NA, True), (pd.NaT, True), ("", True), (" \n\t", True),
    ("x", False), (0, False), ([], False), ({"a": 1}, False),
])
def test_is_blank(value, blank):
    assert is_blank(value) is blank


def test_evidence_quote_is_shortened():
    claim = Claim("ICE", "green_card", "affirmed", 0, 3, 0, 3, "issues")
    evidence = Evidence("src", "word " * 100, None, "f", title="A title " * 20)
    text = evidence_text(Finding(claim, "contradicted", "m", (evidence,)))
    assert len(text) < 300 and text.count("\u2026") == 2
    assert text.startswith("\u201cword word") and "\u201d (A title A title" in text
