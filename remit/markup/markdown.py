"""Markdown (CommonMark + GFM tables and strikethrough) to prose blocks, via markdown-it-py.

markdown-it gives each block token its source lines (``token.map``) but no columns, and its
inline tokens hold decoded text. So each inline token's content is first located, line by
line, in the original source (``_content_map``); then its children are walked in order over
that content (``_InlineWalker``), keeping text and dropping markup, code, URLs and link
targets, so every kept char knows its exact source span.
"""

from __future__ import annotations

import functools
import re

from markdown_it import MarkdownIt
from markdown_it.helpers import parseLinkDestination, parseLinkTitle
from markdown_it.token import Token

from remit.markup.blocks import BlockBuilder, Document
from remit.markup.html import extract_html
from remit.markup.offsets import CharMap, RunsBuilder
from remit.markup.suppress import parse_comment

# markdown-it's own newline rule: CRLF, CR and LF all end a line.
_NEWLINE = re.compile(r"\r\n?|\n")
_FRONT_MATTER = {"---": "---", "+++": "+++"}
# Bare URLs are not prose; links written as <…> are autolink tokens and dropped whole.
URL = re.compile(r"(?:https?|ftp)://[^\s<>]+|www\.[^\s<>]+", re.I)
_KIND = {
    "heading_open": "heading",
    "th_open": "table_cell",
    "td_open": "table_cell",
    "list_item_open": "list_item",
    "blockquote_open": "blockquote",
}
# Block tokens that hold blocks: at the nesting limit, markdown-it drops what they hold.
_CONTAINERS = {"blockquote_open", "bullet_list_open", "ordered_list_open", "list_item_open"}
_SPAN_MARKUP = {"strong_open", "strong_close", "em_open", "em_close", "s_open", "s_close"}

# The deepest nesting of block quotes and lists that is read (markdown-it's ``maxNesting``;
# its CommonMark preset stops at 20). Text nested deeper is not parsed; a notice says where.
MAX_MARKDOWN_DEPTH = 50


@functools.lru_cache(maxsize=4)
def _parser(max_depth: int = MAX_MARKDOWN_DEPTH) -> MarkdownIt:
    """Return a CommonMark parser with GFM tables and strikethrough, entities as own tokens."""
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": max_depth})
    md.enable(["table", "strikethrough"])
    # text_join merges entity and escape tokens into plain text, losing their source length.
    md.disable("text_join")
    return md


class _Lines:
    """Start and end offsets of the original source's lines, as markdown-it counts them."""

    def __init__(self, source: str):
        self.source = source
        self.starts = [0]
        self.ends = []
        for match in _NEWLINE.finditer(source):
            self.ends.append(match.start())
            self.starts.append(match.end())
        self.ends.append(len(source))

    def text(self, i: int) -> str:
        """Return the text of line ``i`` without its line break."""
        return self.source[self.starts[i] : self.ends[i]]


def blank_front_matter(source: str) -> tuple[str, int]:
    """Return the source with YAML/TOML front matter lines emptied, and how many lines it took."""
    lines = _NEWLINE.split(source)
    fence = _FRONT_MATTER.get(lines[0].rstrip()) if lines else None
    if fence is None:
        return source, 0
    for i in range(1, len(lines)):
        if lines[i].rstrip() in (fence, "..." if fence == "---" else fence):
            # Empty lines keep markdown-it's line numbers equal to the original's.
            return "\n" * (i + 1) + "\n".join(lines[i + 1 :]), i + 1
    return source, 0


def extract_markdown(source: str, max_depth: int = MAX_MARKDOWN_DEPTH) -> Document:
    """Return the prose blocks and suppression directives of a Markdown source.

    Quotes and lists are read ``max_depth`` levels deep; below that, plain lines with a notice.
    """
    lines = _Lines(source)
    text, _ = blank_front_matter(source)
    doc = Document()
    kinds: list[str] = []
    row_cursor = 0
    tokens = _parser(max_depth).parse(text)
    deep = _note_too_deep(doc, tokens, max_depth)
    for token in tokens:
        if token.type in _KIND:
            kinds.append(_KIND[token.type])
        elif token.type.replace("_close", "_open") in _KIND and token.nesting == -1:
            kinds.pop()
        if token.type == "tr_open":
            row_cursor = 0
        if token.type == "html_block" and token.map:
            _add_html(doc, lines, token)
        elif token.type == "inline" and token.map:
            kind = kinds[-1] if kinds else "paragraph"
            if kind == "table_cell":
                cmap, row_cursor = _cell_map(token.content, lines, token.map[0], row_cursor)
            else:
                cmap = _content_map(token.content, lines, token.map[0])
            _add_inline(doc, token, cmap, kind)
    if deep is not None:
        _add_dropped_lines(doc, lines, tokens, deep)
    return doc


# What opens a line nested in quotes and lists: '> ', '- ', '1. ' (read past, not checked).
_CONTAINER_PREFIX = re.compile(r"[ \t]*(?:(?:>|[-*+]|\d{1,9}[.)])(?=[ \t]|$)[ \t]*)*")
_LEAVES = {"inline", "fence", "code_block", "html_block", "hr"}


def _add_dropped_lines(doc: Document, lines: _Lines, tokens: list[Token], first: int) -> None:
    """Read the lines markdown-it dropped past the nesting limit as plain lines, one block
    each, without their quote and list markers: deep text is checked, never lost."""
    covered = {i for t in tokens if t.type in _LEAVES and t.map for i in range(*t.map)}
    for i in range(first, len(lines.ends)):
        line = lines.text(i)
        lo = _CONTAINER_PREFIX.match(line).end()
        body = line[lo:].rstrip()
        if i in covered or not body:
            continue
        start = lines.starts[i] + lo
        builder = BlockBuilder("paragraph")
        builder.add_raw(body, start)
        block = builder.build()
        if block is not None:
            doc.blocks.append(block)
    doc.blocks.sort(key=lambda b: b.start)


def _note_too_deep(doc: Document, tokens: list[Token], max_depth: int) -> int | None:
    """Add a notice where markdown-it stopped at the nesting limit and dropped the text inside;
    return that line's index (0-based), or None."""
    deepest = next((t for t in tokens if t.level >= max_depth - 1
                    and t.type in _CONTAINERS), None)
    if deepest is not None:
        line = next((t.map[0] + 1 for t in reversed(tokens[: tokens.index(deepest) + 1])
                     if t.map), 1)
        doc.notices.append(f"{line}: Markdown nested more than {max_depth - 1} levels "
                           "deep; the text from here on is read as plain lines")
        return line - 1
    return None


def _add_html(doc: Document, lines: _Lines, token: Token) -> None:
    """Parse a raw HTML block as HTML, at its place in the source."""
    start = lines.starts[token.map[0]]
    end = lines.ends[min(token.map[1], len(lines.ends)) - 1]
    sub = extract_html(lines.source[start:end], base=start)
    doc.blocks.extend(sub.blocks)
    doc.directives.extend(sub.directives)


def _add_inline(doc: Document, token: Token, cmap: CharMap, kind: str) -> None:
    """Walk one inline token into a block (and any inline directives)."""
    walker = _InlineWalker(token.content, cmap, BlockBuilder(kind), doc)
    walker.walk(token.children or [])
    block = walker.builder.build()
    if block is not None:
        doc.blocks.append(block)


def _content_map(content: str, lines: _Lines, first: int) -> CharMap:
    r"""Return the source span of each char of an inline token's content (``\n`` included).

    Each content line is the tail of its source line with the block's markers (``>``, list
    bullets, indentation, ``#``) removed, so its rightmost occurrence is its place.
    """
    starts, ends = RunsBuilder(), RunsBuilder()
    parts = content.split("\n")
    for k, part in enumerate(parts):
        i = min(first + k, len(lines.starts) - 1)
        line = lines.text(i)
        col = line.rfind(part)
        if col < 0:
            # A tab partly eaten by indentation comes out as spaces: find the rest.
            rest = part.lstrip(" ")
            col = max(line.rfind(rest) - (len(part) - len(rest)), 0) if rest else 0
        base, end = lines.starts[i] + col, lines.ends[i]
        inside = min(len(part), max(end - base, 0))  # chars that begin before the line's end
        starts.count(base, inside)
        starts.repeat(end, len(part) - inside)
        ends.count(base + 1, inside)
        ends.repeat(end, len(part) - inside)
        if k < len(parts) - 1:
            starts.append(end)
            ends.append(lines.starts[i + 1])
    return CharMap(starts.build(), ends.build())


def _cell_map(content: str, lines: _Lines, row: int, cursor: int) -> tuple[CharMap, int]:
    r"""Return the spans of a table cell's content in its row, and the cursor after it.

    Cells are found left to right; a ``|`` in content may stand for ``\|`` in the source.
    """
    line = lines.text(row)
    pattern = "".join(r"\\?\|" if c == "|" else re.escape(c) for c in content)
    match = re.compile(pattern).search(line, cursor)
    if match is None:
        return _content_map(content, lines, row), cursor
    spans, col = [], match.start()
    for char in content:
        if char == "|" and line[col] == "\\":
            col += 1
        spans.append((lines.starts[row] + col, lines.starts[row] + col + 1))
        col += 1
    return CharMap.of(spans), match.end()


class _InlineWalker:
    """Consume an inline token's content left to right, emitting prose chars with their spans."""

    def __init__(self, content: str, cmap: CharMap, builder: BlockBuilder, doc: Document):
        self.content = content
        self.cmap = cmap
        self.builder = builder
        self.doc = doc
        self.cur = 0
        self.muted = 0  # inside an image or autolink: consume, do not emit

    def walk(self, children: list[Token]) -> None:
        """Handle each child token in order."""
        for child in children:
            handler = getattr(self, "_on_" + child.type, None)
            if handler is not None:
                handler(child)
            elif child.type in _SPAN_MARKUP:
                self._find(child.markup, advance=True)

    def _find(self, needle: str, advance: bool = False) -> int:
        """Return where ``needle`` next stands in content (optionally moving past it)."""
        pos = self.content.find(needle, self.cur)
        if pos < 0:
            return -1
        self.cur = pos + len(needle) if advance else pos
        return pos

    def _emit(self, text: str, pos: int) -> None:
        """Emit ``text`` found at content offset ``pos``, dropping bare URLs."""
        if self.muted:
            return
        kept = 0  # the text between bare URLs, each stretch added whole
        for match in (*URL.finditer(text), None):
            upto = match.start() if match else len(text)
            if upto > kept:
                self.builder.add_mapped(text[kept:upto], self.cmap, pos + kept)
            kept = match.end() if match else kept

    def _on_text(self, token: Token) -> None:
        pos = self._find(token.content, advance=True)
        if pos >= 0:
            self._emit(token.content, pos)

    def _on_text_special(self, token: Token) -> None:
        pos = self._find(token.markup or token.content, advance=True)
        if pos >= 0 and not self.muted:
            start = self.cmap[pos][0]
            end = self.cmap[pos + len(token.markup or token.content) - 1][1]
            self.builder.add_decoded(token.content, start, end)

    def _on_softbreak(self, token: Token) -> None:
        pos = self._find("\n", advance=True)
        if pos >= 0 and not self.muted:
            self.builder.add_decoded(" ", *self.cmap[pos])

    _on_hardbreak = _on_softbreak

    def _on_code_inline(self, token: Token) -> None:
        # Skip the whole span: from the opening backtick run to the closing one of equal length.
        pos = self._find(token.markup, advance=True)
        if pos < 0:
            return
        close = re.compile(rf"(?<!`){re.escape(token.markup)}(?!`)").search(self.content, self.cur)
        self.cur = close.end() if close else self.cur

    def _on_html_inline(self, token: Token) -> None:
        pos = self._find(token.content, advance=True)
        if pos < 0 or not token.content.startswith("<!--"):
            return
        body = token.content[4:].removesuffix("-->")
        start, end = self.cmap[pos][0], self.cmap[self.cur - 1][1]
        directive = parse_comment(body, start, end, inline=self.builder.has_prose())
        if directive is not None:
            self.doc.directives.append(directive)

    def _on_link_open(self, token: Token) -> None:
        if token.markup in ("autolink", "linkify"):
            self.muted += 1
            self._find("<", advance=True)
        else:
            self._find("[", advance=True)

    def _on_link_close(self, token: Token) -> None:
        if token.markup in ("autolink", "linkify"):
            self._find(">", advance=True)
            self.muted -= 1
        else:
            self._skip_link_tail()

    def _on_image(self, token: Token) -> None:
        self._find("![", advance=True)
        self.muted += 1
        self.walk(token.children or [])
        self.muted -= 1
        self._skip_link_tail()

    def _skip_link_tail(self) -> None:
        """Move past ``](target "title")``, ``][ref]`` or ``]`` (the link target is not prose)."""
        if self._find("]", advance=True) < 0:
            return
        text, pos, size = self.content, self.cur, len(self.content)
        if pos < size and text[pos] == "(":
            pos = _skip_space(text, pos + 1)
            result = parseLinkDestination(text, pos, size)
            pos = _skip_space(text, result.pos if result.ok else pos)
            result = parseLinkTitle(text, pos, size)
            pos = _skip_space(text, result.pos if result.ok else pos)
            self.cur = pos + 1 if pos < size and text[pos] == ")" else pos
        elif pos < size and text[pos] == "[":
            end = text.find("]", pos)
            self.cur = end + 1 if end >= 0 else pos


def _skip_space(text: str, pos: int) -> int:
    """Return the first offset at or after ``pos`` that is not a space, tab or newline."""
    while pos < len(text) and text[pos] in " \t\n":
        pos += 1
    return pos
