"""``--format claimreview``: schema.org ClaimReview JSON-LD, for fact-checkers to publish.

Only asserted, unsuppressed claims with a settled verdict are reviewed: an ``unknown`` verdict
is not a rating, and a question or a quoted claim is not the writer's claim. The rating uses
the common 1–5 scale with ``alternateName`` ``False`` (1) or ``True`` (5), as Google's fact-check
markup guidance recommends a textual rating. ``<``, ``>`` and ``&`` are written as ``\\u003c``,
``\\u003e`` and ``\\u0026``, so the output can be pasted into a script tag as it is.
"""

from __future__ import annotations

import json
import os
from pathlib import PurePath
from urllib.parse import quote

from remit.formats.base import RenderOptions, claim_label, sentence
from remit.records import FileResult, Finding

RATINGS = {"contradicted": (1, "False"), "supported": (5, "True")}
# JSON-LD is published inside <script type="application/ld+json">, where a "</script>" in a
# checked sentence would end the script and run what follows. JSON's own syntax uses none of
# these characters, so escaping them everywhere only ever touches string contents.
SCRIPT_SAFE = str.maketrans({"<": "\\u003c", ">": "\\u003e", "&": "\\u0026"})


def page_url(path: str, options: RenderOptions) -> str | None:
    """Return the published URL of a checked file: ``url_base`` + its path from ``base_dir``."""
    if path.startswith(("http://", "https://")):
        return path
    if not options.url_base or path == "-":
        return None
    rel = path
    if options.base_dir is not None:
        rel = os.path.relpath(os.path.abspath(path), options.base_dir)
    return options.url_base.rstrip("/") + "/" + quote(PurePath(rel).as_posix().lstrip("/"))


def _appearance(path: str, url: str | None) -> dict:
    work: dict = {"@type": "CreativeWork"}
    if url:
        work["url"] = url
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
    url = page_url(result.path, options)
    item = {
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": sentence(result, finding),
        "author": {"@type": "Organization", "name": options.author},
        "reviewRating": {"@type": "Rating", "ratingValue": value, "bestRating": 5,
                         "worstRating": 1, "alternateName": name},
        "itemReviewed": {"@type": "Claim", "name": claim_label(finding, options),
                         "appearance": _appearance(result.path, url)},
        "reviewBody": finding.message,
        "citation": _citations(finding),
    }
    if url:
        item["url"] = url  # Google's fact-check markup requires it: the page of the review
    if options.publisher:
        item["publisher"] = {"@type": "Organization", "name": options.publisher}
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
