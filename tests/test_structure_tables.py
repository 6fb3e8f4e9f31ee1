"""Sentence units, table rows and time in whole documents (``cases/structure_i.yaml``), and the
text-level rules under them: where an abbreviation ends a sentence, tabs as cell marks, an
agency's domain opening a row, a table's header, semicolons in a row's cell.

The cases themselves run in ``test_structure_cases.py`` with the other ``structure_*.yaml``
files; this module checks their formats and unit-tests the rules.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from remit.runtime.cells import glued_rows, unglue
from remit.runtime.prefilter import split_sentences
from remit.runtime.text import normalize_text, prepare_text

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "structure_i.yaml").read_text("utf-8"))


def test_every_format_is_covered():
    assert {c["format"] for c in CASES} == {"markdown", "html", "text"}


def _sentences(engine, text: str) -> list[str]:
    doc = engine.nlp.make_doc(prepare_text(text))
    return [doc.text[s.start_char:s.end_char] for s in split_sentences(doc)]


@pytest.mark.parametrize(("text", "count"), [
    ("Ports are busy in the U.S. They are run by CBP.", 2),
    ("Forms, fees, etc. The office answers letters.", 2),
    ("Air travel is busiest in the U.S. TSA screens bags.", 2),
    ("Agents of the U.S. Coast Guard board boats.", 1),  # a name after 'U.S.'
    ("Agents of the U.S. ICE agency arrived.", 1),  # no verb after the acronym
    ("He met U.S. ICE is what they said.", 1),  # no 'the' before 'U.S.'
    ("Offices in Washington, D.C. Many are open.", 2),
    ("Offices in Washington, D.C. I think so.", 1),  # 'I' is no opener ('World War I')
])
def test_an_abbreviation_ends_a_sentence_only_before_a_clause(engine, text, count):
    assert len(_sentences(engine, text)) == count, _sentences(engine, text)


def test_semicolons_end_points_in_table_rows(engine):
    row = "| notes | CRS | State issues visas; USCIS approves petitions; and more |"
    assert len(_sentences(engine, row)) == 2  # 'and more' goes on in lower case


def test_a_semicolon_ends_a_sentence_between_two_subjects_clauses(engine):
    prose = "State issues visas; the USCIS approves petitions; immigration judges decide cases."
    assert len(_sentences(engine, prose)) == 3
    # one subject's list, a clause that points back, a list of nouns: one sentence each
    for text in ("USCIS approves petitions; grants asylum; issues green cards.",
                 "ICE does not patrol the border; that is the Border Patrol's job.",
                 "ICE has three directorates: ERO; HSI; and OPLA.",
                 "Its tasks include visas; passports; and travel advice."):
        assert len(_sentences(engine, text)) == 1, text


def test_a_tab_between_cells_is_a_cell_mark():
    text = "Intro line\ncbp.gov\tDepartment of Labor\nice.gov\t\tDepartment of Justice\n\tindented"
    assert prepare_text(text) == ("Intro line\n\ncbp.gov | Department of Labor\n\n"
                                  "ice.gov | Department of Justice\n\nindented")
    assert prepare_text("USCIS\tgrants\tasylum") == "USCIS grants asylum"


def test_an_agency_domain_opening_a_row_reads_as_its_acronym():
    rows = glued_rows(["cbp", "ice"])
    text = "cbp.gov\tDepartment of Labor\nSee ice.gov | here\nhttps://www.ice.gov/x | y"
    prepared = unglue(normalize_text(text), rows)
    assert prepared.text.startswith("CBP | Department of Labor")
    assert "See ice.gov | here" in prepared.text and "https://www.ice.gov/x" in prepared.text
    assert text[prepared.to_input(0):].startswith("cbp.gov")
    at = prepared.text.index("Department")
    assert text[prepared.to_input(at):].startswith("Department")


def test_a_frame_before_a_semicolon_keeps_the_sentence_whole(engine):
    for text in ("According to the leaflet, ICE issues visas; CBP decides asylum cases.",
                 "Myth: ICE issues green cards; the Border Patrol decides asylum claims.",
                 "If ICE issues visas; the Border Patrol approves petitions."):
        assert len(_sentences(engine, text)) == 1, text
    # a sentence end before it bounds the frame and the verb before the semicolon
    assert len(_sentences(engine, "Critics say a lot. ICE issues notices; USCIS approves "
                                  "petitions.")) == 3
