"""What a page sets apart as claims it means to deny: list items under a lead that calls them
myths ('Common myths:'), a section under a heading that does ('## Rumors'), and the cells of
a table column so headed ('| Misconception | Reality |'). The runner reports their claims (someone else's words, never the writer's), as it does a
sentence inside a quotation.
"""

from __future__ import annotations

import dataclasses
import re


@dataclasses.dataclass(frozen=True)
class Distanced:
    """Sentences a page sets apart as claims it means to deny: list items under a lead that
    calls them myths, and per table row the cells under a column so labelled."""

    items: frozenset[int]
    cells: dict[int, list[tuple[int, int]]]


def distanced(clean: str, sentences, lex) -> Distanced:
    """What the page sets apart ('Common myths:' and its items; a '| Myth | Fact |' table's
    myth cells, row by row; the lexicon's ``distancing_lead_words``): claims it means to
    deny, reported, never the writer's."""
    from remit.runtime.text import LIST_MARKER

    words = lex.word_class("distancing_lead_words")
    items, cells = set(), {}
    active, columns, section = False, frozenset(), False
    for i, sentence in enumerate(sentences):
        text = clean[sentence.start_char:sentence.end_char]
        said = set(re.findall(r"[a-z']+", text.lower()))
        if _heading(clean, sentence.start_char, sentence.end_char, text):
            # '## Common myths', 'RUMORS': what the section under it says is set apart
            section, active, columns = bool(said & words), False, frozenset()
            continue
        if section:
            items.add(i)
            continue
        if "|" in text:
            if not text.strip(" |-:"):
                continue  # the rule under a header ('|---|---|')
            parts = _cells(text, sentence.start_char)
            if columns and len(parts) > max(columns):
                cells[i] = [parts[k] for k in columns]
            elif said & words:  # a header row: which columns are someone else's
                columns = frozenset(k for k, (a, b) in enumerate(parts)
                                    if set(re.findall(r"[a-z']+", clean[a:b].lower())) & words)
            continue
        columns = frozenset()
        if text.strip().endswith(":"):
            active = bool(said & words)
        elif LIST_MARKER.match(clean, sentence.start_char):
            if active:
                items.add(i)
        else:
            active = False
    return Distanced(frozenset(items), cells)


def _heading(clean: str, start: int, end: int, text: str) -> bool:
    """A heading: a Markdown one ('# ...', as the document reader marks it), or a short line of
    its own with no closing mark ('Common myths', 'RUMORS')."""
    if text.startswith("# "):
        return True
    whole = (start == 0 or clean[start - 1] == "\n") and clean[end:end + 1] in ("", "\n")
    return whole and len(text.split()) <= 4 and text.rstrip()[-1:] not in ".!?:;,|" and (
        "|" not in text)


def _cells(text: str, offset: int) -> list[tuple[int, int]]:
    """The cells of a table row as (start, end) in the text (its outer '|' aside)."""
    out, start = [], 0
    inner = text.strip()
    lead = len(text) - len(text.lstrip())
    if inner.startswith("|"):
        lead += 1
        inner = inner[1:]
    if inner.endswith("|"):
        inner = inner[:-1]
    for part in inner.split("|"):
        out.append((offset + lead + start, offset + lead + start + len(part)))
        start += len(part) + 1
    return out
