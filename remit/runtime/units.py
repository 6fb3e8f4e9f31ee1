"""Implicit units: an item or label line read after its agency's name, and their claims.

:mod:`remit.runtime.structure` decides which unit gets which agency; here a unit's content
is read as an act ('USCIS grants asylum') or a role ('USCIS is responsible for green cards'),
a list of short phrases phrase by phrase, and a reading's claims are placed back on the item.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from remit.records import Claim

if TYPE_CHECKING:
    from remit.runtime.structure import _Words


@dataclass(frozen=True)
class Implicit:
    """An item read with its agency: ``text`` is parsed; its first ``prefix`` characters are
    the agency's name (and the frame), the rest is ``clean[start:end]``. A claim's mention in
    the prefix is placed at ``anchor`` (the agency's name on a label line, else the item).
    ``fallback`` is read instead when this reading gives no claim the table knows."""

    text: str
    prefix: int
    start: int
    end: int
    anchor: tuple[int, int]
    fallback: Implicit | None = None
    # A noun read as a role ('Green cards', 'Visa documents'): a topic more than a statement,
    # so its claims are partial (never contradicted; see Claim.partial)
    weak: bool = False
    # A list of short phrases ('front line, border checkpoints'), each read on its own when
    # the whole reading gives no claim the table knows (before the fallback)
    items: tuple[Implicit, ...] = ()


def anchored(unit: Implicit | None, anchor: tuple[int, int]) -> Implicit | None:
    """The unit and its fallbacks, their agency placed on its name in the line."""
    if unit is None:
        return None
    return replace(unit, anchor=anchor, fallback=anchored(unit.fallback, anchor),
                   items=tuple(anchored(item, anchor) for item in unit.items))


def reading(name: str, clean: str, start: int, end: int, words: _Words) -> Implicit | None:
    """'USCIS' + 'Grants asylum' -> 'USCIS grants asylum'; + 'Green cards' -> 'USCIS is
    responsible for Green cards'. A first word that may be a verb or a noun ('Work permits')
    is read as a verb first, as a noun when that gives no claim the table knows."""
    raw = clean[start:end]
    content = raw.strip(" |")
    first = content.split()[0].lower() if content else ""
    if not any(c.isalnum() for c in content) or first in words.stop or first in words.pronouns:
        return None  # 'USCIS: not deportation', 'ICE: maybe visas'; '- It ...' refers itself
    start += len(raw) - len(raw.lstrip(" |"))
    end = start + len(content)
    frame, verb_words = words.frame, words.verbs
    verb = content.split()[0].lower().strip(",.;")
    nominal = Implicit(f"{name} {frame} {content}", len(name) + len(frame) + 2, start, end,
                       (start, end), weak=not verb.endswith("ing"),
                       items=_items(name, clean, start, end, words))
    if passive_item(content, words):  # 'run by DOJ': a participle, a passive
        return Implicit(f"{name} {words.passive} {content}", len(name) + len(words.passive) + 2,
                        start, end, (start, end), fallback=nominal)
    run = _verb_run(content, words)
    if not any(v in verb_words for v in run) or verb.endswith("ing"):
        return nominal
    verbal = _third_person(content, run, verb_words)
    return Implicit(f"{name} {verbal}", len(name) + 1, start, end, (start, end),
                    fallback=nominal)


def passive_item(content: str, words: _Words) -> bool:
    """'run by the Justice Department': a participle and its agent open the item (not a
    plural noun: 'Removals by year')."""
    tokens = content.split()
    return (len(tokens) > 2 and tokens[1].lower() in words.agents and tokens[0][:1].islower()
            and not tokens[0].lower().endswith("s"))


_WORD = re.compile(r"[^\s,]+|,")


def _verb_run(content: str, words: _Words) -> list[str]:
    """The words of the run of coordinated verbs an item may open with ('Find and detain
    people', 'Arrest, detain, or deport'): the first word, and each word after a joiner up to
    the first word that follows none. The run is read as verbs when one of them is a trigger
    verb."""
    tokens = [t.lower() for t in _WORD.findall(content)]
    run, joined = [], True
    for token in tokens:
        if token in words.joiners:
            joined = True
        elif joined:
            run.append(token.strip(".;:"))
            joined = False
        else:
            break
    return run


def _items(name: str, clean: str, start: int, end: int, words: _Words) -> tuple[Implicit, ...]:
    """The readings of each phrase of a list ('raids, detention centers'): two or more short
    phrases between commas or semicolons; none for a longer one (prose, not a list)."""
    cuts = [m.start() for m in _LIST_SEPARATOR.finditer(clean, start, end)]
    if not cuts:
        return ()
    spans, at = [], start
    for cut in [*cuts, end]:
        spans.append((at, cut))
        at = cut + 1
    if any(len(clean[a:b].split()) > _ITEM_PHRASE_WORDS for a, b in spans):
        return ()
    out = []
    for a, b in spans:
        while a < b and clean[a] == " ":
            a += 1
        phrase = reading(name, clean, a, b, words) if b - a > 1 else None
        if phrase is not None:
            out.append(phrase)
    return tuple(out)


_LIST_SEPARATOR = re.compile(r"[,;]")
# The most words a phrase of a list has ('deportation flights from the border').
_ITEM_PHRASE_WORDS = 6


def _third_person(content: str, run: list[str], verb_words) -> str:
    """'inspect people' -> 'inspects people', 'find and detain' -> 'finds and detains', as
    after a singular agency: the trigger verbs' own inflections (see
    ``triggers.verb_forms``), else the regular ending."""
    out, at = [], 0
    for verb in run:
        found = re.compile(rf"\b{re.escape(verb)}\b", re.IGNORECASE).search(content, at)
        if found is None:
            break
        out += [content[at:found.start()], _inflected(found.group(), verb_words)]
        at = found.end()
    return "".join(out) + content[at:]


def _inflected(verb: str, verb_words) -> str:
    """A verb of a run in the third person, in lower case (a capital would read as a name):
    a trigger verb by its own forms (as it stands when it has none: 'arrests'), another by
    the regular ending ('find' -> 'finds')."""
    lower = verb.lower()
    for form in (lower + "s", lower + "es", lower[:-1] + "ies"):
        if form in verb_words and form != lower:
            return form
    if lower in verb_words or (lower.endswith("s") and not lower.endswith("ss")):
        return lower
    if lower.endswith(("s", "x", "z", "ch", "sh")):
        return lower + "es"
    if len(lower) > 2 and lower.endswith("y") and lower[-2] not in "aeiou":
        return lower[:-1] + "ies"
    return lower + "s"


def continued(opening: str, clean: str, start: int, end: int, plain: Implicit) -> Implicit:
    """'HSI handles cases involving:' + 'Human trafficking' -> 'HSI handles cases involving
    human trafficking'; the plain reading is the fallback."""
    content = clean[start:end].strip()
    prefix = f"{opening} "
    return Implicit(prefix + content, len(prefix), start, start + len(content), plain.anchor,
                    fallback=plain)


def weakened(claim: Claim, unit: Implicit) -> Claim:
    """A claim of a weak (nominal) reading is partial: never contradicted."""
    return replace(claim, partial=True) if unit.weak else claim


def keep(claim: Claim) -> bool:
    """Whether a claim read from an implicit unit is reported: only roles the table knows."""
    return claim.function is not None


def shift(offset: int, unit: Implicit, end: bool = False) -> int:
    """An offset in the implicit unit's text, as an offset in the clean text; one in the
    prefix (the agency's name) lands on the unit's anchor."""
    if offset < unit.prefix or (end and offset == unit.prefix):
        return unit.anchor[1] if end else unit.anchor[0]
    return unit.start + min(offset - unit.prefix, unit.end - unit.start)
