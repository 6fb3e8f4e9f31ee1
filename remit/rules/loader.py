"""Load, validate and merge table files into a :class:`~remit.rules.table.Table`.

Errors name the data, not the stack: ``facts.yaml:112: fact 'ice-issues-visas': unknown agency
'ICEE' (known: CBP, ICE, ...)``. All errors of a load are collected and raised together.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from remit.errors import TableError as TableError
from remit.rules.schema import KIND, SECTIONS
from remit.rules.table import Table
from remit.rules.yaml_lines import LINE_KEY, YamlError, load_yaml_with_lines, strip_lines

SHIPPED_PACKAGE = "remit.rules.data"


@dataclass(frozen=True)
class Located:
    """A validated record with the file and line it came from."""

    record: Any
    section: str
    path: str
    line: int


def _describe(error: dict) -> str:
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}: {error['msg']}" if where else error["msg"]


def parse_file(text: str, path: str) -> tuple[list[Located], list[str]]:
    """Parse one table file; return its records and the errors found in it.

    Grammar sections (the extractor's word classes and constructions, see
    :mod:`remit.claims.grammar`) may share a user's file with the table; they are skipped here
    and read by the grammar loader. The YAML is read by
    :func:`remit.rules.yaml_lines.load_yaml_with_lines`, so an alias bomb or a duplicate key is
    one ``path:line:`` error, like invalid YAML.
    """
    from remit.claims.grammar import GRAMMAR_SECTIONS

    sections = {key: (SECTIONS[key], KIND[key]) for key in SECTIONS}
    return parse_sections(text, path, sections, ignore=GRAMMAR_SECTIONS, what="a table file")


def parse_sections(text: str, path: str, sections: dict[str, tuple[type, str]], *,
                   ignore: Iterable[str] = (), what: str = "a data file",
                   ) -> tuple[list[Located], list[str]]:
    """Parse a YAML mapping of sections to lists of records, validating each record.

    ``sections`` maps a section name to its pydantic model and the kind named in errors
    (``file:line: <kind> '<id>': what is wrong``); sections in ``ignore`` are skipped.
    """
    try:
        data = load_yaml_with_lines(text, path)
    except YamlError as exc:
        return [], [str(exc)]
    if data is None:
        return [], []
    if not isinstance(data, dict):
        return [], [f"{path}:1: {what} must be a mapping with {', '.join(sections)}"]
    records: list[Located] = []
    errors: list[str] = []
    ignored = set(ignore)
    for key, items in data.items():
        if key == LINE_KEY or key in ignored:
            continue
        if key not in sections:
            known = ", ".join([*sections, *sorted(ignored)])
            errors.append(f"{path}:{data[LINE_KEY]}: unknown section '{key}' (known: {known})")
            continue
        if not isinstance(items, list):
            errors.append(f"{path}:{data[LINE_KEY]}: section '{key}' must be a list")
            continue
        model, kind = sections[key]
        for item in items:
            line = item.get(LINE_KEY, 1) if isinstance(item, dict) else data[LINE_KEY]
            rid = item.get("id", "?") if isinstance(item, dict) else "?"
            try:
                record = model.model_validate(strip_lines(item))
            except ValidationError as exc:
                errors.extend(
                    f"{path}:{line}: {kind} '{rid}': {_describe(e)}" for e in exc.errors())
                continue
            records.append(Located(record, key, path, line))
    return records, errors


def duplicate_ids(records: Iterable[Located], path: str, kinds: dict[str, str]) -> list[str]:
    """Errors for records of one file that repeat an id of their section."""
    errors: list[str] = []
    seen: set[tuple[str, str]] = set()
    for located in records:
        key = (located.section, located.record.id)
        if key in seen:
            errors.append(f"{path}:{located.line}: {kinds[located.section]} "
                          f"'{located.record.id}': duplicate id in this file")
        seen.add(key)
    return errors


def shipped_files(package: str = SHIPPED_PACKAGE) -> list[tuple[str, str]]:
    """Return ``(display path, text)`` of every YAML file shipped in ``package`` (the table's)."""
    folder = resources.files(package)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    shown = package.replace(".", "/")
    return [(f"{shown}/{f.name}", f.read_text(encoding="utf-8")) for f in files]


def expand_paths(paths: Iterable[str | Path]) -> list[tuple[str, str]]:
    """Read user table paths (files, or folders of ``*.yaml``) as ``(path, text)`` pairs."""
    out: list[tuple[str, str]] = []
    for raw in paths:
        path = Path(raw)
        files = sorted(path.glob("*.y*ml")) if path.is_dir() else [path]
        for file in files:
            try:
                out.append((str(file), file.read_text(encoding="utf-8")))
            except FileNotFoundError:
                raise TableError([f"{file}: no such table file"]) from None
            except UnicodeDecodeError as exc:
                line = exc.object.count(b"\n", 0, exc.start) + 1
                raise TableError([f"{file}:{line}: not UTF-8 text (byte {exc.start})"]) from None
            except OSError as exc:
                raise TableError([f"{file}: cannot read: {exc.strerror}"]) from None
    return out


def load_table(extra: Iterable[str | Path] = (), *, shipped: bool = True) -> Table:
    """Load the shipped table plus ``extra`` files; later records override same-id ones.

    Raises :class:`TableError` listing every problem found.
    """
    files = (shipped_files() if shipped else []) + expand_paths(extra)
    merged: dict[tuple[str, str], Located] = {}
    errors: list[str] = []
    for path, text in files:
        records, file_errors = parse_file(text, path)
        errors.extend(file_errors)
        errors.extend(duplicate_ids(records, path, KIND))
        for located in records:
            merged[(located.section, located.record.id)] = located
    table = Table.build(list(merged.values()), errors)
    if errors:
        raise TableError(errors)
    return table
