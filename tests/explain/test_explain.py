"""``remit explain``: the explanation as data, text, JSON and HTML (one model per session).

The tables are the grammar's own records: every construction record's first ``pass`` example
must be explained as read by that record, and every cue record's as marked by a cue of its
effect, with the words that triggered it.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess

import pytest

from remit.claims.grammar import constructions, cues, load_grammar
from remit.explain import explain_text

MERGED = load_grammar()[0]
CONSTRUCTIONS = [loc.record for loc in constructions(MERGED)]
CUES = [loc.record for loc in cues(MERGED)]
BY_ID = {record.id: record for record in CONSTRUCTIONS}
CHROMIUM = "/usr/bin/chromium"


def _first_pass(record) -> str:
    return record.examples.pass_[0].split("=>")[0].strip()


def _claims(explanation: dict) -> list[dict]:
    return [c for s in explanation["sentences"] for c in s["claims"]]


@pytest.mark.parametrize("record", CONSTRUCTIONS, ids=lambda r: r.id)
def test_each_construction_is_named_with_its_slots(engine, record):
    claims = _claims(explain_text(_first_pass(record), engine))
    # a record that hands its content to others ('X is a unit of Y') is named in 'through'
    read = [c for c in claims if record.id in (c["construction"], *c["through"])]
    assert read, f"{record.id}: claims read by {[c['construction'] for c in claims]}"
    reader = BY_ID[read[0]["construction"]]
    assert read[0]["construction_description"] == reader.description
    assert read[0]["slots"], "the bound slots are shown"
    assert set(read[0]["slots"]) <= {node.RIGHT_ID for node in reader.pattern}


@pytest.mark.parametrize("record", CUES, ids=lambda r: r.id)
def test_each_cue_is_explained_with_its_words(engine, record):
    claims = _claims(explain_text(_first_pass(record), engine))
    shown = [q for c in claims for q in c["cues"] if q["effect"] == record.effect]
    assert shown, f"{record.id}: no cue of effect {record.effect} shown"
    assert all(q["words"] for q in shown), shown


def test_findings_are_those_of_check(engine):
    text = ("Critics say ICE, not USCIS, approves green cards. ERO detains noncitizens. "
            "It also deports people. Border Patrol is part of ICE.")
    explained = explain_text(text, engine)["findings"]
    assert explained == [f.to_dict(text) for f in engine.check(text)]


def test_a_contradicted_claim_names_its_facts_and_path(engine):
    (sentence,) = explain_text("HSI issues green cards.", engine)["sentences"]
    assert sentence["mentions"] == [{"text": "HSI", "agency": "HSI", "start": 0, "end": 3,
                                     "how": 'alias "HSI"'}]
    (claim,) = sentence["claims"]
    assert claim["verdict"] == "contradicted" and claim["path"] == ["HSI", "ICE", "DHS", "EXEC"]
    assert claim["verdict_reason"].startswith("contradicted: USCIS, not HSI")
    facts = {f["id"]: f for f in claim["facts"]}
    owner = facts["uscis-issues-green-cards"]
    assert owner["stance"] == "performs" and owner["exclusive"] and owner["as_of"]
    assert {q["kind"] for q in owner["evidence"]} <= {"primary", "secondary"}
    assert claim["trigger"]["object"] == "green card"


def test_the_hierarchy_path_of_a_part(engine):
    (sentence,) = explain_text("ICE detains noncitizens.", engine)["sentences"]
    (claim,) = sentence["claims"]
    assert claim["verdict"] == "supported"
    # ICE's own fact or ERO's: either way the path runs up from ICE
    assert claim["path"][0] == "ICE"
    if claim["via"]:
        assert claim["hierarchy"].startswith(f"{claim['via']} ⊂ ICE")


def test_a_sentence_with_no_claim_says_why(engine):
    (sentence,) = explain_text("The USCIS office downtown is a busy place.", engine)[
        "sentences"]
    assert sentence["claims"] == []
    assert "USCIS" in sentence["no_claim"]["why"]
    nearest = sentence["no_claim"]["nearest"]
    assert nearest and all(0 < n["matched"] < n["nodes"] and n["missing"] for n in nearest)
    assert {n["id"] for n in nearest} <= {r.id for r in CONSTRUCTIONS}


def test_sentences_without_an_agency_are_left_out(engine):
    assert explain_text("The weather was fine. Nobody came.", engine)["sentences"] == []


def test_cli_text_json_and_errors(run):
    result = run("explain", "Critics say ICE processes asylum claims.")
    assert result.exit_code == 0, result.output
    out = result.output
    assert "parse" in out and "cue        reported-clause (reported)" in out
    assert re.search(r"verdict +unknown \(not asserted: reported speech\)", out)
    data = json.loads(run("explain", "-f", "json", "-", input="ICE issues visas.").output)
    assert data["path"] == "-" and data["sentences"][0]["claims"][0]["facts"]
    old = run("explain", "--max-fact-age", "10", "The Labor Department grants work permits.")
    assert "note: the deciding fact 'dol-not-work-permits' is as of 2002-01-01" in old.output
    empty = run("explain", "   ")
    assert empty.exit_code == 2 and empty.output.count("\n") == 1


def test_cli_reads_a_markdown_file(run, tmp_path):
    page = tmp_path / "page.md"
    page.write_text("# Roles\n\nUSCIS grants asylum. `ICE issues visas` is code.\n",
                    encoding="utf-8")
    data = json.loads(run("explain", "-f", "json", str(page)).output)
    assert [c["agency"] for c in data["findings"]] == ["USCIS"]
    assert (data["sentences"][0]["line"], data["sentences"][0]["column"]) == (3, 1)


@pytest.mark.skipif(shutil.which(CHROMIUM) is None,
                    reason=f"{CHROMIUM} not installed (apt-get install -y chromium)")
def test_html_page_in_headless_chromium(run, tmp_path):
    page = tmp_path / "explain.html"
    result = run("explain", "-f", "html", "-o", str(page),
                 "ICE issues green cards. USCIS grants asylum.")
    assert result.exit_code == 0, result.output
    dom = subprocess.run(
        [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
         "--disable-background-networking", f"--user-data-dir={tmp_path / 'profile'}",
         "--dump-dom", page.as_uri()],
        capture_output=True, text=True, timeout=120, check=False).stdout
    assert "displacy" in dom and "<svg" in dom, "the dependency parse is drawn"
    labels = re.findall(r'class="displacy-label"[^>]*>([a-z]+)</textPath>', dom)
    assert "amod" in labels, labels  # the arc of 'green cards'
    assert "ICE issues green cards." in dom
    assert "contradicted green_card +" in dom and "supported asylum +" in dom
    assert 'class="verdict"' in dom and "#f4a6a6" in dom
