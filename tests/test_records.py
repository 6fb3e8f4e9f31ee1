"""Line and column of an offset, from one line-start index per text (remit.records.line_col)."""

from __future__ import annotations

import random

from remit import records
from remit.records import line_col


def _counted(text: str, offset: int) -> tuple[int, int]:
    return text.count("\n", 0, offset) + 1, offset - (text.rfind("\n", 0, offset) + 1) + 1


def test_same_as_counting_newlines():
    rng = random.Random(3)
    texts = ["", "one line", "\n", "a\n\nb\n", "\nstarts with a break", "ends\n",
             "".join(rng.choice("ab \n") for _ in range(500))]
    for text in texts:
        for offset in range(len(text) + 2):
            assert line_col(text, offset) == _counted(text, offset), (text, offset)


def test_the_index_is_built_once_per_text():
    text = "first\nsecond\nthird\n" * 50
    assert [line_col(text, o) for o in (0, 6, 13, 19)] == [(1, 1), (2, 1), (3, 1), (4, 1)]
    assert records.line_starts(text) is records.line_starts(text)  # kept, not rebuilt
