"""remit's dependency matcher gives spaCy's DependencyMatcher's matches, pattern by pattern."""

from __future__ import annotations

import pytest
from spacy.matcher import DependencyMatcher
from spacy.tokens import Doc
from spacy.vocab import Vocab

from remit.claims.constructions import _chains as chains_of
from remit.claims.constructions import compiled_pattern
from remit.claims.depmatch import OPERATORS, Compiled, Matcher, View
from remit.claims.grammar import constructions, load_grammar
from remit.claims.lexicon import load_lexicon


def _patterns() -> list[tuple[str, list[dict]]]:
    merged, errors = load_grammar()
    assert errors == []
    word_class = load_lexicon().word_class
    out = []
    for loc in constructions(merged):
        c = loc.record
        for k, nodes in enumerate([c.pattern, *c.alternatives]):
            out.append((f"{c.id}#{k}", compiled_pattern(c, word_class, nodes=nodes)))
            for m, (_, chain) in enumerate(chains_of(c)):
                out.append((f"{c.id}#{k}~{m}", compiled_pattern(c, word_class, chain, nodes)))
    return out


PATTERNS = _patterns()


def _texts() -> list[str]:
    """Every record's examples, and sentences with what the records test for."""
    merged, _ = load_grammar()
    out = []
    for loc in constructions(merged):
        out += [e.split("=>")[0] for e in loc.record.examples.pass_] + loc.record.examples.fail
    out += [
        "ICE, CBP and USCIS are all part of DHS, but only USCIS grants green cards.",
        "Immigration judges, who work for EOIR, decide removal cases; ICE does not.",
        "The Border Patrol, a unit of CBP, guards the land border between ports of entry.",
        "It is USCIS, not ICE, that is responsible for naturalization interviews.",
    ]
    return sorted(set(out))


@pytest.fixture(scope="module")
def docs(engine):
    return list(engine.nlp.pipe(_texts()))


def test_every_shipped_pattern_is_run_by_remits_matcher():
    assert PATTERNS
    assert all(Compiled(p).supported for _, p in PATTERNS)


def test_same_matches_as_spacy_on_every_pattern_and_example(docs):
    vocab = docs[0].vocab
    ours, theirs = Matcher(vocab), DependencyMatcher(vocab)
    for name, pattern in PATTERNS:
        ours.add(name, [pattern])
        theirs.add(name, [pattern])
    compared = 0
    for doc in docs:
        expected = sorted((key, tuple(tokens)) for key, tokens in theirs(doc))
        got = sorted((key, tuple(tokens)) for key, tokens in ours(doc))
        assert got == expected, doc.text
        compared += len(expected)
    assert compared > 100


# A tree with siblings on both sides, a chain of heads and two sentences.
WORDS = ["ICE", "and", "CBP", "agents", "quickly", "arrest", "people", ".", "USCIS", "grants",
         "cards", "."]
HEADS = [3, 0, 0, 5, 5, 5, 5, 5, 9, 9, 9, 9]
DEPS = ["compound", "cc", "conj", "nsubj", "advmod", "ROOT", "dobj", "punct", "nsubj", "ROOT",
        "dobj", "punct"]


@pytest.mark.parametrize("op", sorted(OPERATORS))
@pytest.mark.parametrize("right", [{}, {"DEP": {"IN": ["nsubj", "dobj", "conj"]}},
                                   {"LOWER": {"NOT_IN": ["people", "."]}}])
def test_each_operator_as_spacy_reads_it(op, right):
    vocab = Vocab()
    doc = Doc(vocab, words=WORDS, heads=HEADS, deps=DEPS)
    pattern = [{"RIGHT_ID": "a", "RIGHT_ATTRS": {}},
               {"LEFT_ID": "a", "REL_OP": op, "RIGHT_ID": "b", "RIGHT_ATTRS": right}]
    ours, theirs = Matcher(vocab), DependencyMatcher(vocab)
    ours.add("p", [pattern])
    theirs.add("p", [pattern])
    expected = sorted(tuple(t) for _, t in theirs(doc))
    assert sorted(tuple(t) for _, t in ours(doc)) == expected
    assert sorted(tuple(t) for _, t in ours(doc, View(doc))) == expected


def test_a_test_it_does_not_run_goes_to_spacys_matcher():
    vocab = Vocab()
    doc = Doc(vocab, words=["ICE", "arrests", "people"], heads=[1, 1, 1],
              deps=["nsubj", "ROOT", "dobj"])
    pattern = [{"RIGHT_ID": "v", "RIGHT_ATTRS": {"ORTH": {"REGEX": "^arr"}}},
               {"LEFT_ID": "v", "REL_OP": ">", "RIGHT_ID": "s", "RIGHT_ATTRS": {"DEP": "nsubj"}}]
    assert not Compiled(pattern).supported
    matcher = Matcher(vocab)
    matcher.add("p", [pattern])
    assert [(vocab.strings[k], t) for k, t in matcher(doc)] == [("p", [1, 0])]


def test_gated_opens_the_matchers_whose_every_gate_is_met():
    """Gated.open against testing every row, on random gates and values."""
    import random

    from remit.claims.depmatch import Gated

    rng = random.Random(7)
    gated, rows = Gated(), []
    for k in range(60):
        gates = [frozenset(rng.sample(range(30), rng.randint(1, 4)))
                 for _ in range(rng.randint(1, 3))]
        gated.add(gates, k)
        rows.append((gates, k))
    for _ in range(200):
        values = set(rng.sample(range(40), rng.randint(0, 12)))
        expected = [k for gates, k in rows if all(g & values for g in gates)]
        assert gated.open(values) == expected
