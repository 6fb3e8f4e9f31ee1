"""The curator's view of the table: facts with their sources and dates, one record with what
refers to it, and the facts old enough to re-check (pure functions over a loaded table).
"""

from __future__ import annotations

import datetime as dt

from remit.rules.schema import Fact
from remit.rules.table import Table

# Days in a year, for ages given in years.
_YEAR = 365.25


class UnknownRecordError(LookupError):
    """An id that no record of the table (or grammar) has."""


def fact_row(table: Table, fact: Fact) -> dict:
    """A fact as data: agency, function, stance, date, note and each quote with its source."""
    quotes = []
    for ref in fact.evidence:
        source = table.sources.get(ref.source)
        quotes.append({"source": ref.source, "quote": ref.quote,
                       "url": ref.url or (source.url if source else None),
                       "publisher": source.publisher if source else "",
                       "kind": source.kind if source else None})
    return {"id": fact.id, "agency": fact.agency, "function": fact.function,
            "stance": fact.stance, "exclusive": fact.exclusive,
            "as_of": fact.as_of.isoformat(), "note": fact.note, "evidence": quotes}


def list_facts(table: Table, agency: str | None = None, function: str | None = None,
               stance: str | None = None) -> list[dict]:
    """The facts, filtered; an unknown agency or function id raises :class:`UnknownRecordError`."""
    if agency is not None and agency not in table.agencies:
        raise UnknownRecordError(f"unknown agency '{agency}' (known: {_some(table.agencies)})")
    if function is not None and function not in table.functions:
        raise UnknownRecordError(
            f"unknown function '{function}' (known: {_some(table.functions)})")
    return [fact_row(table, f) for f in table.facts.values()
            if (agency is None or f.agency == agency)
            and (function is None or f.function == function)
            and (stance is None or f.stance == stance)]


def stale_facts(table: Table, older_than: float, today: dt.date | None = None) -> list[dict]:
    """The facts whose as-of date is more than ``older_than`` years before ``today``, oldest
    first.
    """
    cutoff = (today or dt.date.today()) - dt.timedelta(days=older_than * _YEAR)
    old = sorted((f for f in table.facts.values() if f.as_of < cutoff),
                 key=lambda f: (f.as_of, f.id))
    return [fact_row(table, f) for f in old]


def fact_age_note(table: Table, fact_ids, max_age: float,
                  today: dt.date | None = None) -> str | None:
    """The note for a finding whose deciding fact (the first of ``fact_ids`` the table has) is
    older than ``max_age`` years, or ``None``.
    """
    fact = next((table.facts[i] for i in fact_ids if i in table.facts), None)
    if fact is None:
        return None
    today = today or dt.date.today()
    age = (today - fact.as_of).days / _YEAR
    if age <= max_age:
        return None
    return (f"the deciding fact '{fact.id}' is as of {fact.as_of.isoformat()}, "
            f"{age:.0f} years ago: re-check it")


def note_old_facts(results: list, table: Table, max_age: float,
                   today: dt.date | None = None) -> list:
    """``results`` (:class:`remit.records.FileResult`) with a note added to the message of each
    finding whose deciding fact is older than ``max_age`` years (``--max-fact-age``).
    """
    import dataclasses

    out = []
    for result in results:
        findings = []
        for finding in result.findings:
            note = fact_age_note(table, [e.fact for e in finding.evidence], max_age, today)
            if note is not None:
                finding = dataclasses.replace(finding, message=f"{finding.message} (Note: {note}.)")
            findings.append(finding)
        out.append(dataclasses.replace(result, findings=tuple(findings)))
    return out


def show_record(table: Table, grammar: dict, rid: str) -> dict:
    """One record of any kind by id, and every record that refers to it."""
    found = _table_record(table, rid) or _grammar_record(grammar, rid)
    if found is None:
        raise UnknownRecordError(f"no record has the id '{rid}' (try 'remit rules list "
                                 "agencies', 'functions', 'facts' or 'sources')")
    kind, record = found
    return {"kind": kind, "id": rid, "record": record,
            "referenced_by": _references(table, kind, rid)}


def _table_record(table: Table, rid: str) -> tuple[str, dict] | None:
    for kind, records in (("agency", table.agencies), ("function", table.functions),
                          ("fact", table.facts), ("source", table.sources)):
        if rid in records:
            return kind, records[rid].model_dump(mode="json", exclude_defaults=True)
    return None


def _grammar_record(grammar: dict, rid: str) -> tuple[str, dict] | None:
    for (section, record_id), located in grammar.items():
        if record_id == rid:
            record = located.record.model_dump(mode="json", by_alias=True,
                                               exclude_defaults=True)
            record["defined_at"] = f"{located.path}:{located.line}"
            from remit.claims.grammar import kinds

            return kinds().get(section, section), record
    return None


def _references(table: Table, kind: str, rid: str) -> list[dict]:
    """The records that name ``rid``: facts, child agencies, cited sources."""
    out = []
    if kind == "agency":
        out += [{"kind": "fact", "id": f.id} for f in table.facts.values() if f.agency == rid]
        out += [{"kind": "agency", "id": a.id, "as": "part"}
                for a in table.agencies.values() if a.parent == rid]
    elif kind == "function":
        out += [{"kind": "fact", "id": f.id} for f in table.facts.values()
                if f.function == rid]
    elif kind == "source":
        out += [{"kind": "fact", "id": f.id} for f in table.facts.values()
                if any(e.source == rid for e in f.evidence)]
        out += [{"kind": "agency", "id": a.id, "as": "parent evidence"}
                for a in table.agencies.values() if any(e.source == rid
                                                         for e in a.parent_evidence)]
    elif kind == "fact":
        fact = table.facts[rid]
        out += [{"kind": "agency", "id": fact.agency}, {"kind": "function", "id": fact.function}]
        out += [{"kind": "source", "id": s} for s in dict.fromkeys(e.source
                                                                     for e in fact.evidence)]
    return out


def _some(records: dict, limit: int = 8) -> str:
    ids = sorted(records)
    return ", ".join(ids[:limit]) + (", ..." if len(ids) > limit else "")
