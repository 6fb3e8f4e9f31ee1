"""The curator's commands: rules list facts, rules show, rules stale, --max-fact-age."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from remit.rules.catalogue import (
    UnknownRecordError,
    fact_age_note,
    list_facts,
    show_record,
    stale_facts,
)
from remit.rules.loader import load_table

TABLE = load_table()
TODAY = dt.date(2026, 6, 1)


def test_facts_filtered_with_quotes_sources_and_dates():
    rows = list_facts(TABLE, agency="USCIS", function="green_card")
    assert [r["id"] for r in rows] == ["uscis-issues-green-cards"]
    (row,) = rows
    assert row["as_of"] and row["stance"] == "performs" and row["exclusive"]
    assert all(q["kind"] in {"primary", "secondary"} and q["quote"] for q in row["evidence"])
    contested = list_facts(TABLE, stance="contested")
    assert contested and {r["stance"] for r in contested} == {"contested"}


@pytest.mark.parametrize("kw", [{"agency": "ICEE"}, {"function": "green_cards"}])
def test_unknown_filter_ids(kw):
    with pytest.raises(UnknownRecordError, match="unknown"):
        list_facts(TABLE, **kw)


SHOW = [  # id, kind, something that refers to it
    ("USBP", "agency", {"kind": "fact", "id": "usbp-apprehends"}),
    ("green_card", "function", {"kind": "fact", "id": "uscis-issues-green-cards"}),
    ("uscis-issues-green-cards", "fact", {"kind": "agency", "id": "USCIS"}),
    ("cbp-mission", "source", {"kind": "agency", "id": "USBP", "as": "parent evidence"}),
]


@pytest.mark.parametrize("rid, kind, ref", SHOW, ids=[s[0] for s in SHOW])
def test_show_any_table_record_with_its_references(rid, kind, ref):
    shown = show_record(TABLE, {}, rid)
    assert shown["kind"] == kind and shown["record"]["id"] == rid
    assert ref in shown["referenced_by"]


def test_show_a_grammar_record():
    from remit.claims.grammar import load_grammar

    shown = show_record(TABLE, load_grammar()[0], "passive-charged-with")
    assert shown["kind"] == "construction"
    assert shown["record"]["defined_at"].startswith("remit/claims/data/constructions/")


def test_stale_facts_oldest_first():
    rows = stale_facts(TABLE, 20, today=TODAY)
    dates = [r["as_of"] for r in rows]
    assert rows and dates == sorted(dates) and all(d < "2006-06-01" for d in dates)
    assert stale_facts(TABLE, 1000, today=TODAY) == []


def test_recent_changes_are_dated_recently():
    for fid in ("uscis-arrest-contested", "uscis-fraud-contested"):
        assert TABLE.facts[fid].as_of >= dt.date(2025, 1, 1)
        assert fact_age_note(TABLE, [fid], 1, today=TODAY) is None
    # CBP One appointments ended on 2025-01-20
    assert TABLE.facts["cbp-cbp-one-appointments-former"].as_of == dt.date(2025, 1, 20)
    assert fact_age_note(TABLE, ["cbp-cbp-one-appointments-former"], 2, today=TODAY) is None
    note = fact_age_note(TABLE, ["dol-not-work-permits"], 10, today=TODAY)
    assert note and "dol-not-work-permits" in note and "2002-01-01" in note


@pytest.mark.parametrize("args", [
    ["list", "facts", "--agency", "ICEE"],
    ["list", "agencies", "--stance", "performs"],
    ["show", "no-such-record"],
])
def test_cli_errors_are_one_line_exit_2(run, args):
    result = run("rules", *args)
    assert result.exit_code == 2 and result.output.count("\n") == 1, result.output
    assert result.output.startswith("remit: error: ")


def test_cli_json_and_text(run):
    data = json.loads(run("rules", "list", "facts", "--function", "green_card",
                          "-f", "json").output)
    assert {r["agency"] for r in data} >= {"USCIS", "ICE"}
    shown = json.loads(run("rules", "show", "ERO", "-f", "json").output)
    assert {"kind": "agency", "id": "ERO"} == {k: shown[k] for k in ("kind", "id")}
    text = run("rules", "stale", "--older-than", "15").output
    assert "as of 2002-01-01" in text and "fact(s) older than 15 years" in text


def test_check_notes_an_old_deciding_fact(run):
    text = "The Labor Department grants work permits."
    plain = run("check", "-", input=text).output
    noted = run("check", "--max-fact-age", "10", "-", input=text).output
    assert "re-check it" not in plain
    assert "the deciding fact 'dol-not-work-permits' is as of 2002-01-01" in noted


def test_max_fact_age_from_the_configuration(run, tmp_path):
    (tmp_path / ".remit.toml").write_text("max_fact_age = 10\n", encoding="utf-8")
    page = tmp_path / "page.txt"
    page.write_text("The Labor Department grants work permits.\n", encoding="utf-8")
    assert "re-check it" in run("check", str(page)).output
    (tmp_path / ".remit.toml").write_text("max_fact_age = -1\n", encoding="utf-8")
    bad = run("check", str(page))
    assert bad.exit_code == 2 and "max_fact_age" in bad.output
