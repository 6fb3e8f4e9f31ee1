"""Verdict logic on a small hand-built table: no spaCy, no shipped data."""

from __future__ import annotations

import pytest

from remit.checker import decide, judge, judge_all
from remit.records import Claim, roll_up
from remit.rules.loader import load_table

TABLE = """
sources:
  - {id: s, title: T, publisher: P, url: "https://example.org/", retrieved: 2026-01-01, kind: primary}
agencies:
  - {id: DHS, name: Homeland Security, kind: department}
  - {id: DOJ, name: Justice, kind: department}
  - {id: ICE, name: ICE, kind: agency, parent: DHS, parent_evidence: [{source: s, quote: "ICE in DHS"}]}
  - {id: ERO, name: ERO, kind: component, parent: ICE, parent_evidence: [{source: s, quote: "ERO in ICE"}]}
  - {id: HSI, name: HSI, kind: component, parent: ICE, parent_evidence: [{source: s, quote: "HSI in ICE"}]}
  - {id: USCIS, name: USCIS, kind: agency, parent: DHS, parent_evidence: [{source: s, quote: "USCIS in DHS"}]}
  - {id: CBP, name: CBP, kind: agency, parent: DHS, parent_evidence: [{source: s, quote: "CBP in DHS"}]}
  - {id: USBP, name: Border Patrol, kind: component, parent: CBP, parent_evidence: [{source: s, quote: "BP in CBP"}]}
  - {id: EOIR, name: EOIR, kind: agency, parent: DOJ, parent_evidence: [{source: s, quote: "EOIR in DOJ"}]}
  - {id: LOOSE, name: Loose, kind: agency}
  - {id: MOVED, name: Moved, kind: agency, parent: DHS, parent_evidence: [{source: s, quote: "Moved in DHS"}],
     former_parents: [{parent: ICE, until: 2009-10-28, evidence: [{source: s, quote: "moved out of ICE"}]}]}
  - {id: MOVEDPART, name: Moved part, kind: office, parent: MOVED, parent_evidence: [{source: s, quote: "part of Moved"}]}
functions:
  - {id: green_card, label: issue green cards, triggers: [{objects: [green card]}]}
  - {id: detention, label: detain people, triggers: [{verbs: [detain]}]}
  - {id: enforcement, label: enforce immigration law, triggers: [{objects: [immigration law]}]}
  - {id: arrest, label: arrest people, triggers: [{verbs: [arrest]}]}
  - {id: mail, label: deliver mail, triggers: [{objects: [mail]}]}
facts:
  - {id: uscis-gc, agency: USCIS, function: green_card, stance: performs, exclusive: true, as_of: 2026-01-01, evidence: [{source: s, quote: "USCIS issues green cards"}]}
  - {id: ice-not-gc, agency: ICE, function: green_card, stance: does_not_perform, as_of: 2026-01-01, evidence: [{source: s, quote: "ICE does not"}]}
  - {id: ero-det, agency: ERO, function: detention, stance: performs, exclusive: true, as_of: 2026-01-01, evidence: [{source: s, quote: "ERO detains"}]}
  - {id: ice-enf, agency: ICE, function: enforcement, stance: performs, as_of: 2026-01-01, evidence: [{source: s, quote: "ICE enforces"}]}
  - {id: cbp-enf, agency: CBP, function: enforcement, stance: performs, as_of: 2026-01-01, evidence: [{source: s, quote: "CBP enforces"}]}
  - {id: uscis-arrest, agency: USCIS, function: arrest, stance: contested, as_of: 2025-09-05, note: "since the 2025 rule", evidence: [{source: s, quote: "special agents"}]}
"""


@pytest.fixture(scope="module")
def table(tmp_path_factory):
    path = tmp_path_factory.mktemp("t") / "table.yaml"
    path.write_text(TABLE, encoding="utf-8")
    return load_table([path], shipped=False)


def claim(agency, function, polarity="affirmed", predicate="p", **kw):
    return Claim(agency=agency, function=function, polarity=polarity, start=0, end=3,
                 sent_start=0, sent_end=10, predicate=predicate, **kw)


@pytest.mark.parametrize("agency, function, polarity, verdict, correction", [
    ("USCIS", "green_card", "affirmed", "supported", None),
    ("ICE", "green_card", "affirmed", "contradicted", "USCIS"),       # direct negative fact
    ("ICE", "green_card", "negated", "supported", None),
    ("USCIS", "green_card", "negated", "contradicted", None),
    ("CBP", "green_card", "affirmed", "contradicted", "USCIS"),       # exclusivity
    ("HSI", "green_card", "affirmed", "contradicted", "USCIS"),       # parent's negative
    ("ICE", "detention", "affirmed", "supported", None),              # through its part ERO
    ("ICE", "detention", "negated", "contradicted", None),
    ("HSI", "detention", "affirmed", "contradicted", "ERO"),          # sibling of the owner
    ("USCIS", "arrest", "affirmed", "unknown", None),                 # contested, never confident
    ("USCIS", "arrest", "negated", "unknown", None),
    ("CBP", "mail", "affirmed", "unknown", None),                     # nothing recorded
    ("CBP", None, "affirmed", "unknown", None),                       # function not in table
])
def test_verdicts(table, agency, function, polarity, verdict, correction):
    finding = judge(claim(agency, function, polarity), table)
    assert (finding.verdict, finding.correction) == (verdict, correction)
    if verdict != "unknown":
        assert finding.evidence, "a confident verdict carries its evidence"
    else:
        assert finding.reason


def test_contested_reason_is_the_note(table):
    assert "2025" in judge(claim("USCIS", "arrest"), table).reason


def test_exclusive_claim_contradicted_when_another_agency_does_it(table):
    finding = judge(claim("ICE", "enforcement", exclusive=True), table)
    assert (finding.verdict, finding.correction) == ("contradicted", "CBP")


def test_exclusive_claim_supported_for_the_owner(table):
    assert judge(claim("USCIS", "green_card", exclusive=True), table).verdict == "supported"


@pytest.mark.parametrize("agency, target, polarity, verdict, correction", [
    ("USBP", "CBP", "affirmed", "supported", None),
    ("USBP", "DHS", "affirmed", "supported", None),                   # transitively
    ("USBP", "ICE", "affirmed", "contradicted", "CBP"),
    ("USBP", "ICE", "negated", "supported", None),
    ("EOIR", "DHS", "affirmed", "contradicted", "DOJ"),               # same kind as the target
    ("HSI", "DOJ", "negated", "supported", None),
    ("ICE", "DHS", "negated", "contradicted", None),
    ("LOOSE", "DHS", "affirmed", "unknown", None),                    # no parent chain recorded
])
def test_part_of(table, agency, target, polarity, verdict, correction):
    finding = judge(claim(agency, "part_of", polarity, target=target), table)
    assert (finding.verdict, finding.correction) == (verdict, correction)


@pytest.mark.parametrize("agency, polarity, verdict", [
    ("MOVED", "affirmed", "contradicted"),      # held until 2009, said of now: no longer
    ("MOVED", "negated", "supported"),          # 'is no longer part of ICE'
    ("MOVEDPART", "affirmed", "contradicted"),  # a part moved with its parent
])
def test_part_of_a_former_parent(table, agency, polarity, verdict):
    finding = judge(claim(agency, "part_of", polarity, target="ICE"), table)
    assert finding.verdict == verdict
    assert "2009-10-28" in finding.message and finding.evidence
    if verdict == "contradicted":
        assert finding.reason == "former place" and "now" in finding.message
    # the present place is still judged as before
    assert judge(claim(agency, "part_of", target="DHS"), table).verdict == "supported"
    assert judge(claim(agency, "part_of", target="DOJ"), table).verdict == "contradicted"


def test_future_claims_are_unknown(table):
    assert judge(claim("ERO", "detention", future=True), table).verdict == "unknown"


def test_a_narrowed_denial_is_never_contradicted(table):
    """'ERO does not detain children' denies a narrower case than the role."""
    narrowed = judge(claim("ERO", "detention", polarity="negated", scope="children"), table)
    assert narrowed.verdict == "unknown" and "children" in narrowed.reason
    assert judge(claim("ERO", "detention", polarity="negated"), table).verdict == "contradicted"
    # a narrowed denial of what the agency does not do is still supported
    other = judge(claim("USCIS", "detention", polarity="negated", scope="children"), table)
    assert other.verdict == "supported"


@pytest.mark.parametrize("assertion", ["question", "reported", "hypothetical"])
def test_unasserted_claims_are_never_contradicted(table, assertion):
    [finding] = judge_all([claim("ICE", "green_card", assertion=assertion)], table)
    assert finding.verdict == "unknown"
    assert "contradicted" in finding.message
    assert roll_up([finding]) == "no_claim"


def test_roll_up_order(table):
    findings = judge_all([claim("USCIS", "green_card"), claim("CBP", "mail"),
                          claim("ICE", "green_card")], table)
    assert roll_up(findings) == "contradicted"
    assert roll_up(findings[:2]) == "unknown"
    assert roll_up(findings[:1]) == "supported"
    assert roll_up([]) == "no_claim"


def test_decide_inherits_upward_and_downward(table):
    assert decide(table, "ICE", "detention").via == "ERO"
    assert decide(table, "ERO", "green_card").status == "not_performs"


def test_closed_function_contradicts_unlisted_agencies(tmp_path):
    path = tmp_path / "closed.yaml"
    path.write_text((TABLE + """
  - {id: asylum-uscis, agency: USCIS, function: asylum, stance: performs, as_of: 2026-01-01, evidence: [{source: s, quote: "USCIS asylum"}]}
  - {id: asylum-eoir, agency: EOIR, function: asylum, stance: performs, as_of: 2026-01-01, evidence: [{source: s, quote: "EOIR asylum"}]}
""").replace("functions:\n", "functions:\n  - {id: asylum, label: grant asylum, closed: true, "
                                   "triggers: [{objects: [asylum]}]}\n"),
                    encoding="utf-8")
    table = load_table([path], shipped=False)
    assert judge(claim("CBP", "asylum"), table).verdict == "contradicted"
    assert judge(claim("CBP", "asylum"), table).correction == "USCIS"
    assert judge(claim("EOIR", "asylum"), table).verdict == "supported"
    assert judge(claim("DHS", "asylum"), table).verdict == "supported"     # through USCIS


def chosen(claims, table):
    """The extractor's choice of readings (:mod:`remit.claims.readings`), then the verdicts."""
    from remit.checker import Judge
    from remit.claims.readings import choose_readings

    kept = Judge(table)
    return judge_all(choose_readings(claims, kept.verdict_alone), table, kept)


def test_respective_reading_is_not_contradicted(table):
    # 'USCIS and ERO handle green cards and detention': may pair up one to one.
    claims = [claim("USCIS", "green_card", predicate="x"), claim("USCIS", "detention", predicate="x"),
              claim("ERO", "green_card", predicate="x"), claim("ERO", "detention", predicate="x")]
    # the pairings the table contradicts become unknown, then give way to the settled ones
    kept = [(f.claim.agency, f.claim.function, f.verdict) for f in chosen(claims, table)]
    assert kept == [("USCIS", "green_card", "supported"), ("ERO", "detention", "supported")]
    from remit.claims.readings import mark_paired
    marked = mark_paired(claims, [judge(c, table).verdict for c in claims])
    assert [judge(c, table).verdict for c in marked] == [
        "supported", "unknown", "unknown", "supported"]
    alone = chosen([claim("ERO", "green_card", predicate="y")], table)
    assert alone[0].verdict == "contradicted"


def test_unsettled_reading_beside_a_settled_one_is_dropped(table):
    same = dict(predicate="handles green cards and mail")
    findings = chosen([claim("USCIS", "green_card", **same), claim("USCIS", "mail", **same)],
                      table)
    assert [(f.claim.function, f.verdict) for f in findings] == [("green_card", "supported")]
    alone = chosen([claim("USCIS", "mail", predicate="delivers mail")], table)
    assert alone[0].verdict == "unknown"


def test_contrast_alone_never_raises_an_alarm(table):
    [finding] = judge_all([claim("ERO", "detention", "negated", via="contrast")], table)
    assert finding.verdict == "unknown"
    [plain] = judge_all([claim("ERO", "detention", "negated")], table)
    assert plain.verdict == "contradicted"


def test_an_agency_inferred_from_further_back_never_raises_an_alarm(table):
    # 'they' two sentences after ERO, with ICE named in between: likely, not certain
    [inferred] = judge_all([claim("ERO", "detention", "negated", via="inferred")], table)
    assert inferred.verdict == "unknown" and "not certain" in inferred.reason
    # no other agency named since ERO: the alarm stands
    [far] = judge_all([claim("ERO", "detention", "negated", via="discourse")], table)
    assert far.verdict == "contradicted"


def test_a_reading_judged_alone_is_not_judged_again(table, tmp_path, monkeypatch):
    import remit.checker as checker

    calls = []
    real = checker._judge
    monkeypatch.setattr(checker, "_judge", lambda c, t: calls.append(c) or real(c, t))
    kept = checker.Judge(table)
    one, two = claim("ICE", "green_card"), claim("USCIS", "green_card", predicate="q")
    assert [kept.verdict_alone(c) for c in (one, two)] == ["contradicted", "supported"]
    findings = judge_all([one, two], table, kept)
    assert [f.verdict for f in findings] == ["contradicted", "supported"]
    assert calls == [one, two]
    # kept for that table only, and taken once
    other = tmp_path / "table.yaml"
    other.write_text(TABLE, encoding="utf-8")
    kept.verdict_alone(one)
    judge_all([one], load_table([other], shipped=False), kept)
    judge_all([one], table, kept)
    assert calls == [one, two, one, one, one]
    # another judge (another run) keeps nothing of this one's, and no judge keeps nothing
    kept.verdict_alone(two)
    judge_all([two], table, checker.Judge(table))
    judge_all([two], table)
    assert calls == [one, two, one, one, one, two, two, two]
    # a full judge drops what it keeps
    small = checker.Judge(table, limit=1)
    small.verdict_alone(one)
    small.verdict_alone(two)
    judge_all([one, two], table, small)
    assert calls[-3:] == [one, two, one]  # two was kept, one was dropped
