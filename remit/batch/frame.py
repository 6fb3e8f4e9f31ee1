"""Per-row results and :func:`check_frame`, the pandas API of batch checking."""

from __future__ import annotations

import json
import numbers
from collections.abc import Sequence
from dataclasses import astuple, dataclass

import numpy as np
import pandas as pd

from remit.errors import ColumnError as ColumnError
from remit.records import Finding, roll_up

ADDED_COLUMNS = ("verdict", "claims", "evidence", "correction", "error")
QUOTE_LIMIT = 200
TITLE_LIMIT = 80


@dataclass(frozen=True)
class RowResult:
    """The values of the added columns for one row, in ``ADDED_COLUMNS`` order."""

    verdict: str
    claims: str
    evidence: str = ""
    correction: str = ""
    error: str = ""


NO_CLAIM = RowResult("no_claim", "[]")


def check_columns(columns: Sequence, column: str, id_column: str | None = None) -> None:
    """Raise ColumnError unless ``column`` (and ``id_column``) exist and no output would clash.

    Repeated column names are refused too: which of them is meant cannot be told, and JSON
    Lines and Parquet output cannot hold them.
    """
    repeated = _repeated(columns)
    if repeated:
        raise ColumnError(f"repeated column name(s) {repeated}; give every column its own name")
    found = ", ".join(repr(str(c)) for c in columns) or "none"
    for name, option in ((column, "--column"), (id_column, "--id-column")):
        if name is not None and name not in columns:
            raise ColumnError(f"no column {name!r} ({option}); columns found: {found}")
    clash = [c for c in ADDED_COLUMNS if c in columns]
    if clash:
        raise ColumnError(
            f"the input already has column(s) {', '.join(clash)}, which remit adds; "
            "rename or drop them first"
        )


def _repeated(columns: Sequence) -> str:
    """Return e.g. ``'text' (columns 1 and 3)`` for each name held by more than one column."""
    places: dict = {}
    for number, name in enumerate(columns, start=1):
        places.setdefault(name, []).append(str(number))
    return ", ".join(f"{str(name)!r} (columns {', '.join(p[:-1])} and {p[-1]})"
                     for name, p in places.items() if len(p) > 1)


def is_blank(value) -> bool:
    """Whether a cell holds no statement: missing (None, NaN, NA) or only whitespace."""
    if isinstance(value, str):
        return not value.strip()
    if value is None or value is pd.NA:
        return True
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):  # lists and dicts from JSON are values, not missing
        return False


def not_text(value, column: str) -> str | None:
    """Return why a cell that is not blank cannot be checked, or None when it is a string.

    JSON Lines and Parquet keep their types, so a statement column can hold numbers, lists or
    objects. Checking ``str(value)`` would judge text nobody wrote, so such a row is an error.
    """
    if isinstance(value, str):
        return None
    return f"column {column!r} holds {_kind(value)}, not a string"


def _kind(value) -> str:
    """Name the type of a cell value as JSON would (bool before number: True is an int)."""
    if isinstance(value, bool | np.bool_):
        return "a boolean"
    if isinstance(value, numbers.Number):
        return "a number"
    if isinstance(value, list | tuple | np.ndarray):
        return "a list"
    if isinstance(value, dict):
        return "an object"
    if isinstance(value, bytes | bytearray):
        return "bytes"
    return f"a value of type {type(value).__name__}"


def row_result(text: str, findings: list[Finding]) -> RowResult:
    """Roll a text's findings up into the added columns."""
    verdict = roll_up(findings)
    claims = json.dumps([f.to_dict(text) for f in findings], ensure_ascii=False)
    worst = _deciding(findings, verdict)
    if worst is None:
        return RowResult(verdict, claims)
    return RowResult(verdict, claims, evidence_text(worst), worst.correction or "")


def error_result(exc: BaseException) -> RowResult:
    """Return the result of a row whose check raised: verdict ``error`` and the reason."""
    reason = " ".join(f"{type(exc).__name__}: {exc}".split())
    return RowResult("error", "", error=reason)


def _deciding(findings: list[Finding], verdict: str) -> Finding | None:
    """Return the first asserted finding with the rolled-up verdict (the deciding claim)."""
    for finding in findings:
        if finding.claim.asserted and finding.verdict == verdict:
            return finding
    return None


def evidence_text(finding: Finding) -> str:
    """Return '"quote" (source)' for the first evidence of a finding, or ''.

    The source is the URL when there is one (what a reader can follow), else the source title.
    """
    if not finding.evidence:
        return ""
    first = finding.evidence[0]
    where = first.url or _shorten(first.title or first.source, TITLE_LIMIT)
    return f"\u201c{_shorten(first.quote, QUOTE_LIMIT)}\u201d ({where})"


def _shorten(text: str, limit: int) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "\u2026"


def attach(frame: pd.DataFrame, results: Sequence[RowResult]) -> pd.DataFrame:
    """Return ``frame`` with the added columns appended; input columns are not touched."""
    values = list(zip(*(astuple(r) for r in results), strict=True)) if results else [()] * 5
    added = {
        name: pd.Series(list(column), index=frame.index, dtype=object)
        for name, column in zip(ADDED_COLUMNS, values, strict=True)
    }
    return frame.assign(**added)


def check_frame(
    df: pd.DataFrame, column: str, model: str | None = None, rules: Sequence[str] = (),
    batch_size: int = 64, n_process: int = 1, id_column: str | None = None, engine=None,
    max_sentence_tokens: int | None = None,
) -> pd.DataFrame:
    """Check the statements in ``df[column]``; return a copy with the added columns.

    Every row is kept, in order. Blank cells give ``no_claim``; a cell that is not a string, or
    a row whose check raises, gives ``error`` with the reason, and the others are still checked.
    ``engine`` defaults to the shared engine for ``model``, ``rules`` and
    ``max_sentence_tokens``.
    """
    from remit.batch.stream import RowChecker

    check_columns(df.columns, column, id_column)
    if engine is None:
        from remit.engine import get_engine

        engine = get_engine(model, tuple(str(r) for r in rules), max_sentence_tokens)
    checker = RowChecker(engine, column, batch_size=batch_size, n_process=n_process,
                         id_column=id_column)
    # One chunk in, one checked chunk out (even when the frame is empty).
    return next(checker.run([df]))
