"""``--format sarif``: SARIF 2.1.0 for code-scanning services (GitHub, Azure DevOps, IDEs).

One rule per function key (``green_card``, ``part_of:CBP``); each claim is a result whose level
comes from the verdict through ``options.severity``. Suppressed claims stay in the log with an
``inSource`` suppression carrying the writer's reason, as the SARIF spec intends, so a reviewer
can audit them.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import PurePosixPath, PureWindowsPath
from urllib.parse import quote

from remit.formats.base import (
    RenderOptions,
    claim_label,
    evidence_line,
    level,
    position,
    split_notice,
)
from remit.records import FileResult, Finding

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
NOTICE_RULE = "remit-notice"


def artifact_uri(path: str) -> str:
    """Return a URI reference for a path: relative paths stay relative (repo-rooted)."""
    posix = path.replace("\\", "/") if PureWindowsPath(path).drive else path
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix)
    return quote(posix)


def _rule_text(finding: Finding, options: RenderOptions) -> str:
    # The rule describes the function, not this claim: drop the agency and any negation.
    claim = finding.claim
    if claim.function == "part_of" and claim.target:
        target = options.agency_names.get(claim.target, claim.target)
        return f"{options.function_labels.get('part_of', 'be part of')} {target}"
    return options.function_labels.get(claim.key, claim.key.replace("_", " "))


def _rule(key: str, text: str, options: RenderOptions) -> dict:
    return {
        "id": key,
        "shortDescription": {"text": text},
        "fullDescription": {"text": f"Claims about which agency does or does not {text} "
                                    f"(function '{key}'), checked against remit's sourced table."},
        "defaultConfiguration": {"level": options.severity["contradicted"]},
    }


def _fingerprint(result: FileResult, finding: Finding) -> str:
    # Stable across line moves, so code scanning does not reopen an alert after an edit above.
    claim = finding.claim
    sent = " ".join(result.text[claim.sent_start : claim.sent_end].split())
    key = "\x1f".join((result.path, claim.agency, claim.key, claim.polarity, sent))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def _region(result: FileResult, finding: Finding) -> dict:
    line, col, end_line, end_col = position(result, finding)
    claim = finding.claim
    return {
        "startLine": line, "startColumn": col, "endLine": end_line, "endColumn": end_col,
        "charOffset": claim.start, "charLength": max(claim.end - claim.start, 0),
        "snippet": {"text": result.text[claim.start : claim.end]},
    }


def _properties(result: FileResult, finding: Finding) -> dict:
    record = finding.to_dict(result.text, result.path)
    keep = ("verdict", "agency", "function", "target", "polarity", "asserted", "assertion",
            "correction", "evidence", "sentence")
    return {k: record[k] for k in keep}


def _result(result: FileResult, finding: Finding, index: int, options: RenderOptions) -> dict:
    out = {
        "ruleId": finding.claim.key,
        "ruleIndex": index,
        "level": level(finding, options),
        "message": {"text": f"{finding.verdict}: {claim_label(finding, options)}. "
                            f"{evidence_line(finding)}"},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(result.path)},
            "region": _region(result, finding),
        }}],
        "partialFingerprints": {"remitClaim/v1": _fingerprint(result, finding)},
        "properties": _properties(result, finding),
    }
    if finding.suppressed is not None:
        out["suppressions"] = [{"kind": "inSource", "justification": finding.suppressed}]
    return out


def _notice_result(result: FileResult, notice: str, index: int) -> dict:
    line, col, message = split_notice(notice)
    return {
        "ruleId": NOTICE_RULE, "ruleIndex": index, "level": "warning",
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": {"uri": artifact_uri(result.path)},
            "region": {"startLine": line or 1, "startColumn": col or 1},
        }}],
    }


def _shown(finding: Finding, options: RenderOptions) -> bool:
    if not finding.claim.asserted and not options.include_unasserted:
        return False
    return finding.verdict != "supported" or options.include_supported


def render(results: list[FileResult], options: RenderOptions) -> str:
    """Render one SARIF 2.1.0 log with a single run."""
    rules: dict[str, dict] = {}
    sarif_results = []
    for result in results:
        for finding in result.findings:
            if not _shown(finding, options):
                continue
            key = finding.claim.key
            if key not in rules:
                rules[key] = _rule(key, _rule_text(finding, options), options)
            sarif_results.append(_result(result, finding, list(rules).index(key), options))
        for notice in result.notices:
            if NOTICE_RULE not in rules:
                rules[NOTICE_RULE] = {"id": NOTICE_RULE, "shortDescription": {
                    "text": "A problem with the input itself, such as an unused suppression"},
                    "defaultConfiguration": {"level": "warning"}}
            sarif_results.append(_notice_result(result, notice, list(rules).index(NOTICE_RULE)))
    driver = {"name": "remit", "rules": list(rules.values())}
    if options.tool_version:
        driver["version"] = options.tool_version
    log = {
        "$schema": SCHEMA,
        "version": "2.1.0",
        "runs": [{"tool": {"driver": driver}, "columnKind": "unicodeCodePoints",
                  "results": sarif_results}],
    }
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"
