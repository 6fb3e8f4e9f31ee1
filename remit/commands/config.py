"""``remit config``: show each setting in effect and where it came from."""

from __future__ import annotations

import json
import os
from pathlib import Path

import click

from remit.commands.options import FAIL_ON
from remit.config import ConfigError, Effective, resolve
from remit.formats import FORMATS


def _shown(value: object) -> str:
    if value is None:
        return "(none)"
    if isinstance(value, dict):
        return ", ".join(f"{k}={v}" for k, v in value.items()) or "(none)"
    if isinstance(value, list):
        return ", ".join(map(str, value)) or "(none)"
    if value is None:
        return "(none)"
    return str(value).lower() if isinstance(value, bool) else str(value)


def _relative(origin: str) -> str:
    # Absolute paths are exact but long; the folder the writer stands in is the natural base.
    if origin.startswith("/"):
        try:
            return os.path.relpath(origin)
        except ValueError:  # pragma: no cover - another drive on Windows
            return origin
    return origin


def _text(effective: Effective) -> str:
    rows = [(key, _shown(s.value), _relative(s.origin)) for key, s in effective.items()]
    width = max(len(k) for k, _, _ in rows)
    lines = [f"{k:<{width}}  {v}  ({o})" for k, v, o in rows]
    found = effective.config_path
    lines.insert(0, f"config file: {_relative(str(found)) if found else '(none found)'}")
    return "\n".join(lines)


@click.command("config")
@click.argument("path", required=False, default=".", type=click.Path())
@click.option("--format", "out_format", type=click.Choice(["text", "json"]), default="text",
              show_default=True, help="How to print the settings.")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default=None,
              help="Override fail_on, to see the effect of the option on `remit check`.")
@click.option("--check-format", type=click.Choice(list(FORMATS)), default=None,
              help="Override format (the `--format` of `remit check`).")
@click.option("--rules", multiple=True, help="Override rules (repeatable).")
@click.option("--exclude", multiple=True, help="Override exclude (repeatable).")
@click.option("--no-fail", is_flag=True, default=False, help="Override no_fail with true.")
def config(path: str, out_format: str, fail_on: str | None, check_format: str | None,
           rules: tuple[str, ...], exclude: tuple[str, ...], no_fail: bool) -> None:
    """Show the settings in effect for PATH (a file or folder; default: here) and their origin.

    Settings come from the command line, else the nearest `.remit.toml` or `pyproject.toml`
    `[tool.remit]` above PATH, else the defaults.
    """
    from remit.commands.options import die

    start = Path.cwd() if path == "-" else Path(path)
    cli = {"fail_on": fail_on, "format": check_format, "rules": rules, "exclude": exclude,
           "no_fail": no_fail}
    try:
        effective = resolve(cli, start)
    except ConfigError as exc:
        die(str(exc))
    if out_format == "json":
        payload = {"config_file": str(effective.config_path) if effective.config_path else None,
                   "settings": effective.to_dict()}
        click.echo(json.dumps(payload, indent=2))
    else:
        click.echo(_text(effective))
