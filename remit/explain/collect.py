"""Build the explanation of a text: per sentence naming an agency, its parse, mentions, claims.

The text goes through the runner exactly as ``remit check`` runs it (plan, ``nlp.pipe``,
``finish``) and the claims are judged by :func:`remit.checker.judge_all`; the parsed sentence
docs the run leaves behind are then read for what the claims came from.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from remit.explain.grammar import GrammarTrace
from remit.explain.reasons import claim_reasons
from remit.records import line_col

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span

    from remit.engine import Engine
    from remit.records import Claim, Finding


def explain_text(text: str, engine: Engine, block=None, original: str | None = None) -> dict:
    """Return the explanation of ``text``: ``{"sentences": [...], "findings": [...]}``.

    ``findings`` are the JSON records ``remit check --format json`` gives for the text. When
    ``text`` is the joined prose ``block`` of a Markdown or HTML file (``original``), lines,
    columns and the findings' offsets are the file's.
    """
    from remit.checker import judge_all
    from remit.runtime.runner import SentenceRunner

    runner = SentenceRunner(engine.nlp, prefilter=engine.prefilter)
    plan = runner.plan(text)
    waiting = list(plan.waiting)
    for doc in engine.nlp.pipe([plan.docs[i] for i in waiting], disable=runner.disable):
        plan.take(doc)
    findings = judge_all(runner.finish(plan), engine.table, runner.component.judge)
    trace = GrammarTrace(runner.component.extractor, engine.nlp.vocab, engine.table)
    sentences = []
    for sentence, doc in zip(plan.sentences, plan.docs, strict=True):
        start = plan.prepared.to_input(sentence.start_char)
        end = plan.prepared.to_input(sentence.end_char)
        own = [f for f in findings if f.claim.sent_start == start]
        mentions = _mentions(doc)
        if not own and not mentions:
            continue
        record = _sentence(text, start, end, doc, mentions, own, trace, engine.table)
        record["number"] = len(sentences) + 1
        sentences.append(record)
    if block is None:
        return {"sentences": sentences, "findings": [f.to_dict(text) for f in findings]}
    from remit.markup.document import map_finding

    for record in sentences:
        record["line"], record["column"] = line_col(original, block.source_offset(
            record["start"]))
    return {"sentences": sentences,
            "findings": [map_finding(f, block).to_dict(original) for f in findings]}


def _mentions(doc: Doc | None) -> list[Span]:
    """The sentence's agency mentions, anaphors resolved (the component's tail)."""
    if doc is None:
        return []
    from remit.claims.component import TAIL
    from remit.claims.mentions import row_spans

    return row_spans(doc, doc._.get(TAIL) or [])


def _sentence(text: str, start: int, end: int, doc: Doc | None, mentions: list[Span],
              findings: list[Finding], trace: GrammarTrace, table) -> dict:
    line, column = line_col(text, start)
    written = text[start:end]
    record = {
        "line": line, "column": column, "start": start, "end": end, "text": written,
        "read_as": doc.text.strip() if doc is not None and doc.text.strip() != written.strip()
        else None,
        "tokens": _tokens(doc), "parse": parse_tree(doc) if doc is not None else "",
        "mentions": [trace.mention(m) for m in mentions],
    }
    local = list(doc._.remit_claims or []) if doc is not None else []
    record["claims"] = [_claim(f, _local(f.claim, local), doc, trace, table) for f in findings]
    record["no_claim"] = None
    if not findings and doc is not None:
        record["no_claim"] = trace.no_claim(doc, mentions)
    return record


def _tokens(doc: Doc | None) -> list[dict]:
    if doc is None:
        return []
    return [{"i": t.i, "text": t.text, "lemma": t.lemma_, "pos": t.pos_, "tag": t.tag_,
             "dep": t.dep_, "head": t.head.i} for t in doc]


def parse_tree(doc: Doc) -> str:
    """The dependency parse on one line: ``approves(nsubj ICE, dobj cards(amod green))``."""
    def node(token) -> str:
        kids = [c for c in token.children if not c.is_punct]
        if not kids:
            return token.text
        return f"{token.text}(" + ", ".join(f"{c.dep_} {node(c)}" for c in kids) + ")"

    return "  ".join(node(sent.root) for sent in doc.sents)


def _local(claim: Claim, local: list[Claim]) -> Claim | None:
    """The claim as the component left it on the sentence doc (offsets in the sentence)."""
    def same(c: Claim) -> tuple:
        return (c.agency, c.function, c.target, c.polarity, c.construction, c.assertion)

    return next((c for c in local if same(c) == same(claim)), None)


def _claim(finding: Finding, local: Claim | None, doc: Doc | None, trace: GrammarTrace,
           table) -> dict:
    claim = finding.claim
    record = {key: value for key, value in finding.to_dict().items()
              if key not in {"sentence", "line", "column", "start", "end", "evidence"}}
    record["mention"] = record["tokens"] = None
    span = None
    if local is not None and doc is not None:
        span = doc.char_span(local.start, local.end, alignment_mode="expand")
        if span is not None:
            record["mention"], record["tokens"] = span.text, [span.start, span.end]
    record.update(trace.claim(claim, span, doc))
    record.update(claim_reasons(finding, table))
    return record
