"""remit.runtime.setapart: what a page sets apart as claims it means to deny."""

from types import SimpleNamespace

from remit.claims.lexicon import load_lexicon
from remit.runtime.setapart import distanced


def _sentences(text: str) -> list:
    """One sentence per line, as (start_char, end_char)."""
    out, at = [], 0
    for line in text.split("\n"):
        if line.strip():
            out.append(SimpleNamespace(start_char=at, end_char=at + len(line)))
        at += len(line) + 1
    return out


def test_items_under_a_myths_lead_are_set_apart_until_the_next_lead():
    text = ("Myths you may hear:\n- ICE issues green cards.\n- USCIS deports people.\n"
            "What ICE does:\n- ICE detains people.\n")
    found = distanced(text, _sentences(text), load_lexicon())
    assert found.items == {1, 2}


def test_a_plain_lead_sets_nothing_apart():
    text = "What ICE does:\n- ICE detains people.\n- ICE deports people.\n"
    assert not distanced(text, _sentences(text), load_lexicon()).items


def test_the_cells_under_a_myth_column_row_by_row():
    text = ("| Misconception | Reality |\n|---|---|\n"
            "| ICE grants green cards | USCIS grants green cards |\n")
    sentences = _sentences(text)
    found = distanced(text, sentences, load_lexicon())
    (start, end), = found.cells[2]
    assert text[start:end].strip() == "ICE grants green cards"
    assert 0 not in found.cells and 1 not in found.cells


def test_a_section_under_a_myths_heading_until_the_next_heading():
    text = "# Common myths\nICE issues green cards.\n# What ICE does\nICE detains people.\n"
    found = distanced(text, _sentences(text), load_lexicon())
    assert found.items == {1}
