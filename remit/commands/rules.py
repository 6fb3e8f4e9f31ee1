"""``remit rules``: validate table files and list what the table holds (no spaCy needed)."""

from __future__ import annotations

import sys

import click

from remit.cli import EXIT_ERROR, EXIT_OK
from remit.commands.options import die, rules_option
from remit.formats.base import terminal_safe


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
@rules_option
def list_records(kind, rules) -> None:
    """List the agencies, functions, facts or sources of the table in effect."""
    from remit.rules.loader import TableError, load_table

    try:
        table = load_table(rules)
    except TableError as exc:
        die(f"invalid rule table: {exc.errors[0]}")
    for record in getattr(table, kind).values():
        click.echo(terminal_safe(_row(kind, record)))


def _row(kind: str, record) -> str:
    """Return the tab-separated line of one record in ``rules list``."""
    if kind == "agencies":
        return f"{record.id}\t{record.name}\tpart of {record.parent or '-'}"
    if kind == "functions":
        return f"{record.id}\t{record.label}"
    if kind == "facts":
        return f"{record.id}\t{record.agency}\t{record.stance}\t{record.function}"
    return f"{record.id}\t{record.publisher}\t{record.url or '-'}"
