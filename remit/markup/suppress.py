"""Inline suppression: ``remit-ignore`` / ``remit-disable`` / ``remit-enable`` comments.

Parsing turns a comment body into a :class:`Directive`; :func:`apply_suppressions` marks the
findings it covers (keeping their verdict) and reports the directives that covered nothing, and
misspelt ones. ``remit-ignore`` works as ruff's ``# noqa`` does: a trailing one covers its own
sentence, one on its own line the sentence right below it, and ``remit-ignore[FUNCTION,...]``
only claims of those functions.
"""

from __future__ import annotations

import bisect
import dataclasses
import re
from collections.abc import Collection, Sequence

from remit.markup.blocks import Block, Directive
from remit.records import Finding, line_col

NO_REASON = "no reason given"
KINDS = ("ignore", "disable", "enable")
# Functions every table knows besides its own: "part of" and a role with no function.
EXTRA_FUNCTIONS = ("part_of", "unlisted")

_BODY = re.compile(
    r"^\s*remit-(ignore|disable|enable)(?:\[(?P<functions>[^\]\n]*)\])?(?=[\s:]|$)"
    r"\s*(?::\s*(?P<reason>.*?))?\s*$", re.S)
# A comment that starts like a directive but is none ("remit-ignroe", "remit-ignore reason"
# without its colon, "remit_ignore"): reported, never silently passed over.
_LOOKALIKE = re.compile(r"^\s*(remit[-_][A-Za-z][\w\-\[\],]*|remit\s+(?:ignore|disable|enable)\b)",
                        re.I)
# In plain text a directive is a whole line: ``# remit-ignore: reason``.
TEXT_LINE = re.compile(r"^[ \t]*#[ \t]*(remit[-_][^\r\n]*)$", re.M)


def parse_directive(body: str, start: int, end: int, inline: bool = False) -> Directive | None:
    """Return the directive of a comment body such as ``remit-ignore: quoted``, else ``None``."""
    match = _BODY.match(body)
    if not match:
        return None
    reason = (match.group("reason") or "").strip() or None
    functions = match.group("functions")
    if functions is not None:
        functions = tuple(f.strip() for f in functions.split(",") if f.strip())
    return Directive(match.group(1), start, end, reason, inline, functions)


def parse_comment(body: str, start: int, end: int, inline: bool = False) -> Directive | None:
    """Like :func:`parse_directive`, but a look-alike comes back as an ``unknown`` directive."""
    directive = parse_directive(body, start, end, inline)
    if directive is not None:
        return directive
    match = _LOOKALIKE.match(body)
    if match is None:
        return None
    return Directive("unknown", start, end, match.group(1).strip(), inline)


def apply_suppressions(
    findings: Sequence[Finding],
    blocks: Sequence[Block],
    directives: Sequence[Directive],
    text: str,
    functions: Collection[str] | None = None,
) -> tuple[list[Finding], list[str]]:
    """Mark the findings each directive covers; return them and the notices about directives.

    ``findings`` carry source offsets. ``remit-ignore`` covers one sentence (see
    :class:`~remit.markup.blocks.Directive`); ``remit-disable`` covers every block that starts
    before the next ``remit-enable`` (or the end of the file). Unused, misspelt and (given the
    table's ``functions``) unknown-function directives give notices.
    """
    reasons: dict[int, str] = {}
    notices = _lookalike_notices(directives, text, functions)
    for directive, span in _scopes(directives, blocks, len(text), text, notices):
        used = False
        for i, finding in enumerate(findings):
            if span(finding) and _in_scope(directive, finding) and i not in reasons:
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


def _in_scope(directive: Directive, finding: Finding) -> bool:
    if directive.functions is None:
        return True
    claim = finding.claim
    return (claim.function or "unlisted") in directive.functions or claim.key in directive.functions


def _lookalike_notices(directives, text: str, functions) -> list[str]:
    notices = []
    known = ", ".join(f"remit-{k}" for k in KINDS)
    for directive in sorted(directives, key=lambda d: d.start):
        line, col = line_col(text, directive.start)
        if directive.kind == "unknown":
            word = directive.reason or ""
            what = "malformed" if word.split("[")[0] in (f"remit-{k}" for k in KINDS) else "unknown"
            notices.append(f"{line}:{col}: {what} directive '{word}' "
                           f"(known: {known}; write 'remit-ignore: reason')")
        elif directive.functions is not None and functions is not None:
            names = {*functions, *EXTRA_FUNCTIONS}
            for name in directive.functions:
                if name.split(":", 1)[0] not in names:
                    notices.append(f"{line}:{col}: unknown function '{name}' in "
                                   f"remit-{directive.kind} (see: remit rules list functions)")
    return notices


def _scopes(directives, blocks, size, text, notices):
    """Yield ``(directive, covers)`` pairs, ``covers(finding) -> bool``; note stray enables."""
    open_disable: Directive | None = None
    for directive in sorted(directives, key=lambda d: d.start):
        if directive.kind == "unknown":
            continue
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
        yield directive, _ignore_cover(directive, blocks, text)
    if open_disable is not None:
        yield open_disable, _range_cover(open_disable.end, size)


def _range_cover(lo: int, hi: int):
    """Cover the findings of blocks between a disable and its enable."""
    return lambda f: lo <= f.claim.start < hi


def _ignore_cover(directive: Directive, blocks: Sequence[Block], text: str):
    """Cover the one sentence a ``remit-ignore`` is about (nothing if there is none)."""
    anchor = _anchor(directive, blocks, text)
    if anchor is None:
        return lambda f: False
    return lambda f: f.claim.sent_start <= anchor < f.claim.sent_end


def _anchor(directive: Directive, blocks: Sequence[Block], text: str) -> int | None:
    """Return a source offset inside the sentence the directive covers."""
    if directive.inline:
        # The parser saw prose before it in its block: the last block that starts before it.
        i = bisect.bisect_right([b.start for b in blocks], directive.start) - 1
        if i < 0:
            return None
        block = blocks[i]
        after = _prose(block, lambda o: o >= directive.end, first=True)
        if after is not None and not _NEWLINE.search(text, directive.end, after):
            return after  # prose follows on the directive's line: the sentence it starts
        return _prose(block, lambda o: o < directive.start, first=False)  # trailing
    # On its own line: the text right below it, never a block after a blank line.
    i = bisect.bisect_left([b.start for b in blocks], directive.end)
    if i == len(blocks):
        return None
    after = _prose(blocks[i], lambda o: o >= directive.end, first=True)
    if after is None or len(_NEWLINE.findall(text, directive.end, after)) > 1:
        return None
    return after


_NEWLINE = re.compile(r"\r\n?|\n")


def _prose(block: Block, keep, first: bool) -> int | None:
    """Return the first (or last) offset of a non-space char of ``block`` that ``keep`` takes."""
    found = None
    for char, start in zip(block.text, block.starts, strict=True):
        if not char.isspace() and keep(start):
            if first:
                return start
            found = start
    return found
