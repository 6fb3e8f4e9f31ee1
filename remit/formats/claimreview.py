"""``--format claimreview``: schema.org ClaimReview JSON-LD, for fact-checkers to publish.

Only asserted, unsuppressed claims with a settled verdict are reviewed: an ``unknown`` verdict
is not a rating, and a question or a quoted claim is not the writer's claim. The rating uses
the common 1–5 scale with ``alternateName`` ``False`` (1) or ``True`` (5), as Google's fact-check
markup guidance recommends a textual rating. ``<``, ``>`` and ``&`` are written as ``\\u003c``,
``\\u003e`` and ``\\u0026``, so the output can be pasted into a script tag as it is.
"""

from __future__ import annotations

import json

from remit.formats.base import RenderOptions, claim_label, sentence
from remit.records import FileResult, Finding

RATINGS = {"contradicted": (1, "False"), "supported": (5, "True")}
# JSON-LD is published inside <script type="application/ld+json">, where a "</script>" in a
# checked sentence would end the script and run what follows. JSON's own syntax uses none of
# these characters, so escaping them everywhere only ever touches string contents.
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def _appearance(path: str) -> dict:
    work: dict = {"@type": "CreativeWork"}
    if path.startswith(("http://", "https://")):
        work["url"] = path
    elif path != "-":
        work["name"] = path
    return work


def _citations(finding: Finding) -> list[dict]:
    cites = []
    for ev in finding.evidence:
        cite = {"@type": "CreativeWork", "name": ev.title or ev.source, "text": ev.quote}
        if ev.url:
            cite["url"] = ev.url
        cites.append(cite)
    return cites


def review(result: FileResult, finding: Finding, options: RenderOptions) -> dict:
    """Return the ClaimReview of one finding."""
    value, name = RATINGS[finding.verdict]
    item = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": sentence(result, finding),
        "author": {"@type": "Organization", "name": "remit"},
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5,
                         "worstRating": 1, "alternateName": name},
        "itemReviewed": {"@type": "Claim", "name": claim_label(finding, options),
                         "appearance": _appearance(result.path)},
        "reviewBody": finding.message,
        "citation": _citations(finding),
    }
    if options.date_published:
        item["datePublished"] = options.date_published
    return item


def render(results: list[FileResult], options: RenderOptions) -> str:
    """Render a JSON-LD list of ClaimReview objects."""
    reviews = [
        review(r, f, options)
        for r in results for f in r.findings
        if f.verdict in RATINGS and f.claim.asserted and f.suppressed is None
    ]
    return json.dumps(reviews, ensure_ascii=False, indent=2).translate(SCRIPT_SAFE) + "\n"
