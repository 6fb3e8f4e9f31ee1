"""Markup-aware input: prose blocks of Markdown, HTML and text with exact source positions.

Also inline suppression comments (``remit-ignore``, ``remit-disable``/``remit-enable``) and
strict reading of inputs. See ``docs/markup.md``.
"""

from remit.inputs import InputError
from remit.markup.blocks import Block, Directive, Document
from remit.markup.document import (
    FORMATS,
    check_document,
    detect_format,
    extract_blocks,
    extract_document,
)
from remit.markup.source import DEFAULT_MAX_BYTES, parse_size, read_source, require_text

__all__ = [
    "Block",
    "Directive",
    "Document",
    "FORMATS",
    "DEFAULT_MAX_BYTES",
    "InputError",
    "check_document",
    "detect_format",
    "extract_blocks",
    "extract_document",
    "parse_size",
    "read_source",
    "require_text",
]
