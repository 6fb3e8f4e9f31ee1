"""Hand-built findings for the renderer tests: no spaCy, no table, fixed offsets."""

from __future__ import annotations

from remit.records import Claim, Evidence, Finding

TEXT = (
    "# Roles\n"
    "ICE issues green cards. ERO detains noncitizens.\n"
    "Does CBP run the immigration courts?\n"
    "Border Patrol is part of ICE.\n"
)

USCIS_EV = Evidence(
    source="seeds/000", quote="ICE does not handle visas, green cards, or citizenship approvals.",
    url="https://example.org/ice-vs-uscis", fact="uscis-green-card",
    title="ImmigrationQuestion.com",
)
ERO_EV = Evidence(source="seeds/000", quote="identifying, arresting, detaining, and removing",
                  url=None, fact="ero-detains")


def make(text: str, phrase: str, sent: str, agency: str, function: str | None, verdict: str,
         **kw) -> Finding:
    """Build a finding whose claim covers ``phrase`` inside sentence ``sent`` of ``text``."""
    sent_start = text.index(sent)
    start = text.index(phrase, sent_start)
    claim_kw = {k: kw.pop(k) for k in ("assertion", "target", "polarity") if k in kw}
    claim = Claim(agency=agency, function=function, polarity=claim_kw.pop("polarity", "affirmed"),
                  start=start, end=start + len(phrase), sent_start=sent_start,
                  sent_end=sent_start + len(sent), predicate=phrase.split()[-1], **claim_kw)
    return Finding(claim=claim, verdict=verdict, **kw)


def sample_findings(text: str = TEXT) -> tuple[Finding, ...]:
    return (
        make(text, "ICE issues green cards", "ICE issues green cards.", "ICE", "green_card",
             "contradicted", message="USCIS issues green cards, not ICE.",
             evidence=(USCIS_EV,), correction="USCIS"),
        make(text, "ERO detains noncitizens", "ERO detains noncitizens.", "ERO", "detention",
             "supported", message="ERO detains noncitizens.", evidence=(ERO_EV,)),
        make(text, "CBP run the immigration courts", "Does CBP run the immigration courts?",
             "CBP", "adjudicate_removal", "unknown", assertion="question",
             message="The table does not settle this."),
        make(text, "Border Patrol is part of ICE", "Border Patrol is part of ICE.",
             "BORDER_PATROL", "part_of", "contradicted", target="ICE",
             message="Border Patrol is part of CBP, not ICE.", correction="CBP",
             suppressed="quoted from a reader's letter"),
    )
