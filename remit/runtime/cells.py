"""Table rows whose cells a copied page glued together, cut back into cells.

A table pasted as plain text often loses the space between its cells: "CBPCustoms and Border
ProtectionSecures the border" is the row ``CBP | Customs and Border Protection | Secures the
border``. A line that opens with an agency's acronym run into a capitalised word is such a row;
its other glued boundaries (a lower-case letter, a full stop or a bracket right before a
capital and a lower-case letter: 'ProtectionSecures', 'U.S.Enforcement') are cell boundaries
too. The row then reads as a label line (:mod:`remit.runtime.structure`). Only such lines are
touched: 'McAllen' or 'iPhone' in prose stay as written.
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
    return re.compile(rf"(?m)^[ \t]*(?P<acronym>{'|'.join(map(re.escape, names))})"
                      r"(?=[A-Z](?:[a-z]|\.[A-Z]\.))[^\n]*")


def unglue(prepared: Prepared, rows: re.Pattern | None) -> Prepared:
    """``prepared`` with the cells of its glued rows set apart by a cell mark; the marks map
    to the boundary they stand for."""
    text = prepared.text
    cuts = sorted({cut for row in (rows.finditer(text) if rows is not None else ())
                   for cut in _cuts(text, row)})
    if not cuts:
        return prepared
    parts, origin, last = [], [], 0
    for cut in cuts:
        parts += [text[last:cut], _CELL_MARK]
        origin += [*range(last, cut), *[cut] * len(_CELL_MARK)]
        last = cut
    parts.append(text[last:])
    origin.extend(range(last, len(text) + 1))
    return _compose(prepared, Prepared("".join(parts), tuple(origin)))


def _cuts(text: str, row: re.Match) -> list[int]:
    """Where the cells of a glued row meet: after the opening acronym, and at each boundary."""
    return [row.end("acronym"),
            *(b.start() for b in _BOUNDARY.finditer(text, row.start(), row.end()))]
