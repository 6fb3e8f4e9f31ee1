"""The layout that ends or carries the reach of 'it' and 'the agency' (remit.runtime.salience)."""

from __future__ import annotations

import pytest

from remit.runtime.salience import layout

TEXT = "## Border crossings\n\nThe agency inspects trucks. It also runs checkpoints.\n\nWhat is ICE?\n"


@pytest.mark.parametrize(("sentence", "previous", "heading", "opens"), [
    ("## Border crossings", None, True, True),
    ("The agency inspects trucks.", "## Border crossings", False, True),
    ("It also runs checkpoints.", "The agency inspects trucks.", False, False),
    ("What is ICE?", "It also runs checkpoints.", True, True),
])
def test_layout(sentence, previous, heading, opens):
    start = TEXT.index(sentence)
    previous_end = TEXT.index(previous) + len(previous) if previous else None
    assert layout(TEXT, start, start + len(sentence), previous_end) == (heading, opens)
