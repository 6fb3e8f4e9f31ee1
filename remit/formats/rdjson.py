"""``--format rdjson``: the Reviewdog Diagnostic Format, for ``reviewdog -f=rdjson``.

reviewdog posts the diagnostics as pull-request review comments or a check run, and filters
them to the diff itself (``-filter-mode``). Columns count UTF-8 bytes, as the format wants.
Like ``github``, only claims at an error, warning or note level are sent, never suppressed ones.
"""

from __future__ import annotations

import json

from remit.formats.base import (
    RenderOptions,
    claim_label,
    evidence_line,
    level,
    shown,
    split_notice,
)
from remit.formats.rules_catalogue import UNLISTED, rule_id
from remit.records import FileResult, Finding

SEVERITIES = {"error": "ERROR", "warning": "WARNING", "note": "INFO"}


def _position(text: str, offset: int) -> dict:
    line_start = text.rfind("\n", 0, offset) + 1
    column = len(text[line_start:offset].encode("utf-8", "surrogatepass")) + 1
    return {"line": text.count("\n", 0, offset) + 1, "column": column}


def _diagnostic(result: FileResult, finding: Finding, severity: str,
                options: RenderOptions) -> dict:
    claim = finding.claim
    code: dict = {"value": rule_id(finding.verdict, claim.function or UNLISTED)}
    url = next((e.url for e in finding.evidence if e.url), None)
    if url:
        code["url"] = url
    return {
        "message": f"{finding.verdict}: {claim_label(finding, options)}. {evidence_line(finding)}",
        "location": {"path": result.path, "range": {
            "start": _position(result.text, claim.start),
            "end": _position(result.text, max(claim.end, claim.start))}},
        "severity": severity,
        "code": code,
    }


def render(results: list[FileResult], options: RenderOptions) -> str:
    """Render one rdjson ``DiagnosticResult`` for every input."""
    diagnostics = []
    for result in results:
        for finding in result.findings:
            severity = SEVERITIES.get(level(finding, options))
            if severity and finding.suppressed is None and shown(finding, options):
                diagnostics.append(_diagnostic(result, finding, severity, options))
        for notice in result.notices:
            line, col, message = split_notice(notice)
            diagnostics.append({"message": message, "severity": "WARNING",
                                "code": {"value": "remit-notice"},
                                "location": {"path": result.path, "range": {
                                    "start": {"line": line or 1, "column": col or 1}}}})
    source = {"name": "remit"}
    if options.information_uri:
        source["url"] = options.information_uri
    return json.dumps({"source": source, "diagnostics": diagnostics}, ensure_ascii=False,
                      indent=2) + "\n"
