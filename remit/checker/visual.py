"""Colours for displaCy: a claim span's colour says its verdict.

``spacy.displacy.render(doc, style="span", options=span_options(doc))`` shows the claims of a
doc that went through ``remit_checker``, labelled with verdict, rule and polarity.
"""

from __future__ import annotations

# One colour per verdict (light enough for black text): red, amber, green.
VERDICT_COLORS = {"contradicted": "#f4a6a6", "unknown": "#f6d88a", "supported": "#a8dba8"}


def span_options(doc, spans_key: str = "remit_claims") -> dict:
    """The options of displaCy's span style for the claim spans of ``doc``."""
    colors = {}
    for span in doc.spans.get(spans_key, []) if spans_key in doc.spans else []:
        verdict = span.label_.split(" ", 1)[0]
        if verdict in VERDICT_COLORS:
            colors[span.label_] = VERDICT_COLORS[verdict]
    return {"spans_key": spans_key, "colors": colors}
