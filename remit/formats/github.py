"""``--format github``: GitHub Actions workflow commands that annotate the pull request.

``::error file=doc.md,line=3,col=1,endLine=3,endColumn=20,title=…::message``. Values are
escaped as the runner expects (``%``, CR and LF everywhere; ``,`` and ``:`` too inside
properties), or a message with a newline would cut the annotation short and a comma in a file
name would start a new property.
"""

from __future__ import annotations

from remit.formats.base import (
    RenderOptions,
    claim_label,
    evidence_line,
    level,
    position,
    shown,
    split_notice,
    terminal_safe,
)
from remit.records import FileResult

# SARIF-style levels to workflow commands; `none` gets no annotation.
COMMANDS = {"error": "error", "warning": "warning", "note": "notice"}


def escape_data(value: str) -> str:
    """Escape a command's message, as the Actions toolkit's ``escapeData`` does."""
    return value.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(value: str) -> str:
    """Escape a property value, as the Actions toolkit's ``escapeProperty`` does."""
    return escape_data(value).replace(":", "%3A").replace(",", "%2C")


def command(name: str, message: str, **props: object) -> str:
    """Return one workflow command line; properties in the given order."""
    joined = ",".join(f"{k}={escape_property(str(v))}" for k, v in props.items())
    return f"::{name} {joined}::{escape_data(message)}"


def render(results: list[FileResult], options: RenderOptions) -> str:
    """Render one annotation per counted claim at error, warning or note level, and notices."""
    lines = []
    for result in results:
        for finding in result.findings:
            name = COMMANDS.get(level(finding, options))
            # Suppressed claims never fail a run, so they get no annotation either.
            if name is None or finding.suppressed is not None or not shown(finding, options):
                continue
            line, col, end_line, end_col = position(result, finding)
            title = f"remit: {finding.verdict}: {claim_label(finding, options)}"
            lines.append(command(name, evidence_line(finding), file=result.path, line=line,
                                 col=col, endLine=end_line, endColumn=end_col, title=title))
        for notice in result.notices:
            nline, ncol, message = split_notice(notice)
            lines.append(command("warning", message, file=result.path, line=nline or 1,
                                 col=ncol or 1, title="remit: notice"))
    # The runner echoes annotations into the log, so escape sequences would reach a terminal.
    return "".join(f"{terminal_safe(line)}\n" for line in lines)
