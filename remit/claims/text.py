"""Same-length clean-up of raw text before parsing, so offsets stay exact."""

from __future__ import annotations

import re

_TAG = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_SINGLE_NEWLINE = re.compile(r"(?<=\S)[ \t]*\r?\n(?=[ \t]*\S)")


def prepare_text(text: str) -> str:
    """Blank out HTML-like tags and join lines broken inside a paragraph.

    Every character keeps its offset: tags become spaces and a single line break becomes a
    space, so a claim's position in the prepared text is its position in the input. Blank
    lines still separate paragraphs.
    """
    text = _TAG.sub(lambda m: " " * len(m.group()), text)
    return _SINGLE_NEWLINE.sub(lambda m: " " * len(m.group()), text)
