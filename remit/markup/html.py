"""HTML to prose blocks, via the standard library's ``html.parser``.

``HTMLParser.getpos()`` gives the exact line and column of every tag, text run, entity and
comment as the handler is called, and with ``convert_charrefs=False`` entities arrive one by one,
so each decoded char keeps its exact source span. The parser is tolerant of broken markup, as
browsers are, and adds no dependency.
"""

from __future__ import annotations

import html
from collections import Counter
from html.parser import HTMLParser

from remit.markup.blocks import BlockBuilder, Document
from remit.markup.suppress import parse_comment

# Elements whose text is not prose.
SKIPPED = frozenset(
    {"script", "style", "nav", "code", "pre", "template", "noscript", "svg", "math", "kbd", "samp"}
)
# Elements that do not end a block; every other element does.
INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font", "i",
        "ins", "kbd", "label", "mark", "q", "s", "samp", "small", "span", "strong", "sub",
        "sup", "time", "u", "var", "wbr", "img",
    }
)  # fmt: skip
_HEADINGS = {"title", "h1", "h2", "h3", "h4", "h5", "h6"}
_KIND = {"li": "list_item", "td": "table_cell", "th": "table_cell", "blockquote": "blockquote"}


def extract_html(source: str, base: int = 0) -> Document:
    """Return the prose blocks and suppression directives of an HTML source.

    ``base`` is added to every offset (for HTML embedded in a Markdown file).
    """
    parser = _ProseParser(source, base)
    parser.feed(source)
    parser.close()
    return parser.doc


class _ProseParser(HTMLParser):
    """Collect text between block boundaries, skipping non-prose elements."""

    def __init__(self, source: str, base: int):
        super().__init__(convert_charrefs=False)
        self.source = source
        self.base = base
        self.line_starts = [0] + [i + 1 for i, c in enumerate(source) if c == "\n"]
        self.doc = Document()
        self.skipping: Counter[str] = Counter()
        self.kind = "paragraph"
        self.builder = BlockBuilder()

    def _pos(self) -> int:
        """Return the offset (in ``source``) of the construct being handled."""
        line, col = self.getpos()
        return self.line_starts[line - 1] + col

    def _flush(self, kind: str | None = None) -> None:
        """End the current block; the next one is of ``kind`` (if given)."""
        block = self.builder.build()
        if block is not None:
            self.doc.blocks.append(block)
        if kind is not None:
            self.kind = kind
        self.builder = BlockBuilder(self.kind)

    def handle_starttag(self, tag, attrs):  # noqa: D102
        if tag in SKIPPED:
            self.skipping[tag] += 1
        if tag == "br" and not self._muted():
            start = self._pos()
            end = self.source.find(">", start) + 1 or start + 1
            self.builder.add_decoded(" ", self.base + start, self.base + end)
        elif tag not in INLINE:
            self._flush("heading" if tag in _HEADINGS else _KIND.get(tag, "paragraph"))

    def handle_endtag(self, tag):  # noqa: D102
        if self.skipping[tag] > 0:
            self.skipping[tag] -= 1
        if tag not in INLINE:
            self._flush("paragraph")

    def _muted(self) -> bool:
        return any(self.skipping.values())

    def handle_data(self, data):  # noqa: D102
        if not self._muted():
            self.builder.add_raw(data, self.base + self._pos())

    def handle_entityref(self, name):  # noqa: D102
        self._reference("&" + name)

    def handle_charref(self, name):  # noqa: D102
        self._reference("&#" + name)

    def _reference(self, raw: str) -> None:
        """Add a decoded entity or character reference spanning its exact source text."""
        if self._muted():
            return
        start = self._pos()
        end = start + len(raw)
        if self.source.startswith(";", end):
            end += 1
        text = html.unescape(self.source[start:end])
        self.builder.add_decoded(text, self.base + start, self.base + end)

    def handle_comment(self, data):  # noqa: D102
        start = self._pos()
        end = self.source.find("-->", start)
        end = end + 3 if end >= 0 else len(self.source)
        inline = self.builder.has_prose()
        directive = parse_comment(data, self.base + start, self.base + end, inline)
        if directive is not None:
            self.doc.directives.append(directive)

    def close(self):  # noqa: D102
        super().close()
        self._flush()
