"""Text structure: headings, lead lines, list items and label lines give items their agency."""

from __future__ import annotations

import pytest

from remit.markup import check_document

HEADING_LIST = """\
What USCIS does
- Grants asylum to people already here
- Issues visas to tourists
"""


def _verdicts(engine, text: str, fmt: str = "text") -> list[tuple[int, str, str, str]]:
    """(line, agency, function, verdict) of every asserted finding."""
    result = check_document(engine, "doc", text, fmt)
    return [(r["line"], r["agency"], r["function"], r["verdict"]) for r in result.records()
            if r["asserted"]]


def test_items_under_a_heading_are_claims_of_its_agency(engine):
    assert _verdicts(engine, HEADING_LIST) == [
        (2, "USCIS", "asylum", "supported"), (3, "USCIS", "visa_issuance", "contradicted")]


def test_markdown_heading_and_list_items(engine):
    text = "## What USCIS does\n\n* Grants asylum to people already here\n* Issues visas\n"
    assert [(a, f, v) for _, a, f, v in _verdicts(engine, text, "markdown")] == [
        ("USCIS", "asylum", "supported"), ("USCIS", "visa_issuance", "contradicted")]


def test_a_nominal_item_is_a_role(engine):
    text = "U.S. Citizenship and Immigration Services\nGreen cards\nNaturalization\n"
    assert [(line, f) for line, _, f, _ in _verdicts(engine, text)] == [
        (2, "green_card"), (3, "naturalization")]


def test_a_lead_line_gives_its_agency_and_a_pronoun_lead_the_one_just_named(engine):
    text = "ERO is the arm of ICE for removals. They:\n- Run detention centers\n- Carry out removals\n"
    got = [(line, a, f) for line, a, f, _ in _verdicts(engine, text)]
    assert (2, "ERO", "detention") in got and (3, "ERO", "removal") in got


def test_a_lead_its_items_complete(engine):
    text = "HSI handles cases involving:\n- human trafficking\n- fraud with documents\n"
    got = {(line, a, f, v) for line, a, f, v in _verdicts(engine, text)}
    assert (2, "HSI", "trafficking_smuggling_investigation", "supported") in got


@pytest.mark.parametrize("text", [
    "Things ICE does not do:\n- Issue green cards\n- Grant asylum\n",
    "Myths about ICE:\n- Issues green cards\n",
    "Critics say CBP does these things:\n- Issues green cards\n",
    "ICE and USCIS together:\n- Issue green cards\n",
])
def test_a_lead_that_denies_reports_or_names_two_gives_no_agency(engine, text):
    assert not [v for line, _, _, v in _verdicts(engine, text) if line > 1]


@pytest.mark.parametrize(("text", "function"), [
    ("USCIS: green cards, citizenship\n", "green_card"),
    ("ERO → deportation\n", "removal"),
    ("CBP = border security and the ports of entry\n", "border_security"),
    ("SSA - Social Security numbers\n", "social_security_numbers"),
    ("DOL -> work permits\n", "work_permit"),  # a noun that is also a verb ('work')
    ("| Agency | Role |\n| --- | --- |\n| CBP | border security at the ports |\n",
     "border_security"),
])
def test_label_lines_are_claims(engine, text, function):
    agency = text.splitlines()[-1].strip("| ").split()[0].rstrip(":")
    assert (agency, function) in [(a, f) for _, a, f, _ in _verdicts(engine, text)]


def test_a_title_after_an_agency_is_not_a_claim(engine):
    assert _verdicts(engine, "ICE: Processes for Green Card Holders\n") == []


def test_prose_ends_the_run(engine):
    text = ("What USCIS does\n- Grants asylum to people already here\n"
            "The office is busy this year and hires staff.\nIssues visas\n")
    got = [(line, f) for line, _, f, _ in _verdicts(engine, text)]
    assert (2, "asylum") in got and not [f for line, f in got if line == 4]


def test_an_item_naming_its_own_agency_is_read_as_written(engine):
    text = "What USCIS does\n- Naturalization: the State Department issues visas abroad\n"
    got = {(a, f) for _, a, f, _ in _verdicts(engine, text)}
    assert ("DOS", "visa_issuance") in got and ("USCIS", "visa_issuance") not in got


def test_each_item_is_its_own_sentence(engine):
    result = check_document(engine, "doc", HEADING_LIST, "text")
    sentences = [r["sentence"] for r in result.records()]
    assert sentences == ["- Grants asylum to people already here", "- Issues visas to tourists"]


def test_a_claim_of_an_item_points_at_the_item(engine):
    result = check_document(engine, "doc", HEADING_LIST, "text")
    assert [(r["line"], r["column"]) for r in result.records()] == [(2, 3), (3, 3)]


@pytest.mark.parametrize(("text", "fmt"), [
    ("## What ICE does not do\n\n- Issue visas\n", "markdown"),
    ("## Questions about USCIS\n\n- Issues visas\n", "markdown"),
    ("ICE doesn't:\n- issue visas\n", "text"),
    ("In the future, ICE will:\n- issue visas\n", "text"),
    ("What ICE did in 2019:\n- Issued green cards to farmworkers\n", "text"),
    ("Call ICE only if you must. Our lawyers:\n- issue green cards\n", "text"),
    ("# USCIS\n\n## Tips for renters\n\n- Deports tenants\n", "markdown"),
    ("| Task | USCIS | ICE |\n| --- | --- | --- |\n| Green cards | yes | no |\n", "markdown"),
    ("USCIS: not deportation\n", "text"),
    ("ICE: maybe visas\n", "text"),
    ("## Former INS\n\n- Deports people\n", "markdown"),
    ("# CBP\n\n- Home\n- Visas\n- Green cards\n", "markdown"),  # a menu: nouns are topics
])
def test_layouts_that_must_not_raise_an_alarm(engine, text, fmt):
    assert "contradicted" not in [v for *_, v in _verdicts(engine, text, fmt)]


@pytest.mark.parametrize("text", [
    "USCIS is not just the gatekeeper for naturalization.",
    "In 1995, CBP was tasked with issuing visas.",
])
def test_construction_readings_that_must_not_raise_an_alarm(engine, text):
    assert "contradicted" not in [v for *_, v in _verdicts(engine, text)]
