"""The grammar data (word classes) is validated like the table, and the code holds no words."""

from __future__ import annotations

import ast
import re
from pathlib import Path
from typing import get_args

import pytest
from click.testing import CliRunner


from remit.claims.checks import grammar_errors, phrase_shape_problem
from remit.claims.grammar import GrammarError
from remit.claims.lexicon import load_lexicon
from remit.claims.cueschema import (
    CueCategory,
    CueClaims,
    CueDirection,
    CueEffect,
    CueMatch,
    CueScope,
    CueUp,
    CueVoice,
)
from remit.claims.schema import Predicate, TokenAttr
from remit.cli import EXIT_ERROR, main
from remit.rules.loader import load_table
from remit.rules.schema import AgencyKind

CLASS = """\
word_classes:
  - id: {id}
    description: test words
    words: [{words}]
{more}"""


def _file(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


WORD = re.compile(r"^[A-Za-z][A-Za-z' -]*$")


def _errors(*paths: Path) -> str:
    with pytest.raises(GrammarError) as info:
        load_lexicon(paths)
    return str(info.value)


# -- the shipped data --------------------------------------------------------------------------


def test_shipped_grammar_is_clean():
    assert grammar_errors(table=load_table()) == []


def test_shipped_data_has_no_dead_phrase():
    lex = load_lexicon()
    prepositions = lex.word_class("prepositions")
    dead = [(name, word) for name in lex.verb_classes for word in lex.word_class(name)
            if phrase_shape_problem(tuple(word.split()), prepositions)]
    dead += [(f.id, verb) for f in load_table().functions.values() for t in f.triggers
             for verb in t.verbs if not verb.startswith("@")
             and phrase_shape_problem(tuple(verb.split()), prepositions)]
    assert dead == []


@pytest.mark.parametrize("phrase, dead", [
    ("issue", False), ("hand out", False), ("make decision on", False),
    ("crack down on", False), ("take into custody", False),
    ("be tasked with", True), ("be in charge of", True), ("take care of it", True),
    ("give green card", True),
])
def test_phrase_shapes(phrase, dead):
    prepositions = load_lexicon().word_class("prepositions")
    assert bool(phrase_shape_problem(tuple(phrase.split()), prepositions)) is dead


def test_word_class_interface():
    lex = load_lexicon()
    assert "deal with" in lex.word_class("handle")
    assert {"handle", "grant", "personnel", "prepositions"} <= lex.class_names()
    assert ("deal", "with") in lex.verbs("handle")
    assert lex.acronym_verbs["ice"] == lex.word_class("ice_acronym_verbs")
    with pytest.raises(KeyError):
        lex.word_class("no_such_class")


# -- errors point at the data ------------------------------------------------------------------


def test_bad_field_names_file_and_line(tmp_path):
    path = _file(tmp_path, CLASS.format(id="handle", words="tend", more="    colour: red\n"))
    message = _errors(path)
    assert f"{path}:2: word class 'handle': colour: Extra inputs are not permitted" in message


def test_yaml_boolean_word_is_an_error(tmp_path):
    path = _file(tmp_path, CLASS.format(id="handle", words="tend, on", more=""))
    assert f"{path}:2: word class 'handle': words.1: Input should be a valid string" in (
        _errors(path))


def test_duplicate_id_in_one_file(tmp_path):
    text = CLASS.format(id="x_words", words="a", more="") + (
        "  - id: x_words\n    description: again\n    words: [b]\n")
    path = _file(tmp_path, text)
    assert f"{path}:5: word class 'x_words': duplicate id in this file" in _errors(path)


def test_conflicting_classes(tmp_path):
    path = _file(tmp_path, CLASS.format(id="negations", words="only", more="    extend: true\n"))
    message = _errors(path)
    assert f"{path}:2: word class 'negations': shares 'only' with 'exclusives'" in message


def test_unknown_disjoint_class(tmp_path):
    path = _file(tmp_path, CLASS.format(id="x_words", words="a",
                                        more="    disjoint_with: [nope]\n"))
    assert "disjoint_with: unknown class 'nope'" in _errors(path)


def test_dead_phrase_in_a_user_class(tmp_path):
    path = _file(tmp_path, CLASS.format(id="grant", words='"be tasked with"',
                                        more="    shape: verb_phrases\n    extend: true\n"))
    assert f"{path}:2: word class 'grant': 'be tasked with' can never match" in _errors(path)


def test_extend_without_a_class(tmp_path):
    path = _file(tmp_path, CLASS.format(id="x_words", words="a", more="    extend: true\n"))
    assert "extend: true, but there is no class of that id to extend" in _errors(path)


def test_unknown_at_name_in_a_trigger(tmp_path):
    path = _file(tmp_path, "functions:\n  - id: tending\n    label: tend things\n"
                           "    triggers:\n      - verbs: ['@tend']\n")
    errors = grammar_errors([path], table=load_table([path]))
    assert any(e.startswith(f"{path}:2: function 'tending': '@tend' names no word class")
               for e in errors), errors


def test_rules_validate_reports_grammar_errors(tmp_path):
    path = _file(tmp_path, CLASS.format(id="handle", words="tend", more="    colour: red\n"))
    result = CliRunner().invoke(main, ["rules", "validate", str(path)])
    assert result.exit_code == EXIT_ERROR
    assert f"{path}:2: word class 'handle': colour" in result.output


# -- users' files ------------------------------------------------------------------------------


def test_user_class_overrides_by_id(tmp_path):
    path = _file(tmp_path, CLASS.format(id="exclusives", words="solely", more=""))
    assert load_lexicon([path]).exclusives == frozenset({"solely"})
    assert "alone" in load_lexicon().exclusives


def test_user_class_extends(tmp_path):
    path = _file(tmp_path, CLASS.format(id="grant", words='"dole out"',
                                        more="    shape: verb_phrases\n    extend: true\n"))
    lex = load_lexicon([path])
    assert ("dole", "out") in lex.verbs("grant") and ("issue",) in lex.verbs("grant")


def test_one_file_holds_table_and_grammar(tmp_path):
    path = _file(tmp_path, CLASS.format(id="x_words", words="a", more="") + (
        "functions:\n  - id: tending\n    label: tend things\n"
        "    triggers:\n      - verbs: ['@x_words']\n"))
    assert "tending" in load_table([path]).functions
    assert load_lexicon([path]).word_class("x_words") == frozenset({"a"})
    assert grammar_errors([path], table=load_table([path])) == []


# -- no English words in the code --------------------------------------------------------------

CLAIMS = Path(__file__).resolve().parents[2] / "remit" / "claims"
# Modules whose word constants are not yet lexicon classes (issue 10, step 4 of the design).
NOT_YET: set[str] = set()
# Strings that are not English words: spaCy's labels, and names of things in data and docs.
LABELS = {
    # dependency labels
    "nsubj", "nsubjpass", "csubj", "dobj", "iobj", "pobj", "pcomp", "prep", "prt", "aux",
    "auxpass", "neg", "punct", "cc", "conj", "mark", "advcl", "relcl", "appos", "agent", "det",
    "expl", "discourse", "parataxis", "attr", "acomp", "amod", "nmod", "poss", "compound",
    "xcomp", "ccomp", "acl", "dative", "npadvmod", "nummod", "case", "advmod", "dep", "ROOT",
    # coarse POS and fine tags
    "VERB", "AUX", "NOUN", "PROPN", "PRON", "ADJ", "ADV", "ADP", "DET", "NUM", "PART",
    "CCONJ", "SCONJ", "SPACE", "PUNCT", "VBZ", "VBP", "VBD", "VBN", "VBG", "VB", "MD", "NN",
    "NNS", "NNP", "NNPS", "WRB",
}
# spaCy's token attributes and matcher predicates, as construction patterns name them
LABELS |= set(get_args(TokenAttr)) | set(get_args(Predicate))
# the cue records' vocabularies (schema Literals), which the cue engine dispatches on
LABELS |= {v for t in (CueCategory, CueClaims, CueDirection, CueEffect, CueMatch, CueScope,
                        CueUp, CueVoice)
           for v in get_args(t)}
ALLOWED = {
    "be",  # the copula: the grammar's rules for 'be' are kinds of rule, not words
    "word_classes", "verb_phrases", "words",  # section and field names of the grammar data
    "rewrites",  # a word class's shape ('OLD => NEW' entries: endings, spellings)
    "classes",  # the Lexicon's field of every class by id
    "prepositions", "ambiguous_acronyms",  # ids of classes the checks read
    "functions",  # the table's section whose triggers the checks read
    "word class",  # the kind of record, as errors name it
    "constructions", "construction",  # the construction section and its kind of record
    "cues", "cue",  # the cue section and its kind of record
    "agency", "predicate", "content", "target",  # a construction's slot names
    "role", "acts", "part_of", "does", "anchored",  # a construction's effects
    "any", "noun", "verb", "subtree",  # values of a construction's content_as
    "adjective", "copula", "unit",  # a construction's anchors (with 'agency' and 'verb')
    "unless",  # a construction's chains that drop a match (with 'denied_if')
    "supported", "contradicted", "unknown",  # verdicts (records.Verdict)
    "contrast", "mention",  # how a claim's agency was read (Claim.via)
    *get_args(AgencyKind),  # the table's kinds of agency (its vocabulary, not grammar words)
}


def _is_word(value: object) -> bool:
    return (isinstance(value, str) and bool(WORD.match(value)) and value not in LABELS
            and value not in ALLOWED)


def _word_literals(path: Path) -> list[tuple[int, str]]:
    """Strings where grammar code keeps words: in set, list and tuple displays, compared with
    ``==`` or ``in``, or given to ``endswith``/``startswith``."""
    out = []
    tree = ast.parse(path.read_text(encoding="utf-8"))
    exported = {id(node.value) for node in tree.body if isinstance(node, ast.Assign)
                and any(isinstance(t, ast.Name) and t.id == "__all__" for t in node.targets)}
    for node in ast.walk(tree):
        if id(node) in exported:
            continue  # names of the module's API
        if isinstance(node, (ast.Set, ast.List, ast.Tuple)):
            values = node.elts
        elif isinstance(node, ast.Compare):
            values = [node.left, *node.comparators]
        elif (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
              and node.func.attr in {"endswith", "startswith"}):
            values = node.args
        else:
            continue
        out += [(v.lineno, v.value) for v in values
                if isinstance(v, ast.Constant) and _is_word(v.value)]
    return out


@pytest.mark.parametrize("name", sorted(p.name for p in CLAIMS.glob("*.py")
                                        if p.name not in NOT_YET))
def test_no_english_word_in_code(name):
    assert _word_literals(CLAIMS / name) == []


# -- rewrite classes (endings, spellings) ------------------------------------------------------


def test_rewrite_classes_read_in_order():
    lex = load_lexicon()
    assert lex.rewrites("plural_endings")[0] == ("ies", "y")
    assert ("", "s") in lex.rewrites("verb_inflections")


def test_a_rewrite_needs_its_arrow(tmp_path):
    path = _file(tmp_path, CLASS.format(id="x_endings", words='"ies y"',
                                        more="    shape: rewrites\n"))
    assert f"{path}:2: word class 'x_endings'" in _errors(path)
    assert "a rewrite is 'OLD => NEW'" in _errors(path)


@pytest.mark.parametrize("word, singular_form", [
    ("agencies", "agency"), ("processes", "process"), ("notices", "notice"), ("boss", "boss"),
])
def test_singular_by_the_plural_endings(word, singular_form):
    from remit.claims.lexicon import singular

    assert singular(word) == singular_form
