"""The prose of a document as blocks, each with an exact map back to the original source."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from remit.markup.offsets import CharMap, RunsBuilder, as_runs

# "unknown" is a comment that looks like a directive but is none (a misspelling): a warning.
DirectiveKind = Literal["ignore", "disable", "enable", "unknown"]

# Whitespace the tokenizer should see as a plain space; replaced one char for one, so that
# the offset map is unchanged.
_SPACES = str.maketrans({"\n": " ", "\r": " ", "\t": " ", "\xa0": " ", "\f": " ", "\v": " "})


@dataclass(frozen=True)
class Block:
    """A paragraph, heading, list item, table cell or quote paragraph, as clean prose.

    ``starts[i]`` and ``ends[i]`` are the source offsets where the text's char ``i`` begins and
    ends: an entity such as ``&amp;`` is one char of text spanning five of source. Both are
    kept as :class:`~remit.markup.offsets.Runs` (any sequence of ints given is turned into
    one), so a block's map costs memory per run of contiguous offsets, not per char.
    """

    text: str
    starts: Sequence[int]
    ends: Sequence[int]
    kind: str = "paragraph"
    start: int = 0

    def __post_init__(self) -> None:
        object.__setattr__(self, "starts", as_runs(self.starts))
        object.__setattr__(self, "ends", as_runs(self.ends))

    def source_offset(self, i: int) -> int:
        """Return the source offset of text offset ``i`` (``len(text)`` maps to the block end)."""
        if i < len(self.starts):
            return self.starts[i]
        return self.ends[-1] if self.ends else self.start

    @property
    def end(self) -> int:
        """The source offset just after the block's last char."""
        return self.ends[-1] if self.ends else self.start

    def source_end(self, i: int) -> int:
        """Return the source offset where a span ending (exclusively) at text offset ``i`` ends."""
        if i <= 0:
            return self.source_offset(0)
        return self.ends[min(i, len(self.ends)) - 1]


@dataclass(frozen=True)
class Directive:
    """A ``remit-ignore`` / ``remit-disable`` / ``remit-enable`` comment found in the source.

    ``start``/``end`` are its source span. An ``inline`` comment stands inside a block: it
    covers the sentence it ends (trailing) or, with prose after it on its line, the sentence that
    follows; a comment on its own line covers the first sentence of the text right below it.
    ``functions`` (``remit-ignore[green_card]``) limits it to claims of those functions; for an
    ``unknown`` directive, ``reason`` holds the word that was written.
    """

    kind: DirectiveKind
    start: int
    end: int
    reason: str | None = None
    inline: bool = False
    functions: tuple[str, ...] | None = None


@dataclass
class Document:
    """The blocks and suppression directives of one source, in source order."""

    blocks: list[Block] = field(default_factory=list)
    directives: list[Directive] = field(default_factory=list)
    # Warnings about the source itself, as "LINE: message" (like suppression notices).
    notices: list[str] = field(default_factory=list)


class BlockBuilder:
    """Collect text pieces with their source spans, then freeze them into a :class:`Block`."""

    def __init__(self, kind: str = "paragraph"):
        self.kind = kind
        self._text: list[str] = []  # the pieces added, in order
        self._starts = RunsBuilder()
        self._ends = RunsBuilder()

    def __len__(self) -> int:
        return len(self._starts)

    def has_prose(self) -> bool:
        """Whether anything but whitespace was added."""
        return any(piece and not piece.isspace() for piece in self._text)

    def add_raw(self, text: str, start: int) -> None:
        """Add text that stands verbatim in the source at ``start``."""
        self._text.append(text)
        self._starts.count(start, len(text))
        self._ends.count(start + 1, len(text))

    def add_decoded(self, text: str, start: int, end: int) -> None:
        """Add text decoded from the source span ``start:end`` (an entity, an escape, a break)."""
        self._text.append(text)
        self._starts.repeat(start, len(text))
        self._ends.repeat(end, len(text))

    def add_mapped(self, text: str, cmap: CharMap, at: int) -> None:
        """Add ``text``, which stands at ``at`` in the content ``cmap`` maps, run by run."""
        self._text.append(text)
        self._starts.extend_runs(cmap.starts, at, at + len(text))
        self._ends.extend_runs(cmap.ends, at, at + len(text))

    def add_char(self, char: str, start: int, end: int) -> None:
        """Add one char of text that stands for the source span ``start:end``."""
        self._text.append(char)
        self._starts.append(start)
        self._ends.append(end)

    def build(self) -> Block | None:
        """Return the block, trimmed of outer whitespace, or ``None`` if it holds no prose."""
        if not self.has_prose():
            return None
        text = "".join(self._text)
        lo = len(text) - len(text.lstrip())
        hi = len(text.rstrip())
        return Block(
            text=text[lo:hi].translate(_SPACES),
            starts=self._starts.build(lo, hi),
            ends=self._ends.build(lo, hi),
            kind=self.kind,
            start=self._starts.value(lo),
        )


def joined(parts: list[tuple[str, Block | int]], start: int) -> Block:
    """One block of text pieces in order: a block's text keeps its map; any other piece (glue,
    a mark) maps each of its chars to the source offset given with it."""
    starts, ends = RunsBuilder(), RunsBuilder()
    for text, where in parts:
        if isinstance(where, Block):
            starts.extend_runs(where.starts)
            ends.extend_runs(where.ends)
        else:
            starts.repeat(where, len(text))
            ends.repeat(where, len(text))
    return Block("".join(text for text, _ in parts), starts.build(), ends.build(), start=start)

