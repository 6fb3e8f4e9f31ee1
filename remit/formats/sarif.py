"""``--format sarif``: SARIF 2.1.0 for code-scanning services (GitHub, Azure DevOps, IDEs).

The rule list is the same every run: one rule per verdict and table function
(``contradicted/green_card``, ``unknown/part_of``), see :mod:`remit.formats.rules_catalogue`.
``kind`` and ``level`` follow the spec: a contradicted claim is ``fail`` at its ``severity``
level; unknown is ``open``, supported ``pass`` and an unasserted claim ``informational``, all
at level ``none``. URIs are relative to ``%SRCROOT%`` (``options.base_dir``). Suppressed claims
stay in the log with an ``inSource`` suppression carrying the writer's reason, as the SARIF
spec intends, so a reviewer can audit them.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path, PurePath, PurePosixPath, PureWindowsPath
from urllib.parse import quote

from remit.formats.base import (
    RenderOptions,
    claim_label,
    evidence_line,
    position,
    shown,
    split_notice,
)
from remit.formats.rules_catalogue import RULE_VERDICTS, UNLISTED, catalogue, rule, rule_id
from remit.records import FileResult, Finding

SCHEMA = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"
NOTICE_RULE = "remit-notice"
SRCROOT = "%SRCROOT%"
_NOTICE_HELP = ("A problem with the input itself, such as a suppression comment that covers "
                "nothing or a misspelt directive.")


def _notice_descriptor(information_uri: str) -> dict:
    out = {
        "id": NOTICE_RULE, "name": "RemitNotice",
        "shortDescription": {"text": "A problem with the input itself"},
        "fullDescription": {"text": _NOTICE_HELP},
        "help": {"text": _NOTICE_HELP, "markdown": _NOTICE_HELP},
        "defaultConfiguration": {"level": "warning"},
    }
    if information_uri:
        out["helpUri"] = information_uri
    return out


def artifact_uri(path: str) -> str:
    """Return a URI reference for a path: relative paths stay relative (repo-rooted)."""
    posix = path.replace("\\", "/") if PureWindowsPath(path).drive else path
    if PurePosixPath(posix).is_absolute():
        return "file://" + quote(posix)
    return quote(posix)


def _kind_level(finding: Finding, options: RenderOptions) -> tuple[str, str]:
    # The spec allows a level other than "none" only on kind "fail" (SARIF 2.1.0, 3.27.10).
    if not finding.claim.asserted:
        return "informational", "none"
    if finding.verdict == "contradicted":
        lvl = options.severity["contradicted"]
        return ("fail", lvl) if lvl != "none" else ("informational", "none")
    return ("open" if finding.verdict == "unknown" else "pass"), "none"


def _fingerprints(result: FileResult) -> list[str]:
    # GitHub reads primaryLocationLineHash ("hash:occurrence") to follow an alert across
    # edits; hashing the sentence, not the line number, keeps it stable when lines move.
    seen: dict[str, int] = {}
    out = []
    for finding in result.findings:
        claim = finding.claim
        sent = " ".join(result.text[claim.sent_start : claim.sent_end].split())
        key = "\x1f".join((claim.agency, claim.key, claim.polarity, sent))
        digest = hashlib.sha256(key.encode()).hexdigest()[:16]
        seen[digest] = seen.get(digest, 0) + 1
        out.append(f"{digest}:{seen[digest]}")
    return out


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


def location(path: str, base_dir: str | None) -> dict:
    """Return the ``artifactLocation`` of a path: relative to ``%SRCROOT%`` when inside it."""
    if base_dir is None or path == "-":
        return {"uri": artifact_uri(path)}
    full = os.path.abspath(path)
    rel = os.path.relpath(full, base_dir)
    if rel == ".." or rel.startswith(".." + os.sep) or os.path.isabs(rel):
        return {"uri": artifact_uri(full)}
    return {"uri": quote(PurePath(rel).as_posix()), "uriBaseId": SRCROOT}


def _result(result: FileResult, finding: Finding, fingerprint: str, index: dict[str, int],
            options: RenderOptions) -> dict:
    rid = rule_id(finding.verdict, finding.claim.function or UNLISTED)
    kind, lvl = _kind_level(finding, options)
    out = {
        "ruleId": rid,
        "kind": kind,
        "level": lvl,
        "message": {"text": f"{finding.verdict}: {claim_label(finding, options)}. "
                            f"{evidence_line(finding)}"},
        "locations": [{"physicalLocation": {
            "artifactLocation": location(result.path, options.base_dir),
            "region": _region(result, finding),
        }}],
        "partialFingerprints": {"primaryLocationLineHash": fingerprint},
        "properties": _properties(result, finding),
    }
    if rid in index:
        out["ruleIndex"] = index[rid]
    if finding.suppressed is not None:
        out["suppressions"] = [{"kind": "inSource", "justification": finding.suppressed}]
    return out


def _notice_result(result: FileResult, notice: str, index: int, base_dir: str | None) -> dict:
    line, col, message = split_notice(notice)
    return {
        "ruleId": NOTICE_RULE, "ruleIndex": index, "kind": "fail", "level": "warning",
        "message": {"text": message},
        "locations": [{"physicalLocation": {
            "artifactLocation": location(result.path, base_dir),
            "region": {"startLine": line or 1, "startColumn": col or 1},
        }}],
    }


def rules(options: RenderOptions) -> list[dict]:
    """Return the run's rules: every (verdict, function) pair of the table, then the notice."""
    out = []
    for info in catalogue(options.functions, dict(options.function_labels)):
        for verdict in RULE_VERDICTS:
            lvl = options.severity["contradicted"] if verdict == "contradicted" else "none"
            out.append(rule(info, verdict, lvl, options.information_uri))
    out.append(_notice_descriptor(options.information_uri))
    return out


def _driver(options: RenderOptions, rule_list: list[dict]) -> dict:
    driver: dict = {"name": "remit", "rules": rule_list}
    if options.tool_version:
        driver["version"] = driver["semanticVersion"] = options.tool_version
    if options.information_uri:
        driver["informationUri"] = options.information_uri
    return driver


def render(results: list[FileResult], options: RenderOptions) -> str:
    """Render one SARIF 2.1.0 log with a single run."""
    rule_list = rules(options)
    index = {r["id"]: i for i, r in enumerate(rule_list)}
    sarif_results = []
    for result in results:
        for finding, fingerprint in zip(result.findings, _fingerprints(result), strict=True):
            if shown(finding, options):
                sarif_results.append(_result(result, finding, fingerprint, index, options))
        sarif_results.extend(_notice_result(result, n, index[NOTICE_RULE], options.base_dir)
                             for n in result.notices)
    run: dict = {"tool": {"driver": _driver(options, rule_list)}}
    if options.base_dir is not None:
        run["originalUriBaseIds"] = {SRCROOT: {"uri": _folder_uri(options.base_dir)}}
    run.update({"columnKind": "unicodeCodePoints", "results": sarif_results})
    log = {"$schema": SCHEMA, "version": "2.1.0", "runs": [run]}
    return json.dumps(log, ensure_ascii=False, indent=2) + "\n"


def _folder_uri(folder: str) -> str:
    # The spec wants an absolute URI ending in "/" for a base id.
    uri = Path(os.path.abspath(folder)).as_uri()
    return uri if uri.endswith("/") else uri + "/"
