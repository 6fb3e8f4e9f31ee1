"""``remit explain``: how remit read each sentence that names an agency, and why each verdict."""

from __future__ import annotations

import os
import sys

import click

from remit.cli import EXIT_OK
from remit.commands.options import die, model_option, rules_option, write_report

EXPLAIN_FORMATS = ("text", "json", "html")


@click.command("explain")
@click.argument("source", required=False, default="-", metavar="[TEXT|PATH|-]")
@click.option("-f", "--format", "fmt", type=click.Choice(EXPLAIN_FORMATS), default="text",
              show_default=True, help="text for people; json as data; html with displaCy.")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the explanation to this file instead of stdout.")
@click.option("--input-format", type=click.Choice(["markdown", "html", "text"]), default=None,
              help="Read a file as this format instead of guessing by extension.")
@click.option("--max-fact-age", type=click.FloatRange(min=0), default=None, metavar="YEARS",
              help="Mark each fact considered whose as-of date is older than YEARS.")
@rules_option
@model_option
def explain(source, fmt, output, input_format, max_fact_age, rules, model) -> None:
    """Explain every sentence of TEXT (or the file PATH, or stdin) that names an agency.

    For each: the parse, the mentions and how each was recognised, each claim with its
    construction, slots, cues and trigger, the facts considered with their sources and dates,
    the hierarchy path and the verdict's reason; for a sentence with no claim, the
    construction records that came nearest. Exit 0, or 2 on an input or table error.
    """
    from remit.engine import Engine, ModelError
    from remit.explain import explain_text
    from remit.explain.render import render_json, render_text
    from remit.inputs import InputError
    from remit.rules.loader import TableError

    try:
        name, text, block, original = _read(source, input_format)
        engine = Engine(model=model, rules=tuple(rules))
        explanation = explain_text(text, engine, block=block, original=original)
        if max_fact_age is not None:
            _mark_old(explanation, engine.table, max_fact_age)
    except (InputError, ModelError) as exc:
        die(str(exc))
    except TableError as exc:
        die(f"invalid rule table: {exc.errors[0]}")
    if fmt == "json":
        report = render_json(explanation, name)
    elif fmt == "html":
        from remit.explain.html import render_html

        report = render_html(explanation, engine.nlp, name)
    else:
        report = render_text(explanation)
    write_report(report, output, "explanation")
    sys.exit(EXIT_OK)


def _read(source: str, input_format: str | None):
    """The input's name, its prose, and (for Markdown and HTML) the joined prose block and the
    file's text: stdin for '-', a file if SOURCE names one, else SOURCE itself.

    Markdown and HTML files are read as check reads them (their prose blocks, joined).
    """
    from remit.inputs import STDIO
    from remit.markup import detect_format, read_source, require_text

    if source != STDIO and not os.path.isfile(source):
        return None, require_text("<text>", source), None, source
    text = require_text(source, read_source(source))
    fmt = detect_format(source if source != STDIO else "", input_format)
    if fmt == "text":
        return source, text, None, text
    from remit.markup.document import extract_document, join_blocks

    blocks = extract_document(text, fmt).blocks
    block = join_blocks(blocks, text) if blocks else None
    return source, block.text if block else "", block, text


def _mark_old(explanation: dict, table, max_age: float) -> None:
    """Give each fact older than ``max_age`` years a ``stale`` note (as check's notes)."""
    from remit.rules.catalogue import fact_age_note

    for sentence in explanation["sentences"]:
        for claim in sentence["claims"]:
            for fact in claim["facts"]:
                fact["stale"] = fact_age_note(table, [fact["id"]], max_age)
