"""Text structure: the agency a heading or a lead line gives the list items under it.

Real pages say who does what in lists: a heading "U.S. Citizenship and Immigration Services"
or a lead line "What USCIS does:", then items that never name the agency ("Grants asylum",
"Green cards"), and label lines ("USCIS: green cards, citizenship", "ERO → deportation"; read
by :mod:`remit.runtime.labels`).
Each item is a unit of its own (see :func:`remit.runtime.text.normalize_text`); here an item
without an agency of its own is given one, by parsing it after the agency's name: "USCIS
grants asylum", "USCIS is responsible for green cards" (the words come from the lexicon's
``implicit_role`` class; the readings are :mod:`remit.runtime.units`). Only what the table
knows is kept of such a reading (``units.keep``): the agency is inferred from the layout, so
a role the table has no function for is not reported.

A unit is a *heading* when it fills its line, has no closing punctuation and is mostly one
agency's name; a *lead* when it ends in a colon; an *item* when it opens with a list marker, or
is a short line in a run of items below a heading or a lead. A lead that names two agencies,
or denies or reports ('Myths about ICE:'), gives its items no agency.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from remit.runtime.labels import WORD as _WORD
from remit.runtime.labels import cell_end as _cell_end
from remit.runtime.labels import label_last as _label_last
from remit.runtime.labels import label_line as _label_line
from remit.runtime.labels import passive_label
from remit.runtime.text import LIST_MARKER
from remit.runtime.units import Implicit, continued, reading

# Words in a line of its own that is still an item (a longer one is prose), or a heading.
_ITEM_WORDS = 14
_HEADING_WORDS = 8
# 'Mission: Protect the borders': a short label before the item's content.
# An infobox row's label ('Jurisdiction | Transportation systems |') is one too.
_LABEL = re.compile(r"[^:|\n]{1,30}(?::|\s\|)\s+(?=\S)")


@dataclass(frozen=True)
class Mention:
    """An agency mention of a unit: its table id and where its name stands in the text."""

    label: str
    start: int
    end: int


_YEAR = re.compile(r"\b(?:1[6-9]|20)\d\d\b")
# A Markdown heading's marks (plain text copied from Markdown, or a heading block: see
# remit.markup.document.join_blocks)
_HEADING_MARK = re.compile(r"#{1,6}\s+")

# A lead whose items belong to no one agency.
_NOBODY = ("", "")


@dataclass
class _State:
    section: tuple[str, str] | None = None  # (agency id, name as written) of the last heading
    lead: tuple[str, str] | None = None
    # A lead that its items complete ('HSI handles cases involving:'), without the colon
    opening: str | None = None
    in_run: bool = False
    last: tuple[str, str] | None = None  # the first agency the unit before names
    # The document's topic: the one agency of its first line, when that is a heading. A bare
    # lead ('Main duties:') with no heading's agency above gives its items the topic.
    topic: tuple[str, str] | None = None
    # The labels of the table row above ('| Agency | Department |'), lower case, while rows go on
    header: tuple[str, ...] | None = None


def implicit_units(clean: str, spans: Sequence[tuple[int, int]],
                   mentions: Sequence[Sequence[Mention]], verb_words: frozenset[str],
                   lex, former: frozenset[str] = frozenset()) -> dict[int, Implicit]:
    """The units (by index into ``spans``, their ``(start, end)`` in ``clean``) to parse with
    an agency the layout gives them. An agency in ``former`` (abolished) gives none."""
    words = _words(lex, verb_words)
    state = _State()
    out: dict[int, Implicit] = {}
    for i, (start, end) in enumerate(spans):
        own = [m for m in mentions[i] if m.label not in former]
        implicit, state = _unit(clean, start, end, own, words, state,
                                former=len(own) != len(mentions[i]))
        if i == 0:
            state.topic = state.section or _titled(clean, start, end, own)
        if implicit is not None:
            out[i] = implicit
    return out


@dataclass(frozen=True)
class _Words:
    frame: str  # 'is responsible for'
    verbs: frozenset[str]  # inflected trigger verbs
    stop: frozenset[str]  # words after which a heading, lead or item gives no agency
    pronouns: frozenset[str]
    openers: frozenset[str]  # a lead ending in one is completed by its items
    parents: frozenset[str] = frozenset()  # infobox labels of the parent body ('parent agency')
    units: frozenset[str] = frozenset()  # labels of the parts ('key units')
    part: str = ""  # 'is part of'
    departments: frozenset[str] = frozenset()  # words of a department's name ('department')
    roles: dict[str, str] = field(default_factory=dict)  # infobox label -> its frame
    joiners: frozenset[str] = frozenset()  # what joins a run of verbs (',', 'and')
    passive: str = ""  # 'is', before 'run by the Justice Department'
    agents: frozenset[str] = frozenset()  # a passive's agent preposition ('by')
    tail_adverbs: frozenset[str] = frozenset()  # before a label's second phrase ('; also ...')
    determiners: frozenset[str] = frozenset()  # 'the', 'this' before an agency noun
    nouns: frozenset[str] = frozenset()  # 'agency', 'department': a lead's back reference
    role_columns: frozenset[str] = frozenset()  # a table header's label of what a row's does


def _words(lex, verb_words: frozenset[str]) -> _Words:
    """The words of ``lex`` the units are read with, worked out once per lexicon and verbs."""
    kept = _WORDS.get(id(lex))
    if kept is not None and kept[0] is lex and kept[1] is verb_words:
        return kept[2]  # the same lexicon as before: not worked out again per text
    words = _Words(frame=sorted(lex.word_class("implicit_role"))[0], verbs=verb_words,
                   stop=_stop_words(lex), pronouns=lex.pronouns,
                   openers=lex.word_class("prepositions"),
                   parents=lex.word_class("parent_labels"), units=lex.word_class("unit_labels"),
                   part=sorted(lex.word_class("implicit_parent"))[0],
                   departments=lex.word_class("department_words"),
                   roles=dict(lex.rewrites("role_labels")),
                   joiners=lex.word_class("verb_run_joiners"),
                   passive=sorted(lex.word_class("implicit_passive"))[0],
                   agents=lex.word_class("agent_prepositions"),
                   tail_adverbs=lex.word_class("label_tail_adverbs"),
                   determiners=lex.definite_articles | lex.demonstratives,
                   nouns=lex.anaphor_nouns, role_columns=lex.word_class("role_columns"))
    _WORDS.clear()  # a new lexicon (a user's rule files) replaces the one kept
    _WORDS[id(lex)] = (lex, verb_words, words)
    return words


_WORDS: dict[int, tuple[object, frozenset[str], _Words]] = {}


def _stop_words(lex) -> frozenset[str]:
    single = lambda name: {w for w in lex.word_class(name) if " " not in w}  # noqa: E731
    return frozenset(lex.negations | single("reporting_verbs") | single("reporting_phrases")
                     | single("future_words") | lex.word_class("structure_stop_words"))


def _unit(clean: str, start: int, end: int, own: list[Mention], words: _Words,
          state: _State, former: bool) -> tuple[Implicit | None, _State]:
    """One unit's implicit reading, and the state the next unit starts from."""
    marker = LIST_MARKER.match(clean[start:end] + " ")
    body = start + (marker.end() if marker else 0)
    heading = _HEADING_MARK.match(clean, body, end)
    body = heading.end() if heading else body
    text = clean[body:end].rstrip()
    bare = _without_names(clean, body, end, own)  # 'State' of 'State Department' is a name
    whole_line = (start == 0 or clean[start - 1] == "\n") and clean[end:end + 1] in ("", "\n")
    label = _label_line(clean, body, end, own, words, state.header) if own else None
    if label is None and not marker and whole_line and (heading or own):
        if _is_heading(clean, body, end, own) and not _blocked(bare, words.stop) and not former:
            return None, _State(section=_name(clean, own[0], own), in_run=True,
                                topic=state.topic)
        if heading:
            return None, _State(topic=state.topic)  # a heading of another topic ends the section
    if text.endswith(":"):
        return None, _take_lead(clean, own, text, bare, words, state, former)
    item = marker is not None or (state.in_run and whole_line and text[-1:] not in ".!?"
                                  and len(text.split()) <= _ITEM_WORDS)
    implicit = label
    if own and label is None and whole_line:
        implicit = (_parent_row(clean, body, end, own, words, state.section or state.topic)
                    or _label_last(clean, body, end, own, words, state.header)
                    or passive_label(clean, body, end, own, words))
    if not own and item and state.in_run:
        agency = state.section if state.lead is None else state.lead
        content = _content_start(clean, body, end)
        if agency is not _NOBODY and agency is not None:
            implicit = reading(agency[1], clean, content, end, words)
        if implicit is not None and state.opening is not None:
            implicit = continued(state.opening, clean, content, end, implicit)
    if not own and whole_line and not marker:
        implicit = _role_row(clean, body, end, words, state.section or state.topic) or implicit
    if not item:
        state.in_run, state.lead = False, None
    state.last = _name(clean, own[0], own) if own else None
    state.header = _header(text, own, state.header)
    return implicit, state


def _take_lead(clean: str, own: Sequence[Mention], text: str, bare: str, words: _Words,
               state: _State, former: bool) -> _State:
    """The state after a lead line: its agency (see :func:`_lead`) and, for a lead its items
    complete ('HSI handles cases involving:'), its words."""
    state.lead = _lead(clean, own, text, bare, words, state, former)
    last = text[:-1].split()[-1:] or [""]
    state.opening = (text[:-1] if own and state.lead not in (None, _NOBODY) and (
        last[0].lower() in words.openers or last[0].endswith("ing")) else None)
    state.in_run = True
    return state


def _header(text: str, own: Sequence[Mention], before: tuple[str, ...] | None):
    """The header a table row leaves for the rows below: its labels if it names no agency and
    its cells are short, the one above if it is a rule ('|---|---|') or a row; else none."""
    cells = [c.strip().lower() for c in text.strip(" |").split("|")]
    if len(cells) < 2:
        return None
    if all(set(c) <= set("-: ") for c in cells):
        return before
    if not own and all(0 < len(c.split()) <= _HEADER_WORDS for c in cells):
        return tuple(cells)
    return before


# The most words of a header's label ('Parent department', 'What it does').
_HEADER_WORDS = 4


def _titled(clean: str, start: int, end: int, own: Sequence[Mention]) -> tuple[str, str] | None:
    """The agency of a page's title line after its label ('Title: U.S. Customs and Border
    Protection'), the page's topic."""
    label = _LABEL.match(clean, start, end)
    if label is None or not own or not _is_heading(clean, label.end(), end, own):
        return None
    return _name(clean, own[0], own)


def _parent_row(clean: str, body: int, end: int, own: Sequence[Mention], words: _Words,
                agency: tuple[str, str] | None) -> Implicit | None:
    """'Parent agency | U.S. Department of Homeland Security |' under the page's or the
    section's agency: '<agency> is part of <value>'; 'Divisions: OFO, Border Patrol':
    '<value> is part of <agency>'. The agency comes from far above, so the
    reading is weak (never contradicted)."""
    label = _LABEL.match(clean, body, end)
    if agency in (None, _NOBODY) or label is None:
        return None
    name = clean[body:label.end()].strip(" :|").lower()
    value_end = _cell_end(clean, label.end(), end)
    while value_end > label.end() and clean[value_end - 1] in " |.;":
        value_end -= 1
    value = clean[label.end():value_end]
    inside = [m for m in own if m.start >= label.end() and m.end <= value_end]
    if len(inside) != len(own) or agency[0] in {m.label for m in own}:
        return None
    span = (label.end(), value_end)
    if name in words.parents and len({m.label for m in own}) == 1:
        prefix = f"{agency[1]} {words.part} "
        return Implicit(prefix + value, len(prefix), *span, span, weak=True)
    if name in words.units:
        return Implicit(f"{value} {words.part} {agency[1]}", 0, *span, span, weak=True)
    return None


def _role_row(clean: str, body: int, end: int, words: _Words,
              agency: tuple[str, str] | None) -> Implicit | None:
    """'Jurisdiction | Transportation systems of the country |' in the infobox of the page's or
    the section's agency: '<agency> is responsible for <value>', a weak reading (never
    contradicted; no claim when the table has no function for it). 'Formed' and 'Employees'
    rows are history and numbers: no reading."""
    label = _LABEL.match(clean, body, end)
    if agency in (None, _NOBODY) or label is None:
        return None
    frame = words.roles.get(clean[body:label.end()].strip(" :|").lower())
    value_end = _cell_end(clean, label.end(), end)
    while value_end > label.end() and clean[value_end - 1] in " |.;":
        value_end -= 1
    if frame is None or not any(c.isalpha() for c in clean[label.end():value_end]):
        return None
    prefix = f"{agency[1]} {frame} "
    return Implicit(prefix + clean[label.end():value_end], len(prefix), label.end(), value_end,
                    (label.end(), value_end), weak=True)


def _without_names(clean: str, start: int, end: int, own: Sequence[Mention]) -> str:
    """The unit's text with its agencies' names blanked out."""
    chars = list(clean[start:end])
    for m in own:
        chars[max(m.start - start, 0):max(m.end - start, 0)] = " " * (m.end - max(m.start, start))
    return "".join(chars)


def _blocked(text: str, stop: frozenset[str]) -> bool:
    """A heading or lead that denies, reports, asks, plans or tells of the past ('What ICE
    doesn't do', 'Myths about ICE', 'Questions for USCIS', 'What ICE did in 2019')."""
    found = _WORD.findall(text.lower())
    forms = set(found) | {w[:-1] for w in found if w.endswith("s")}
    return (bool(forms & stop) or any(w.endswith(("n't", "n’t")) for w in found)
            or "?" in text or bool(_YEAR.search(text)))


def _is_heading(clean: str, start: int, end: int, own: Sequence[Mention]) -> bool:
    """One agency's name, or a few words about it ('What USCIS does'), as a line of its own."""
    text = clean[start:end].rstrip()
    if (not own or len({m.label for m in own}) != 1 or text[-1:] in ".!?:;,|" or ":" in text
            or "|" in text):  # a table row ('Visa stamp | State Department') is no heading
        return False
    named = sum(len(clean[m.start:m.end].replace(" ", "")) for m in own)
    size = len(text.split())
    return size <= _HEADING_WORDS and (2 * named >= len(text.replace(" ", "")) or size <= 6)


def _name(clean: str, mention: Mention, own: Sequence[Mention] = ()) -> tuple[str, str]:
    """The agency's id and its shortest name in the unit ('CBP' of 'Customs and Border
    Protection (CBP)'): the parser reads an acronym subject best."""
    names = [clean[m.start:m.end] for m in own if m.label == mention.label]
    return mention.label, min(names or [clean[mention.start:mention.end]], key=len)


def _lead(clean: str, own: Sequence[Mention], text: str, bare: str, words: _Words,
          state: _State, former: bool):
    """The agency a lead line gives its items: its one agency; a pronoun's ('They:') the one
    just named; a bare lead's ('Focus:') the heading's right above it. Nobody's when it names
    two, denies, reports, asks or plans ('Things ICE does not do:', 'Myths about ICE:'). A bare
    lead after prose takes the document's topic, if no other agency's heading is above."""
    if _blocked(bare, words.stop) or len({m.label for m in own}) > 1 or former:
        return _NOBODY
    if own:
        return _name(clean, own[0], own)
    found = _WORD.findall(text.lower())
    if set(found) & words.pronouns:
        return state.last or state.section or _NOBODY
    if _described(found, words):  # "The agency's main duties are:": the section's agency only
        return state.section or _NOBODY
    if state.in_run and state.section:
        return state.section
    # (not after prose that names another agency: 'CBP works at the border. Main duties:')
    return state.topic if state.topic and state.section in (None, state.topic) and (
        _same_agency(state.last, state.topic)) else _NOBODY


def _same_agency(last: tuple[str, str] | None, agency: tuple[str, str]) -> bool:
    """Whether the unit before names no agency or the same one (by id, however written)."""
    return last is None or last[0] == agency[0]


def _described(found: Sequence[str], words: _Words) -> bool:
    """Whether a lead (its lower-case words ``found``) names its agency by an agency noun after
    'the' or 'this' ("The agency's main jobs are:"); which agency is the heading's, not one the
    prose before names ('The department works abroad, while USCIS works at home. The
    department's duties are:')."""
    return any(before in words.determiners and noun.removesuffix("'s") in words.nouns
               for before, noun in zip(found, found[1:], strict=False))


def _content_start(clean: str, body: int, end: int) -> int:
    label = _LABEL.match(clean, body, end)
    return label.end() if label else body
