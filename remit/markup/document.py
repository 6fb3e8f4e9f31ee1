"""Check a whole document: prose blocks through the engine, offsets back to the source."""

from __future__ import annotations

import dataclasses
from typing import Literal

from remit.inputs import format_by_extension
from remit.markup.blocks import Block, Document, joined
from remit.markup.suppress import apply_suppressions
from remit.records import Claim, FileResult, Finding

Format = Literal["markdown", "html", "text"]
FORMATS: tuple[str, ...] = ("markdown", "html", "text")
EXTENSIONS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".mdx": "markdown",
    ".html": "html",
    ".htm": "html",
}


def detect_format(path: str, override: str | None = None) -> Format:
    """Return the input format: ``override`` if given, else by extension (default ``text``)."""
    if override:
        if override not in FORMATS:
            raise ValueError(f"unknown input format '{override}' (known: {', '.join(FORMATS)})")
        return override  # type: ignore[return-value]
    return format_by_extension(path, EXTENSIONS) or "text"  # type: ignore[return-value]


def extract_document(source: str, fmt: Format, max_depth: int | None = None) -> Document:
    """Return the prose blocks and suppression directives of a source in format ``fmt``.

    ``max_depth`` is the deepest Markdown nesting read (default 50); HTML is read flat, with no
    nesting to limit.
    """
    if fmt == "markdown":
        from remit.markup.markdown import MAX_MARKDOWN_DEPTH, extract_markdown

        doc = extract_markdown(source, max_depth or MAX_MARKDOWN_DEPTH)
    elif fmt == "html":
        from remit.markup.html import extract_html

        doc = extract_html(source)
    else:
        from remit.markup.text import extract_text

        doc = extract_text(source)
    doc.blocks.sort(key=lambda b: b.start)
    return doc


def extract_blocks(source: str, fmt: Format) -> list[Block]:
    """Return the prose blocks of a source, in source order."""
    return extract_document(source, fmt).blocks


def check_document(engine, path: str, source: str, fmt: Format, max_depth: int | None = None,
                   **pipe) -> FileResult:
    """Check every prose block of ``source`` with ``engine`` and return the file's result.

    Claim offsets are mapped back to ``source``, which becomes ``FileResult.text``, so a finding's
    line and column are those of the original file. ``max_depth`` is the deepest Markdown
    nesting read; ``pipe`` goes to ``engine.check_many`` (``batch_size``, ``n_process``).
    """
    doc = extract_document(source, fmt, max_depth)
    findings: list[Finding] = []
    if doc.blocks:
        joined = join_blocks(doc.blocks, source)
        (found,) = engine.check_many([joined.text], **pipe)
        findings.extend(map_finding(f, joined) for f in found)
    findings.sort(key=lambda f: (f.claim.start, f.claim.end))
    table = getattr(engine, "table", None)
    functions = getattr(table, "functions", None)
    findings, notices = apply_suppressions(findings, doc.blocks, doc.directives, source, functions)
    return FileResult(path=path, text=source, findings=tuple(findings),
                      notices=(*doc.notices, *notices), input_format=fmt)


# Between blocks: a blank line, which always ends a sentence; between the cells of a table
# row: a cell mark, so a row stays one unit. Before a list item or a heading: its mark, so the
# runtime knows it for one (remit.runtime.structure).
_BREAK = "\n\n"
_CELL = " | "
_MARKS = {"list_item": "• ", "heading": "# "}


def join_blocks(blocks: list[Block], source: str = "") -> Block:
    """The blocks as one text, a blank line between them, list items and headings marked,
    with one offset map: a heading's agency reaches the items below it, and 'it' the
    paragraph before.

    The added characters map to the start of the block they precede (or the end of the one
    they follow), so no claim is ever placed on them.
    """
    parts: list[tuple[str, Block | int]] = []
    for k, block in enumerate(blocks):
        if k:
            glue = _CELL if same_row(blocks[k - 1], block, source) else _BREAK
            parts.append((glue, blocks[k - 1].end))
        mark = _MARKS.get(block.kind, "")
        if mark:
            parts.append((mark, block.source_offset(0)))
        parts.append((block.text, block))
    return joined(parts, start=blocks[0].start)


def same_row(before: Block, block: Block, source: str) -> bool:
    """Whether two blocks are table cells of one row: no line break between them in the
    source, nor an HTML row's tag ('</td></tr><tr><td>' on one line)."""
    between = source[before.end:block.start]
    return (before.kind == block.kind == "table_cell" and before.end <= block.start
            and "\n" not in between and "<tr" not in between.lower())


def map_finding(finding: Finding, block: Block) -> Finding:
    """Return the finding with its claim's offsets moved from block text to the source."""
    return dataclasses.replace(finding, claim=map_claim(finding.claim, block))


def map_claim(claim: Claim, block: Block) -> Claim:
    """Return the claim with ``start``/``end``/``sent_start``/``sent_end`` in source offsets."""
    return dataclasses.replace(
        claim,
        start=block.source_offset(claim.start),
        end=block.source_end(claim.end),
        sent_start=block.source_offset(claim.sent_start),
        sent_end=block.source_end(claim.sent_end),
    )
