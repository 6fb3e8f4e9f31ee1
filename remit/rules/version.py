"""The version of a merged table and grammar: a hash of their records, not of their files.

Two runs with the same version judged with the same facts and read with the same
constructions, whatever the files were called, how they were formatted or commented, or which
machine loaded them. Batch output records it (Parquet metadata, ``_remit.json``) so that a user
can tell which table judged which rows.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable
from pathlib import Path

VERSION_LENGTH = 16  # hex digits: 64 bits, plenty to tell tables apart


def records_digest(records: Iterable[tuple[str, str, dict]]) -> str:
    """Hash ``(section, id, fields)`` triples in a canonical order; return hex digits."""
    digest = hashlib.sha256()
    for section, rid, fields in sorted(records, key=lambda r: (r[0], r[1])):
        line = json.dumps([section, rid, fields], sort_keys=True, ensure_ascii=False,
                          default=str, separators=(",", ":"))
        digest.update(line.encode("utf-8") + b"\n")
    return digest.hexdigest()[:VERSION_LENGTH]


def rules_version(rules: Iterable[str | Path] = ()) -> str:
    """Return the version of the shipped table and grammar merged with ``rules`` files.

    Raises :class:`remit.errors.TableError` when the files have errors, as loading them would.
    """
    from remit.claims.grammar import load_grammar
    from remit.rules.loader import TableError, load_table

    rules = [str(r) for r in rules]
    table = load_table(rules)
    grammar, errors = load_grammar(rules)
    if errors:
        raise TableError(errors)
    return version_of(table, grammar)


def version_of(table, grammar: dict | None = None) -> str:
    """Return the version of a loaded table and, optionally, merged grammar records."""
    records = [
        (section, rid, record.model_dump(mode="json"))
        for section in ("sources", "agencies", "functions", "facts")
        for rid, record in getattr(table, section).items()
    ]
    records += [(f"grammar.{item.section}", item.record.id, item.record.model_dump(mode="json"))
                for item in (grammar or {}).values()]
    return records_digest(records)
