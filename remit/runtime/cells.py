"""Table rows whose cells a copied page glued together, cut back into cells.

A table pasted as plain text often loses the space between its cells: "CBPCustoms and Border
ProtectionSecures the border" is the row ``CBP | Customs and Border Protection | Secures the
border``. A line that opens with an agency's acronym run into a capitalised word is such a row;
its other glued boundaries (a lower-case letter, a full stop or a bracket right before a
capital and a lower-case letter: 'ProtectionSecures', 'U.S.Enforcement') are cell boundaries
too. The row then reads as a label line (:mod:`remit.runtime.structure`). Only such lines are
touched: 'McAllen' or 'iPhone' in prose stay as written.

A row may name an agency by its web domain: 'cbp.gov | Department of Commerce', from a list of
domains and their owners. A first cell that is just an agency acronym's ``.gov`` domain is read
as that acronym ('CBP | Department of Commerce'); a domain in prose, or in a full address, stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from remit.runtime.text import Prepared, _compose

_CELL_MARK = " | "
# Inside a glued row: a boundary between two cells.
_BOUNDARY = re.compile(r"(?<=[a-z.)])(?=[A-Z][a-z])|(?<=[A-Z])(?=[A-Z][a-z]{2})")


def glued_rows(acronyms: Iterable[str]) -> re.Pattern | None:
    """The pattern of a line that opens with one of ``acronyms`` (upper case, two letters or
    more) run into a capitalised word."""
    names = sorted({a.upper() for a in acronyms if len(a) >= 2 and a.isalpha()}, key=len,
                   reverse=True)
    if not names:
        return None
    alternatives = "|".join(map(re.escape, names))
    return re.compile(rf"(?m)^[ \t|]*(?:(?P<acronym>{alternatives})"
                      r"(?=[A-Z](?:[a-z]|\.[A-Z]\.))[^\n]*"
                      rf"|(?i:(?:www\.)?(?P<domain>{alternatives})\.gov)/?(?=[ \t]*\|))")


def unglue(prepared: Prepared, rows: re.Pattern | None) -> Prepared:
    """``prepared`` with the cells of its glued rows set apart by a cell mark, and a domain
    that opens a row read as its acronym; the new text maps to what it stands for."""
    text = prepared.text
    edits = sorted({edit for row in (rows.finditer(text) if rows is not None else ())
                    for edit in _edits(text, row)})
    if not edits:
        return prepared
    parts, origin, last = [], [], 0
    for start, end, new in edits:
        if start < last:
            continue
        parts += [text[last:start], new]
        origin += [*range(last, start), *[start] * len(new)]
        last = end
    parts.append(text[last:])
    origin.extend(range(last, len(text) + 1))
    return _compose(prepared, Prepared("".join(parts), tuple(origin)))


def _edits(text: str, row: re.Match) -> list[tuple[int, int, str]]:
    """(start, end, new text) of a row: a cell mark where glued cells meet (after the opening
    acronym, and at each boundary), or the acronym for the row's opening domain."""
    if row.group("domain") is not None:
        return [(row.start(0) + row.group(0).index(row.group(0).lstrip(" \t|")), row.end(0),
                 row.group("domain").upper())]
    return [(cut, cut, _CELL_MARK) for cut in [
        row.end("acronym"),
        *(b.start() for b in _BOUNDARY.finditer(text, row.start(), row.end()))]]
