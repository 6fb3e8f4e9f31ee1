"""Label lines: 'USCIS: green cards', 'ERO → deportation', '**CBP** – ...', a glossary row
'ICE: U.S. Immigration and Customs Enforcement; arrests ...', a table row pairing an agency
with the body it belongs to. :mod:`remit.runtime.structure` asks :func:`label_line` of each
unit that opens with an agency; the reading itself is :mod:`remit.runtime.units`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import TYPE_CHECKING

from remit.runtime.units import Implicit, anchored, passive_item, reading

if TYPE_CHECKING:
    from remit.runtime.structure import Mention, _Words

WORD = re.compile(r"[\w'’]+")
# After an agency's name: the marks that make the rest of the line what it does ('->' and
# '=>' too; '|' between the cells of a table row). A dash before a title ('ICE - Processes
# for Green Card Holders') makes no claim: see _title_case.
_LABEL_MARK = re.compile(r"\s*(?:[:=→|–—]|->|=>|-(?!\w))\s*")
_CELL = re.compile(r"\s*\|\s*")
_EMPHASIS = "*_"  # Markdown's bold and italic marks around a label


def _column_of_parent(header: tuple[str, ...] | None, column: int, words: _Words) -> bool:
    """Whether the ``column``-th cell of rows under ``header`` names a parent body: its label
    is a parent's ('Parent agency') or only a department's words ('Department'), not
    'Department it works with' or 'Former department'."""
    label = header[column] if header is not None and column < len(header) else ""
    return label in words.parents or bool(label) and set(WORD.findall(label)) <= (
        words.departments)


def label_line(clean: str, body: int, end: int, own: Sequence[Mention], words: _Words,
                header: tuple[str, ...] | None = None) -> Implicit | None:
    """'USCIS: green cards', 'ERO → deportation', 'CBP = front line': the line opens with one
    agency (its name, perhaps with its acronym in brackets) and a mark, and names no other."""
    first = own[0]
    cell = _CELL.match(clean, body)
    start = cell.end() if cell else body
    while start < first.start and clean[start] in _EMPHASIS:  # '**USCIS** - ...'
        start += 1
    if first.start != start:
        return None
    mark = _LABEL_MARK.match(clean, _past(clean, first.end, end), end)
    if mark is None:  # 'Customs and Border Protection (CBP): ...'
        at = max(m.end for m in own if m.start < first.end + 12 and m.label == first.label)
        mark = _LABEL_MARK.match(clean, _past(clean, at, end), end)
    if mark is None or end - mark.end() < 2:
        return None
    if "|" in mark.group() and header is not None and _role_column(header, words):
        return _role_cell(clean, body, end, first, own, words, header)
    content = _past_full_name(clean, mark.end(), end, own, first)
    if "|" in mark.group():  # a table row: the cell after the agency's
        end = cell_end(clean, content, end)
    while end > content and clean[end - 1] in " |":
        end -= 1
    end = _before_other_clause(clean, content, end, own, first, words)
    named = [m for m in own if m.start < end]  # in a table row, up to the end of the cell
    if "|" in mark.group() and len({m.label for m in named}) == 2:
        return _parent_cell(clean, first, content, end, named, words, header)
    passive = passive_item(clean[content:end], words)
    if (_title_case(clean[content:end]) and not passive) or (
            len({m.label for m in named}) != 1 and not (passive and all(
                m.start >= content for m in named if m.label != first.label))):
        return None  # another agency only as a passive's agent ('- run by the DOJ')
    if any(m.start >= content for m in named if m.label == first.label):
        return None
    unit = reading(clean[first.start:first.end], clean, content, end, words)
    return anchored(unit, (first.start, first.end))


def label_last(clean: str, body: int, end: int, own: Sequence[Mention], words: _Words,
               header: tuple[str, ...] | None = None) -> Implicit | None:
    """'Form I-9 audits: ICE', '| Petition decision | USCIS |': the line's one agency closes it
    after a mark, and what stands before the mark is what the agency does ('<agency> is
    responsible for <content>'). Under a header whose column of the agency is a parent's,
    the row is left to :func:`_parent_cell`; a title ('Who We Are: USCIS') says nothing."""
    labels = {m.label for m in own}
    last = own[-1]
    if len(labels) != 1 or clean[last.end:end].strip(" |.*_") or any(
            m.label != last.label for m in own):
        return None
    cell = _CELL.match(clean, body)
    start = cell.end() if cell else body
    marks = list(_LABEL_MARK.finditer(clean, start, own[0].start))
    if not marks or marks[-1].end() != own[0].start or marks[-1].start() - start < 2:
        return None
    content_end = marks[-1].start()
    if cell is not None:  # a row: just two cells, the agency's the last
        column = clean[start:content_end].count("|") + 1
        if column != 1 or (header is not None and _column_of_parent(header, column, words)):
            return None
    content = clean[start:content_end].strip(" *_")
    # a denial or a contrast inside ('Screening departing passengers, not arrivals: TSA') or
    # a header that sets the rows apart ('| Myth | Agency |', '| Function | Not handled by |')
    # is left unread: which part is whose, the label does not say
    said = set(WORD.findall(content.lower())) | set(WORD.findall(" ".join(header or ()).lower()))
    if not content or _title_case(content) or said & words.stop:
        return None
    at = start + clean[start:content_end].find(content)
    unit = reading(clean[own[0].start:last.end], clean, at, at + len(content), words)
    return anchored(unit, (own[0].start, last.end))


def passive_label(clean: str, body: int, end: int, own: Sequence[Mention],
                  words: _Words) -> Implicit | None:
    """'Green cards: issued by USCIS', 'Notice to Appear - signed by ICE officers; ...': a
    label that names a thing, then a participle and its agent: '<thing> is issued by
    <agency>'. The label names no agency; a second phrase after a semicolon is left unread."""
    mark = _LABEL_MARK.search(clean, body, end)
    if mark is None or "|" in mark.group() or mark.start() - body < 2:
        return None
    label = clean[body:mark.start()].strip(" *_")
    value_end = clean.find(";", mark.end(), end)
    value_end = end if value_end < 0 else value_end
    while value_end > mark.end() and clean[value_end - 1] in " .":
        value_end -= 1
    value = clean[mark.end():value_end]
    if (not label or len(label.split()) > _LABEL_WORDS or any(m.start < mark.start() for m in own)
            or not any(mark.end() <= m.start < value_end for m in own)
            or set(WORD.findall(label.lower())) & words.stop or not passive_item(value, words)):
        return None
    prefix = f"{label} {words.passive} "
    return Implicit(prefix + value, len(prefix), mark.end(), value_end, (body, value_end))


# The most words of a label that names a thing ('Green cards: issued by USCIS').
_LABEL_WORDS = 6


# After a glossary row's full name ('ICE: U.S. Immigration and Customs Enforcement; ...'): the
# mark that opens what the agency does.
_NAME_END = re.compile(r"\s*[;–—]\s*|\s+-\s+|,\s+(?=[a-z])")


def _before_other_clause(clean: str, content: int, end: int, own: Sequence[Mention],
                         first: Mention, words: _Words) -> int:
    """Where a label line's content ends: at a semicolon whose second phrase opens with an
    additive word and names another agency, a phrase about the same agency ('CBP - inspection
    at ports of entry; also home to the Border Patrol'), else ``end``; that phrase is left
    unread. Any other second part ('...; the State Department issues visas') is a clause of
    its own, and the line is left to the parser (no label reading)."""
    cut = clean.find(";", content, end)
    if cut < 0 or not any(m.start > cut and m.label != first.label for m in own if m.start < end):
        return end
    found = WORD.findall(clean[cut:end])
    if len(found) < 2 or found[0].lower() not in words.tail_adverbs or (
            found[1].lower() in words.verbs or found[1].endswith("s")):
        return end  # '...; also includes FPS' (a verb), '...; USCIS decides ...' (a subject)
    return cut


def _past(clean: str, at: int, end: int) -> int:
    """After the spaces, closing brackets and emphasis marks at ``at``."""
    while at < end and clean[at] in " )" + _EMPHASIS:
        at += 1
    return at


def _past_full_name(clean: str, content: int, end: int, own: Sequence[Mention],
                    first: Mention) -> int:
    """Where a label line's content starts when the agency's full name (and its acronym in
    brackets) stands first after the mark, then a semicolon, dash or comma, as in a glossary
    ('ICE: U.S. Immigration and Customs Enforcement; arrests ...'): after that mark. Else
    ``content``."""
    same = [m for m in own if m.label == first.label and m.start >= content]
    if not same or same[0].start != content:
        return content
    at = max(m.end for m in same if m.start < same[0].end + 12)
    at = _past(clean, at, end)
    mark = _NAME_END.match(clean, at, end) or _LABEL_MARK.match(clean, at, end)
    return mark.end() if mark is not None and end - mark.end() >= 2 else content


def _parent_cell(clean: str, first: Mention, start: int, end: int, named: Sequence[Mention],
                 words: _Words, header: tuple[str, ...] | None) -> Implicit | None:
    """'ICE | Department of Homeland Security': a row that pairs an agency with the body it
    belongs to (a list of domains and their owners, a two-column chart) reads as '<agency> is
    part of <body>'. The cell must be just that body's name, and a department's by its words
    ('Department of ...'), so 'ICE | CBP' in a comparison says nothing; under a header, its
    column's label must be a parent's ('| Agency | Often confused with |' says nothing)."""
    other = [m for m in named if m.label != first.label]
    cell = clean[start:end].strip(" |.;")
    column = clean[clean.rfind("\n", 0, start) + 1:start].strip(" ").lstrip("|").count("|")
    labelled = header is not None and column < len(header)
    if (len(other) != 1 or clean[other[0].start:other[0].end] != cell
            or not set(WORD.findall(cell.lower())) & words.departments
            or labelled and not _column_of_parent(header, column, words)):
        return None
    prefix = f"{clean[first.start:first.end]} {words.part} "
    # with no header to name the column a parent's, the pairing is a likely reading only
    return Implicit(prefix + cell, len(prefix), other[0].start, other[0].end,
                    (first.start, first.end), weak=not labelled)


def _role_column(header: tuple[str, ...], words: _Words) -> int | None:
    """The column of a table header that says what each row's agency does ('| Office |
    Department | What it does |'), if one does (lexicon ``role_columns``)."""
    return next((k for k, label in enumerate(header) if k and label in words.role_columns),
                None)


def _role_cell(clean: str, body: int, end: int, first: Mention, own: Sequence[Mention],
               words: _Words, header: tuple[str, ...]) -> Implicit | None:
    """'| BIA | DOJ | Reviews judges' decisions |' under a header
    whose column says what a row does: the agency of the first cell does what that cell says
    ('BIA reviews judges' decisions'); the other cells (its department) are
    left unread."""
    column = _role_column(header, words)
    marks = [m.start() for m in re.finditer(r"\|", clean[body:end])]
    lead = 1 if clean[body:end].lstrip().startswith("|") else 0
    if column is None or len(marks) < column + lead:
        return None
    start = body + marks[column + lead - 1] + 1
    stop = body + marks[column + lead] if len(marks) > column + lead else end
    unit = reading(clean[first.start:first.end], clean, start, stop, words)
    return anchored(unit, (first.start, first.end))


def cell_end(clean: str, start: int, end: int) -> int:
    """Where the table cell that starts at ``start`` ends (its '|', else ``end``)."""
    cell = _CELL.search(clean, start, end)
    return cell.start() if cell else end


def _title_case(text: str) -> bool:
    """'What You Need to Know': every longer word capitalised, as in a title, not a claim
    ('Social Security numbers' is not one)."""
    long = [w for w in text.split() if len(w) > 3]
    return len(long) >= 2 and all(w[0].isupper() for w in long)
