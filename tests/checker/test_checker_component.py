"""The ``remit_checker`` component on hand-built docs: the parse is not the point here.

The claims are set on the doc by hand, as ``remit_claims`` would set them; the checker judges
them with that component's table.
"""

from __future__ import annotations

import json

import pytest
import spacy
from spacy import displacy
from spacy.tokens import Doc

import remit.checker.component  # noqa: F401 - registers the factory without the entry point
from remit.checker.visual import VERDICT_COLORS, span_options
from remit.errors import ParseRequiredError
from remit.records import Claim


@pytest.fixture(scope="module")
def nlp(table):
    nlp = spacy.blank("en")
    nlp.add_pipe("remit_claims").use_table(table)
    nlp.add_pipe("remit_checker")
    return nlp


def _doc(nlp, words: list[str], claims: list[Claim]) -> Doc:
    doc = Doc(nlp.vocab, words=words)
    doc._.remit_claims = claims
    return nlp.get_pipe("remit_checker")(doc)


def _claim(agency, function, start, end, sent_end, polarity="affirmed", **kw) -> Claim:
    return Claim(agency=agency, function=function, polarity=polarity, start=start, end=end,
                 sent_start=0, sent_end=sent_end, predicate="p", **kw)


CASES = [  # words, claim, verdict, correction
    (["ICE", "issues", "green", "cards", "."], ("ICE", "green_card", 0, 3), "contradicted",
     "USCIS"),
    (["USCIS", "grants", "asylum", "."], ("USCIS", "asylum", 0, 5), "supported", None),
]


@pytest.mark.parametrize("words, claim, verdict, correction", CASES,
                         ids=[c[2] for c in CASES])
def test_findings_are_plain_data(nlp, words, claim, verdict, correction):
    text_end = len(" ".join(words))
    doc = _doc(nlp, words, [_claim(*claim, text_end)])
    (finding,) = doc._.remit_findings
    assert finding["verdict"] == verdict and finding["correction"] == correction
    assert finding["evidence"] and finding["message"]
    json.dumps(doc._.remit_findings)  # plain data: no dataclass, no Span
    data = doc.to_json(underscore=["remit_findings"])
    assert data["_"]["remit_findings"][0]["verdict"] == verdict
    assert doc.to_json()["spans"]["remit_claims"][0]["label"].startswith(verdict)


def test_a_reported_claim_is_never_contradicted(nlp):
    doc = _doc(nlp, ["they", "say", "ICE", "issues", "green", "cards"],
               [_claim("ICE", "green_card", 9, 12, 34, assertion="reported")])
    (finding,) = doc._.remit_findings
    assert finding["verdict"] == "unknown" and "would say contradicted" in finding["message"]


def test_spans_show_verdict_and_polarity_in_colour(nlp):
    doc = _doc(nlp, ["ICE", "issues", "green", "cards", ";", "USCIS", "does", "not", "."],
               [_claim("ICE", "green_card", 0, 3, 36),
                _claim("USCIS", "green_card", 22, 27, 36, polarity="negated")])
    labels = [s.label_ for s in doc.spans["remit_claims"]]
    assert labels == ["contradicted green_card +", "contradicted green_card −"]
    options = span_options(doc)
    assert options["colors"] == {label: VERDICT_COLORS["contradicted"] for label in labels}
    page = displacy.render(doc, style="span", options=options)
    assert "contradicted green_card +" in page and VERDICT_COLORS["contradicted"] in page


def test_without_claims_the_checker_says_what_it_needs(nlp):
    doc = Doc(nlp.vocab, words=["ICE"])
    doc._.remit_claims = None
    with pytest.raises(ParseRequiredError, match="remit_claims"):
        nlp.get_pipe("remit_checker")(doc)
