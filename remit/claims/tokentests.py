"""Token tests in DependencyMatcher's ``RIGHT_ATTRS`` syntax, for the cue engine.

A cue record tests single tokens (its trigger, the trigger's head, a child, the predicate)
with the attribute names and predicates that construction patterns use; this module compiles
such a test once into (getter, operator, value) triples.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from remit.claims.constructions import resolve_classes

if TYPE_CHECKING:
    from spacy.tokens import Token

# Token attributes by the names DependencyMatcher patterns use.
_ATTRS = {
    "ORTH": lambda t: t.text, "TEXT": lambda t: t.text, "NORM": lambda t: t.norm_,
    "LOWER": lambda t: t.lower_, "LEMMA": lambda t: t.lemma_, "POS": lambda t: t.pos_,
    "TAG": lambda t: t.tag_, "DEP": lambda t: t.dep_, "ENT_TYPE": lambda t: t.ent_type_,
    "SHAPE": lambda t: t.shape_, "PREFIX": lambda t: t.prefix_, "SUFFIX": lambda t: t.suffix_,
    "MORPH": lambda t: str(t.morph), "LENGTH": lambda t: len(t.text),
    "IS_ALPHA": lambda t: t.is_alpha, "IS_PUNCT": lambda t: t.is_punct,
    "IS_DIGIT": lambda t: t.is_digit, "IS_LOWER": lambda t: t.is_lower,
    "IS_UPPER": lambda t: t.is_upper, "IS_TITLE": lambda t: t.is_title,
    "IS_STOP": lambda t: t.is_stop, "IS_SENT_START": lambda t: bool(t.is_sent_start),
    "LIKE_NUM": lambda t: t.like_num,
}
_OPS = {
    "IN": lambda v, x: v in x, "NOT_IN": lambda v, x: v not in x,
    "REGEX": lambda v, x: re.search(x, str(v)) is not None,
    "==": lambda v, x: v == x, "!=": lambda v, x: v != x, ">=": lambda v, x: v >= x,
    "<=": lambda v, x: v <= x, ">": lambda v, x: v > x, "<": lambda v, x: v < x,
}


def token_test(attrs: dict, word_class) -> tuple:
    """A token test as (getter, operator, value) triples, ``@class`` names resolved."""
    out = []
    for name, value in resolve_classes(attrs, word_class).items():
        if name not in _ATTRS:
            raise ValueError(f"a cue cannot test the token attribute {name!r}")
        for op, expected in (value.items() if isinstance(value, dict) else [("==", value)]):
            if op not in _OPS:
                raise ValueError(f"a cue cannot use the predicate {op!r}")
            if op in {"IN", "NOT_IN"}:
                expected = frozenset(expected)
            out.append((_ATTRS[name], _OPS[op], expected))
    return tuple(out)


def passes(token: Token, test: tuple) -> bool:
    """Whether ``token`` passes every triple of ``test``."""
    for get, op, value in test:  # a loop, not all(...): most tests have one or two triples
        if not op(get(token), value):
            return False
    return True


# The getters whose values are a token's own words, and how a doc's forms (lower case and
# lemma in lower case, remit.claims.forms) hold them once lowered.
_WORD_GETTERS = (_ATTRS["ORTH"], _ATTRS["TEXT"], _ATTRS["LOWER"], _ATTRS["LEMMA"])
_SOME = (_OPS["=="], _OPS["IN"])


def needed_forms(test: tuple) -> tuple[frozenset[str], ...]:
    """For each triple of ``test`` that asks for a word ('LOWER == no', 'LEMMA IN [...]'),
    the forms one of which a doc must hold for a token there to pass it."""
    out = []
    for get, op, value in test:
        if any(get is g for g in _WORD_GETTERS) and any(op is o for o in _SOME):
            words = [value] if isinstance(value, str) else list(value)
            if all(isinstance(w, str) for w in words):
                out.append(frozenset(w.lower() for w in words))
    return tuple(out)

