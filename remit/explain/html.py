"""The explanation as one HTML page: displaCy's dependency parse and claim spans per sentence,
verdicts as colours, and the reasons under them.
"""

from __future__ import annotations

from html import escape

from remit.checker.visual import VERDICT_COLORS

_STYLE = """
body { font-family: system-ui, sans-serif; margin: 2em; color: #222; }
section.sentence { border-top: 1px solid #ccc; padding: 1em 0; }
.verdict { padding: 0 .4em; border-radius: .3em; }
.parse { overflow-x: auto; }
td, th { text-align: left; vertical-align: top; padding: .2em .6em; }
blockquote { margin: .2em 0 .2em 1em; color: #444; }
"""


def render_html(explanation: dict, nlp, path: str | None = None) -> str:
    """A standalone page; ``nlp`` gives the vocabulary the parsed sentences are rebuilt in."""
    title = f"remit explain: {escape(path or 'text')}"
    body = [f"<h1>{title}</h1>"]
    body += [_sentence(s, nlp.vocab) for s in explanation["sentences"]]
    if not explanation["sentences"]:
        body.append("<p>No sentence names an agency.</p>")
    return ("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{title}</title><style>{_STYLE}</style></head><body>\n"
            + "\n".join(body) + "\n</body></html>\n")


def rebuild_doc(sentence: dict, vocab):
    """The sentence's parsed doc, from the explanation's tokens, with its claim spans."""
    from spacy.tokens import Doc, Span

    tokens = sentence["tokens"]
    doc = Doc(vocab, words=[t["text"] for t in tokens], heads=[t["head"] for t in tokens],
              deps=[t["dep"] or "dep" for t in tokens], pos=[t["pos"] or "X" for t in tokens],
              lemmas=[t["lemma"] for t in tokens])
    spans = []
    for claim in sentence["claims"]:
        if claim.get("tokens"):
            start, end = claim["tokens"]
            spans.append(Span(doc, start, end, label=_label(claim)))
    doc.spans["remit_claims"] = spans
    return doc


def _label(claim: dict) -> str:
    from remit.checker.component import span_label

    return span_label(claim)


def _sentence(sentence: dict, vocab) -> str:
    from spacy import displacy

    from remit.checker.visual import span_options

    parts = [f"<section class=\"sentence\" id=\"s{sentence['number']}\">",
             f"<h2>Sentence {sentence['number']} ({sentence['line']}:{sentence['column']})</h2>",
             f"<p class=\"text\">{escape(sentence['text'].strip())}</p>"]
    if sentence["tokens"]:
        doc = rebuild_doc(sentence, vocab)
        parts.append("<div class=\"spans\">" + displacy.render(
            doc, style="span", options=span_options(doc), page=False) + "</div>")
        parts.append("<div class=\"parse\">" + displacy.render(
            doc, style="dep", options={"compact": True, "distance": 110}, page=False,
            minify=True) + "</div>")
    parts.append(f"<p class=\"parse-text\"><code>{escape(sentence['parse'])}</code></p>")
    mentions = ", ".join(f"{escape(m['text'])} = {escape(m['agency'])} ({escape(m['how'])})"
                         for m in sentence["mentions"])
    parts.append(f"<p><b>Mentions</b>: {mentions or '-'}</p>")
    parts += [_claim(c) for c in sentence["claims"]]
    if sentence.get("no_claim"):
        parts.append(_no_claim(sentence["no_claim"]))
    parts.append("</section>")
    return "\n".join(parts)


def _claim(claim: dict) -> str:
    colour = VERDICT_COLORS.get(claim["verdict"], "#ddd")
    what = claim["function"] or "(no function)"
    if claim["function"] == "part_of":
        what = f"part of {claim['target']}"
    rows = [("claim", f"{claim['agency']} → {what} ({claim['polarity']}, {claim['assertion']})"),
            ("construction", claim["construction"] or "(a built-in rule)")]
    if claim["slots"]:
        rows.append(("slots", ", ".join(f"{k}={v}" for k, v in claim["slots"].items())))
    if claim.get("trigger") and claim["trigger"].get("object"):
        rows.append(("trigger", f"{claim['trigger'].get('predicate', '')} … "
                     f"{claim['trigger']['object']}"))
    rows += [("cue", f"{c['id']} ({c['effect']}): {', '.join(c['words'])}")
             for c in claim["cues"]]
    if claim["hierarchy"]:
        rows.append(("hierarchy", claim["hierarchy"]))
    cells = "".join(f"<tr><th>{escape(k)}</th><td>{escape(v)}</td></tr>" for k, v in rows)
    verdict = (f"<tr><th>verdict</th><td><span class=\"verdict\" style=\"background:{colour}\">"
               f"{escape(claim['verdict'])}</span> {escape(claim['verdict_reason'])}</td></tr>")
    facts = "".join(_fact(f) for f in claim["facts"])
    return f"<table class=\"claim\">{cells}{verdict}</table>{facts}"


def _fact(fact: dict) -> str:
    dated = f", as of {fact['as_of']}" if fact["as_of"] else ""
    head = escape(f"{fact['id']}: {fact['agency']} {fact['stance']} {fact['function']}{dated}")
    quotes = "".join(
        f"<blockquote>“{escape(q['quote'])}” ({escape(q['source'])}, "
        f"{escape(q['publisher'])}; {escape(q['kind'] or '')})</blockquote>"
        for q in fact["evidence"])
    stale = f"<p><b>note</b>: {escape(fact['stale'])}</p>" if fact.get("stale") else ""
    return f"<div class=\"fact\"><p><b>fact</b> {head}</p>{quotes}{stale}</div>"


def _no_claim(reason: dict) -> str:
    items = "".join(
        f"<li>{escape(n['id'])} ({n['matched']}/{n['nodes']} nodes"
        + (f"; next node not matched: {escape(n['missing'])}" if n["missing"] else "")
        + ")</li>" for n in reason["nearest"])
    return f"<p><b>No claim</b>: {escape(reason['why'])}</p><ul>{items}</ul>"
