"""The prefilter changes what is parsed, never what is found: fast and full modes agree.

Both modes parse each rule-based sentence as its own ``Doc``; the fast mode skips the sentences
that cannot hold a claim. Any text on which they differ is a sentence the prefilter wrongly
skipped (a mention or anaphor it missed).
"""

from __future__ import annotations

import csv
import pickle
from pathlib import Path

import pytest

SHARED = next((p for p in (Path(__file__).parents[1].parent / "shared", Path("/work/shared"))
               if (p / "dev").is_dir()), Path("/work/shared"))
STATEMENTS = SHARED / "dev" / "statements.csv"
SEEDS = SHARED / "seeds"

# 'it', 'its', 'the agency', 'the latter' and 'the former' pointing one sentence back, a chain
# of 'it', a sentence with no agency between, paragraphs, a colon list and a typo.
SYNTHETIC = """\
The weather was mild on Tuesday. Officials met downtown to discuss the budget.

ICE arrests people who violate immigration law. It also runs detention centers. It issues
green cards as well. The agency does not adjudicate asylum claims.

Nobody expected the storm. It came anyway, and the agency was closed.

USCIS and CBP were both mentioned. The latter patrols the border. The former approves visas.
Its officers process naturalization applications.

HSI handles cases involving:

- human trafficking
- export violations

The Boarder Patrol inspects cargo at ports of entry. The agencies share data. Its agents
deport people. The U.S. Department of State issues visas. It is not part of DHS.
"""


@pytest.fixture(scope="session")
def fast_engine(engine):
    """The default engine: prefilter on."""
    assert engine.prefilter
    return engine


@pytest.fixture(scope="session")
def full_engine(engine):
    """Same pipeline and table, every sentence parsed."""
    from remit.engine import Engine

    full = Engine(nlp=engine.nlp, prefilter=False)
    full._table = engine.table
    return full


def _record(finding, text: str) -> dict:
    """The JSON record of a finding, plus the mention's exact offsets."""
    return {**finding.to_dict(text), "mention": (finding.claim.start, finding.claim.end)}


def _records(engine, texts: list[str], **pipe) -> list[list[dict]]:
    return [[_record(f, text) for f in findings]
            for text, findings in zip(texts, engine.check_many(texts, **pipe), strict=True)]


def _shared_texts() -> list[tuple[str, str]]:
    if not SHARED.exists():
        pytest.skip("/work/shared is absent")
    with STATEMENTS.open(encoding="utf-8", newline="") as handle:
        rows = [(row["id"], row["text"]) for row in csv.DictReader(handle)]
    seeds = [(p.name, p.read_text(encoding="utf-8")) for p in sorted(SEEDS.glob("*"))]
    assert len(seeds) == 4 and len(rows) > 50
    return rows + seeds


def test_modes_agree_on_dev_set_and_seeds(fast_engine, full_engine):
    named = _shared_texts()
    texts = [text for _, text in named]
    fast, full = _records(fast_engine, texts), _records(full_engine, texts)
    for (name, _), a, b in zip(named, fast, full, strict=True):
        assert a == b, name
    assert sum(map(len, fast)) > 50


def test_modes_agree_on_anaphora_text(fast_engine, full_engine):
    fast, full = _records(fast_engine, [SYNTHETIC]), _records(full_engine, [SYNTHETIC])
    assert fast == full
    claimed = {(r["agency"], SYNTHETIC[slice(*r["mention"])]) for r in fast[0]}
    # The anaphora are resolved, so the fast mode did parse the sentences that hold them.
    assert {("ICE", "It"), ("ICE", "The agency"), ("CBP", "The latter")} <= claimed


def test_fast_mode_skips_sentences_without_claims(engine):
    from remit.runtime.prefilter import split_sentences
    from remit.runtime.text import prepare_text
    from remit.runtime.runner import SentenceRunner

    plan = SentenceRunner(engine.nlp).plan(SYNTHETIC)
    prepared = prepare_text(SYNTHETIC)  # sentence offsets are into the cleaned-up text
    parsed = {" ".join(prepared[s.start_char:s.end_char].split())
              for s, d in zip(plan.sentences, plan.docs, strict=True) if d is not None}
    assert "The weather was mild on Tuesday." not in parsed
    # 'It' after a sentence without an agency has no antecedent: nothing to parse.
    assert "It came anyway, and the agency was closed." not in parsed
    assert "It also runs detention centers." in parsed
    # Single line breaks join lines (prepare_text); blank lines split, and a lead line and each
    # list item are units of their own; the items are parsed with the lead's agency.
    assert "It issues green cards as well." in parsed
    assert "HSI handles cases involving:" in parsed
    assert {"- human trafficking", "- export violations"} <= parsed
    assert len(plan.sentences) == len(split_sentences(engine.nlp.make_doc(
        prepare_text(SYNTHETIC))))


def test_offsets_are_exact_in_both_modes(fast_engine, full_engine):
    text = "Intro.\n\n  <b>ICE</b> issues green cards.  It runs detention."
    for eng in (fast_engine, full_engine):
        findings = eng.check(text)
        assert [text[f.claim.start:f.claim.end] for f in findings] == ["ICE", "It"]
        assert text[findings[0].claim.sent_start:findings[0].claim.sent_end] == (
            "ICE</b> issues green cards.")


def test_check_many_keeps_order_with_texts_that_parse_nothing(fast_engine):
    texts = ["No agency here.", "ICE issues green cards.", "", "Cats sleep.",
             "CBP patrols the border."]
    results = list(fast_engine.check_many(texts, batch_size=1))
    assert [[f.claim.agency for f in r] for r in results] == [[], ["ICE"], [], [], ["CBP"]]


def test_findings_survive_two_processes(fast_engine):
    texts = ["ICE issues green cards.", "Nothing here.", "CBP patrols the border. It also "
             "inspects cargo."] * 3
    one = _records(fast_engine, texts)
    two = _records(fast_engine, texts, batch_size=2, n_process=2)
    assert one == two and one[0]


def test_component_claims_survive_multiprocessing_pipe(engine):
    docs = list(engine.nlp.pipe(["ICE issues green cards.", "USCIS runs detention."],
                                n_process=2, batch_size=1))
    claims = [d._.remit_claims for d in docs]
    assert [c.agency for cs in claims for c in cs] == ["ICE", "USCIS"]
    assert pickle.loads(pickle.dumps(claims)) == claims


@pytest.mark.parametrize("text", [
    "I don't know. ICE can't issue visas, can it? The U.S. Dept. of State does.\n\nOK",
    "  Leading space.  Two  spaces. ’Curly’ quotes — and “dashes”…",
    "One sentence only",
])
def test_sentence_docs_are_what_as_doc_gives(engine, text):
    """The first pass builds each sentence's Doc from arrays; it must equal ``Span.as_doc``."""
    from spacy.attrs import SENT_START
    from spacy.tokens import Doc

    from remit.runtime.prefilter import TokenTable, split_sentences

    doc = engine.nlp.make_doc(text)
    tokens = TokenTable(doc)
    sentences = split_sentences(doc, tokens)
    assert len(sentences) >= 1
    for sentence in sentences:
        ours = tokens.sentence_doc(sentence)
        theirs = doc[sentence.start:sentence.end].as_doc()
        assert ours.text_with_ws == theirs.text_with_ws
        # every attribute a Doc carries, but the first token's sentence start, which as_doc
        # sets and spaCy assumes anyway
        attrs = [a for a in Doc._get_array_attrs() if a != SENT_START]
        assert (ours.to_array(attrs) == theirs.to_array(attrs)).all()
        assert all(ours.has_annotation(a) == theirs.has_annotation(a)
                   for a in ("TAG", "POS", "MORPH", "LEMMA", "DEP", "ENT_IOB"))
        assert [t.norm_ for t in ours] == [t.norm_ for t in theirs]


def test_engine_keeps_its_runner_until_the_mode_changes(engine):
    from remit.engine import Engine

    eng = Engine(nlp=engine.nlp)
    eng._table = engine.table
    text = "ICE issues green cards. The weather was mild."
    first = eng.check(text)
    runner = eng._runner
    assert eng.check(text) == first and eng._runner is runner
    eng.prefilter = False
    assert eng.check(text) == first
    assert eng._runner is not runner and eng._runner.prefilter is None


def test_narrowed_alias_indexes_are_kept(engine):
    from remit.claims.anchors import narrow_index

    extractor = engine.nlp.get_pipe("remit_claims").extractor
    index, anchors = extractor.aliases, extractor.anchors
    made: dict = {}
    words = ["boarder", "patrol"]
    once = narrow_index(index, anchors, words, made)
    assert 0 < len(once.fuzzy) < len(index.fuzzy)
    assert narrow_index(index, anchors, words, made) is once
    assert len(made) == 1
    assert narrow_index(index, anchors, ["nothing"], made).fuzzy == {}
