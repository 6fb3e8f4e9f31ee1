"""Glued table rows cut back into cells (remit.runtime.cells), with offsets kept."""

from __future__ import annotations

from remit.runtime.cells import glued_rows, unglue
from remit.runtime.text import normalize_text

ROWS = glued_rows(["cbp", "ice", "uscis", "tsa"])


def _unglued(text: str):
    return unglue(normalize_text(text), ROWS)


def test_a_row_glued_after_an_acronym_is_cut_into_cells():
    text = "CBPCustoms and Border ProtectionSecures the borderAirports, seaportsBorder Patrol"
    assert _unglued(text).text == ("CBP | Customs and Border Protection | Secures the border | "
                                   "Airports, seaports | Border Patrol")


def test_an_acronym_before_a_dotted_name_is_cut():
    text = "USCISU.S. Citizenship and Immigration ServicesApproves forms"
    assert _unglued(text).text.startswith("USCIS | U.S. Citizenship")


def test_offsets_map_back_to_the_input():
    text = "Intro &amp; more\nTSATransportation Security AdministrationScreens bags"
    prepared = _unglued(text)
    at = prepared.text.index("Screens")
    assert text[prepared.to_input(at):].startswith("Screens")


def test_prose_and_other_lines_stay_as_written():
    text = "McAllen is a city. ICE works there.\nThe iPhone app of CBPOne exists."
    assert _unglued(text).text == normalize_text(text).text


def test_no_acronyms_no_pattern():
    assert glued_rows([]) is None
    assert unglue(normalize_text("CBPCustoms"), None).text == "CBPCustoms"
