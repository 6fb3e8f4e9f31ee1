"""A cue's ``unless`` (arguments that keep it off a predicate, as ConText's pseudo-triggers),
read from a user's file with no Python, and its errors pointing at the data."""

from __future__ import annotations

from pathlib import Path

from remit.claims.checks import grammar_errors

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


def _file(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "mine.yaml"
    path.write_text(text, encoding="utf-8")
    return path


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
