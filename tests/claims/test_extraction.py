"""Extraction cases from tests/cases/claims.yaml, run through the real English model."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from remit.runtime.text import prepare_text

CASES = yaml.safe_load((Path(__file__).parents[1] / "cases" / "claims.yaml").read_text("utf-8"))


def _describe(claim) -> set[str]:
    """All the spellings a case may use for one claim."""
    base = f"{claim.agency} {claim.key} {claim.polarity}"
    out = {base, f"{base} {claim.assertion}"}
    if claim.exclusive:
        out |= {f"{base} only", f"{base} {claim.assertion} only"}
    return out


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_extraction(case, engine):
    doc = engine.nlp(prepare_text(case["text"]))
    claims = doc._.remit_claims
    found = set().union(*(_describe(c) for c in claims)) if claims else set()
    if case.get("none"):
        assert claims == [], found
    for expected in case.get("claims", []):
        assert expected in found, f"missing {expected!r}; found {sorted(found)}"
    for unexpected in case.get("absent", []):
        assert unexpected not in found, f"unexpected {unexpected!r}"


def test_component_registered_by_entry_point():
    import spacy

    nlp = spacy.blank("en")
    nlp.add_pipe("remit_claims")
    assert "remit_claims" in nlp.pipe_names


def test_results_are_plain_data(engine):
    import pickle

    doc = engine.nlp("ICE issues green cards.")
    claims = pickle.loads(pickle.dumps(doc._.remit_claims))
    assert [(c.agency, c.function) for c in claims] == [("ICE", "green_card")]
    assert [s.text for s in doc.spans["remit_claims"]] == ["ICE"]


@pytest.mark.parametrize("text, mention", [
    ("U.S. Customs &amp; Border Protection  runs the ports of entry.",
     "U.S. Customs &amp; Border Protection"),
    ("&lt;b&gt;USCIS&lt;/b&gt; decides green card applications.", "USCIS"),
    ("<p>The Border   Patrol\n patrols the border.</p>", "Border   Patrol"),
    ("ICE&apos;s officers do not issue visas.", "ICE"),
])
def test_noisy_text_reports_positions_in_the_input(engine, text, mention):
    findings = engine.check(text)
    assert findings, "the claim survives the noise"
    claim = findings[0].claim
    assert text[claim.start : claim.end] == mention


def test_normalize_text_maps_every_offset():
    from remit.runtime.text import normalize_text

    text = "A &amp; B\n\nC   D <b>E</b>"
    prepared = normalize_text(text)
    assert prepared.text == "A & B\n\nC D E "
    assert len(prepared.origin) == len(prepared.text) + 1
    assert text[prepared.to_input(prepared.text.index("E"))] == "E"
    assert prepared.to_input(len(prepared.text)) == len(text)


@pytest.mark.parametrize(("text", "clean"), [
    ("ICE dosen't issue visas.", "ICE doesn't issue visas."),
    ("Dosent matter.", "Doesn't matter."),
    ("USCIS does't deport.", "USCIS doesn't deport."),
    ("ICE is’nt part of CBP.", "ICE isn’t part of CBP."),
    ("It does'nt.", "It doesn't."),
    ("ICE doesnt, and dosn’t, decide.", "ICE doesnt, and doesn’t, decide."),
    ("The docent isn't here; islands aren't nt.", "The docent isn't here; islands aren't nt."),
])
def test_misspelt_negations_are_mended(text, clean):
    from remit.runtime.text import normalize_text

    prepared = normalize_text(text)
    assert prepared.text == clean
    last = prepared.text.rindex(".")
    assert text[prepared.to_input(last)] == "."  # offsets still reach the input


@pytest.mark.parametrize("text", ["ICE dosen't issue green cards.",
                                  "ICE does'nt issue green cards.",
                                  "USCIS dosent deport people."])
def test_a_misspelt_negation_still_negates(engine, text):
    [finding] = engine.check(text)
    assert finding.claim.polarity == "negated" and finding.verdict == "supported"
    assert text[finding.claim.start : finding.claim.end] in {"ICE", "USCIS"}


@pytest.mark.parametrize(("text", "scope", "verdict"), [
    ("ICE does not deport U.S. citizens.", "U.S. citizens", "unknown"),
    ("ICE does not arrest people at churches.", "churches", "unknown"),
    ("USCIS does not issue green cards to people with criminal records.", "criminal records",
     "unknown"),
    ("ICE does not deport people.", None, "contradicted"),
    ("ICE does not deport non-citizens.", None, "contradicted"),
    ("CBP does not inspect cargo at ports of entry.", None, "contradicted"),
    ("The Justice Department does not defend removal orders in federal court.", None,
     "contradicted"),  # the function's own words
    ("ICE does not issue green cards to children.", "children", "supported"),
])
def test_denials_narrowed_below_the_role(engine, text, scope, verdict):
    [finding] = engine.check(text)
    assert finding.claim.polarity == "negated"
    assert (finding.claim.scope, finding.verdict) == (scope, verdict)


def test_fuzzy_names_found_anywhere(engine):
    from remit.claims.mentions import within_one_edit

    assert within_one_edit("secruity", "security")       # swapped letters
    assert not within_one_edit("patrol", "control")
    doc = engine.nlp.make_doc("Yesterday the Boarder Patrol and Homeland Secruity Investigations met.")
    extractor = engine.nlp.get_pipe("remit_claims").extractor
    assert [(m.text, m.label_) for m in extractor.mentions(doc)] == [
        ("Boarder Patrol", "USBP"), ("Homeland Secruity Investigations", "HSI")]


@pytest.mark.parametrize("text", ["The INS handled naturalization until 2003.",
                                  "The INS used to handle naturalization."])
def test_past_roles_of_an_abolished_agency_are_not_current(engine, text):
    [finding] = [f for f in engine.check(text) if f.claim.agency == "INS"]
    assert finding.claim.future and finding.verdict == "unknown"


def test_gapped_trigger_objects():
    from remit.claims.triggers import find_span

    words = [frozenset({w}) for w in "remove without ever bring them before judge".split()]
    assert find_span(words, ("remove", "without", "...", "judge")) == (0, 7)
    assert find_span(words, ("remove", "without")) == (0, 2)
    assert find_span(words, ("without", "...", "court")) == (-1, -1)
    far = [frozenset({w}) for w in "without a b c d e f judge".split()]
    assert find_span(far, ("without", "...", "judge")) == (-1, -1)  # more than five words


def test_expedited_removal_is_not_the_judges_decision(engine):
    [finding] = engine.check(
        "ICE officers can order some people removed without ever bringing them before a judge.")
    assert (finding.claim.function, finding.verdict) == ("expedited_removal", "supported")


def test_anaphor_candidates_are_the_words_resolve_anaphora_reads(engine):
    """Candidates by lower case ('it', 'its', 'they', 'the latter', 'officers') or by lemma
    ('The Agency')."""
    extractor = engine.nlp.get_pipe("remit_claims").extractor
    doc = engine.nlp("ICE arrests people. It also runs detention. The Agency and THEY "
                     "and its officers, the latter too, and Its staff.",
                     disable=["remit_claims"])
    words = [doc[i].lower_ for i in extractor._anaphor_candidates(doc)]
    assert words == ["it", "agency", "they", "its", "officers", "latter", "its", "staff"]
    assert extractor._anaphor_candidates(engine.nlp("ICE issues visas.")) == []
