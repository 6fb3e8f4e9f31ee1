"""What every renderer shares: the options record and small pure helpers over findings.

Renderers never look anything up in the table: names and labels reach them as plain dicts in
:class:`RenderOptions`, so they stay pure functions of their inputs and are testable without
spaCy or the shipped data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Literal

from remit.formats.rules_catalogue import FunctionInfo, function_infos
from remit.records import SEVERITY, VERDICTS, FileResult, Finding, line_col

Level = Literal["error", "warning", "note", "none"]
LEVELS: tuple[str, ...] = ("error", "warning", "note", "none")

DEFAULT_SEVERITY: Mapping[str, str] = MappingProxyType(
    {"contradicted": "error", "unknown": "warning", "supported": "none"}
)

# `--show` thresholds, lowest last: a linter lists what needs attention, `all` the rest too.
SHOW: tuple[str, ...] = ("contradicted", "unknown", "all")


def _frozen(mapping: Mapping | None) -> Mapping:
    return MappingProxyType(dict(mapping or {}))


@dataclass(frozen=True)
class RenderOptions:
    """How to render findings; every field has a default that suits a terminal.

    ``severity`` maps a verdict to a level (``error``, ``warning``, ``note`` or ``none``).
    ``agency_names`` maps agency ids to display names (``ERO`` → ``ERO (ICE)``) and
    ``function_labels`` maps function ids to infinitive phrases (``green_card`` → ``issue green
    cards``); missing entries fall back to the ids. ``show`` is the lowest verdict the linter
    formats (text, line, github, sarif) list: ``contradicted``, ``unknown`` or ``all`` (which
    adds supported claims, questions, reported speech and, in text, suppressed claims); the
    other formats list everything. ``functions`` lists the
    table's functions for SARIF's stable rule list; ``base_dir`` is the folder SARIF URIs are
    relative to (``None``: paths as given) and ``information_uri`` the tool's home page.
    ``url_base``, ``author``, ``publisher`` and ``date_published`` go into ClaimReview.
    """

    color: bool = False
    severity: Mapping[str, str] = field(default_factory=lambda: dict(DEFAULT_SEVERITY))
    show: str = "unknown"
    agency_names: Mapping[str, str] = field(default_factory=dict)
    function_labels: Mapping[str, str] = field(default_factory=dict)
    tool_version: str = ""
    date_published: str | None = None
    functions: tuple[FunctionInfo, ...] = ()
    base_dir: str | None = None
    information_uri: str = ""
    url_base: str | None = None
    author: str = "remit"
    publisher: str | None = None

    def __post_init__(self) -> None:
        # Read-only views keep the record truly immutable although it holds mappings.
        severity = {**DEFAULT_SEVERITY, **dict(self.severity)}
        bad = {v: lvl for v, lvl in severity.items() if v not in VERDICTS or lvl not in LEVELS}
        if bad:
            raise ValueError(f"severity: bad entries {bad} (verdicts {VERDICTS}, levels {LEVELS})")
        if self.show not in SHOW:
            raise ValueError(f"show: '{self.show}' (known: {', '.join(SHOW)})")
        object.__setattr__(self, "severity", _frozen(severity))
        object.__setattr__(self, "agency_names", _frozen(self.agency_names))
        object.__setattr__(self, "function_labels", _frozen(self.function_labels))


def table_labels(table) -> dict:
    """Return ``agency_names``, ``function_labels`` and ``functions`` for :class:`RenderOptions`.

    Takes a :class:`remit.rules.table.Table` (duck-typed, so this module never imports the
    rules package). A part shows its parent: ``ERO (ICE)``.
    """
    agencies = table.agencies
    names = {}
    for aid, agency in agencies.items():
        short = getattr(agency, "short", "") or aid
        parent = getattr(agency, "parent", None)
        if parent in agencies and getattr(agencies[parent], "kind", None) == "branch":
            parent = None  # 'DHS', not 'DHS (EXEC)': a branch is above every department
        names[aid] = f"{short} ({parent})" if parent else short
    labels = {fid: fn.label for fid, fn in table.functions.items()}
    return {"agency_names": names, "function_labels": labels,
            "functions": function_infos(table, names)}


def level(finding: Finding, options: RenderOptions) -> str:
    """Return the level of a finding: unasserted claims never count, so they are ``none``."""
    if not finding.claim.asserted:
        return "none"
    return options.severity[finding.verdict]


def shown(finding: Finding, options: RenderOptions) -> bool:
    """Whether a linter format lists a finding: at or above ``options.show``, and asserted."""
    if options.show == "all":
        return True
    return finding.claim.asserted and SEVERITY[finding.verdict] >= SEVERITY[options.show]


def agency_name(agency: str, options: RenderOptions) -> str:
    """Return the display name of an agency id."""
    return options.agency_names.get(agency, agency)


def claim_label(finding: Finding, options: RenderOptions) -> str:
    """Return ``AGENCY → [not] function label``, the one-line name of a claim."""
    claim = finding.claim
    if claim.function == "part_of" and claim.target:
        what = f"{options.function_labels.get('part_of', 'be part of')} "
        what += agency_name(claim.target, options)
    else:
        what = options.function_labels.get(claim.key, claim.predicate or claim.key)
    if claim.polarity == "negated":
        what = f"not {what}"
    if claim.exclusive:
        what = f"only: {what}"
    return f"{agency_name(claim.agency, options)} → {what}"


def evidence_line(finding: Finding) -> str:
    """Return the message with the first quote and its source, as the text format shows it."""
    parts = [finding.message]
    if finding.evidence:
        ev = finding.evidence[0]
        source = f"{ev.source}, {ev.title}" if ev.title else ev.source
        parts.append(f'"{ev.quote}" ({source})')
    return " ".join(p for p in parts if p)


def position(result: FileResult, finding: Finding) -> tuple[int, int, int, int]:
    """Return the 1-based start line, start column, end line and end column of a claim.

    The end column is exclusive, as SARIF and GitHub annotations expect.
    """
    claim = finding.claim
    line, col = line_col(result.text, claim.start)
    end_line, end_col = line_col(result.text, max(claim.end, claim.start))
    return line, col, end_line, end_col


def sentence(result: FileResult, finding: Finding) -> str:
    """Return the claim's sentence, whitespace collapsed."""
    claim = finding.claim
    return " ".join(result.text[claim.sent_start : claim.sent_end].split())


# Terminal escape sequences (CSI ``ESC [ ... m``, OSC ``ESC ] ... BEL`` that retitles a window,
# the one-byte CSI U+009B) and the other control characters but tab and newline. In a checked
# text, a path, a suppression reason or a table file they would reach the terminal raw and could
# recolour, move the cursor over or hide what remit printed.
_ESCAPE_SEQUENCE = re.compile(
    r"(?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]"
    r"|\x1b\][^\x07\x1b\n]*(?:\x07|\x1b\\)?"
)
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def terminal_safe(text: str) -> str:
    """Return ``text`` without escape sequences and control characters (tab and newline kept)."""
    if text.isprintable():
        return text
    return _CONTROL.sub("", _ESCAPE_SEQUENCE.sub("", text))


# Controls HTML forbids in a page (tab, newline, form feed and carriage return are allowed).
_HTML_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _control_picture(match: re.Match) -> str:
    code = ord(match.group())
    return chr(0x2400 + code) if code < 0x20 else "\u2421" if code == 0x7F else "\ufffd"


def html_safe(page: str) -> str:
    """Return ``page`` with each control character HTML forbids shown as a symbol (ESC: ␛).

    Escaping ``<`` and ``&`` is not enough: an ESC of the checked text would reach a terminal
    the page is printed to, and a browser shows the others as nothing or as an error glyph.
    """
    return _HTML_CONTROL.sub(_control_picture, page)


_NOTICE = re.compile(r"^(\d+)(?::(\d+))?:\s*(.*)$", re.S)


def split_notice(notice: str) -> tuple[int | None, int | None, str]:
    """Split a notice ``"LINE[:COL]: message"`` into its parts (line and column may be absent)."""
    match = _NOTICE.match(notice)
    if not match:
        return None, None, notice
    line, col, message = match.groups()
    return int(line), int(col) if col else None, message


def counts(results: list[FileResult]) -> dict[str, int]:
    """Count counted findings per verdict, plus ``suppressed`` and ``unasserted``.

    A finding counts when it is asserted and not suppressed: only those can fail a run.
    """
    tally = dict.fromkeys((*VERDICTS, "suppressed", "unasserted"), 0)
    for result in results:
        for finding in result.findings:
            if finding.suppressed is not None:
                tally["suppressed"] += 1
            elif not finding.claim.asserted:
                tally["unasserted"] += 1
            else:
                tally[finding.verdict] += 1
    return tally


def summary(results: list[FileResult]) -> str:
    """Return ``1 contradicted, 1 supported, 0 unknown in 1 input`` (plus extras when any)."""
    tally = counts(results)
    n = len(results)
    text = (f"{tally['contradicted']} contradicted, {tally['supported']} supported, "
            f"{tally['unknown']} unknown in {n} input{'' if n == 1 else 's'}")
    extras = [f"{tally[k]} {k.replace('unasserted', 'not asserted')}"
              for k in ("unasserted", "suppressed") if tally[k]]
    return f"{text} ({', '.join(extras)})" if extras else text
