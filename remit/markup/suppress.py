"""Inline suppression: ``remit-ignore`` / ``remit-disable`` / ``remit-enable`` comments.

Parsing turns a comment body into a :class:`Directive`; :func:`apply_suppressions` marks the
findings it covers (keeping their verdict) and reports the directives that covered nothing.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Sequence

from remit.markup.blocks import Block, Directive
from remit.records import Finding, line_col

NO_REASON = "no reason given"

_BODY = re.compile(r"^\s*remit-(ignore|disable|enable)\b\s*(?::\s*(?P<reason>.*?))?\s*$", re.S)
# In plain text a directive is a whole line: ``# remit-ignore: reason``.
TEXT_LINE = re.compile(r"^[ \t]*#[ \t]*(remit-(?:ignore|disable|enable)\b[^\r\n]*)$", re.M)


def parse_directive(body: str, start: int, end: int, inline: bool = False) -> Directive | None:
    """Return the directive of a comment body such as ``remit-ignore: quoted``, else ``None``."""
    match = _BODY.match(body)
    if not match:
        return None
    reason = (match.group("reason") or "").strip() or None
    return Directive(match.group(1), start, end, reason, inline)


def apply_suppressions(
    findings: Sequence[Finding],
    blocks: Sequence[Block],
    directives: Sequence[Directive],
    text: str,
) -> tuple[list[Finding], list[str]]:
    """Mark the findings each directive covers; return them and the notices of unused ones.

    ``findings`` carry source offsets. A block-level ``remit-ignore`` covers the next block, an
    inline one the sentence right after it; ``remit-disable`` covers every block that starts
    before the next ``remit-enable`` (or the end of the file).
    """
    reasons: dict[int, str] = {}
    notices: list[str] = []
    for directive, span in _scopes(directives, blocks, len(text), text, notices):
        used = False
        for i, finding in enumerate(findings):
            if span(finding) and i not in reasons:
                reasons[i] = directive.reason or NO_REASON
                used = True
        if not used:
            line = line_col(text, directive.start)[0]
            notices.append(f"{line}: unused remit-{directive.kind}")
    marked = [
        dataclasses.replace(f, suppressed=reasons[i]) if i in reasons else f
        for i, f in enumerate(findings)
    ]
    return marked, notices


def _scopes(directives, blocks, size, text, notices):
    """Yield ``(directive, covers)`` pairs, ``covers(finding) -> bool``; note stray enables."""
    starts = [b.start for b in blocks]
    open_disable: Directive | None = None
    for directive in sorted(directives, key=lambda d: d.start):
        if directive.kind == "disable":
            if open_disable is None:
                open_disable = directive
            continue
        if directive.kind == "enable":
            if open_disable is None:
                line = line_col(text, directive.start)[0]
                notices.append(f"{line}: remit-enable without remit-disable")
            else:
                yield open_disable, _range_cover(open_disable.end, directive.start)
                open_disable = None
            continue
        yield directive, _ignore_cover(directive, blocks, starts)
    if open_disable is not None:
        yield open_disable, _range_cover(open_disable.end, size)


def _range_cover(lo: int, hi: int):
    """Cover the findings of blocks between a disable and its enable."""
    return lambda f: lo <= f.claim.start < hi


def _ignore_cover(directive: Directive, blocks: Sequence[Block], starts: list[int]):
    """Cover the next block, or (inline) the sentence holding the first prose after it."""
    if directive.inline:
        anchor = _next_prose(blocks, directive.end)
        if anchor is None:
            return lambda f: False
        return lambda f: f.claim.sent_start <= anchor < f.claim.sent_end
    i = bisect.bisect_left(starts, directive.end)
    if i == len(blocks):
        return lambda f: False
    block = blocks[i]
    return lambda f: block.start <= f.claim.start < block.end


def _next_prose(blocks: Sequence[Block], offset: int) -> int | None:
    """Return the source offset of the first non-space char of text after ``offset``."""
    for block in blocks:
        if block.end <= offset:
            continue
        for char, start in zip(block.text, block.starts, strict=True):
            if start >= offset and not char.isspace():
                return start
    return None
