"""Check a whole document: prose blocks through the engine, offsets back to the source."""

from __future__ import annotations

import dataclasses
from typing import Literal

from remit.inputs import format_by_extension
from remit.markup.blocks import Block, Document
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


def extract_document(source: str, fmt: Format) -> Document:
    """Return the prose blocks and suppression directives of a source in format ``fmt``."""
    if fmt == "markdown":
        from remit.markup.markdown import extract_markdown

        doc = extract_markdown(source)
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


def check_document(engine, path: str, source: str, fmt: Format, **pipe) -> FileResult:
    """Check every prose block of ``source`` with ``engine`` and return the file's result.

    Claim offsets are mapped back to ``source``, which becomes ``FileResult.text``, so a finding's
    line and column are those of the original file. ``pipe`` goes to ``engine.check_many``
    (``batch_size``, ``n_process``).
    """
    doc = extract_document(source, fmt)
    findings: list[Finding] = []
    if doc.blocks:
        results = engine.check_many([b.text for b in doc.blocks], **pipe)
        for block, block_findings in zip(doc.blocks, results, strict=True):
            findings.extend(map_finding(f, block) for f in block_findings)
    findings.sort(key=lambda f: (f.claim.start, f.claim.end))
    findings, notices = apply_suppressions(findings, doc.blocks, doc.directives, source)
    return FileResult(path=path, text=source, findings=tuple(findings), notices=tuple(notices))


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
