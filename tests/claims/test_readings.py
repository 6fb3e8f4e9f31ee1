"""Choosing between readings of a sentence's claims: pure functions, no model, no table."""

from __future__ import annotations

from remit.claims.readings import choose_readings, mark_paired, settled_readings
from remit.records import Claim


def claim(agency, function, predicate="p", **kw):
    return Claim(agency=agency, function=function, polarity="affirmed", start=kw.pop("start", 0),
                 end=3, sent_start=0, sent_end=10, predicate=predicate, **kw)


def test_an_unsettled_contrast_beside_a_settled_claim_is_dropped():
    claims = [claim("USCIS", "green_card"), claim("ERO", "detention", via="contrast", start=9)]
    assert settled_readings(claims, ["supported", "unknown"]) == claims[:1]
    assert settled_readings(claims, ["unknown", "unknown"]) == claims


def test_unasserted_and_future_readings_are_kept():
    claims = [claim("USCIS", "green_card"), claim("USCIS", "mail", assertion="question"),
              claim("USCIS", "visa", future=True)]
    assert settled_readings(claims, ["supported", "unknown", "unknown"]) == claims


def test_paired_is_marked_only_beside_a_supported_pairing():
    claims = [claim("A", "f"), claim("A", "g"), claim("B", "f"), claim("B", "g")]
    marked = mark_paired(claims, ["supported", "contradicted", "contradicted", "supported"])
    assert [c.paired for c in marked] == [False, True, True, False]
    assert not any(c.paired for c in mark_paired(claims[2:3], ["contradicted"]))


def test_choose_readings_drops_a_paired_reading_its_mention_settles():
    claims = [claim("A", "f"), claim("A", "g"), claim("B", "f", start=5), claim("B", "g", start=5)]
    table = {("A", "f"): "supported", ("A", "g"): "contradicted",
             ("B", "f"): "contradicted", ("B", "g"): "supported"}
    kept = choose_readings(claims, lambda c: table[(c.agency, c.function)])
    assert [(c.agency, c.function) for c in kept] == [("A", "f"), ("B", "g")]
