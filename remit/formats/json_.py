"""``--format json``: a JSON array with one object per input, ``{"path", "claims", "notices"}``.

Every claim is included, suppressed and unasserted ones too: their records say so
(``suppressed``, ``suppression_reason``, ``asserted``), and consumers filter.
"""

from __future__ import annotations

import json

from remit.formats.base import RenderOptions
from remit.records import FileResult


def render(results: list[FileResult], options: RenderOptions) -> str:
    """Render all inputs as one indented JSON array."""
    payload = [
        {"path": r.path, "claims": r.records(), "notices": list(r.notices)} for r in results
    ]
    return json.dumps(payload, ensure_ascii=False, indent=2) + "\n"
