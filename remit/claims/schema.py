"""Pydantic models of the extractor's grammar records (``claims/data/*.yaml``, users' files).

A grammar file is YAML with sections of records, like a table file (``remit.rules.schema``):
``word_classes`` is a list of :class:`WordClass`, ``constructions`` of :class:`Construction`
(how a sentence ties an agency to what it does; compiled by :mod:`remit.claims.constructions`),
``cues`` of :class:`Cue` (what makes a claim a question, reported, future...; applied by
:mod:`remit.claims.modifiers`). Records are validated one by one, so that an
error points at the file, line and record id; cross-checks (conflicting classes, ``@name``
references, phrase shapes) run after merging, in :mod:`remit.claims.checks`.
"""

from __future__ import annotations

import re
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

ID_PATTERN = r"^[a-z][a-z0-9_]*$"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class WordClass(_Record):
    """A closed class of words the extractor reads, referred to as ``@id`` from other data."""

    id: str = Field(pattern=ID_PATTERN, description="the class name, as in '@id'")
    description: str = Field(min_length=1, description="what the words have in common")
    words: list[str] = Field(
        description="lower-case entries; a multi-word entry ('deal with') matches as a phrase",
    )
    shape: Literal["words", "verb_phrases", "rewrites"] = Field(
        default="words",
        description="'verb_phrases': lemma phrases matched against a predicate's verb phrases "
                    "(a function trigger's verbs); each must have a shape the extractor builds. "
                    "'rewrites': entries 'OLD => NEW' (either side may be empty), in the order "
                    "they are tried: word endings ('ies => y'), spellings ('labour => labor'); "
                    "case is kept",
    )
    acronym: str | None = Field(
        default=None,
        description="for verbs after which a lower-case ambiguous acronym is the agency "
                    "('ice deports'): that acronym",
    )
    disjoint_with: list[str] = Field(
        default_factory=list, description="ids of classes that may not share a word with this one",
    )
    extend: bool = Field(
        default=False,
        description="in a user's file: add the words to the shipped class instead of replacing it",
    )
    examples: list[str] = Field(default_factory=list, description="sentences that use the words")

    @field_validator("words")
    @classmethod
    def _clean_words(cls, words: list[str]) -> list[str]:
        words = [str(w).strip() for w in words]
        if any(not w for w in words):
            raise ValueError("words must not be blank")
        repeated = sorted({w for w in words if words.count(w) > 1})
        if repeated:
            raise ValueError(f"repeated words: {', '.join(repeated)}")
        return words

    @model_validator(mode="after")
    def _word_case(self) -> WordClass:
        words = self.words
        if self.shape == "rewrites":
            bad = [w for w in words if w.count(REWRITE) != 1]
            if bad:
                raise ValueError(f"a rewrite is 'OLD {REWRITE} NEW': {bad}")
        elif any(w != w.lower() for w in words):
            raise ValueError(f"words must be lower case: {[w for w in words if w != w.lower()]}")
        return self


REWRITE = "=>"


SLOTS = ("agency", "predicate", "content", "target")
Effect = Literal["role", "acts", "part_of", "does", "anchored"]
_NEEDS = {"role": ("content",), "acts": ("predicate",), "part_of": ("target",),
          "does": ("content",), "anchored": ("content",)}
# Where the frame builder consults a record: at the agency itself, or at a word it has reached
# from the agency (see ``Construction.anchor``).
Anchor = Literal["agency", "verb", "adjective", "copula", "unit"]
# "TEXT => AGENCY KEY POLARITY": a pass example and the claim it must give.
_EXPECT = re.compile(r"^(?P<text>.+?)\s*=>\s*(?P<agency>\S+)\s+(?P<key>\S+)\s+"
                     r"(?P<polarity>affirmed|negated)\s*$")


# DependencyMatcher's relation operators and the token attributes its nodes may test.
RelOp = Literal["<", ">", "<<", ">>", ".", ".*", ";", ";*", "$+", "$-", "$++", "$--",
                ">+", ">-", ">++", ">--", "<+", "<-", "<++", "<--"]
TokenAttr = Literal["ORTH", "TEXT", "NORM", "LOWER", "LEMMA", "POS", "TAG", "MORPH", "DEP",
                    "ENT_TYPE", "SHAPE", "PREFIX", "SUFFIX", "LENGTH", "IS_ALPHA", "IS_PUNCT",
                    "IS_DIGIT", "IS_LOWER", "IS_UPPER", "IS_TITLE", "IS_STOP", "IS_SENT_START",
                    "LIKE_NUM", "_"]
Predicate = Literal["IN", "NOT_IN", "REGEX", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS",
                    "==", "!=", ">=", "<=", ">", "<"]


class PatternNode(BaseModel):
    """One node of a DependencyMatcher pattern; its ``RIGHT_ID`` may be a slot name."""

    model_config = ConfigDict(extra="forbid")

    RIGHT_ID: str = Field(min_length=1)
    RIGHT_ATTRS: dict[TokenAttr, str | int | bool | dict[Predicate, Any]] = {}
    LEFT_ID: str | None = None
    REL_OP: RelOp | None = None

    @field_validator("RIGHT_ATTRS")
    @classmethod
    def _set_tests_take_lists(cls, attrs: dict) -> dict:
        """'IN', 'NOT_IN' and the set tests take a list (or one '@class'), as spaCy requires."""
        for attr, test in attrs.items():
            if not isinstance(test, dict):
                continue
            for key, value in test.items():
                if key in _SET_TESTS and not isinstance(value, list) and not (
                        isinstance(value, str) and value.startswith("@")):
                    raise ValueError(f"{attr} {key} takes a list, not {value!r}")
        return attrs


_SET_TESTS = frozenset({"IN", "NOT_IN", "IS_SUBSET", "IS_SUPERSET", "INTERSECTS"})


class Phrase(BaseModel):
    """Pattern nodes whose lemmas, in order, must make an entry of a phrase class."""

    model_config = ConfigDict(extra="forbid")

    nodes: list[str] = Field(min_length=2, description="names of pattern nodes, in order")
    words: str = Field(pattern=r"^@[a-z][a-z0-9_]*$", description=(
        "the '@class' whose entries the nodes' lemmas, joined by spaces, must make "
        "('@part_of_verbs': 'fall under'); each node is limited to its word of the entries"))


class Examples(BaseModel):
    """Sentences the construction must read (``pass``) and must leave alone (``fail``)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    pass_: list[str] = Field(alias="pass", min_length=1, description=(
        "'TEXT => AGENCY KEY POLARITY': the construction gives this claim"))
    fail: list[str] = Field(min_length=1, description="texts this construction gives no claim")

    @field_validator("pass_")
    @classmethod
    def _expectations(cls, values: list[str]) -> list[str]:
        for value in values:
            if not _EXPECT.match(value):
                raise ValueError(f"pass example {value!r} is not 'TEXT => AGENCY KEY POLARITY'")
        return values


class Construction(BaseModel):
    """One way a sentence says what an agency does or what it belongs to."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$", description="stable id, kebab-case")
    description: str = Field(min_length=1)
    pattern: list[PatternNode] = Field(min_length=1, description=(
        "DependencyMatcher nodes; '@class' in an attribute value names a lexicon word class"))
    alternatives: list[list[PatternNode]] = Field(default_factory=list, description=(
        "other patterns of the same construction (the small model's other parse of it), each "
        "with every node the record's slots, chains, head, negation and phrase name"))
    effect: Effect
    negates: bool = Field(False, description="the match denies the effect")
    partial: bool = Field(False, description=(
        "an affirmed match says the agency takes part ('plays a role in'), not that it does "
        "the whole: such a claim is never contradicted, only supported or unknown; its denial "
        "('plays no role in') is whole"))
    exclusive: bool = Field(False, description="the match says only this agency does it")
    unlisted: bool = Field(True, description=(
        "when no function of the table matches, still report the claim (as unknown, the "
        "predicate quoted); false for shapes too loose to be a claim without a function"))
    content_as: Literal["any", "noun", "verb", "subtree", "adjective", "unit"] = Field(
        "any", description=(
            "'noun': read the content as a noun phrase even when tagged a verb ('E-Verify'); "
            "'verb': as a verb frame whatever its tag; 'subtree': as a role over the content's "
            "whole subtree. With effect 'does', 'any' reads a VERB as a verb frame, else the "
            "subtree, and 'noun' the noun with the words before it, not what its prepositions "
            "add ('an approved petition from X for ... visa classification' is a petition); "
            "'adjective' and 'unit' read the content by the records anchored there "
            "(an adjective or a unit noun said of the agency), their frames hung on ``head`` "
            "if it is given"))
    negation: list[str] = Field(["predicate"], description=(
        "nodes whose own negation ('not', 'never') denies the match; for an anchored record, "
        "the anchor's negation is the frame builder's reading and is not counted again"))
    anchor: Anchor = Field("agency", description=(
        "where the frame builder consults the record. 'agency': the pattern binds the agency "
        "mention itself. Otherwise the pattern has no agency node; its first node is a word "
        "the builder has reached from an agency, so coordination, complement chains and "
        "relative clauses ('ICE arrests people and has the power to deport', 'the agency that "
        "is responsible for') are read as for any verb, and the negation is the builder's. "
        "'verb': a verb the agency does; a match replaces the verb's own reading. "
        "'adjective': an adjective said of the agency ('is responsible for', 'the agency "
        "responsible for'). 'copula': the agency's copula ('is' in 'X is part of Y', 'X is in "
        "charge of Y', 'X is the agency that ...'). 'unit': a unit noun said of the agency, "
        "reached by a record of content_as 'unit' ('a unit of Y', 'a DHS agency')"))
    unless: list[list[PatternNode]] = Field(default_factory=list, description=(
        "chains of nodes that extend the pattern (a chain's first node hangs on a pattern "
        "node): a match is dropped when any chain matches with it. The order of rules that "
        "once were code: 'responsible for visas' is a role over the phrase unless 'for' takes "
        "a gerund"))
    denied_if: list[list[PatternNode]] = Field(default_factory=list, description=(
        "chains like ``unless`` whose match denies the match instead of dropping it: "
        "'has *no* power to arrest'"))
    as_verb: str | None = Field(None, description=(
        "effect 'does' with a non-verb content: the verb the construction says without a verb "
        "of its own ('Green cards come from USCIS': issue); the frame is then read as that "
        "verb's, over the content's words"))
    head: str | None = Field(None, description=(
        "effect 'does' (and 'role' with content_as 'subtree'): the node a non-verb content's "
        "frame hangs on (its tense, assertion and nesting are read from it); by default the "
        "content itself"))
    at: Anchor | None = Field(None, description=(
        "effect 'anchored': the agency does what the records anchored at the content say, "
        "records of this anchor kind ('The agency responsible for Y is X': the records "
        "anchored at the adjective 'responsible', read for X)"))
    reverse: bool = Field(False, description=(
        "effect 'part_of': the target is part of the agency ('X is the parent agency of Y', "
        "'X runs Y'); the target node must itself be a word of the part's name"))
    by_staff: bool = Field(True, description=(
        "false: no claim for an agency read through its people ('ICE attorneys report to "
        "OPLA': the attorneys sit in OPLA, ICE does not)"))
    fallback: bool = Field(False, description=(
        "anchored records: read only when no other record anchored at the same word gives a "
        "frame ('X is a benefits agency' is a role over its words, unless the noun says where "
        "X sits or what it does)"))
    replaces: bool = Field(True, description=(
        "anchor 'verb': a match that gives a frame for the agency replaces the verb's own "
        "reading; false: the verb is read too ('DHS runs ICE' says where ICE sits and what "
        "DHS does)"))
    exclusive_if: list[list[PatternNode]] = Field(default_factory=list, description=(
        "chains like ``unless`` whose match makes the match exclusive: 'the *only* agency "
        "that ...'"))
    not_agency: list[str] = Field(default_factory=list, description=(
        "nodes that may not be a word of an agency's name: an apposition naming another "
        "agency ('CBP has three parts: OFO, which ...') is no description of this one"))
    phrase: Phrase | None = Field(None, description=(
        "nodes that must make a phrase of a class together: a verb and its preposition"))
    examples: Examples

    @model_validator(mode="after")
    def _slots(self) -> Construction:
        names = _check_pattern(self.pattern)
        for alternative in self.alternatives:
            other = _check_pattern(alternative)
            used = set(names) & {*SLOTS, *self.negation, *self.not_agency, self.head, *(
                self.phrase.nodes if self.phrase else ()), *(
                n.LEFT_ID for c in [*self.unless, *self.denied_if, *self.exclusive_if]
                for n in c)}
            if used - set(other):
                raise ValueError(f"an alternative pattern lacks the node(s) "
                                 f"{', '.join(sorted(used - set(other)))}")
        if self.anchor == "agency" and "agency" not in names:
            raise ValueError("the pattern has no 'agency' node")
        if self.anchor != "agency" and "agency" in names:
            raise ValueError(f"anchor '{self.anchor}': the builder gives the agency; the "
                             "pattern has no 'agency' node")
        for slot in _NEEDS[self.effect]:
            if slot not in names:
                raise ValueError(f"effect '{self.effect}' needs a '{slot}' node")
        if (self.effect == "anchored") != (self.at not in (None, "agency")):
            raise ValueError("effect 'anchored' needs 'at', an anchor kind other than "
                             "'agency', and 'at' needs that effect")
        _check_chains(names, [*self.unless, *self.denied_if, *self.exclusive_if])
        if self.phrase is not None and set(self.phrase.nodes) - set(names):
            raise ValueError(f"phrase names no node of the pattern: "
                             f"{', '.join(sorted(set(self.phrase.nodes) - set(names)))}")
        if set(self.not_agency) - set(names):
            raise ValueError(f"not_agency names no node of the pattern: "
                             f"{', '.join(sorted(set(self.not_agency) - set(names)))}")
        if self.fallback and self.anchor == "agency":
            raise ValueError("'fallback' applies to anchored records only")
        if self.reverse and self.effect != "part_of":
            raise ValueError("'reverse' applies to effect 'part_of' only")
        if self.head is not None and self.head not in names:
            raise ValueError(f"head '{self.head}' names no node of the pattern")
        unknown = [n for n in self.negation if n not in names and n != "predicate"]
        if unknown:
            raise ValueError(f"negation names no node of the pattern: {', '.join(unknown)}")
        return self

    def expected(self) -> list[tuple[str, str, str, str]]:
        """The pass examples as (text, agency, key, polarity)."""
        out = []
        for value in self.examples.pass_:
            m = _EXPECT.match(value)
            out.append((m["text"], m["agency"], m["key"], m["polarity"]))
        return out


def _check_pattern(pattern: list[PatternNode]) -> list[str]:
    """The pattern's node names; raises if two repeat or a node hangs on no node before it."""
    names = [node.RIGHT_ID for node in pattern]
    if len(set(names)) != len(names):
        raise ValueError("two nodes of the pattern have the same RIGHT_ID")
    for k, node in enumerate(pattern):
        linked = node.LEFT_ID is not None and node.REL_OP is not None
        if (k == 0) == linked or (node.LEFT_ID is None) != (node.REL_OP is None):
            raise ValueError(f"node '{node.RIGHT_ID}': the first node has no LEFT_ID and "
                             "REL_OP, every other node has both")
        if linked and node.LEFT_ID not in names[:k]:
            raise ValueError(f"node '{node.RIGHT_ID}': LEFT_ID '{node.LEFT_ID}' names no "
                             "node before it")
    return names


def _check_chains(names: list[str], chains: list[list[PatternNode]]) -> None:
    """Each chain hangs on the pattern and on its own earlier nodes, with new node names."""
    for chain in chains:
        known = list(names)
        for node in chain:
            if node.LEFT_ID is None or node.REL_OP is None or node.LEFT_ID not in known:
                raise ValueError(f"node '{node.RIGHT_ID}' of a chain (unless, denied_if, exclusive_if) needs "
                                 "LEFT_ID (a node before it) and REL_OP")
            if node.RIGHT_ID in known:
                raise ValueError(f"node '{node.RIGHT_ID}' of a chain repeats a node name")
            known.append(node.RIGHT_ID)
