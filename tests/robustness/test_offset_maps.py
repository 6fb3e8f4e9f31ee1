"""Offset maps as runs (``remit.markup.offsets``) against plain per-char lists (hypothesis).

Every way a map is built (single offsets, counting runs, repeated offsets, windows, joins) gives
the same values, index by index, as the list of ints the tuples held before.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from remit.markup.blocks import Block, BlockBuilder
from remit.markup.document import join_blocks
from remit.markup.offsets import Runs, RunsBuilder

SOME = settings(max_examples=150, derandomize=True, deadline=None, database=None)
# (kind, value, n): one value, n counting from value, or value n times
_OPS = st.lists(st.tuples(st.sampled_from(["append", "count", "repeat"]),
                          st.integers(0, 40), st.integers(0, 5)), max_size=30)


def _build(ops) -> tuple[RunsBuilder, list[int]]:
    builder, model = RunsBuilder(), []
    for kind, value, n in ops:
        if kind == "append":
            builder.append(value)
            model.append(value)
        elif kind == "count":
            builder.count(value, n)
            model.extend(range(value, value + n))
        else:
            builder.repeat(value, n)
            model.extend([value] * n)
    return builder, model


@SOME
@given(ops=_OPS, lo=st.integers(0, 60), hi=st.integers(0, 60))
def test_runs_hold_the_values_of_a_list(ops, lo, hi):
    builder, model = _build(ops)
    runs = builder.build()
    assert len(runs) == len(model) == len(builder)
    assert list(runs) == model
    assert [runs[i] for i in range(len(model))] == model
    assert [runs[-i] for i in range(1, len(model) + 1)] == [model[-i]
                                                            for i in range(1, len(model) + 1)]
    assert list(runs[lo:hi]) == model[lo:hi] == list(builder.build(lo, max(lo, min(hi, len(model)))))
    assert Runs.of(model) == model and runs == tuple(model)
    assert runs.run_count <= max(1, len(ops))


# A piece of block text: verbatim at a source offset, or decoded from a source span.
_PIECES = st.lists(st.tuples(st.sampled_from(["raw", "decoded", "char"]),
                             st.text(" \nab&é", max_size=6), st.integers(0, 30)), max_size=12)


@SOME
@given(pieces=_PIECES)
def test_block_builder_maps_each_char_as_per_char_lists_do(pieces):
    builder, text, starts, ends, at = BlockBuilder(), [], [], [], 0
    for kind, piece, gap in pieces:
        at += gap
        if kind == "raw":
            builder.add_raw(piece, at)
            spans = [(at + i, at + i + 1) for i in range(len(piece))]
        elif kind == "decoded":
            builder.add_decoded(piece, at, at + 5)
            spans = [(at, at + 5)] * len(piece)
        else:
            piece = piece[:1]
            if piece:
                builder.add_char(piece, at, at + 2)
            spans = [(at, at + 2)] * len(piece)
        text += piece
        starts += [s for s, _ in spans]
        ends += [e for _, e in spans]
        at += len(piece) + 5
    block = builder.build()
    joined = "".join(text)
    if not joined.strip():
        assert block is None
        return
    lo, hi = len(joined) - len(joined.lstrip()), len(joined.rstrip())
    assert list(block.starts) == starts[lo:hi] and list(block.ends) == ends[lo:hi]
    assert block.start == starts[lo] and block.end == ends[hi - 1]
    assert block.source_offset(hi - lo) == block.end == block.source_end(hi - lo + 3)


@SOME
@given(blocks=st.lists(st.tuples(st.sampled_from(["paragraph", "heading", "list_item"]),
                                 st.text("ab c", min_size=1, max_size=8)),
                       min_size=1, max_size=6))
def test_joined_blocks_map_as_concatenated_lists(blocks):
    made, at = [], 0
    for kind, text in blocks:
        made.append(Block(text, tuple(range(at, at + len(text))),
                          tuple(range(at + 1, at + len(text) + 1)), kind=kind, start=at))
        at += len(text) + 3
    joined = join_blocks(made)
    starts, ends = [], []
    for k, block in enumerate(made):
        glue = "\n\n" if k else ""
        mark = {"list_item": "• ", "heading": "# "}.get(block.kind, "")
        starts += [made[k - 1].end] * len(glue) + [block.start] * len(mark) + list(block.starts)
        ends += [made[k - 1].end] * len(glue) + [block.start] * len(mark) + list(block.ends)
    assert list(joined.starts) == starts and list(joined.ends) == ends
    assert len(joined.text) == len(starts)
