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

import yaml
from pydantic import ValidationError

from remit.errors import TableError as TableError
from remit.rules.schema import KIND, SECTIONS
from remit.rules.table import Table

SHIPPED_PACKAGE = "remit.rules.data"


@dataclass(frozen=True)
class Located:
    """A validated record with the file and line it came from."""

    record: Any
    section: str
    path: str
    line: int


# libyaml's parser, where PyYAML was built with it, reads the table about 5 times faster; the
# records are built by the same safe constructor either way.
_SafeLoader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _LineLoader(_SafeLoader):
    """A safe loader that remembers the line of every mapping as ``__line__``."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict:
    mapping = _SafeLoader.construct_mapping(loader, node, deep=True)
    mapping["__line__"] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def _strip_lines(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _strip_lines(v) for k, v in value.items() if k != "__line__"}
    if isinstance(value, list):
        return [_strip_lines(v) for v in value]
    return value


def _describe(error: dict) -> str:
    where = ".".join(str(p) for p in error["loc"])
    return f"{where}: {error['msg']}" if where else error["msg"]


def parse_file(text: str, path: str) -> tuple[list[Located], list[str]]:
    """Parse one table file; return its records and the errors found in it."""
    try:
        data = yaml.load(text, Loader=_LineLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        line = mark.line + 1 if mark else 1
        problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
        return [], [f"{path}:{line}: not valid YAML: {problem}"]
    if data is None:
        return [], []
    if not isinstance(data, dict):
        return [], [f"{path}:1: a table file must be a mapping with {', '.join(SECTIONS)}"]
    records: list[Located] = []
    errors: list[str] = []
    for key, items in data.items():
        if key == "__line__":
            continue
        if key not in SECTIONS:
            errors.append(
                f"{path}:{data['__line__']}: unknown section '{key}' (known: {', '.join(SECTIONS)})"
            )
            continue
        if not isinstance(items, list):
            errors.append(f"{path}:{data['__line__']}: section '{key}' must be a list")
            continue
        model = SECTIONS[key]
        kind = KIND[key]
        for item in items:
            line = item.get("__line__", 1) if isinstance(item, dict) else data["__line__"]
            rid = item.get("id", "?") if isinstance(item, dict) else "?"
            try:
                record = model.model_validate(_strip_lines(item))
            except ValidationError as exc:
                errors.extend(
                    f"{path}:{line}: {kind} '{rid}': {_describe(e)}" for e in exc.errors())
                continue
            records.append(Located(record, key, path, line))
    return records, errors


def shipped_files() -> list[tuple[str, str]]:
    """Return ``(display path, text)`` of every table file shipped in the package."""
    folder = resources.files(SHIPPED_PACKAGE)
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".yaml")), key=lambda f: f.name)
    return [(f"remit/rules/data/{f.name}", f.read_text(encoding="utf-8")) for f in files]


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
                raise TableError([f"{file}: not UTF-8 text (byte {exc.start})"]) from None
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
        seen: set[tuple[str, str]] = set()
        for located in records:
            key = (located.section, located.record.id)
            if key in seen:
                errors.append(
                    f"{path}:{located.line}: {KIND[located.section]} '{located.record.id}': "
                    "duplicate id in this file"
                )
            seen.add(key)
            merged[key] = located
    table = Table.build(list(merged.values()), errors)
    if errors:
        raise TableError(errors)
    return table
