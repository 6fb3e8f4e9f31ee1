"""Renderers that turn :class:`~remit.records.FileResult` lists into text, JSON, SARIF and more.

Each format is one module with a pure ``render(results, options) -> str``. Modules are imported
only when their format is asked for, so ``--format json`` never loads the HTML renderer.
"""

from __future__ import annotations

import importlib

from remit.formats.base import DEFAULT_SEVERITY, LEVELS, RenderOptions, table_labels
from remit.records import FileResult

# Format name -> module that renders it. Ordered as `--help` should list them.
FORMATS: dict[str, str] = {
    "text": "remit.formats.text",
    "line": "remit.formats.line",
    "json": "remit.formats.json_",
    "jsonl": "remit.formats.jsonl",
    "sarif": "remit.formats.sarif",
    "github": "remit.formats.github",
    "rdjson": "remit.formats.rdjson",
    "html": "remit.formats.html",
    "claimreview": "remit.formats.claimreview",
}


def render(fmt: str, results: list[FileResult], options: RenderOptions | None = None) -> str:
    """Render ``results`` in format ``fmt`` (a key of :data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown format '{fmt}' (known: {', '.join(FORMATS)})")
    module = importlib.import_module(FORMATS[fmt])
    return module.render(list(results), options or RenderOptions())


__all__ = ["FORMATS", "LEVELS", "DEFAULT_SEVERITY", "RenderOptions", "render", "table_labels"]
