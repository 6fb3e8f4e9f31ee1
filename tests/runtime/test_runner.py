"""The runner parses; the component is the one place claims are extracted, in sentence order."""

from __future__ import annotations

from remit.claims.extract import Extractor
from remit.runtime.runner import SentenceRunner

CHAIN = ("ICE arrests people who violate immigration law. It also runs detention centers. "
         "It issues green cards as well. The agency does not adjudicate asylum claims.")


def test_it_chains_over_several_sentences(engine):
    findings = engine.check(CHAIN)
    said = {(f.claim.agency, f.claim.function, f.claim.polarity) for f in findings}
    assert ("ICE", "green_card", "affirmed") in said  # 'It' two sentences after 'ICE'
    assert {f.claim.agency for f in findings} == {"ICE"}


def test_each_parsed_sentence_is_extracted_once(engine, monkeypatch):
    runner = SentenceRunner(engine.nlp)
    plans = []
    plan = runner.plan
    monkeypatch.setattr(runner, "plan", lambda text: plans.append(plan(text)) or plans[-1])
    calls = []
    extract = Extractor.extract

    def counted(self, doc, *args, **kwargs):
        calls.append(doc)
        return extract(self, doc, *args, **kwargs)

    monkeypatch.setattr(Extractor, "extract", counted)
    [claims] = list(runner.claims_many([CHAIN]))
    assert claims
    parsed = [d for d in plans[0].docs if d is not None]
    assert len(calls) == len(parsed) == 4
    assert all(a is b for a, b in zip(calls, parsed, strict=True))  # in text order


def test_no_live_span_stays_on_a_doc(engine):
    runner = SentenceRunner(engine.nlp)
    plan = runner.plan(CHAIN)
    for doc in runner.nlp.pipe([plan.docs[i] for i in plan.waiting], disable=runner.disable):
        plan.take(doc)
    runner.finish(plan)
    assert all(d._.remit_previous is None and d._.remit_tail is not None for d in plan.docs)


BETWEEN = ("CBP inspects cargo at ports of entry. Trucks wait for hours. Drivers complain. "
           "It also patrols the border.")
BLOCKED = ("CBP inspects cargo at ports of entry. The scanner breaks down. "
           "It also patrols the border.")


def test_sentences_between_wait_unparsed_for_a_stand_in(engine, monkeypatch):
    runner = SentenceRunner(engine.nlp)
    plan = runner.plan(BETWEEN)
    assert sorted(plan.deferred) == [1, 2] and plan.docs[1] is None and plan.docs[2] is None
    parsed = []
    pipe = runner.nlp.pipe
    monkeypatch.setattr(runner.nlp, "pipe", lambda docs, **kw: pipe(
        parsed.extend(docs := list(docs)) or docs, **kw))
    [claims] = list(runner.claims_many([BETWEEN]))
    # 'It' asks for the salient agency, so the sentences in between were parsed for it.
    assert {c.agency for c in claims} == {"CBP"} and len(claims) >= 2
    assert len(parsed) == 4


def test_a_subject_between_still_ends_the_reach(engine):
    from remit.engine import Engine

    full = Engine(nlp=engine.nlp, prefilter=False)
    full._table = engine.table
    fast = [(f.claim.agency, f.claim.start) for f in engine.check(BLOCKED)]
    assert fast == [(f.claim.agency, f.claim.start) for f in full.check(BLOCKED)]
    assert all(start < BLOCKED.index("It also") for _, start in fast)  # 'It' is not CBP
