"""A name with its acronym in brackets ('Customs and Border Protection (CBP) ...'): read as one
subject, reported once, at the name."""

from __future__ import annotations

import pytest


def _claims(engine, text: str):
    nlp = engine.nlp
    return nlp.get_pipe("remit_claims").extractor.claims(nlp(text))


@pytest.mark.parametrize(("text", "agency", "function"), [
    ("Immigration and Customs Enforcement (ICE) detains people awaiting their hearings.",
     "ICE", "detention"),
    ("Customs and Border Protection (CBP) hands out green cards.", "CBP", "green_card"),
    ("U.S. Citizenship and Immigration Services (USCIS) grants asylum to refugees.",
     "USCIS", "asylum"),
])
def test_one_claim_at_the_name(engine, text, agency, function):
    claims = [c for c in _claims(engine, text) if c.function == function]
    assert [(c.agency, c.start) for c in claims] == [(agency, 0)]


def test_a_bracket_after_a_listed_name_is_not_skipped(engine):
    # the agency in a list is no subject of the verb after its bracket
    text = ("Officers of the department, mainly Customs and Border Protection (CBP), can send "
            "people home.")
    assert not [c for c in _claims(engine, text) if c.agency == "CBP" and c.function]
