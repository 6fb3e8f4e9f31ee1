"""The ``remit`` command line: a thin click layer over the library.

Subcommands live in their own modules and are imported only when run, so ``remit --help``
stays fast and never loads spaCy.
"""

from __future__ import annotations

import importlib
import os
import sys
import traceback

import click

from remit import __version__
from remit.errors import (
    EXIT_BROKEN_PIPE,
    EXIT_ERROR,
    EXIT_FINDINGS,
    EXIT_INTERNAL,
    EXIT_INTERRUPT,
    EXIT_OK,
)
from remit.model.matrix import one_blas_thread_by_default

# Before anything imports numpy: one BLAS thread per process (more cores: --n-process).
one_blas_thread_by_default()

__all__ = ["EXIT_ERROR", "EXIT_FINDINGS", "EXIT_INTERNAL", "EXIT_INTERRUPT", "EXIT_OK", "main"]

SUBCOMMANDS = {
    "check": ("remit.commands.check", "check", "Check files or stdin for agency-role claims."),
    "batch": ("remit.batch.command", "batch", "Check a table of statements (CSV, JSONL, ...)."),
    "explain": ("remit.commands.explain", "explain",
                "Explain how sentences were read and why each verdict."),
    "rules": ("remit.commands.rules", "rules", "Validate or list the responsibilities table."),
    "config": ("remit.commands.config", "config", "Show the configuration in effect."),
}
# Modules an optional extra brings: a subcommand that needs one says how to install it.
EXTRAS = {"pandas": "batch", "pyarrow": "batch"}


class LazyGroup(click.Group):
    """A group whose subcommands are imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Return the names of the subcommands (without importing them)."""
        return list(SUBCOMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        """Import and return one subcommand."""
        if name not in SUBCOMMANDS:
            return None
        module, attr, _ = SUBCOMMANDS[name]
        try:
            return getattr(importlib.import_module(module), attr)
        except ModuleNotFoundError as exc:
            top = (exc.name or "").split(".")[0]
            if top not in EXTRAS:
                raise
            return _needs_extra(name, top, EXTRAS[top])

    def invoke(self, ctx: click.Context):
        """Run the subcommand; map an interrupt, a closed pipe and a crash to their exit codes."""
        try:
            try:
                return super().invoke(ctx)
            finally:
                sys.stdout.flush()
        except KeyboardInterrupt:
            click.echo("remit: interrupted", err=True)
            raise click.exceptions.Exit(EXIT_INTERRUPT) from None
        except BrokenPipeError:
            _silence_stdout()
            raise click.exceptions.Exit(EXIT_BROKEN_PIPE) from None
        except (click.ClickException, click.exceptions.Exit, click.Abort):
            raise  # click's own: usage errors (exit 2) and explicit exits
        except Exception as exc:  # noqa: BLE001 - the last resort: a bug, reported as one
            _internal_error(exc, debug=bool(ctx.params.get("debug")))
            raise click.exceptions.Exit(EXIT_INTERNAL) from None

    def format_commands(self, ctx: click.Context, formatter: click.HelpFormatter) -> None:
        """List the subcommands with their one-line help, without importing them."""
        rows = [(name, SUBCOMMANDS[name][2]) for name in self.list_commands(ctx)]
        if rows:
            with formatter.section("Commands"):
                formatter.write_dl(rows)


def _needs_extra(name: str, module: str, extra: str) -> click.Command:
    """Return a stand-in command that says which extra to install, and exits 2."""

    @click.command(name, context_settings={"ignore_unknown_options": True,
                                           "allow_extra_args": True, "help_option_names": []})
    def missing() -> None:
        click.echo(f"remit: error: 'remit {name}' needs {module}, which is not installed: "
                   f"pip install 'remit[{extra}]'", err=True)
        raise SystemExit(EXIT_ERROR)

    return missing


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="remit")
@click.option("--debug", is_flag=True, help="On an internal error, print the traceback.")
def main(debug: bool) -> None:
    """Check who-does-what claims about US immigration agencies against a sourced table."""


def _silence_stdout() -> None:
    """Point stdout at the null device, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError):  # stdout is not a file (a test runner's buffer)
        pass


def _internal_error(exc: Exception, debug: bool) -> None:
    """Say that remit failed, not the input: one line, and the traceback under ``--debug``."""
    if debug:
        traceback.print_exception(exc, file=sys.stderr)
    hint = "" if debug else "; run with 'remit --debug ...' for the traceback"
    from remit.formats.base import terminal_safe

    message = terminal_safe(f"{type(exc).__name__}: {exc}")
    click.echo(f"remit: internal error: {message} (a bug in remit: please report it with the "
               f"command and the input{hint})", err=True)


if __name__ == "__main__":  # pragma: no cover
    main()
