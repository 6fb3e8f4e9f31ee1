"""The human format: one line per claim, an indented evidence line, and a summary.

```
-:1:1: contradicted  ICE → issue green cards
    USCIS issues green cards, not ICE. "..." (seeds/000, ImmigrationQuestion.com)
1 contradicted, 0 supported, 0 unknown in 1 input
```
"""

from __future__ import annotations

import click

from remit.formats.base import (
    RenderOptions,
    claim_label,
    evidence_line,
    position,
    shown,
    split_notice,
    summary,
    terminal_safe,
)
from remit.records import FileResult, Finding

COLORS = {"contradicted": "red", "unknown": "yellow", "supported": "green"}


def _style(text: str, options: RenderOptions, **style) -> str:
    return click.style(text, **style) if options.color else text


def _finding_lines(result: FileResult, finding: Finding, options: RenderOptions) -> list[str]:
    line, col, _, _ = position(result, finding)
    # Paths, labels, evidence and reasons come from files: clean them before any styling.
    where = f"{terminal_safe(result.path)}:{line}:{col}:"
    label = terminal_safe(claim_label(finding, options))
    if finding.suppressed is not None:
        head = f"{where} {'suppressed':<12}  {label} [{finding.verdict}]"
        detail = f"    suppressed: {terminal_safe(finding.suppressed)}"
        return [_style(head, options, dim=True), _style(detail, options, dim=True)]
    tag = _style(f"{finding.verdict:<12}", options, fg=COLORS[finding.verdict],
                 bold=finding.verdict == "contradicted")
    head = f"{where} {tag}  {label}"
    detail = f"    {terminal_safe(evidence_line(finding))}"
    if not finding.claim.asserted:
        # Questions and reported speech are shown for context but never counted.
        head = _style(f"{where} {finding.verdict:<12}  {label} "
                      f"[{finding.claim.assertion}, not counted]", options, dim=True)
        detail = _style(detail, options, dim=True)
    return [head, detail]


def _notice_line(path: str, notice: str, options: RenderOptions) -> str:
    line, col, message = split_notice(notice)
    path = terminal_safe(path)
    where = f"{path}:{line}:{col or 1}:" if line else f"{path}:"
    return f"{where} {_style('warning', options, fg='yellow')}: {terminal_safe(message)}"


def render(results: list[FileResult], options: RenderOptions) -> str:
    """Render findings for a person; coloured with ``options.color``."""
    lines: list[str] = []
    for result in results:
        for finding in result.findings:
            # A suppressed claim is one the writer has seen: listed only with `--show all`.
            if shown(finding, options) and (finding.suppressed is None or options.show == "all"):
                lines.extend(_finding_lines(result, finding, options))
        lines.extend(_notice_line(result.path, n, options) for n in result.notices)
    lines.append(_style(summary(results), options, bold=True))
    return "\n".join(lines) + "\n"
