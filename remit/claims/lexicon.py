"""The extractor's word lists (``data/lexicon.yaml``), loaded once into frozen sets."""

from __future__ import annotations

import dataclasses
import functools
from dataclasses import dataclass, field
from importlib import resources

import yaml

POSSESSIVE = {"'s", "'", "’s", "’"}


def phrase(text: str) -> tuple[str, ...]:
    """Return a lower-case word tuple; hyphens split words, as spaCy's tokenizer does.

    Possessive markers are dropped ("judge 's decision" -> judge, decision), as they are from
    the arguments, so "judges' decisions" and "judge's decision" match alike.
    """
    return tuple(w for w in text.lower().replace("-", " ").split() if w not in POSSESSIVE)


_BRITISH_ENDINGS = (("isation", "ization"), ("isations", "izations"), ("ise", "ize"),
                    ("ised", "ized"), ("ises", "izes"), ("ising", "izing"))
_BRITISH_SUFFIXES = tuple(british for british, _ in _BRITISH_ENDINGS)
_BRITISH_WORDS = {"labour": "labor", "defence": "defense", "licence": "license",
                  "programme": "program", "programmes": "programs", "centre": "center",
                  "centres": "centers"}


def american_spelling(word: str) -> str:
    """The American spelling of a British one ('naturalisation' -> 'naturalization').

    Used to add a form, never to replace one: 'supervise' would become 'supervize'.
    """
    if word in _BRITISH_WORDS:
        return _BRITISH_WORDS[word]
    if not word.endswith(_BRITISH_SUFFIXES):
        return word  # most words: one test, on every argument token
    for british, american in _BRITISH_ENDINGS:
        if word.endswith(british) and len(word) > len(british) + 2:
            return word[: -len(british)] + american
    return word



@dataclass(frozen=True)
class Lexicon:
    """Closed word classes the extraction rules read."""

    verb_classes: dict[str, frozenset[tuple[str, ...]]]
    personnel: frozenset[str]
    units: frozenset[str]
    part_of_verbs: frozenset[tuple[str, ...]]
    role_nouns: frozenset[str]
    reporting_verbs: frozenset[str]
    reporting_phrases: tuple[tuple[str, ...], ...]
    hypothetical_marks: frozenset[tuple[str, ...]]
    future_words: frozenset[tuple[str, ...]]
    negations: frozenset[str]
    exclusives: frozenset[str]
    pronouns: frozenset[str]
    anaphor_nouns: frozenset[str]
    acronym_contexts: frozenset[str]
    ambiguous_acronyms: frozenset[str] = frozenset()
    # per ambiguous acronym, verbs after which it is the agency ('ice deports')
    acronym_verbs: dict[str, frozenset[str]] = field(default_factory=dict)
    scope_fillers: frozenset[str] = frozenset()

    def verbs(self, name: str) -> frozenset[tuple[str, ...]]:
        """Return the phrases of a verb class (``handle``), or raise ``KeyError``."""
        return self.verb_classes[name]

    def word_class(self, name: str) -> frozenset[str]:
        """The entries of the word class ``name`` (as ``@name`` in data), lower case.

        A multi-word entry is one string, its words joined by single spaces. Raises
        ``KeyError`` for a name the lexicon does not define.
        """
        value = getattr(self, name, None) if not name.startswith("_") else None
        if value is None and name in self.verb_classes:
            value = self.verb_classes[name]
        if not isinstance(value, (frozenset, tuple)):
            raise KeyError(name)
        return frozenset(" ".join(v) if isinstance(v, tuple) else v for v in value)

    def class_names(self) -> frozenset[str]:
        """Every name ``word_class`` answers."""
        fixed = {f.name for f in dataclasses.fields(self)
                 if isinstance(getattr(self, f.name), (frozenset, tuple))}
        return frozenset(fixed | set(self.verb_classes))


def _phrases(items) -> frozenset[tuple[str, ...]]:
    return frozenset(phrase(str(i)) for i in items)


@functools.lru_cache(maxsize=1)
def load_lexicon() -> Lexicon:
    """Load the shipped lexicon."""
    text = resources.files("remit.claims.data").joinpath("lexicon.yaml").read_text("utf-8")
    data = yaml.safe_load(text)
    words = lambda key: frozenset(str(w).lower() for w in data[key])  # noqa: E731
    return Lexicon(
        verb_classes={k: _phrases(v) for k, v in data["verb_classes"].items()},
        personnel=words("personnel"),
        units=words("units"),
        part_of_verbs=_phrases(data["part_of_verbs"]),
        role_nouns=words("role_nouns"),
        reporting_verbs=words("reporting_verbs"),
        reporting_phrases=tuple(sorted(_phrases(data["reporting_phrases"]))),
        hypothetical_marks=_phrases(data["hypothetical_marks"]),
        future_words=_phrases(data["future_words"]),
        negations=words("negations"),
        exclusives=words("exclusives"),
        pronouns=frozenset(str(w).lower() for w in data["anaphora"]["pronouns"]),
        anaphor_nouns=frozenset(str(w).lower() for w in data["anaphora"]["nouns"]),
        acronym_contexts=words("acronym_contexts"),
        ambiguous_acronyms=words("ambiguous_acronyms"),
        acronym_verbs={str(k).lower(): frozenset(str(w).lower() for w in v)
                       for k, v in data.get("acronym_verbs", {}).items()},
        scope_fillers=words("scope_fillers"),
    )
