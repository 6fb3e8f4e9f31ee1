"""``--format jsonl``: one claim record per line, every claim of every input (see json)."""

from __future__ import annotations

import json

from remit.formats.base import RenderOptions
from remit.records import FileResult


def render(results: list[FileResult], options: RenderOptions) -> str:
    """Render one compact JSON claim record per line."""
    return "".join(
        json.dumps(record, ensure_ascii=False) + "\n" for r in results for record in r.records()
    )
