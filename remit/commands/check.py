"""``remit check``: files, folders, globs or stdin in; findings out; exit code by verdict."""

from __future__ import annotations

import datetime
import os
import sys
from pathlib import Path

import click

from remit import HOMEPAGE, __version__, git
from remit.cli import EXIT_ERROR, EXIT_FINDINGS, EXIT_OK
from remit.commands.options import (
    Size,
    die,
    error,
    fail_on_option,
    fails,
    model_option,
    rules_option,
    sentence_tokens_option,
    write_report,
)
from remit.formats import FORMATS
from remit.formats.base import SHOW


@click.command("check")
@click.argument("paths", nargs=-1, type=str)
@click.option("-f", "--format", "fmt", type=click.Choice(sorted(FORMATS)), default=None,
              help="Output format [default: text].")
@click.option("-o", "--output", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Write the report to this file instead of stdout.")
@click.option("--input-format", type=click.Choice(["markdown", "html", "text"]), default=None,
              help="Read every input as this format instead of guessing by extension.")
@click.option("--stdin-filename", default=None, metavar="NAME",
              help="Name of the file read on stdin: its format and configuration come from "
                   "NAME, and the output names it.")
@click.option("--exclude", multiple=True, help="gitignore-style pattern of paths to skip.")
@click.option("--no-fail", is_flag=True, default=False, help="Always exit 0 on findings.")
@click.option("--show", type=click.Choice(SHOW), default="unknown", show_default=True,
              help="Lowest verdict listed by text, line, github, rdjson and sarif output; 'all' "
                   "adds supported claims, questions and reported speech. Others list all.")
@click.option("--base-dir", type=click.Path(file_okay=False), default=None,
              help="Folder SARIF paths are relative to [default: the git root, else the "
                   "current folder].")
@click.option("--diff", "diff_ref", default=None, metavar="REF",
              help="Report only claims on lines changed since the git ref REF (a branch, a tag, "
                   "a commit); files git does not track yet count as changed.")
@click.option("--diff-context", type=click.IntRange(min=0), default=0, show_default=True,
              metavar="N", help="With --diff, also report claims within N lines of a change "
                                "(the context a pull request's diff shows; reviewdog's "
                                "diff_context).")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Read this .remit.toml or pyproject.toml instead of the nearest one.")
@click.option("--sarif-file", type=click.Path(dir_okay=False, writable=True), default=None,
              help="Also write a SARIF log of the same run to this file (one model load).")
@click.option("--url-base", default=None, metavar="URL",
              help="URL the checked files are published under (ClaimReview url), joined with "
                   "each file's path from --base-dir.")
@click.option("--max-fact-age", type=click.FloatRange(min=0), default=None, metavar="YEARS",
              help="Note on each finding whose deciding fact is older than YEARS [default: off].")
@click.option("--max-bytes", type=Size(), default=None, metavar="SIZE",
              help="Largest input checked, in bytes or as 20MB, 512KB [default: 20MB]; a larger "
                   "file is an input error.")
@click.option("--max-depth", type=click.IntRange(min=2), default=None, metavar="N",
              help="Deepest Markdown nesting read (a list item opens two levels, a quote one); "
                   "deeper lines are read plain, with a notice [default: 50].")
@sentence_tokens_option
@fail_on_option
@rules_option
@model_option
def check(paths, fmt, output, input_format, stdin_filename, exclude, no_fail, show, base_dir,
          diff_ref, diff_context, config_file, sarif_file, url_base, max_fact_age, max_bytes,
          max_sentence_tokens, max_depth, fail_on, rules, model):
    """Check PATHS (files, folders, globs; '-' or nothing for stdin) for agency-role claims.

    Exit codes: 0 nothing at or above --fail-on, 1 findings, 2 usage, input or table error.
    An unreadable, binary or empty file is an input error; the other files are still checked.
    """
    from remit.formats import render, table_labels
    from remit.inputs import STDIO

    if diff_context and diff_ref is None:
        die("--diff-context needs --diff REF")
    paths = paths or (STDIO,)
    eff, table, results, errors = _run(paths, stdin_filename, input_format, model, {
        "fail_on": fail_on, "rules": rules, "exclude": exclude, "format": fmt,
        "no_fail": no_fail or None, "claimreview": {"url_base": url_base} if url_base else None,
        "max_fact_age": max_fact_age, "max_bytes": max_bytes,
        "max_sentence_tokens": max_sentence_tokens, "max_depth": max_depth}, config_file)
    if eff.max_fact_age.value is not None:
        from remit.rules.catalogue import note_old_facts

        results = note_old_facts(results, table, eff.max_fact_age.value)
    if diff_ref is not None:
        results = _changed_only(results, diff_ref, diff_context)
    options = eff.render_options(color=wants_color(output), show=show, tool_version=__version__,
                                 base_dir=git.base_dir(base_dir, Path.cwd()),
                                 date_published=datetime.date.today().isoformat(),
                                 information_uri=HOMEPAGE, **table_labels(table))
    write_report(render(eff.format.value, results, options), output)
    if sarif_file:
        write_report(render("sarif", results, options), sarif_file)
    verdicts = [f.verdict for r in results for f in r.findings
                if f.claim.asserted and f.suppressed is None]
    failed = fails(verdicts, eff.fail_on.value) and not eff.no_fail.value
    sys.exit(EXIT_ERROR if errors else EXIT_FINDINGS if failed else EXIT_OK)


def wants_color(output: str | None, stream=None, environ=None) -> bool:
    """Colour only a terminal, and never under ``NO_COLOR`` (https://no-color.org)."""
    stream = sys.stdout if stream is None else stream
    environ = os.environ if environ is None else environ
    if output is not None or environ.get("NO_COLOR"):
        return False
    return bool(getattr(stream, "isatty", lambda: False)())


def _changed_only(results: list, ref: str, context: int = 0) -> list:
    """Keep the claims on (or ``context`` lines around) lines changed since ``ref``.

    Exit 2 outside a repository.
    """
    root = git.git_root(Path.cwd())
    if root is None:
        die("--diff: not inside a git repository")
    try:
        return git.only_changed(results, git.changed_lines(ref, str(root), context), str(root))
    except git.GitError as exc:
        die(f"--diff {ref}: {exc}")


def _run(paths, stdin_filename, input_format, model, cli: dict, config_file=None):
    """Resolve the configuration, load the engine and check every input; exit 2 on errors."""
    from remit.config import ConfigError, resolve
    from remit.engine import Engine, ModelError
    from remit.inputs import STDIO, InputError
    from remit.paths import PathError, collect_paths
    from remit.rules.loader import TableError

    # One configuration for the run, found from the folder all inputs share, so the result
    # never depends on the order of the arguments; stdin counts as --stdin-filename.
    named = [os.path.abspath(stdin_filename if p == STDIO else p) for p in paths
             if p != STDIO or stdin_filename]
    start = Path(os.path.commonpath(named)) if named else Path.cwd()
    try:
        eff = resolve(cli, start, config_file)
        files = collect_paths(paths, exclude=eff.exclude.value or ())
        if not files:
            raise PathError(f"{', '.join(paths)}: no Markdown, HTML or text files to check")
        engine = Engine(model=model, rules=tuple(eff.rules.value or ()),
                        max_sentence_tokens=eff.max_sentence_tokens.value)
        table = engine.table
        results, errors = _check_files(engine, files, input_format, stdin_filename, eff)
    except (ConfigError, PathError, InputError, ModelError) as exc:
        die(str(exc))
    except TableError as exc:
        die(f"invalid rule table: {exc.errors[0]}"
            + (f" (and {len(exc.errors) - 1} more)" if len(exc.errors) > 1 else ""))
    if not results:  # every input failed, and each has said why
        sys.exit(EXIT_ERROR)
    return eff, table, results, errors


def _check_files(engine, files: list[str], input_format: str | None,
                 stdin_filename: str | None = None, eff=None) -> tuple[list, list[str]]:
    """Check each file; return the results and the input errors, each printed as it happens.

    A file that cannot be checked (unreadable, binary, not UTF-8, too large, empty) does not
    stop the others: its error is printed and returned, and the run exits 2 at the end.
    ``eff`` (the configuration in effect) gives the size and depth limits.
    """
    from remit.config import DEFAULTS
    from remit.inputs import STDIO, InputError
    from remit.markup import check_document, detect_format, read_source, require_text

    max_bytes = eff.max_bytes.value if eff else DEFAULTS["max_bytes"]
    max_depth = eff.max_depth.value if eff else DEFAULTS["max_depth"]
    results, errors = [], []
    for path in files:
        try:
            source = require_text(path, read_source(path, max_bytes))
        except InputError as exc:
            error(str(exc))
            errors.append(str(exc))
            continue
        name = stdin_filename if path == STDIO and stdin_filename else path
        results.append(check_document(engine, name, source, detect_format(name, input_format),
                                      max_depth=max_depth))
    return results, errors
