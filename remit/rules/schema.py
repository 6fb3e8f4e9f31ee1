"""Pydantic models of the responsibilities table: sources, agencies, functions and facts.

Every table file is YAML with up to four top-level lists (``sources``, ``agencies``,
``functions``, ``facts``). Records are validated one by one so that an error can point at the
file, line and record id; cross-references are checked afterwards by :mod:`remit.rules.loader`.
"""

from __future__ import annotations

import datetime as dt
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

Stance = Literal["performs", "does_not_perform", "shares", "contested"]
AgencyKind = Literal[
    "branch", "department", "agency", "component", "office", "program", "personnel", "court",
    "former"
]
SourceKind = Literal["primary", "secondary"]

ID_PATTERN = r"^[A-Za-z][A-Za-z0-9_.-]*$"


class _Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, str_strip_whitespace=True)


class EvidenceRef(_Record):
    """A verbatim quote from a source that backs a fact or a part-of relation."""

    source: str = Field(description="id of a record in `sources`")
    quote: str = Field(min_length=3, max_length=400, description="verbatim text from the source")
    url: str | None = Field(
        default=None, pattern=r"^https?://\S+$",
        description="the page the quote is on, where a source bundles several pages",
    )


class Source(_Record):
    """A public document the table is curated from."""

    id: str = Field(pattern=ID_PATTERN)
    title: str = Field(min_length=1)
    publisher: str = Field(min_length=1)
    url: str | None = Field(
        default=None, pattern=r"^https?://\S+$", description="the page's address; null if unknown"
    )
    file: str | None = Field(
        default=None, description="file in the reference pack the quotes were checked against"
    )
    retrieved: dt.date
    kind: SourceKind = Field(description="official/CRS/statute text is primary; the rest secondary")


class FormerParent(_Record):
    """A place an agency no longer holds: it was part of ``parent`` until ``until``."""

    parent: str = Field(description="id of the agency this one was part of")
    until: dt.date = Field(description="the day the agency left it")
    evidence: list[EvidenceRef] = Field(min_length=1)


class Agency(_Record):
    """An agency, component, office or body of personnel, with its place in the hierarchy."""

    id: str = Field(pattern=ID_PATTERN)
    name: str = Field(min_length=1, description="official name")
    short: str = Field(default="", description="name used in messages; defaults to the id")
    kind: AgencyKind
    aliases: list[str] = Field(
        default_factory=list,
        description="other names; all-caps acronyms match case-sensitively, the rest ignore case",
    )
    parent: str | None = Field(default=None, description="id of the agency this one is part of")
    parent_evidence: list[EvidenceRef] = Field(default_factory=list)
    former_parents: list[FormerParent] = Field(
        default_factory=list,
        description="places the agency held before (history: 'X was part of Y until ...')",
    )
    description: str = ""

    @field_validator("aliases")
    @classmethod
    def _no_blank_alias(cls, aliases: list[str]) -> list[str]:
        if any(not a.strip() for a in aliases):
            raise ValueError("aliases must not be blank")
        return aliases


class Trigger(_Record):
    """Words that express a function.

    A trigger fires when the claim's predicate verb is one of ``verbs`` (or, if ``verbs`` is
    empty, any role predicate such as "handle", "be responsible for", "X's job") and one of
    ``objects`` occurs among the predicate's arguments (or ``objects`` is empty). Words are
    lemmas; multi-word entries ("hand out", "green card") match as phrases; an entry starting
    with ``@`` names a verb class from the lexicon.
    """

    verbs: list[str] = Field(default_factory=list)
    objects: list[str] = Field(default_factory=list)
    own_object: bool = Field(False, description=(
        "the object must be the predicate's own, with no nesting preposition between (as for "
        "role predicates): 'handles the border' but not 'decides claims made at the border'"))
    not_verbs: list[str] = Field(default_factory=list, description=(
        "verbs left out of ``verbs`` (its classes' words too), and role predicates a generic "
        "trigger (no ``verbs``) does not fire on: 'reviews the visa stamp' at a port is "
        "inspecting it, not deciding the visa"))


class Function(_Record):
    """Something an agency does, with the words that express it."""

    id: str = Field(pattern=ID_PATTERN)
    label: str = Field(min_length=1, description="infinitive phrase, e.g. 'issue green cards'")
    description: str = ""
    closed: bool = Field(
        default=False,
        description="the facts list every agency that performs it; anyone else is contradicted",
    )
    triggers: list[Trigger] = Field(min_length=1)


class Fact(_Record):
    """Whether an agency performs a function, with evidence and a date."""

    id: str = Field(pattern=ID_PATTERN)
    agency: str
    function: str
    stance: Stance
    exclusive: bool = Field(
        default=False,
        description="only this agency (and its parts) performs the function; others contradict",
    )
    as_of: dt.date
    note: str = ""
    evidence: list[EvidenceRef] = Field(min_length=1)

    @model_validator(mode="after")
    def _exclusive_needs_performs(self) -> Fact:
        if self.exclusive and self.stance != "performs":
            raise ValueError("exclusive: true needs stance 'performs'")
        return self


SECTIONS: dict[str, type[_Record]] = {
    "sources": Source,
    "agencies": Agency,
    "functions": Function,
    "facts": Fact,
}
KIND = {"sources": "source", "agencies": "agency", "functions": "function", "facts": "fact"}
