"""Offset maps cost memory per run of contiguous offsets, not per char of input."""

from __future__ import annotations

import pytest

from remit.markup import extract_document
from remit.markup.document import join_blocks
from remit.markup.offsets import Runs


def test_verbatim_text_of_any_length_is_one_run():
    text = "ICE issues green cards. " * 40_000  # about 1 MB
    (block,) = extract_document(text + "\n", "text").blocks
    assert block.starts.run_count == block.ends.run_count == 1
    assert block.source_offset(500_000) == 500_000 and block.source_end(10) == 10


def test_markup_maps_grow_with_the_markup_not_the_prose():
    paragraph = "USCIS decides applications for green cards &amp; work permits. " * 50
    for fmt, source in (("markdown", f"# Title\n\n{paragraph}\n\n- an item\n"),
                        ("html", f"<h1>Title</h1><p>{paragraph}</p><ul><li>an item</li></ul>")):
        doc = extract_document(source, fmt)
        joined = join_blocks(doc.blocks, source)
        # each entity and each join is a run or two; the prose between them costs nothing
        assert joined.starts.run_count <= 2 * 50 + 10, fmt
        assert [source[joined.source_offset(i)] for i in range(2, 5)] == list("Tit")


def test_runs_index_like_a_tuple():
    runs = Runs.of([5, 6, 7, 7, 7, 20])
    assert runs.run_count == 3 and runs[-1] == 20 and runs[3] == 7 and list(runs[1:4]) == [6, 7, 7]
    with pytest.raises(IndexError):
        runs[6]
    assert runs == (5, 6, 7, 7, 7, 20) and runs != (5, 6) and hash(runs) == hash(tuple(runs))
