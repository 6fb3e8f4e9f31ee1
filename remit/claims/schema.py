"""Pydantic models of the extractor's grammar records (``claims/data/*.yaml``, users' files).

A grammar file is YAML with sections of records, like a table file (``remit.rules.schema``):
``word_classes`` is a list of :class:`WordClass`. Records are validated one by one, so that an
error points at the file, line and record id; cross-checks (conflicting classes, ``@name``
references, phrase shapes) run after merging, in :mod:`remit.claims.checks`.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

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
    shape: Literal["words", "verb_phrases"] = Field(
        default="words",
        description="'verb_phrases': lemma phrases matched against a predicate's verb phrases "
                    "(a function trigger's verbs); each must have a shape the extractor builds",
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
        if any(w != w.lower() for w in words):
            raise ValueError(f"words must be lower case: {[w for w in words if w != w.lower()]}")
        repeated = sorted({w for w in words if words.count(w) > 1})
        if repeated:
            raise ValueError(f"repeated words: {', '.join(repeated)}")
        return words


# Section name -> (model, the kind named in errors). See ``remit.claims.grammar``.
SECTION_MODELS: dict[str, tuple[type[_Record], str]] = {
    "word_classes": (WordClass, "word class"),
}
