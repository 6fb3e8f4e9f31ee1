"""One line per claim for grep and editors: ``path:line:col:severity:agency.function:message``.

Suppressed claims are left out, as a linter leaves out what it was told to ignore; the machine
formats (json, sarif) keep them.
"""

from __future__ import annotations

from remit.formats.base import (
    RenderOptions,
    evidence_line,
    level,
    position,
    shown,
    split_notice,
    terminal_safe,
)
from remit.records import FileResult


def _one_line(text: str) -> str:
    # A newline inside a message would break the one-record-per-line contract.
    return " ".join(text.split())


def render(results: list[FileResult], options: RenderOptions) -> str:
    """Render one line per visible claim and per notice."""
    lines = []
    for result in results:
        for finding in result.findings:
            if finding.suppressed is not None or not shown(finding, options):
                continue
            line, col, _, _ = position(result, finding)
            # `part_of:CBP` holds a colon, the field separator: keep the field colon-free.
            rule = f"{finding.claim.agency}.{finding.claim.key.replace(':', '.')}"
            message = _one_line(f"{finding.verdict}: {evidence_line(finding)}")
            lines.append(f"{result.path}:{line}:{col}:{level(finding, options)}:{rule}:{message}")
        for notice in result.notices:
            nline, ncol, message = split_notice(notice)
            lines.append(f"{result.path}:{nline or 1}:{ncol or 1}:warning:remit.notice:"
                         f"{_one_line(message)}")
    return "".join(f"{terminal_safe(line)}\n" for line in lines)
