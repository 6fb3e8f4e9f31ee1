"""``remit rules``: validate table files and list what the table holds (no spaCy needed)."""

from __future__ import annotations

import json
import sys
from typing import get_args

import click

from remit.cli import EXIT_ERROR, EXIT_OK
from remit.commands.options import die, rules_option
from remit.formats.base import terminal_safe
from remit.rules.schema import Stance

STANCES = get_args(Stance)


def format_option(func):
    """``--format text|json`` of the curator's commands."""
    return click.option("-f", "--format", "fmt", type=click.Choice(["text", "json"]),
                        default="text", show_default=True, help="Output format.")(func)


@click.group("rules")
def rules() -> None:
    """Validate or list the responsibilities table."""


@rules.command("validate")
@click.argument("paths", nargs=-1, type=click.Path())
@click.option("--no-shipped", is_flag=True, help="Validate PATHS alone, without the shipped table.")
def validate(paths, no_shipped) -> None:
    """Check table and grammar files (default: the shipped ones); report every error as file:line."""
    from remit.claims.checks import grammar_errors
    from remit.rules.loader import TableError, load_table

    errors, table = [], None
    try:
        table = load_table(paths, shipped=not no_shipped)
    except TableError as exc:
        errors = list(exc.errors)
    try:
        errors += grammar_errors(paths, shipped=not no_shipped, table=table)
    except TableError as exc:  # a file that cannot be read: the table loader said so already
        errors += [line for line in exc.errors if line not in errors]
    if errors:
        for line in errors:
            click.echo(terminal_safe(line), err=True)
        click.echo(f"{len(errors)} error(s)", err=True)
        sys.exit(EXIT_ERROR)
    click.echo(f"ok: {len(table.sources)} sources, {len(table.agencies)} agencies, "
               f"{len(table.functions)} functions, {len(table.facts)} facts")
    sys.exit(EXIT_OK)


@rules.command("list")
@click.argument("kind", type=click.Choice(["agencies", "functions", "facts", "sources"]))
@click.option("--agency", default=None, metavar="ID", help="facts: only this agency's.")
@click.option("--function", "function", default=None, metavar="ID",
              help="facts: only this function's.")
@click.option("--stance", type=click.Choice(STANCES), default=None, help="facts: only this stance.")
@format_option
@rules_option
def list_records(kind, agency, function, stance, fmt, rules) -> None:
    """List the agencies, functions, facts or sources of the table in effect.

    Facts come with their stance, as-of date, quotes and sources (primary or secondary).
    """
    from remit.rules.catalogue import UnknownRecordError, list_facts

    table = _table(rules)
    if kind != "facts" and (agency or function or stance):
        die("--agency, --function and --stance filter facts only")
    if kind == "facts":
        try:
            rows = list_facts(table, agency, function, stance)
        except UnknownRecordError as exc:
            die(str(exc.args[0]))
        _emit(rows, fmt, _fact_lines)
        return
    records = list(getattr(table, kind).values())
    if fmt == "json":
        _emit([r.model_dump(mode="json", exclude_defaults=True) for r in records], fmt, None)
        return
    for record in records:
        click.echo(terminal_safe(_row(kind, record)))


@rules.command("show")
@click.argument("rid", metavar="ID")
@format_option
@rules_option
def show(rid, fmt, rules) -> None:
    """Show one record of any kind (agency, function, fact, source, construction, cue, word
    class) and every record that refers to it.
    """
    from remit.claims.grammar import load_grammar
    from remit.rules.catalogue import UnknownRecordError, show_record

    table = _table(rules)
    try:
        shown = show_record(table, load_grammar(rules)[0], rid)
    except UnknownRecordError as exc:
        die(str(exc.args[0]))
    if fmt == "json":
        _emit(shown, fmt, None)
        return
    click.echo(terminal_safe(f"{shown['kind']} {rid}"))
    for key, value in shown["record"].items():
        click.echo(terminal_safe(f"  {key}: {json.dumps(value, ensure_ascii=False)}"))
    refs = shown["referenced_by"]
    click.echo(f"referred to by {len(refs)} record(s)" + (":" if refs else ""))
    for ref in refs:
        click.echo(terminal_safe(f"  {ref['kind']} {ref['id']}"
                                 + (f" ({ref['as']})" if ref.get("as") else "")))


@rules.command("stale")
@click.option("--older-than", type=click.FloatRange(min=0), default=2.0, show_default=True,
              metavar="YEARS", help="List facts whose as-of date is older than this.")
@format_option
@rules_option
def stale(older_than, fmt, rules) -> None:
    """List the facts to re-check: as-of dates older than --older-than years, oldest first."""
    from remit.rules.catalogue import stale_facts

    rows = stale_facts(_table(rules), older_than)
    _emit(rows, fmt, _fact_lines)
    if fmt != "json":
        click.echo(f"{len(rows)} fact(s) older than {older_than:g} years", err=True)


def _table(rules):
    from remit.rules.loader import TableError, load_table

    try:
        return load_table(rules)
    except TableError as exc:
        die(f"invalid rule table: {exc.errors[0]}")


def _emit(data, fmt: str, lines) -> None:
    """JSON, or text lines made by ``lines`` from each row."""
    if fmt == "json":
        click.echo(json.dumps(data, indent=2, ensure_ascii=False))
        return
    for row in data:
        for line in lines(row):
            click.echo(terminal_safe(line))


def _fact_lines(row: dict) -> list[str]:
    """A fact's line (id, agency, stance, function, as-of date) and one line per quote."""
    flag = " exclusive" if row["exclusive"] else ""
    out = [f"{row['id']}\t{row['agency']}\t{row['stance']}{flag}\t{row['function']}\t"
           f"as of {row['as_of']}"]
    for quote in row["evidence"]:
        out.append(f"    \"{quote['quote']}\" ({quote['source']}; {quote['kind'] or '?'}; "
                   f"{quote['url'] or '-'})")
    return out


def _row(kind: str, record) -> str:
    """Return the tab-separated line of one record in ``rules list``."""
    if kind == "agencies":
        return f"{record.id}\t{record.name}\tpart of {record.parent or '-'}"
    if kind == "functions":
        return f"{record.id}\t{record.label}"
    return f"{record.id}\t{record.kind}\t{record.publisher}\t{record.url or '-'}"
