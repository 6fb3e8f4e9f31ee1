"""Plain text to blocks: paragraphs split at blank lines, directive lines taken out."""

from __future__ import annotations

import re

from remit.markup.blocks import Block, Document
from remit.markup.offsets import Runs
from remit.markup.suppress import TEXT_LINE, parse_comment

_BLANK = re.compile(r"(?:\r\n?|\n)[ \t]*(?:\r\n?|\n)")


def extract_text(source: str) -> Document:
    """Return the paragraphs of a plain-text source, verbatim, and its ``# remit-…`` lines."""
    doc = Document()
    cut = [(m.start(), m.end()) for m in TEXT_LINE.finditer(source)]
    for start, end in cut:
        directive = parse_comment(source[start:end].split("#", 1)[1], start, end)
        if directive is not None:
            doc.directives.append(directive)
    # Directive lines act as paragraph breaks, so they never enter the text checked.
    lo = 0
    for start, end in [*cut, (len(source), len(source))]:
        _add_paragraphs(doc, source, lo, start)
        lo = end
    return doc


def _add_paragraphs(doc: Document, source: str, lo: int, hi: int) -> None:
    """Add the blank-line separated paragraphs of ``source[lo:hi]`` as blocks."""
    edges = [lo, *(x for m in _BLANK.finditer(source, lo, hi) for x in m.span()), hi]
    for start, end in zip(edges[::2], edges[1::2], strict=True):
        chunk = source[start:end]
        text = chunk.strip()
        if not text:
            continue
        first = start + chunk.index(text)
        doc.blocks.append(
            Block(
                text=text,
                starts=Runs.counting(first, len(text)),
                ends=Runs.counting(first + 1, len(text)),
                kind="paragraph",
                start=first,
            )
        )
