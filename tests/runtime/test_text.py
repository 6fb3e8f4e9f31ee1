"""Text clean-up skips the rewrites a text cannot need, with the same result and offsets."""

from __future__ import annotations

import pytest

from remit.runtime import text as clean
from remit.runtime.text import Prepared, normalize_text


def _every_pass(text: str) -> Prepared:
    """Each rewrite in turn, none skipped (what normalize_text did before it skipped any)."""
    result = Prepared(text)
    for pattern, repl in ((clean._ENTITY, lambda m: clean.html.unescape(m.group())),
                          (clean._TAG, clean._tag), (clean._SPACE, clean._space),
                          (clean._PUNCT_RUN, clean._pieces(16)),
                          (clean._LONG_CHUNK, clean._pieces(512)),
                          (clean._APOSTROPHE_EARLY, clean._apostrophe),
                          (clean._DOESNT_SLIP, clean._doesnt)):
        result = clean._compose(result, clean._rewrite(result.text, pattern, repl))
    return result


@pytest.mark.parametrize("text", [
    "CBP inspects cargo.", "CBP  inspects\ncargo &amp; <b>mail</b>.", "It does'nt matter.",
    "The office dosen't decide.", "x" * 1100 + " tail", "Wait" + "!" * 70 + " then.",
    "Plain text with a tab\tand a line\n\nbreak.", "",
])
def test_same_as_every_pass(text):
    ours, every = normalize_text(text), _every_pass(text)
    assert ours.text == every.text
    assert [ours.to_input(i) for i in range(len(ours.text) + 1)] == [
        every.to_input(i) for i in range(len(every.text) + 1)]


def test_one_scan_rules_out_the_rare_rewrites():
    assert clean._RARE.search("CBP inspects cargo at the ports.") is None
    for text in ("does'nt", "Doens't", "?" * 64, "y" * 1024):
        assert clean._RARE.search(text) is not None
