"""``remit_claims`` saves its user table files with the pipeline and reads them back."""

from __future__ import annotations

import json
import shutil

import pytest
import spacy

from remit.checker import judge_all

# Makes "ICE issues green cards." unknown instead of contradicted, and adds an agency, so that
# "The Widget Bureau detains noncitizens." has a claim only with this file.
LOCAL = """\
agencies:
  - id: TWB
    name: Test Widget Bureau
    kind: office
    aliases: [Widget Bureau, Test Widget Bureau]
    parent: ICE
    parent_evidence: [{source: uscis-benefits, quote: a test quote}]
facts:
  - id: ice-not-green-cards
    agency: ICE
    function: green_card
    stance: STANCE
    as_of: 2026-01-01
    note: local policy
    evidence: [{source: uscis-benefits, quote: a test quote}]
"""
TEXTS = [
    "ICE issues green cards.",
    "The Widget Bureau detains noncitizens.",
    "USCIS does not issue visas.",
    "Border Patrol is part of ICE, and ERO never detains anyone.",
]


def write_rules(folder, stance="contested", name="local.yaml"):
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(LOCAL.replace("STANCE", stance), encoding="utf-8")
    return path


def round_trip(nlp, path):
    nlp.to_disk(path)
    return spacy.load(path)


def test_blank_pipeline_keeps_its_rules_files_in_order(tmp_path):
    first = write_rules(tmp_path / "a", "contested")
    second = write_rules(tmp_path / "b", "shares")  # same file name, later: it wins
    nlp = spacy.blank("en")
    nlp.add_pipe("remit_claims", config={"rules": [str(first), str(second)]})
    assert nlp.get_pipe("remit_claims").table.facts["ice-not-green-cards"].stance == "shares"
    nlp.to_disk(tmp_path / "saved")
    shutil.rmtree(tmp_path / "a")
    shutil.rmtree(tmp_path / "b")  # the saved pipeline must not need the originals
    component = spacy.load(tmp_path / "saved").get_pipe("remit_claims")
    folder = tmp_path / "saved" / "remit_claims"
    assert component.rules == [str(folder / "rules" / "00-local.yaml"),
                               str(folder / "rules" / "01-local.yaml")]
    assert component.table.facts["ice-not-green-cards"].stance == "shares"
    assert "TWB" in component.table.agencies


def test_a_rules_folder_is_saved_file_by_file(tmp_path):
    write_rules(tmp_path / "rules", name="one.yaml")
    (tmp_path / "rules" / "notes.txt").write_text("not a table", encoding="utf-8")
    nlp = spacy.blank("en")
    nlp.add_pipe("remit_claims", config={"rules": [str(tmp_path / "rules")]})
    loaded = round_trip(nlp, tmp_path / "saved").get_pipe("remit_claims")
    assert [r.rsplit("/", 1)[1] for r in loaded.rules] == ["00-one.yaml"]
    assert loaded.table.facts["ice-not-green-cards"].stance == "contested"


def test_without_rules_the_shipped_table_alone(tmp_path, table):
    nlp = spacy.blank("en")
    nlp.add_pipe("remit_claims")
    loaded = round_trip(nlp, tmp_path / "saved").get_pipe("remit_claims")
    listing = tmp_path / "saved" / "remit_claims" / "rules.json"
    assert json.loads(listing.read_text(encoding="utf-8")) == {"rules": []}
    assert loaded.rules == []
    assert loaded.table.facts == table.facts


def test_a_folder_without_the_list_keeps_the_configured_rules(tmp_path):
    rules = write_rules(tmp_path)
    nlp = spacy.blank("en")
    component = nlp.add_pipe("remit_claims", config={"rules": [str(rules)]})
    (tmp_path / "old").mkdir()
    assert component.from_disk(tmp_path / "old") is component
    assert component.rules == [str(rules)]


def outputs(nlp):
    """Claims, spans and verdicts (judged on the component's own table) of each text."""
    table = nlp.get_pipe("remit_claims").table
    out = []
    for doc in nlp.pipe(TEXTS):
        claims = doc._.remit_claims
        spans = [(s.start_char, s.end_char, s.label_) for s in doc.spans["remit_claims"]]
        out.append((claims, spans, [f.verdict for f in judge_all(claims, table)]))
    return out


@pytest.mark.model
def test_parsed_pipeline_judges_the_same_after_a_round_trip(tmp_path, engine):
    from remit.engine import load_model

    rules = write_rules(tmp_path / "mine")
    nlp = load_model()
    nlp.add_pipe("remit_claims", config={"rules": [str(rules)]})
    before = outputs(nlp)
    nlp.to_disk(tmp_path / "saved")
    shutil.rmtree(tmp_path / "mine")
    after = outputs(spacy.load(tmp_path / "saved"))
    assert after == before
    verdicts = [v for _, _, v in after]
    assert verdicts[0] == ["unknown"]  # the user's fact, not the shipped one
    assert [c.agency for c in after[1][0]] == ["TWB"]  # the user's agency
    shipped = outputs(engine.nlp)
    assert [v for _, _, v in shipped][0] == ["contradicted"]
    assert shipped[1][0] == []
    assert shipped[2:] == after[2:]


def test_engine_judges_with_the_table_of_a_given_pipeline(tmp_path):
    """Engine(nlp=...) with a saved remit_claims judges with that component's rules."""
    from remit.engine import Engine, load_model

    rules = write_rules(tmp_path / "mine")
    nlp = load_model()
    nlp.add_pipe("remit_claims", config={"rules": [str(rules)]})
    nlp.to_disk(tmp_path / "saved")
    engine = Engine(nlp=spacy.load(tmp_path / "saved"))
    assert [f.verdict for f in engine.check("ICE issues green cards.")] == ["unknown"]
    assert [f.claim.agency for f in engine.check("The Widget Bureau detains noncitizens.")] == [
        "TWB"]


def test_engine_refuses_rules_beside_a_pipeline_that_has_its_own(tmp_path):
    from remit.engine import Engine

    nlp = spacy.blank("en")
    nlp.add_pipe("remit_claims")
    with pytest.raises(ValueError, match="its own rules"):
        Engine(nlp=nlp, rules=[str(write_rules(tmp_path))])
