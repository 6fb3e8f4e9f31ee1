"""The extractor's word lists (``data/lexicon.yaml``), loaded once into frozen sets."""

from __future__ import annotations

import dataclasses
import functools
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from remit.claims.schema import REWRITE

POSSESSIVE = {"'s", "'", "’s", "’"}


def phrase(text: str) -> tuple[str, ...]:
    """Return a lower-case word tuple; hyphens split words, as spaCy's tokenizer does.

    Possessive markers are dropped ("judge 's decision" -> judge, decision), as they are from
    the arguments, so "judges' decisions" and "judge's decision" match alike.
    """
    return tuple(w for w in text.lower().replace("-", " ").split() if w not in POSSESSIVE)


def rewrite_ending(word: str, rules: tuple[tuple[str, str], ...], keep: int = 1) -> str | None:
    """``word`` with its ending rewritten by the first of ``rules`` (a ``rewrites`` class)
    that it ends with, leaving at least ``keep`` letters before the ending; ``None`` if none."""
    for old, new in rules:
        if word.endswith(old) and len(word) - len(old) >= keep:
            return word[: len(word) - len(old)] + new
    return None


def singular(word: str, keep: int = 1) -> str:
    """The singular of a plural form by the shipped ``plural_endings`` ('agencies' -> 'agency')."""
    found = rewrite_ending(word, shipped_rewrites("plural_endings"), keep)
    return word if found is None else found


@functools.cache
def shipped_rewrites(name: str) -> tuple[tuple[str, str], ...]:
    """The shipped ``rewrites`` class ``name``: for pure functions that take no lexicon."""
    return load_lexicon().rewrites(name)


@functools.cache
def _british() -> tuple[dict[str, str], tuple[str, ...], tuple[tuple[str, str], ...]]:
    endings = shipped_rewrites("british_endings")
    return (dict(shipped_rewrites("british_words")), tuple(old for old, _ in endings), endings)


def american_spelling(word: str) -> str:
    """The American spelling of a British one ('naturalisation' -> 'naturalization').

    Used to add a form, never to replace one: 'supervise' would become 'supervize'. The
    spellings are the shipped ``british_words`` and ``british_endings``.
    """
    words, suffixes, endings = _british()
    if word in words:
        return words[word]
    if not word.endswith(suffixes):
        return word  # most words: one test, on every argument token
    found = rewrite_ending(word, endings, keep=3)
    return word if found is None else found


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
    anaphor_ordinals: frozenset[str] = frozenset()
    acting_units: frozenset[str] = frozenset()
    former_markers: frozenset[str] = frozenset()
    ability_nouns: frozenset[str] = frozenset()
    responsible_adjectives: frozenset[str] = frozenset()
    relative_words: frozenset[str] = frozenset()
    peer_words: frozenset[str] = frozenset()
    copula_prepositions: frozenset[str] = frozenset()
    non_role_verbs: frozenset[str] = frozenset()
    contains_verbs: frozenset[str] = frozenset()
    clause_breaks: frozenset[str] = frozenset()
    articles: frozenset[str] = frozenset()
    definite_articles: frozenset[str] = frozenset()
    denial_quantifiers: frozenset[str] = frozenset()
    denial_conditions: frozenset[str] = frozenset()
    personnel_prepositions: frozenset[str] = frozenset()
    cleft_subjects: frozenset[str] = frozenset()
    cleft_relatives: frozenset[str] = frozenset()
    running_verbs: frozenset[str] = frozenset()
    owner_verbs: frozenset[str] = frozenset()
    unit_prepositions: frozenset[str] = frozenset()
    partitive_words: frozenset[str] = frozenset()
    attribute_prepositions: frozenset[str] = frozenset()
    demonstratives: frozenset[str] = frozenset()
    back_objects: frozenset[str] = frozenset()
    contrast_conjunctions: frozenset[str] = frozenset()
    nesting_prepositions: frozenset[str] = frozenset()
    possessive_anaphors: frozenset[str] = frozenset()
    singular_anaphors: frozenset[str] = frozenset()
    plural_anaphors: frozenset[str] = frozenset()
    last_ordinals: frozenset[str] = frozenset()
    generic_anaphor_nouns: frozenset[str] = frozenset()
    # every class by id, multi-word entries space-joined: what ``@name`` in data resolves to
    classes: dict[str, frozenset[str]] = field(default_factory=dict)
    # the classes of shape 'rewrites', as ordered (old, new) pairs
    rewrite_classes: dict[str, tuple[tuple[str, str], ...]] = field(default_factory=dict)
    # the cue records of the same files (``Located``), and the negation compiled from them on
    # first use (``remit.claims.negation.negation_of``)
    cue_records: tuple = field(default=(), compare=False, repr=False)
    negation: object = field(default=None, compare=False, repr=False)
    # and the cues of an agency mention (``remit.claims.around.mention_cues_of``)
    mention_cues: object = field(default=None, compare=False, repr=False)

    def verbs(self, name: str) -> frozenset[tuple[str, ...]]:
        """Return the phrases of a verb class (``handle``), or raise ``KeyError``."""
        return self.verb_classes[name]

    def word_class(self, name: str) -> frozenset[str]:
        """The entries of the word class ``name`` (as ``@name`` in data), lower case.

        A multi-word entry is one string, its words joined by single spaces. Raises
        ``KeyError`` for a name the lexicon does not define.
        """
        return self.classes[name]

    def rewrites(self, name: str) -> tuple[tuple[str, str], ...]:
        """The (old, new) pairs of the ``rewrites`` class ``name``, in their order."""
        return self.rewrite_classes[name]

    def class_names(self) -> frozenset[str]:
        """Every name ``word_class`` answers."""
        return frozenset(self.classes)


def _phrases(items) -> frozenset[tuple[str, ...]]:
    return frozenset(phrase(str(i)) for i in items)


# How each kind of field is built from a class's words.
_BUILDERS = {
    "frozenset[str]": lambda words: frozenset(words),
    "frozenset[tuple[str, ...]]": _phrases,
    "tuple[tuple[str, ...], ...]": lambda words: tuple(sorted(_phrases(words))),
}
# Fields not filled from the word class of their name.
_COMPOSITE = {"verb_classes", "acronym_verbs", "classes", "rewrite_classes", "cue_records",
              "negation", "mention_cues"}


def lexicon_fields() -> dict[str, str]:
    """The word classes the code reads by attribute: field name (= class id) -> field type."""
    return {f.name: str(f.type) for f in dataclasses.fields(Lexicon) if f.name not in _COMPOSITE}


def build_lexicon(records: dict) -> Lexicon:
    """A :class:`Lexicon` from merged word-class records (``id -> WordClass``).

    Every field must have its class (see :func:`remit.claims.checks.check_word_classes`).
    """
    values = {name: _BUILDERS[kind](records[name].words) for name, kind in lexicon_fields().items()}
    return Lexicon(
        **values,
        verb_classes={rid: _phrases(r.words) for rid, r in records.items()
                      if r.shape == "verb_phrases"},
        acronym_verbs={r.acronym: frozenset(r.words) for r in records.values() if r.acronym},
        classes={rid: frozenset(r.words) for rid, r in records.items()},
        rewrite_classes={rid: tuple(_rewrite(w) for w in r.words) for rid, r in records.items()
                         if r.shape == "rewrites"},
    )


def _rewrite(entry: str) -> tuple[str, str]:
    old, _, new = entry.partition(REWRITE)
    return old.strip(), new.strip()


def load_lexicon(paths: Iterable[str | Path] = ()) -> Lexicon:
    """The shipped lexicon with the word classes of ``paths`` (users' rule files) merged in.

    Loaded once per tuple of paths. Raises :class:`remit.claims.grammar.GrammarError` listing
    every problem found.
    """
    return _load_lexicon(tuple(str(p) for p in paths))


@functools.lru_cache(maxsize=8)
def _load_lexicon(paths: tuple[str, ...]) -> Lexicon:
    from remit.claims.checks import check_word_classes
    from remit.claims.grammar import GrammarError, cues, load_grammar, word_classes

    merged, errors = load_grammar(paths)
    located = word_classes(merged)
    errors += check_word_classes(located)
    if errors:
        raise GrammarError(errors)
    lexicon = build_lexicon({rid: loc.record for rid, loc in located.items()})
    return dataclasses.replace(lexicon, cue_records=tuple(cues(merged)))
