"""Construction records: every record's examples, the schema's errors, and a curator's file."""

from __future__ import annotations

import textwrap

import pytest
from click.testing import CliRunner
from spacy.tokens import Doc
from spacy.vocab import Vocab

from remit.claims.checks import grammar_errors
from remit.claims.constructions import ConstructionMatcher, load_constructions
from remit.claims.grammar import GrammarError, constructions, load_grammar
from remit.claims.lexicon import load_lexicon


def _shipped():
    merged, errors = load_grammar()
    assert errors == []
    return [loc.record for loc in constructions(merged)]


SHIPPED = _shipped()
PASS = [pytest.param(c, *e, id=f"{c.id}:{e[0][:40]}") for c in SHIPPED for e in c.expected()]
FAIL = [pytest.param(c, text, id=f"{c.id}:{text[:40]}") for c in SHIPPED
        for text in c.examples.fail]


def _claims(engine, text: str):
    """Every reading's claims: another record may read the same claim and be the one
    reported."""
    nlp = engine.nlp
    return nlp.get_pipe("remit_claims").extractor.readings(nlp(text))


@pytest.mark.parametrize(("record", "text", "agency", "key", "polarity"), PASS)
def test_pass_example_gives_the_declared_claim(engine, record, text, agency, key, polarity):
    got = [(c.agency, c.key, c.polarity) for c in _claims(engine, text)
           if record.id in (c.construction, *c.through)]
    assert (agency, key, polarity) in got, got


@pytest.mark.parametrize(("record", "text"), FAIL)
def test_fail_example_gives_no_claim_of_the_record(engine, record, text):
    assert [c for c in _claims(engine, text)
            if record.id in (c.construction, *c.through)] == []


def test_every_construction_has_pass_and_fail_examples():
    assert SHIPPED
    for record in SHIPPED:
        assert record.examples.pass_ and record.examples.fail, record.id


def test_example_keys_name_table_functions_and_agencies(table):
    for record in SHIPPED:
        for _, agency, key, _ in record.expected():
            assert agency in table.agencies, (record.id, agency)
            if key.startswith("part_of:"):
                assert key.split(":", 1)[1] in table.agencies, (record.id, key)
            else:  # 'unlisted': a claim the table has no function for (Claim.key)
                assert key in table.functions or key == "unlisted", (record.id, key)


def test_shipped_ids_are_unique():
    ids = [r.id for r in SHIPPED]
    assert len(ids) == len(set(ids))


RECORD = """\
constructions:
  - id: {id}
    description: test record
    effect: role
    pattern:
      - {{RIGHT_ID: predicate, RIGHT_ATTRS: {attrs}}}
      - {{LEFT_ID: predicate, REL_OP: ">", RIGHT_ID: agency, RIGHT_ATTRS: {{DEP: nsubj}}}}
      - {{LEFT_ID: predicate, REL_OP: ">", RIGHT_ID: content, RIGHT_ATTRS: {{DEP: dobj}}}}
    examples:
      pass: ["ICE runs detention. => ICE detention affirmed"]
      fail: ["Ice melts."]
"""


def _errors(tmp_path, text: str) -> list[str]:
    path = tmp_path / "user.yaml"
    path.write_text(text, encoding="utf-8")
    return [e.replace(str(path), "user.yaml") for e in grammar_errors([path])]


def test_a_valid_record_compiles_and_matches_a_hand_built_doc():
    vocab = Vocab()
    from remit.claims.grammar import parse_grammar_file

    records, errors = parse_grammar_file(RECORD.format(id="x", attrs="{LEMMA: run}"), "u.yaml")
    assert errors == []
    matcher = load_constructions(records, vocab, load_lexicon().word_class)
    doc = Doc(vocab, words=["ICE", "runs", "detention"], heads=[1, 1, 1],
              deps=["nsubj", "ROOT", "dobj"], lemmas=["ICE", "run", "detention"])
    (binding,) = matcher(doc)
    assert binding.construction.id == "x"
    assert binding.slots == {"agency": 0, "predicate": 1, "content": 2}


@pytest.mark.parametrize(("text", "message"), [
    (RECORD.format(id="bad", attrs="{LEMMA: {IN: ['@no_such_class']}}"),
     "user.yaml:2: construction 'bad': unknown word class '@no_such_class'"),
    (RECORD.format(id="bad", attrs="{LEMMA: '@part_of_verbs'}"),
     "user.yaml:2: construction 'bad': word class 'part_of_verbs' has multi-word entries"),
    (RECORD.format(id="bad", attrs="{LEMMA: {IN: run}}"),
     "user.yaml:2: construction 'bad': pattern.0.RIGHT_ATTRS: Value error, LEMMA IN takes a list"),
    (RECORD.format(id="bad", attrs="{LEMMA: run, NOT_AN_ATTR: 1}"),
     "user.yaml:2: construction 'bad': "),
    (RECORD.format(id="Bad Id", attrs="{LEMMA: run}"),
     "user.yaml:2: construction 'Bad Id': id: String should match pattern"),
    (RECORD.format(id="bad", attrs="{LEMMA: run}").replace("effect: role", "effect: fly"),
     "user.yaml:2: construction 'bad': effect: Input should be"),
    (RECORD.format(id="bad", attrs="{LEMMA: run}").replace("RIGHT_ID: agency", "RIGHT_ID: who"),
     "user.yaml:2: construction 'bad': Value error, the pattern has no 'agency' node"),
    (RECORD.format(id="bad", attrs="{LEMMA: run}").replace("    fail: [\"Ice melts.\"]\n", ""),
     "user.yaml:2: construction 'bad': examples.fail: Field required"),
    (RECORD.format(id="bad", attrs="{LEMMA: run}").replace(" => ICE detention affirmed", ""),
     "user.yaml:2: construction 'bad': examples.pass: Value error, pass example"),
    (RECORD.format(id="bad", attrs="{LEMMA: run}") + "    colour: red\n",
     "user.yaml:2: construction 'bad': colour: Extra inputs are not permitted"),
    (RECORD.format(id="dup", attrs="{LEMMA: run}")
     + RECORD.format(id="dup", attrs="{LEMMA: run}").replace("constructions:\n", ""),
     "user.yaml:12: construction 'dup': duplicate id in this file"),
])
def test_errors_name_file_line_and_record(tmp_path, text, message):
    errors = _errors(tmp_path, text)
    assert any(line.startswith(message) for line in errors), errors


def test_a_pattern_spacy_refuses_is_an_error_at_load():
    from remit.claims.grammar import parse_grammar_file

    bad = RECORD.format(id="bad", attrs="{LENGTH: long}")  # spaCy: LENGTH takes a number
    records, errors = parse_grammar_file(bad, "u.yaml")
    assert errors == []
    with pytest.raises(GrammarError) as err:
        load_constructions(records, Vocab(), load_lexicon().word_class)
    assert err.value.errors[0].startswith("u.yaml:2: construction 'bad': ")


def test_rules_validate_reports_construction_errors(tmp_path):
    from remit.cli import main

    bad = tmp_path / "bad.yaml"
    bad.write_text(RECORD.format(id="bad", attrs="{LEMMA: {IN: ['@nope']}}"), encoding="utf-8")
    result = CliRunner().invoke(main, ["rules", "validate", str(bad)])
    assert result.exit_code == 2
    assert f"{bad}:2: construction 'bad': unknown word class '@nope'" in result.stderr


# The curator's path (README, remit/claims/data/README.md): a new construction in a user
# file, no Python change.
CURATOR = textwrap.dedent("""\
    constructions:
      - id: in-the-business-of
        description: '"X is in the business of Y": Y is what the agency does.'
        effect: role
        pattern:
          - {RIGHT_ID: predicate, RIGHT_ATTRS: {LEMMA: be}}
          - {LEFT_ID: predicate, REL_OP: ">", RIGHT_ID: agency, RIGHT_ATTRS: {DEP: nsubj}}
          - {LEFT_ID: predicate, REL_OP: ">", RIGHT_ID: in, RIGHT_ATTRS: {DEP: prep, LOWER: in}}
          - {LEFT_ID: in, REL_OP: ">", RIGHT_ID: business, RIGHT_ATTRS: {LEMMA: business}}
          - {LEFT_ID: business, REL_OP: ">", RIGHT_ID: of, RIGHT_ATTRS: {LOWER: of}}
          - {LEFT_ID: of, REL_OP: ">", RIGHT_ID: content, RIGHT_ATTRS: {DEP: {IN: [pcomp, pobj]}}}
        examples:
          pass: ["USCIS is in the business of naturalizing immigrants. => USCIS naturalization affirmed"]
          fail: ["USCIS is in business."]
    """)


def test_a_curators_record_in_a_user_file_gives_the_claim(tmp_path):
    from remit.engine import Engine

    text = "USCIS is in the business of naturalizing immigrants."
    assert not [f for f in Engine().check(text) if f.claim.function == "naturalization"]
    path = tmp_path / "local.yaml"
    path.write_text(CURATOR, encoding="utf-8")
    found = Engine(rules=(str(path),)).check(text)
    assert [(f.claim.agency, f.claim.function, f.claim.construction, f.verdict)
            for f in found] == [("USCIS", "naturalization", "in-the-business-of", "supported")]


def test_a_user_record_overrides_a_shipped_one_by_id(tmp_path):
    from remit.engine import Engine

    text = "CBP is entrusted with securing the border."
    assert any(f.claim.construction == "passive-charged-with" for f in Engine().check(text))
    narrowed = CURATOR.replace("in-the-business-of", "passive-charged-with")
    path = tmp_path / "local.yaml"
    path.write_text(narrowed, encoding="utf-8")
    assert not any(f.claim.construction == "passive-charged-with"
                   for f in Engine(rules=(str(path),)).check(text))


def test_the_matcher_is_empty_without_records():
    assert not ConstructionMatcher(Vocab(), [], load_lexicon().word_class)


ANCHORED = """\
constructions:
  - id: x
    description: test record
    anchor: verb
    effect: does
    content_as: verb
    pattern:
      - {RIGHT_ID: predicate, RIGHT_ATTRS: {LEMMA: have}}
      - {LEFT_ID: predicate, REL_OP: ">", RIGHT_ID: power, RIGHT_ATTRS: {DEP: dobj}}
      - {LEFT_ID: power, REL_OP: ">", RIGHT_ID: content, RIGHT_ATTRS: {DEP: acl}}
    unless:
      - [{LEFT_ID: power, REL_OP: ">", RIGHT_ID: "some", RIGHT_ATTRS: {ORTH: some}}]
    denied_if:
      - [{LEFT_ID: power, REL_OP: ">", RIGHT_ID: "no", RIGHT_ATTRS: {ORTH: "no"}}]
    examples:
      pass: ["ICE has the power to arrest people. => ICE arrest affirmed"]
      fail: ["ICE has power."]
"""


def _anchored_bindings(det: str):
    from remit.claims.grammar import parse_grammar_file

    records, errors = parse_grammar_file(ANCHORED, "u.yaml")
    assert errors == []
    vocab = Vocab()
    matcher = load_constructions(records, vocab, load_lexicon().word_class)
    doc = Doc(vocab, words=["ICE", "has", det, "power", "to", "arrest"],
              heads=[1, 1, 3, 1, 5, 3], deps=["nsubj", "ROOT", "det", "dobj", "aux", "acl"],
              lemmas=["ICE", "have", det, "power", "to", "arrest"])
    return matcher(doc)


@pytest.mark.parametrize(("det", "found"), [("the", [(1, False)]), ("no", [(1, True)]),
                                            ("some", [])])
def test_an_anchored_record_binds_its_first_node_and_reads_its_chains(det, found):
    got = _anchored_bindings(det)
    assert [(b.anchor, b.denied) for b in got] == found
    assert all("agency" not in b.slots and b.slots["content"] == 5 for b in got)


@pytest.mark.parametrize(("change", "message"), [
    (("RIGHT_ID: content, RIGHT_ATTRS: {DEP: acl}}", "RIGHT_ID: content, RIGHT_ATTRS: {DEP: acl}}"
      "\n      - {LEFT_ID: predicate, REL_OP: \">\", RIGHT_ID: agency, RIGHT_ATTRS: {DEP: nsubj}}"),
     "the builder gives the agency"),
    (("LEFT_ID: power, REL_OP: \">\", RIGHT_ID: \"some\"", "LEFT_ID: nope, REL_OP: \">\", "
      "RIGHT_ID: \"some\""), "of a chain (unless, denied_if, exclusive_if) needs LEFT_ID"),
    (("RIGHT_ID: \"no\"", "RIGHT_ID: power"), "of a chain repeats a node name"),
    (("content_as: verb", "content_as: verb\n    head: nowhere"), "head 'nowhere' names no node"),
    (("effect: does", "effect: anchored"), "effect 'anchored' needs 'at'"),
    (("effect: does", "effect: does\n    at: adjective"), "'at' needs that effect"),
])
def test_anchored_record_errors(tmp_path, change, message):
    errors = _errors(tmp_path, ANCHORED.replace(*change))
    assert any(message in e for e in errors), errors


def test_spacys_pattern_check_runs_again_only_for_changed_patterns(tmp_path, monkeypatch):
    """A start-up skips spaCy's check of patterns that passed it before (remembered in the
    data cache); a pattern it refuses is never remembered, so its error comes back."""
    import spacy.matcher

    from remit.claims.grammar import parse_grammar_file

    monkeypatch.setenv("REMIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("REMIT_NO_CACHE", raising=False)
    checked: list[str] = []
    real = spacy.matcher.DependencyMatcher

    class Counting:
        def __init__(self, vocab, validate=True):
            self.matcher = real(vocab, validate=validate)

        def add(self, name, patterns):
            checked.append(name)
            self.matcher.add(name, patterns)

    monkeypatch.setattr(spacy.matcher, "DependencyMatcher", Counting)
    good, _ = parse_grammar_file(RECORD.format(id="x", attrs="{LEMMA: run}"), "u.yaml")
    load_constructions(good, Vocab(), load_lexicon().word_class)
    assert checked == ["x"]
    load_constructions(good, Vocab(), load_lexicon().word_class)
    assert checked == ["x"]  # the same patterns: not checked again
    changed, _ = parse_grammar_file(RECORD.format(id="x", attrs="{LEMMA: walk}"), "u.yaml")
    load_constructions(changed, Vocab(), load_lexicon().word_class)
    assert checked == ["x", "x"]
    bad, _ = parse_grammar_file(RECORD.format(id="bad", attrs="{LENGTH: long}"), "u.yaml")
    for _ in range(2):
        with pytest.raises(GrammarError):
            load_constructions(bad, Vocab(), load_lexicon().word_class)
