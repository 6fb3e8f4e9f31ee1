"""Cue records (``claims/data/cues``): each one's examples, the schema, users' cues."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from remit.claims.checks import grammar_errors
from remit.claims.grammar import GrammarError, cues, load_grammar
from remit.claims.lexicon import load_lexicon
from remit.claims.modifiers import compile_cues
from remit.cli import EXIT_ERROR, main

RECORDS = [loc.record for loc in cues(load_grammar()[0])]
ASSERTIONS = {"question", "reported", "hypothetical", "event"}


def _has_effect(claim, effect: str) -> bool:
    if effect == "negated":
        return claim.polarity == "negated"
    if effect == "contrast":
        return claim.via == "contrast" and claim.polarity == "negated"
    if effect == "exclusive":
        return claim.exclusive
    return claim.future if effect == "future" else claim.assertion == effect


def _claims(engine, text):
    return engine.nlp(text)._.remit_claims


@pytest.mark.parametrize("record, text", [(r, t) for r in RECORDS for t in r.examples.pass_],
                         ids=lambda v: getattr(v, "id", None) or v[:40])
def test_pass_examples_have_the_effect(engine, record, text):
    claims = _claims(engine, text)
    assert any(_has_effect(c, record.effect) for c in claims), (text, claims)


@pytest.mark.parametrize("record, text", [(r, t) for r in RECORDS for t in r.examples.fail],
                         ids=lambda v: getattr(v, "id", None) or v[:40])
def test_fail_examples_lack_it(engine, record, text):
    claims = _claims(engine, text)
    assert claims, f"{text!r}: a fail example must give a claim, to show the cue left it alone"
    assert not any(_has_effect(c, record.effect) for c in claims), (text, claims)


# Cues asked outside a claim's assertion: what denies it, what is said of a mention itself.
NEGATING = [r for r in RECORDS if r.effect == "negated"]
AROUND = [r for r in RECORDS if r.scope == "mention"]


def _record_hits(engine, record, text: str) -> bool:
    """Whether ``record`` alone, asked where its kind is asked, fires in ``text``."""
    from remit.claims.around import MentionCues
    from remit.claims.negation import Negation

    lex = load_lexicon()
    located = [loc for loc in cues(load_grammar()[0]) if loc.record.id == record.id]
    compiled = compile_cues(located, lex.word_class)
    doc = engine.nlp(text)
    if record.scope == "mention":
        around = MentionCues.of(compiled.mention)
        return any(around.contrasted(m, m.sent) or around.exclusive_to(m, m.sent)
                   for m in engine.nlp.get_pipe("remit_claims").extractor.mentions(doc))
    negation = Negation.of(compiled.negating)
    return any(negation.negated(t) or negation.denies(t, passive=True)
               or negation.denies(t, passive=False)
               or negation.negated_below([t], t.sent.root) for t in doc)


@pytest.mark.parametrize("record", NEGATING + AROUND, ids=lambda r: r.id)
def test_each_negation_and_mention_record_fires_on_its_own_examples(engine, record):
    assert all(_record_hits(engine, record, t) for t in record.examples.pass_), record.id
    assert not any(_record_hits(engine, record, t) for t in record.examples.fail), record.id


def test_every_cue_has_both_kinds_of_example():
    assert RECORDS
    for record in RECORDS:
        assert record.examples.pass_ and record.examples.fail, record.id


def test_cue_ids_are_unique_and_categories_cover_the_families():
    ids = [r.id for r in RECORDS]
    assert len(ids) == len(set(ids))
    assert {"question", "reported", "hypothetical", "event", "future", "modality", "negation",
            "denial", "contrast"} <= {
        r.category for r in RECORDS}


# -- errors point at the data ------------------------------------------------------------------

CUE = """\
cues:
  - id: {id}
    description: test cue
    category: reported
    effect: reported
    scope: {scope}
    words: [{words}]
{more}    examples:
      pass: ["x"]
      fail: ["y"]
"""


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def test_unknown_field_names_file_and_line(tmp_path):
    path = _file(tmp_path, CUE.format(id="x-cue", scope="heads", words="say",
                                      more="    up: all\n    colour: red\n"))
    errors = grammar_errors([path])
    assert any(e.startswith(f"{path}:2: cue 'x-cue': colour") for e in errors), errors


def test_bad_direction_and_scope_mismatch(tmp_path):
    path = _file(tmp_path, CUE.format(id="x-cue", scope="sentence", words="say",
                                      more="    direction: sideways\n"))
    assert any(f"{path}:2: cue 'x-cue': direction" in e for e in grammar_errors([path]))
    path = _file(tmp_path, CUE.format(id="x-cue", scope="heads", words="say", more=""))
    assert any("'heads' scope needs 'up'" in e for e in grammar_errors([path]))
    # a mention's cues: their own scope, effects and fields
    path = _file(tmp_path, CUE.format(id="x-cue", scope="mention", words="say", more=""))
    assert any("scope 'mention' goes with the effects" in e for e in grammar_errors([path]))
    path = _file(tmp_path, CUE.format(id="x-cue", scope="sentence", words="say",
                                      more="    between: [the]\n"))
    assert any("apply to 'mention' scope only" in e for e in grammar_errors([path]))
    path = _file(tmp_path, CUE.format(id="x-cue", scope="sentence", words="say",
                                      more="    max_scope: 0\n"))
    assert any("'max_scope' 0 applies to 'mention'" in e for e in grammar_errors([path]))


def test_unknown_class_is_an_error(tmp_path):
    path = _file(tmp_path, CUE.format(id="x-cue", scope="sentence", words='"@nope"', more=""))
    errors = grammar_errors([path])
    assert f"{path}:2: cue 'x-cue': unknown word class '@nope'" in errors


def test_compile_raises_grammar_error(tmp_path):
    path = _file(tmp_path, CUE.format(id="x-cue", scope="sentence", words='"@nope"', more=""))
    with pytest.raises(GrammarError, match="x-cue"):
        compile_cues(cues(load_grammar([path])[0]), load_lexicon().word_class)


def test_rules_validate_reports_cue_errors(tmp_path):
    path = _file(tmp_path, CUE.format(id="x-cue", scope="sentence", words='"@nope"', more=""))
    result = CliRunner().invoke(main, ["rules", "validate", str(path)])
    assert result.exit_code == EXIT_ERROR
    assert f"{path}:2: cue 'x-cue': unknown word class '@nope'" in result.output


def test_shipped_cues_are_clean():
    assert grammar_errors() == []


# -- a user's cue, no Python -------------------------------------------------------------------

USER_CUE = """\
cues:
  - id: reported-gossip
    description: "'Gossips whisper that ICE ...': a new reporting verb."
    category: reported
    effect: reported
    scope: heads
    up: all
    below: {DEP: {IN: [ccomp]}}
    words: [whisper]
    match: lemma
    examples:
      pass: ["Gossips whisper that ICE issues green cards."]
      fail: ["ICE issues green cards."]
"""


USER_NEGATION = """\
cues:
  - id: negation-word
    description: "A user's negation word, replacing the shipped record: 'ICE seldom ...'."
    category: negation
    effect: negated
    scope: children
    words: ["@negations", seldom]
    examples:
      pass: ["ICE seldom issues green cards."]
      fail: ["ICE often issues green cards."]
"""


USER_DENIAL = """\
cues:
  - id: denial-zero-object
    description: "A user's denying quantifier: 'Zero asylum applications are granted by ICE'."
    category: denial
    effect: negated
    scope: children
    deps: [dobj, nsubjpass]
    has_child: {DEP: {IN: [det, nummod]}, LOWER: zero}
    examples:
      pass: ["Zero asylum applications are granted by ICE."]
      fail: ["Two asylum applications are granted by ICE."]
"""


NO_NOBODY = """\
cues:
  - id: denial-to-nobody
    description: "A user's replacement that reads 'to nobody' only after 'toward'."
    category: denial
    effect: negated
    scope: arguments
    deps: [prep]
    max_scope: 1
    words: [nobody]
    token: {DEP: pobj}
    head: {DEP: prep, LOWER: toward}
    examples:
      pass: ["The State Department issues visas toward nobody."]
      fail: ["The State Department issues visas toward everybody."]
"""


@pytest.mark.parametrize("record, text, plain, changed", [
    (USER_CUE, "Gossips whisper that ICE issues green cards.", "asserted", "reported"),
    (USER_NEGATION, "ICE seldom issues green cards.", "affirmed", "negated"),
    # a denial record reaches the verb frame's own 'no'-object test
    (USER_DENIAL, "Zero asylum applications are granted by ICE.", "affirmed", "negated"),
    # 'issues' parsed as a noun: the linear reading's 'no'-object is the denial records' too
    (USER_DENIAL, "ICE issues zero visas.", "affirmed", "negated"),
    (NO_NOBODY, "USCIS issues green cards to nobody.", "negated", "affirmed"),
], ids=["reported", "negation", "denial", "linear-denial", "linear-replaced"])
def test_a_users_cue_changes_the_claim(engine, tmp_path, record, text, plain, changed):
    from remit.engine import Engine

    def read(claim):
        return claim.polarity if changed in {"negated", "affirmed"} else claim.assertion

    path = _file(tmp_path, record)
    assert grammar_errors([path]) == []
    before = engine.nlp(text)._.remit_claims
    assert before and all(read(c) == plain for c in before)
    mine = Engine(rules=[str(path)]).nlp(text)._.remit_claims
    assert mine and all(read(c) == changed for c in mine)


def test_live_cues_leave_out_those_whose_words_the_doc_lacks(engine):
    from spacy.tokens import Doc

    cues = engine.nlp.get_pipe("remit_claims").extractor.cues
    for step in (2, 3):
        cue = next(c for c in cues.steps[step] if c.words)
        lacking = Doc(engine.nlp.vocab, words=["qqzx", "vvwk"])
        having = Doc(engine.nlp.vocab, words=["qqzx", *(sorted(g)[0] for g in cue.gates)])
        assert cue not in cues.live(step, lacking)
        assert cue in cues.live(step, having)
        assert [c for c in cues.steps[step] if not c.gates] == cues.live(step, lacking)


def test_live_cues_leave_out_those_whose_tests_ask_for_a_word_the_doc_lacks(engine):
    """'no' in a child test ('issues no visas') is a word the doc must hold, as a cue's own
    words are: a doc without it cannot match the cue."""
    from spacy.tokens import Doc

    from remit.claims.negation import negation_of

    extractor = engine.nlp.get_pipe("remit_claims").extractor
    denial = negation_of(extractor.lex).denial
    cue = next(c for c in denial if not c.words and c.needed)
    assert frozenset({"no"}) in cue.needed
    from remit.claims.forms import live

    lacking = Doc(engine.nlp.vocab, words=["ICE", "issues", "visas"])
    having = Doc(engine.nlp.vocab, words=["ICE", "issues", "no", "visas"])
    assert cue not in live(denial, lacking)
    assert cue in live(denial, having)


@pytest.mark.parametrize("text", [
    "Critics say that ICE deports people.",
    "Does USCIS decide asylum claims?",
    "If CBP inspected the cargo, ICE would not detain anyone.",
    "USCIS reportedly plans to adjudicate more petitions next year.",
    "ICE will soon stop detaining families, and CBP used to run the shelters.",
])
def test_live_cues_decide_as_all_cues_do(engine, monkeypatch, text):
    from remit.claims.modifiers import CueSet

    sifted = _claims(engine, text)
    monkeypatch.setattr(CueSet, "live", lambda self, step, doc: self.steps[step]
                        if step in (2, 3) else self.future_local)
    assert _claims(engine, text) == sifted


# ---- a cue's ``unless``: arguments that keep it off a predicate (ConText's pseudo-triggers),
# read from a user's file with no Python, and its errors pointing at the data

# A user's replacement of the shipped future auxiliary that also keeps off a predicate whose
# object is 'its' agency's own staff: no English word in the engine decides which.
FUTURE_UNLESS = """\
cues:
  - id: future-auxiliary
    description: "'will' makes a plan, unless a staff word is the object."
    category: future
    effect: future
    scope: children
    up: [xcomp, conj]
    deps: [aux]
    words: [will]
    unless: {deps: [dobj], words: [staff], max_scope: 0}
    examples:
      pass: ["ICE will deport more people."]
      fail: ["ICE will train staff to deport people."]
"""


def test_shipped_unless_keeps_the_readers_process_a_role(engine):
    plan = engine.nlp("ICE will deport more people.")._.remit_claims
    told = engine.nlp("USCIS will interview you and decide your asylum application.")._.remit_claims
    assert plan and all(c.future for c in plan)
    assert told and not any(c.future for c in told)


def test_a_users_unless_keeps_the_cue_off(engine, tmp_path):
    from remit.engine import Engine

    path = _file(tmp_path, FUTURE_UNLESS)
    assert grammar_errors([path]) == []
    mine = Engine(rules=[str(path)])
    kept = mine.nlp("ICE will deport staff.")._.remit_claims
    plan = mine.nlp("ICE will deport workers.")._.remit_claims
    assert kept and not any(c.future for c in kept)
    assert plan and all(c.future for c in plan)


def test_unless_errors_point_at_the_data(tmp_path):
    bad = FUTURE_UNLESS.replace("max_scope: 0}", "max_scope: 0, colour: red}")
    errors = grammar_errors([_file(tmp_path, bad)])
    assert any(":2: cue 'future-auxiliary'" in e and "colour" in e for e in errors), errors
    headline = FUTURE_UNLESS.replace("scope: children\n    up: [xcomp, conj]\n    deps: [aux]\n",
                                     "scope: sentence_start\n")
    errors = grammar_errors([_file(tmp_path, headline)])
    assert any("'unless' applies to cues asked of a predicate" in e for e in errors), errors


def test_quoted_on_a_headline_cue_is_an_error(tmp_path):
    headline = FUTURE_UNLESS.replace(
        "scope: children\n    up: [xcomp, conj]\n    deps: [aux]\n",
        "scope: sentence_start\n").replace(
        "    unless: {deps: [dobj], words: [staff], max_scope: 0}\n", "    quoted: ['\"']\n")
    assert "quoted:" in headline and "unless:" not in headline
    errors = grammar_errors([_file(tmp_path, headline)])
    assert any(":2: cue 'future-auxiliary'" in e and "'quoted' applies to cues asked of a "
               "predicate" in e for e in errors), errors
