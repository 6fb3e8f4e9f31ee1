"""Find agency mentions: aliases, case ("ICE" the agency, "ice" the water), typos, anaphora."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
from spacy.attrs import LOWER
from spacy.matcher import PhraseMatcher
from spacy.strings import hash_string
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from remit.claims.lexicon import Lexicon, phrase, shipped_rewrites, singular
from remit.rules.schema import AgencyKind
from remit.rules.table import Table

# Kinds (the table's vocabulary, not grammar words) whose names can say what is done
# ('appear in immigration court', 'run SEVP'), the kind of an abolished agency and of people.
TRANSPARENT_KINDS: frozenset[AgencyKind] = frozenset({"court", "program", "personnel"})
FORMER_KIND: AgencyKind = "former"
# The kind of an agency that is people ('immigration judges'): a bare noun of its name
# ('Judges ...') stands for it alone (remit.claims.anaphora).
PERSONNEL_KIND: AgencyKind = "personnel"
_ACRONYM = re.compile(r"^[A-Z][A-Z&.]{1,9}$")


def is_acronym(name: str) -> bool:
    """Whether an alias is an all-caps acronym (matched case-sensitively)."""
    return bool(_ACRONYM.match(name.replace(" ", "")))


def name_variants(name: str, spellings: tuple[tuple[str, str], ...] | None = None) -> set[str]:
    """Spellings people use for one name: '&' for 'and', 'U.S.', 'of the', "ICE's Office".

    ``spellings`` are word-for-word rewrites, in order (the lexicon's ``name_spellings``; the
    shipped ones if not given), each applied to the variants found so far.
    """
    if spellings is None:
        spellings = shipped_rewrites("name_spellings")
    variants = {name}
    for old, new in spellings:
        old, new = f" {old} ", f" {new} " if new else " "
        variants |= {f" {v} ".replace(old, new).strip() for v in variants if old in f" {v} "}
    first, _, rest = name.partition(" ")
    if rest and is_acronym(first):
        # 'ICE Office of Professional Responsibility' is also "ICE's Office of ..."
        variants |= {f"{first}'s {rest}", f"{first}’s {rest}"}
    return {v for v in variants if v.strip()}


def within_one_edit(a: str, b: str) -> bool:
    """Whether ``a`` becomes ``b`` with one insertion, deletion, substitution or swap."""
    if a == b:
        return True
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        # one substitution, or two neighbours swapped ('Secruity')
        swapped = i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i]
        return a[i + 1 :] == b[i + 1 :] or (swapped and a[i + 2 :] == b[i + 2 :])
    return a[i:] == b[i + 1 :]


@dataclass(frozen=True)
class AliasIndex:
    """Compiled alias matchers for one table."""

    exact: PhraseMatcher
    folded: PhraseMatcher
    acronyms: dict[str, str]
    fuzzy: dict[tuple[str, ...], str]
    transparent: frozenset[str] = frozenset()
    former: frozenset[str] = frozenset()
    # Agency id -> the table's kind of the agency (what a cue's ``agency`` field names).
    kinds: dict[str, str] = field(default_factory=dict, compare=False)
    # each agency's parent (or None): who sits within whom, for 'ICE's ERO' and the like
    parents: dict[str, str | None] = field(default_factory=dict, compare=False)
    # Hashes of the lower-case acronyms, as in a Doc's LOWER column.
    acronym_hashes: frozenset[int] = field(init=False, compare=False)
    # Each word of a fuzzy name -> the names (by their order in ``fuzzy``) that hold it
    fuzzy_words: dict[str, list[int]] = field(init=False, compare=False)
    fuzzy_names: tuple[tuple[tuple[str, ...], str], ...] = field(init=False, compare=False)
    # The hash of each word of a fuzzy name, as in a Doc's LOWER column -> the word
    fuzzy_hashes: dict[int, str] = field(init=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "acronym_hashes",
                           frozenset(hash_string(a) for a in self.acronyms))
        words: dict[str, list[int]] = {}
        for k, name in enumerate(self.fuzzy):
            for word in dict.fromkeys(name):
                words.setdefault(word, []).append(k)
        object.__setattr__(self, "fuzzy_words", words)
        object.__setattr__(self, "fuzzy_names", tuple(self.fuzzy.items()))
        object.__setattr__(self, "fuzzy_hashes", {hash_string(w): w for w in words})


def build_alias_index(nlp_vocab, make_doc, table: Table,
                      lexicon: Lexicon | None = None) -> AliasIndex:
    """Compile the table's aliases into case-sensitive and case-insensitive matchers.

    ``lexicon`` (the shipped one if not given) says which opening words keep a name from
    being matched with a typo.
    """
    if lexicon is None:
        from remit.claims.lexicon import load_lexicon

        lexicon = load_lexicon()
    exact = PhraseMatcher(nlp_vocab, attr="ORTH")
    folded = PhraseMatcher(nlp_vocab, attr="LOWER")
    acronyms: dict[str, str] = {}
    fuzzy: dict[tuple[str, ...], str] = {}
    for agency in table.agencies.values():
        names = set(agency.aliases) | {agency.name}
        for name in names:
            if is_acronym(name):
                exact.add(agency.id, [make_doc(name)])
                if name.isalpha():
                    exact.add(agency.id, [make_doc(".".join(name) + ".")])  # 'U.S.C.I.S.'
                acronyms[name.lower()] = agency.id
                continue
            for variant in name_variants(name, lexicon.rewrites("name_spellings")):
                folded.add(agency.id, [make_doc(variant)])
            words = phrase(name)
            if len(words) >= 2 and words[0] not in lexicon.definite_articles:
                fuzzy[words] = agency.id
    transparent = frozenset(a.id for a in table.agencies.values() if a.kind in TRANSPARENT_KINDS)
    former = frozenset(a.id for a in table.agencies.values() if a.kind == FORMER_KIND)
    kinds = {a.id: a.kind for a in table.agencies.values()}
    parents = {a.id: a.parent for a in table.agencies.values()}
    return AliasIndex(exact, folded, acronyms, fuzzy, transparent, former, kinds, parents)


def find_mentions(doc: Doc, index: AliasIndex, lexicon: Lexicon,
                  lower: np.ndarray | None = None,
                  matches: list[tuple[int, int, int]] | None = None) -> list[Span]:
    """Return non-overlapping agency mentions, labelled with the agency id.

    ``lower`` is the document's ``LOWER`` column and ``matches`` what :func:`alias_matches`
    finds in it, when the caller has them already.
    """
    lower = doc.to_array(LOWER) if lower is None else lower
    matches = alias_matches(doc, index) if matches is None else matches
    spans = [Span(doc, s, e, label=m) for m, s, e in matches]
    spans += _lowercase_acronyms(doc, index, lexicon, lower)
    spans = filter_spans(spans)
    if index.fuzzy:
        taken = {i for span in spans for i in range(span.start, span.end)}
        spans += _fuzzy(doc, index, taken, lower)
    spans = [s for s in filter_spans(spans) if not _foreign(doc, s, lexicon)]
    return _joined(doc, sorted(spans, key=lambda s: s.start))


def _foreign(doc: Doc, span: Span, lexicon: Lexicon) -> bool:
    """A name in lower case that another country's word qualifies: 'the Mexican consulate',
    'Guatemala's consulate', 'the consulate of Honduras', 'British immigration judges'.

    Only common-noun names (a proper name in capitals is the U.S. agency's); the possessor or
    the 'of' phrase is a capitalised word that is no name of the table's and not the United
    States (lexicon ``foreign_markers``, ``home_country_words``).
    """
    first = doc[span.start]
    if first.is_upper or first.is_title:
        return False
    before = doc[span.start - 1] if span.start else None
    if before is not None and before.lower_ in lexicon.word_class("foreign_markers"):
        return True
    home = lexicon.word_class("home_country_words")
    if before is not None and before.lower_ in lexicon.word_class("possessive_endings") and before.i > 0:
        owner = doc[before.i - 1]
        if owner.lower_ in home or (owner.is_title and owner.lower_ not in lexicon.word_class(
                "united_states_words")):
            return True
    if _abroad(doc, span, lexicon):
        return True
    after = doc[span.end:span.end + 2]
    return (len(after) == 2 and after[0].lower_ in lexicon.word_class("of_words") and after[1].is_title
            and after[1].lower_ not in lexicon.word_class("united_states_words")
            and after[1].lower_ not in lexicon.word_class("definite_articles"))


# How far before a name a setting abroad is looked for ('In the UK, ...'), in tokens.
_SETTING_REACH = 12


def _joined(doc: Doc, spans: list[Span]) -> list[Span]:
    """Mentions of one agency side by side as one ('a USCIS asylum officer': USCIS once)."""
    out: list[Span] = []
    for span in spans:
        if out and out[-1].end == span.start and out[-1].label == span.label:
            out[-1] = Span(doc, out[-1].start, span.end, label=span.label)
        else:
            out.append(span)
    return out


def _abroad(doc: Doc, span: Span, lexicon: Lexicon) -> bool:
    """'In the UK, asylum officers decide ...': a setting in another country earlier in the
    sentence (lexicon ``setting_prepositions`` + ``foreign_places``)."""
    places, settings = lexicon.word_class("foreign_places"), lexicon.word_class(
        "setting_prepositions")
    if any(t.lower_ in lexicon.word_class("abroad_service_words") for t in span):
        return False  # 'In Mexico, consular officers ...': U.S. officers abroad
    i = span.start - 1
    while i > 0 and span.start - i <= _SETTING_REACH and not doc[i].is_sent_end and (
            doc[i].text not in lexicon.word_class("clause_breaks")):
        if doc[i].lower_ in places and (doc[i - 1].lower_ in settings or (
                doc[i - 1].lower_ in lexicon.definite_articles and i > 1
                and doc[i - 2].lower_ in settings)):
            # not 'Unlike in Canada, immigration judges in the United States ...'
            home = lexicon.word_class("united_states_words")
            return not any(t.lower_ in home for t in doc[i + 1:span.end + 4])
        i -= 1
    return False


def alias_matches(doc, index: AliasIndex) -> list[tuple[int, int, int]]:
    """The phrase-matcher hits (agency id, start, end): case-sensitive ones, then folded.

    They depend on the tokens alone, so the hits of a whole text that lie inside a sentence
    are the hits of that sentence on its own.
    """
    return [*index.exact(doc), *index.folded(doc)]


def _lowercase_acronyms(doc: Doc, index: AliasIndex, lexicon: Lexicon,
                        lower: np.ndarray) -> list[Span]:
    """An acronym in other than upper case: 'uscis', 'Cbp'; 'ice agents' but not 'ice storm'.

    An acronym that is also a word ('ice', 'dos') counts only before a cue word, or before one
    of the verbs the lexicon lists for it ('ice deports').
    """
    out = []
    hashes = index.acronym_hashes
    for i in (i for i, h in enumerate(lower.tolist()) if h in hashes):
        token = doc[i]
        agency = index.acronyms.get(token.lower_)
        if not agency or token.is_upper:
            continue
        if token.lower_ in lexicon.ambiguous_acronyms:
            nxt = doc[token.i + 1].lower_ if token.i + 1 < len(doc) else ""
            if nxt not in lexicon.acronym_contexts and nxt not in lexicon.acronym_verbs.get(
                    token.lower_, ()):
                continue
        out.append(Span(doc, token.i, token.i + 1, label=agency))
    return out


def _fuzzy(doc: Doc, index: AliasIndex, taken: set[int],
           lower: np.ndarray | None = None) -> list[Span]:
    """Multi-word names with one misspelt long word: 'Boarder Patrol', 'immigation judges'.

    ``lower``: the doc's ``LOWER`` column, if read already.
    """
    out = []
    hashes = (doc.to_array(LOWER) if lower is None else lower).tolist()  # no Token built
    known = index.fuzzy_hashes
    # where each word of a fuzzy name stands (the other words are only read in a window)
    positions: dict[str, list[int]] = {}
    for i, h in enumerate(hashes):
        word = known.get(h)
        if word is not None:
            positions.setdefault(word, []).append(i)
    # With one word misspelt, another is spelt right: only names with a word here can match
    held = sorted({k for word in positions for k in index.fuzzy_words[word]})
    strings = doc.vocab.strings
    for name, agency in (index.fuzzy_names[k] for k in held):
        n = len(name)
        if sum(word in positions for word in name) < n - 1:
            continue  # fewer of its words in the doc than a match spells right
        # Only a window with every word but one in its place can match: count them per start.
        right: dict[int, int] = {}
        for k, word in enumerate(name):
            for i in positions.get(word, ()):
                right[i - k] = right.get(i - k, 0) + 1
        for start in sorted(s for s, c in right.items() if c == n - 1
                            and 0 <= s <= len(hashes) - n):
            if any(i in taken for i in range(start, start + n)):
                continue
            window = [strings[h] for h in hashes[start : start + n]]
            misses = [(w, x) for w, x in zip(window, name, strict=True) if w != x]
            if len(misses) == 1 and len(misses[0][1]) >= 5 and within_one_edit(*misses[0]):
                out.append(Span(doc, start, start + n, label=agency))
    return out


def name_words(table) -> dict[str, frozenset[str]]:
    """Agency id -> the lower-case words of its name and aliases (and their singulars), and its
    kind ('office' for the National Visa Center: 'this office'), for the anaphors of
    :mod:`remit.claims.anaphora` ('the Board', 'Judges')."""
    out = {}
    for agency in table.agencies.values():
        words = {w.lower().strip(".,()") for name in (agency.name, *agency.aliases)
                 for w in name.split()}
        out[agency.id] = frozenset(words | {singular(w) for w in words} | {agency.kind})
    return out


def span_rows(spans: Iterable[Span]) -> list[list]:
    """Mentions as plain rows (start, end, label, kb_id) that survive ``Doc.to_bytes``."""
    return [[s.start, s.end, s.label_, s.kb_id_] for s in spans]


def row_spans(doc: Doc, rows: Iterable[Sequence]) -> list[Span]:
    """Rebuild the mentions of :func:`span_rows` on ``doc``."""
    return [Span(doc, start, end, label=label, kb_id=kb_id) for start, end, label, kb_id in rows]


def related(index: AliasIndex, first: str, second: str) -> bool:
    """Whether one of two agencies sits within the other (or they are one)."""
    return (first == second or within(index.parents, first, second)
            or within(index.parents, second, first))


def within(parents: dict[str, str | None], part: str, whole: str | None) -> bool:
    """Whether ``part`` sits within ``whole``, by ``parents`` (agency id -> its parent's)."""
    seen = set()
    while part in parents and part not in seen:
        seen.add(part)
        part = parents[part]
        if part == whole:
            return True
    return False
