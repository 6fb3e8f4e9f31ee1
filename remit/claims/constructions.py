"""Constructions as data: dependency patterns that tie an agency mention to what it does.

A construction record (``data/constructions/*.yaml``) holds a spaCy ``DependencyMatcher``
pattern whose node names are its *slots*, the *effect* of a match, and ``pass``/``fail``
examples. This module holds no English word: the words are in the records and in the
lexicon's word classes, which a pattern names as ``"@class"``.

Slots (node ``RIGHT_ID``\\ s with a fixed meaning; other node names only shape the match):

- ``agency``: the token that stands for the acting agency: a mention's token or its anchor
  ('agents' in 'ICE agents'); conjuncts of it act too ('ICE, CBP and USCIS').
- ``predicate``: the word that carries negation and tense ('is' in 'X is charged with').
- ``content``: what is done: a verb (read as a verb frame: its objects, coordination,
  complements) or a noun phrase (read as a role over its words).
- ``target``: another agency: the whole that ``agency`` is part of.

Effects: ``role`` (the agency does ``content``), ``acts`` (the agency does ``predicate``, a
verb), ``part_of`` (``agency`` is part of ``target``); ``negates: true`` makes the match a
denial ('X is a separate entity from Y': not part of Y).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Literal

from typing import TYPE_CHECKING

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

if TYPE_CHECKING:  # spaCy is imported only to compile: `remit rules validate` runs without it
    from spacy.tokens import Doc, Span, Token
    from spacy.vocab import Vocab

SLOTS = ("agency", "predicate", "content", "target")
Effect = Literal["role", "acts", "part_of"]
_NEEDS = {"role": ("content",), "acts": ("predicate",), "part_of": ("target",)}
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
    effect: Effect
    negates: bool = Field(False, description="the match denies the effect")
    exclusive: bool = Field(False, description="the match says only this agency does it")
    unlisted: bool = Field(True, description=(
        "when no function of the table matches, still report the claim (as unknown, the "
        "predicate quoted); false for shapes too loose to be a claim without a function"))
    content_as: Literal["any", "noun"] = Field("any", description=(
        "'noun': read the content as a noun phrase even when tagged a verb ('E-Verify')"))
    negation: list[str] = Field(["predicate"], description=(
        "nodes whose own negation ('not', 'never') denies the match"))
    examples: Examples

    @model_validator(mode="after")
    def _slots(self) -> Construction:
        names = [node.RIGHT_ID for node in self.pattern]
        if len(set(names)) != len(names):
            raise ValueError("two nodes of the pattern have the same RIGHT_ID")
        for k, node in enumerate(self.pattern):
            linked = node.LEFT_ID is not None and node.REL_OP is not None
            if (k == 0) == linked or (node.LEFT_ID is None) != (node.REL_OP is None):
                raise ValueError(f"node '{node.RIGHT_ID}': the first node has no LEFT_ID and "
                                 "REL_OP, every other node has both")
            if linked and node.LEFT_ID not in names[:k]:
                raise ValueError(f"node '{node.RIGHT_ID}': LEFT_ID '{node.LEFT_ID}' names no "
                                 "node before it")
        if "agency" not in names:
            raise ValueError("the pattern has no 'agency' node")
        for slot in _NEEDS[self.effect]:
            if slot not in names:
                raise ValueError(f"effect '{self.effect}' needs a '{slot}' node")
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


@dataclass(frozen=True)
class Binding:
    """One match of a construction: its slots (and the nodes it reads negation from) bound to
    token indices."""

    construction: Construction
    slots: dict[str, int]
    negators: tuple[int, ...] = ()


def compiled_pattern(record: Construction, word_class) -> list[dict]:
    """The record's pattern as DependencyMatcher takes it, ``@class`` names resolved.

    Raises ``KeyError`` (an unknown class) or ``ValueError`` (a class a token cannot match).
    """
    out = []
    for node in record.pattern:
        raw = node.model_dump(exclude_none=True)
        raw["RIGHT_ATTRS"] = resolve_classes(raw.get("RIGHT_ATTRS", {}), word_class)
        out.append(raw)
    return out


def resolve_classes(value: Any, word_class, exclude: bool = False) -> Any:
    """Replace every ``"@name"`` in an attribute value with the class's words.

    ``word_class(name)`` returns the class's entries or raises ``KeyError``. A class a token
    must be in holds single words only (a token is one word: a phrase could never match);
    under ``NOT_IN`` (``exclude``) its phrases are simply not tokens to exclude.
    """
    if isinstance(value, dict):
        return {k: resolve_classes(v, word_class, exclude or k == "NOT_IN")
                for k, v in value.items()}
    if isinstance(value, list):
        out: list = []
        for item in value:
            words = _class_words(item, word_class, exclude)
            out.extend(words if words is not None else [resolve_classes(item, word_class)])
        return out
    words = _class_words(value, word_class, exclude)
    return {"IN": words} if words is not None else value


def _class_words(value: Any, word_class, exclude: bool) -> list[str] | None:
    if not (isinstance(value, str) and value.startswith("@")):
        return None
    words = word_class(value[1:])
    phrases = sorted(w for w in words if " " in w)
    if phrases and not exclude:
        raise ValueError(f"word class '{value[1:]}' has multi-word entries ({phrases[0]!r}, "
                         "...): a token pattern can match one word only")
    return sorted(w for w in words if " " not in w)


class ConstructionMatcher:
    """The compiled constructions of a grammar, run over parsed docs."""

    def __init__(self, vocab: Vocab, constructions: Sequence[Construction], word_class):
        from spacy.matcher import DependencyMatcher

        self.constructions = {c.id: c for c in constructions}
        self._matcher = DependencyMatcher(vocab, validate=True)
        self._order: dict[int, list[str]] = {}
        self._ids: dict[int, str] = {}
        for c in constructions:
            self._matcher.add(c.id, [compiled_pattern(c, word_class)])
            key = vocab.strings.add(c.id)
            self._order[key] = [node.RIGHT_ID for node in c.pattern]
            self._ids[key] = c.id

    def __bool__(self) -> bool:
        return bool(self.constructions)

    def __call__(self, doc: Doc) -> list[Binding]:
        """Every match in ``doc``, in a stable order (construction id, then tokens)."""
        if not self.constructions or not len(doc):
            return []
        found = set()
        for key, tokens in self._matcher(doc):
            record = self.constructions[self._ids[key]]
            bound = dict(zip(self._order[key], tokens, strict=True))
            slots = tuple(sorted((n, t) for n, t in bound.items() if n in SLOTS))
            negators = tuple(bound[n] for n in record.negation if n in bound)
            found.add((record.id, slots, negators))
        return [Binding(self.constructions[cid], dict(slots), negators)
                for cid, slots, negators in sorted(found)]


def for_mention(bindings: Iterable[Binding], mention: Span, anchor: Token) -> list[Binding]:
    """The bindings whose agency slot stands for ``mention``: its own tokens, its anchor, or
    a word it is coordinated with ('ICE, CBP and USCIS are ...': the first conjunct binds)."""
    own = set(range(mention.start, mention.end)) | {anchor.i}
    conjoined = {t.i for t in anchor.conjuncts}
    return [b for b in bindings if b.slots["agency"] in own | conjoined]


SHIPPED = "remit.claims.data"
SECTION = "constructions"


def shipped_files() -> list[tuple[str, str]]:
    """``(display path, text)`` of every construction file shipped in the package."""
    from importlib import resources

    folder = resources.files(SHIPPED).joinpath(SECTION)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")),
                   key=lambda f: f.name)
    return [(f"remit/claims/data/{SECTION}/{f.name}", f.read_text(encoding="utf-8"))
            for f in files]


def parse_constructions(text: str, path: str) -> tuple[list[tuple[Construction, int]], list[str]]:
    """The construction records of one file (its ``constructions`` section), with lines.

    Other sections (the table's) are left to their own loader. Errors read
    ``file:line: construction 'id': what is wrong``.
    """
    from pydantic import ValidationError

    from remit.rules.loader import _describe
    from remit.rules.yaml_lines import YamlError, load_yaml_with_lines, strip_lines

    try:
        data = load_yaml_with_lines(text, path)
    except YamlError as exc:
        return [], [str(exc)]
    items = data.get(SECTION) if isinstance(data, dict) else None
    if items is None:
        return [], []
    if not isinstance(items, list):
        return [], [f"{path}:{data['__line__']}: section '{SECTION}' must be a list"]
    out, errors = [], []
    for item in items:
        line = item.get("__line__", 1) if isinstance(item, dict) else data["__line__"]
        rid = item.get("id", "?") if isinstance(item, dict) else "?"
        try:
            out.append((Construction.model_validate(strip_lines(item)), line))
        except ValidationError as exc:
            errors += [f"{path}:{line}: construction '{rid}': {_describe(e)}"
                       for e in exc.errors()]
    return out, errors


def validate_constructions(paths: Iterable[str] = (), shipped: bool = True) -> int:
    """Load and compile the shipped constructions and those of ``paths``, without a model.

    Returns how many there are; raises :class:`remit.rules.loader.TableError` listing every
    problem.
    """
    from remit.claims.lexicon import load_lexicon
    from remit.rules.loader import expand_paths

    files = (shipped_files() if shipped else []) + expand_paths(paths)
    return len(_merged(files, load_lexicon().word_class, compile_with=None))


def load_constructions(files: Iterable[tuple[str, str]], vocab: Vocab, word_class,
                       ) -> ConstructionMatcher:
    """Compile the constructions of ``files`` (later ids override earlier ones).

    Raises :class:`remit.rules.loader.TableError` with every problem: a record that does not
    validate, an ``@class`` the lexicon lacks, a pattern the matcher refuses.
    """
    return ConstructionMatcher(vocab, _merged(files, word_class, compile_with=vocab),
                               word_class)


def _merged(files, word_class, compile_with) -> list[Construction]:
    """The valid records of ``files`` merged by id; every problem raised together.

    With a vocab in ``compile_with``, each record is also compiled by spaCy's matcher.
    """
    from remit.rules.loader import TableError

    merged: dict[str, tuple[Construction, str, int]] = {}
    errors: list[str] = []
    for path, text in files:
        records, problems = parse_constructions(text, path)
        errors += problems
        seen: set[str] = set()
        for record, line in records:
            if record.id in seen:
                errors.append(f"{path}:{line}: construction '{record.id}': duplicate id "
                              "in this file")
            seen.add(record.id)
            merged[record.id] = (record, path, line)
    for record, path, line in merged.values():
        problem = _compile_problem(record, word_class, compile_with)
        if problem:
            errors.append(f"{path}:{line}: construction '{record.id}': {problem}")
    if errors:
        raise TableError(errors)
    return [record for record, _, _ in merged.values()]


def _compile_problem(record: Construction, word_class, vocab) -> str | None:
    try:
        if vocab is None:
            compiled_pattern(record, word_class)
        else:
            ConstructionMatcher(vocab, [record], word_class)
    except KeyError as exc:
        return f"unknown word class '@{exc.args[0]}'"
    except ValueError as exc:
        return str(exc).strip().splitlines()[0]
    return None
