"""The prose of an input for the HTML report, as the reader sees it, not its raw markup.

A Markdown or HTML input is read again into its prose blocks (:mod:`remit.markup`), the text
remit checked: front matter, code, comments, scripts and tags are gone and entities decoded.
Each block becomes a paragraph, heading, list item, quote or table cell of the page, and each
claim, whose offsets are in the source, is highlighted on the block text it came from.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Callable
from itertools import groupby

from remit.markup import Block, extract_document
from remit.markup.document import same_row
from remit.records import FileResult, Finding

# (start, end, index into the shown findings) in block-text offsets.
Span = tuple[int, int, int]
# Marks up one text: (text, spans, indices whose verdict tag closes here) -> HTML.
Marker = Callable[[str, list[Span], set[int]], str]

_ELEMENT = {"heading": "h3", "blockquote": "blockquote"}


def prose_blocks(result: FileResult) -> list[Block] | None:
    """Return the prose blocks of a result read as markup, or ``None`` to show its raw text."""
    if not result.input_format:
        return None
    try:
        return extract_document(result.text, result.input_format).blocks  # type: ignore[arg-type]
    except ValueError:  # not a format markup knows
        return None


def local_spans(block: Block, shown: list[Finding]) -> tuple[list[Span], set[int]]:
    """Return the claims' spans on ``block``'s text, and which of them end in this block.

    A claim is placed by source offsets; the block's chars whose source start falls inside the
    claim's source span carry its highlight (``starts`` never decreases within a block).
    """
    spans: list[Span] = []
    ending: set[int] = set()
    for i, finding in enumerate(shown):
        start, end = finding.claim.start, max(finding.claim.end, finding.claim.start + 1)
        if end <= block.start or start >= block.end:
            continue
        a, b = bisect_left(block.starts, start), bisect_left(block.starts, end)
        if a < b:
            spans.append((a, b, i))
            if end <= block.end:
                ending.add(i)
    return spans, ending


def _rows(cells: list[Block], source: str) -> list[list[Block]]:
    """Split consecutive table cells into rows: the cells of a row share a source line."""
    rows = [[cells[0]]]
    for cell in cells[1:]:
        if same_row(rows[-1][-1], cell, source):
            rows[-1].append(cell)
        else:
            rows.append([cell])
    return rows


def render_prose(result: FileResult, blocks: list[Block], shown: list[Finding],
                 marker: Marker) -> str:
    """Return the blocks as HTML, each claim marked up by ``marker`` on its block's text."""
    if not blocks:
        return '<p class="empty">(no prose)</p>'

    def cells(row: list[Block], tag: str) -> str:
        return "".join(f"<{tag}>{marker(b.text, *local_spans(b, shown))}</{tag}>" for b in row)

    out = []
    for kind, group in groupby(blocks, key=lambda b: b.kind):
        run = list(group)
        if kind == "table_cell":
            out.append("<table>" + "".join(f"<tr>{cells(row, 'td')}</tr>"
                                           for row in _rows(run, result.text)) + "</table>")
        elif kind == "list_item":
            out.append(f"<ul>{cells(run, 'li')}</ul>")
        else:
            out.append(cells(run, _ELEMENT.get(kind, "p")))
    return "".join(out)
