"""Pydantic models of the cue records (ConText-style modifiers, ``claims/data/cues/*.yaml``).

The grammar's other records (word classes, constructions) are in :mod:`remit.claims.schema`.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from remit.claims.schema import Predicate, TokenAttr, _Record
from remit.rules.schema import AgencyKind

# -- cues (ConText-style modifiers, applied by :mod:`remit.claims.modifiers`) ------------------

CueCategory = Literal["negation", "denial", "future", "modality", "question", "reported",
                      "hypothetical", "event", "former", "exclusive", "contrast", "number",
                      "opinion", "legal"]
# What a cue does to the claims of the predicates in its scope: the first four set
# ``Claim.assertion`` (the first cue to match wins), 'future' sets ``Claim.future``,
# 'negated' denies what is said (categories 'negation', 'denial' and 'contrast' only; see
# :mod:`remit.claims.negation`).
# 'contrast' and 'exclusive' are said of an agency mention (scope 'mention'): the agency itself
# is denied ('not ICE but USCIS'), or is the only one ('only ICE'); see remit.claims.around.
CueEffect = Literal["question", "reported", "hypothetical", "event", "future", "negated",
                    "contrast", "exclusive"]
CueScope = Literal["sentence", "sentence_start", "sentence_end", "children", "arguments", "heads",
                   "predicate", "mention"]
_OF_MENTION = frozenset({"contrast", "exclusive"})
CueVoice = Literal["any", "active", "passive"]
_NEGATING = frozenset({"negation", "denial", "contrast"})
CueDirection = Literal["forward", "backward", "bidirectional"]
CueMatch = Literal["lower", "lemma", "forms"]
CueUp = Literal["no", "all"]
CueClaims = Literal["any", "acts", "places"]
TokenTest = dict[TokenAttr, str | int | bool | dict[Predicate, Any]]


class CueExamples(BaseModel):
    """Texts whose claim the cue marks (``pass``) and texts with a claim it leaves alone."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    pass_: list[str] = Field(alias="pass", min_length=1, description=(
        "texts with a claim that has the cue's effect"))
    fail: list[str] = Field(min_length=1, description=(
        "texts with a claim, none of which has the cue's effect"))


class PseudoTrigger(BaseModel):
    """Tests that make a trigger no trigger: all must pass, of the trigger and its head."""

    model_config = ConfigDict(extra="forbid")

    token: TokenTest = Field(default_factory=dict, description="tests of the trigger's word")
    head: TokenTest = Field(default_factory=dict, description="tests of that word's head")


class NeedsBefore(BaseModel):
    """A word the trigger needs before it, at most ``within`` tokens before its first word."""

    model_config = ConfigDict(extra="forbid")

    words: list[str] = Field(min_length=1, description="the words, or '@name' classes")
    within: int = Field(ge=1, description="how many tokens before the trigger to look")


class CueUnless(BaseModel):
    """Arguments that keep a cue from holding at a predicate, as ConText's pseudo-triggers do
    for a trigger: 'will adjudicate *your* claim' tells the reader the usual process."""

    model_config = ConfigDict(extra="forbid")

    deps: list[str] = Field(min_length=1, description=(
        "the dependency labels of the predicate's children looked in"))
    words: list[str] = Field(min_length=1, description=(
        "the words (lower case, or '@name' classes), any one of which keeps the cue off"))
    max_scope: int = Field(2, ge=0, description="how many levels below such a child to look")


class CueJudged(BaseModel):
    """A judgement said of a claim noun that makes it no trigger.

    As ConText's pseudo-triggers do: 'the claim that ICE is part of DHS *is accurate*'
    asserts what it names.
    """

    model_config = ConfigDict(extra="forbid")

    child: TokenTest = Field(description=(
        "a child of the trigger's head that says the judgement ('accurate' as its acomp)"))
    not_within: list[str] = Field(default_factory=list, description=(
        "words (or '@name' classes) none of which may stand under the head's other children "
        "('is not true', 'is only partly true')"))


class Cue(_Record):
    """A word or pattern that changes what a claim is: a question, reported, future, ...

    Like a medspaCy ConText rule: the words (or a token pattern) that trigger it, where it
    looks from the predicate (``scope``, ``direction``, ``max_scope``) and what ends its
    scope (``terminators``). See :mod:`remit.claims.modifiers` for each scope.
    """

    id: str = Field(pattern=r"^[a-z][a-z0-9-]*$", description="stable id, kebab-case")
    description: str = Field(min_length=1)
    category: CueCategory = Field(description="the family of cue, for curators and reports")
    effect: CueEffect = Field(description="what the cue does to a claim in its scope")
    scope: CueScope = Field(description=(
        "where the trigger is looked for: 'sentence' (anywhere in the predicate's sentence, "
        "by ``direction``), 'sentence_start'/'sentence_end' (the sentence's first words, its "
        "last characters), 'children' (children of the predicate, or of its heads by ``up``), "
        "'arguments' (inside the subtrees of the predicate's children), 'heads' (a token above "
        "the predicate, by ``up``), 'predicate' (the predicate itself), 'mention' (the words "
        "just before or after an agency mention, by ``direction``)"))
    words: list[str] = Field(default_factory=list, description=(
        "the trigger's words or phrases (a phrase only in 'sentence' and 'mention' scope); "
        "'@name' is a "
        "lexicon word class; empty: any token that passes ``token``"))
    exclude: list[str] = Field(default_factory=list, description=(
        "entries (or '@name' classes) taken out of ``words``"))
    match: CueMatch = Field("lower", description=(
        "which form of a token ``words`` are compared with ('forms': lower case or lemma)"))
    token: TokenTest = Field(default_factory=dict, description=(
        "more tests of the trigger token, in DependencyMatcher's RIGHT_ATTRS syntax"))
    deps: list[str] = Field(default_factory=list, description=(
        "'children'/'arguments': the dependency labels of the child (empty: any)"))
    head: TokenTest = Field(default_factory=dict, description="tests of the trigger's head")
    has_child: TokenTest = Field(default_factory=dict, description=(
        "the trigger must have a child that passes these tests"))
    children_all: TokenTest = Field(default_factory=dict, description=(
        "every child of the trigger (if it has any) must pass these tests ('no visas', not "
        "'no visas that lack ...')"))
    subject_not: list[str] = Field(default_factory=list, description=(
        "the trigger's subject, if it has one, must not be one of these ('I think')"))
    below: TokenTest = Field(default_factory=dict, description=(
        "'heads': tests of the token just below the trigger on the way up from the predicate"))
    below_not_predicate: bool = Field(False, description=(
        "'heads': the token below the trigger may not be the predicate itself"))
    predicate: TokenTest = Field(default_factory=dict, description=(
        "tests of the predicate the cue applies to"))
    predicate_without: list[str] = Field(default_factory=list, description=(
        "dependency labels the predicate may not have a child of ('event': no auxiliary)"))
    predicate_with: list[str] = Field(default_factory=list, description=(
        "dependency labels the predicate must have a child of ('neg': a denial only)"))
    predicate_has: TokenTest = Field(default_factory=dict, description=(
        "tests a child of the predicate must pass (a past passive: an 'auxpass' tagged VBD)"))
    quoted: list[str] = Field(default_factory=list, description=(
        "quotation marks the predicate must stand between, one before it and one after it "
        "in its sentence ('\"ICE issues visas,\" according to a post')"))
    unless: CueUnless | None = Field(None, description=(
        "arguments of the predicate that keep the cue off it ('your claim'), for cues "
        "asked of a predicate"))
    voice: CueVoice = Field("any", description=(
        "'denial': the voice the frame builder reads the predicate in ('no visas are issued' "
        "denies through the passive subject, 'issues no visas' through the object)"))
    claims: CueClaims = Field("any", description=(
        "'acts': the cue holds only for a claim of what an agency does, not of where it sits "
        "('the largest agency within DHS' ranks, and still places the agency in DHS); "
        "'places': only for a claim of where it sits ('can operate as part of the Navy')"))
    agency: list[AgencyKind] = Field(default_factory=list, description=(
        "the cue holds only for a claim whose agency is of one of these kinds (the table's "
        "agency kinds: 'former', ...); empty: any agency"))
    up: CueUp | list[str] = Field("no", description=(
        "'children'/'heads': how far up the chain of heads to look: 'no' (the predicate "
        "only), 'all' (to the root) or the labels of the tokens the walk may go up from; "
        "'arguments': also the arguments that stand before a head so reached (a fronted "
        "time phrase dates every conjunct)"))
    direction: CueDirection = Field(
        "bidirectional", description=(
            "ConText's direction: 'forward', the trigger comes before the predicate; "
            "'backward', after it; 'bidirectional', either"))
    max_scope: int | None = Field(None, ge=0, description=(
        "'sentence': at most this many tokens between trigger and predicate ('mention': and "
        "mention; 0, next to it); "
        "'sentence_start': the trigger is among the first this many words; 'arguments': "
        "at most this many levels below the predicate's child"))
    terminators: list[str] = Field(default_factory=list, description=(
        "'sentence': words (or '@name') between trigger and predicate that end the scope; "
        "'sentence_start': endings of the sentence ('.') that make it no headline"))
    between: list[str] = Field(default_factory=list, description=(
        "'mention': the only words (or '@name') that may stand between trigger and mention "
        "('not the FBI'); empty: any"))
    judged: CueJudged | None = Field(None, description=(
        "'heads': a trigger whose head says this judgement of it is no trigger"))
    pseudo: PseudoTrigger | None = Field(None, description=(
        "'mention': a trigger that passes these tests is no trigger, as ConText's "
        "pseudo-triggers ('is not the judge's job': the verb's 'not', not the agency's)"))
    needs_before: NeedsBefore | None = Field(None, description=(
        "'mention': the trigger counts only after one of these words ('no agency other "
        "than ICE')"))
    skip: str = Field("", description=(
        "'sentence_end': characters skipped at the end first (closing quotes, brackets)"))
    label: str | None = Field(None, description=(
        "'sentence_start': a short label ending in this ('Explainer:') may come first"))
    followed_by: list[str] = Field(default_factory=list, description=(
        "'sentence_start': the trigger counts only when the next token is one of these, a "
        "number aside ('Wrong:', 'Claim 2:'; not 'Wrong agencies ...')"))
    examples: CueExamples

    @model_validator(mode="after")
    def _fits_scope(self) -> Cue:
        walking = self.scope in {"children", "heads", "arguments"}
        if self.up != "no" and not walking:
            raise ValueError(f"'up' applies to 'children', 'heads' and 'arguments' scope, not "
                             f"'{self.scope}'")
        if (self.below or self.below_not_predicate) and self.scope != "heads":
            raise ValueError("'below' applies to 'heads' scope only")
        if self.scope == "heads" and self.up == "no":
            raise ValueError("'heads' scope needs 'up' ('all' or labels to walk through)")
        if self.deps and self.scope not in {"children", "arguments"}:
            raise ValueError("'deps' applies to 'children' and 'arguments' scope only")
        if not self.words and not self.token and not self.has_child and self.scope != "heads":
            raise ValueError("a cue needs 'words', a 'token' pattern or 'has_child'")
        if (self.effect == "negated") != (self.category in _NEGATING) and not (
                self.effect == self.category == "contrast"):
            raise ValueError("effect 'negated' goes with the categories 'negation', 'denial' "
                             "and 'contrast', and they with it (or 'contrast' with effect "
                             "'contrast')")
        if self.agency and self.effect != "future":
            raise ValueError("'agency' applies to cues of effect 'future' only")
        if self.unless is not None and self.scope in {"mention", "sentence_start",
                                                      "sentence_end"}:
            raise ValueError("'unless' applies to cues asked of a predicate only")
        if self.quoted and self.scope in {"mention", "sentence_start", "sentence_end"}:
            raise ValueError("'quoted' applies to cues asked of a predicate only")
        if self.voice != "any" and self.category != "denial":
            raise ValueError("'voice' applies to 'denial' cues only")
        if (self.scope == "mention") != (self.effect in _OF_MENTION):
            raise ValueError("scope 'mention' goes with the effects 'contrast' and 'exclusive', "
                             "and they with it")
        if self.max_scope == 0 and self.scope != "mention":
            raise ValueError("'max_scope' 0 applies to 'mention' scope only")
        if self.judged is not None and self.scope != "heads":
            raise ValueError("'judged' applies to 'heads' scope only")
        if ((self.between or self.pseudo or self.needs_before) and self.scope != "mention"):
            raise ValueError("'between', 'pseudo' and 'needs_before' apply to 'mention' scope "
                             "only")
        return self
