"""A cue's ``judged`` field: a claim noun whose head judges it true is no trigger.

'The claim that X is accurate' asserts X ('is false', 'is not true', 'is only partly true'
do not), as ConText's pseudo-triggers keep a trigger word from triggering.
"""

from __future__ import annotations

from remit.claims.checks import grammar_errors

JUDGED_ON_A_SENTENCE_CUE = """\
cues:
  - id: reported-gossip
    description: "'Gossip: ...'"
    category: reported
    effect: reported
    scope: sentence_start
    words: [gossip]
    judged: {child: {DEP: acomp, LOWER: accurate}}
    examples:
      pass: ["Gossip: ICE issues green cards."]
      fail: ["ICE issues green cards."]
"""


def _assertions(engine, text: str) -> list[str]:
    return [c.assertion for c in engine.nlp(text)._.remit_claims]


def test_a_verdict_of_true_asserts_the_named_claim(engine):
    assert _assertions(engine, 'The claim that "CBP is part of DHS" is accurate.') == ["asserted"]
    assert _assertions(engine, 'The notion that "USCIS is part of DHS" is indeed correct.') == [
        "asserted"]


def test_a_hedged_or_negative_verdict_keeps_it_reported(engine):
    for verdict in ("false", "not true", "only partly accurate", "a myth"):
        text = f'The claim that "CBP is part of DHS" is {verdict}.'
        assert _assertions(engine, text) == ["reported"], text


def test_judged_outside_heads_scope_is_an_error(tmp_path):
    path = tmp_path / "mine.yaml"
    path.write_text(JUDGED_ON_A_SENTENCE_CUE, encoding="utf-8")
    errors = grammar_errors([path])
    assert any("'judged' applies to 'heads' scope only" in e for e in errors), errors
