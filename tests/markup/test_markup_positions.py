"""Every kept word maps back to exactly its own place in the original source."""

from pathlib import Path

import pytest
import yaml

from remit.markup import extract_blocks

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "positions.yaml").read_text())


def occurrences(text: str, word: str) -> list[int]:
    found, i = [], text.find(word)
    while i >= 0:
        found.append(i)
        i = text.find(word, i + 1)
    return found


def mapped(source: str, fmt: str, word: str) -> list[tuple[int, int]]:
    spans = []
    for block in extract_blocks(source, fmt):
        for i in occurrences(block.text, word):
            spans.append((block.source_offset(i), block.source_end(i + len(word))))
    return sorted(spans)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_kept_words_map_to_their_place(case):
    source, word = case["source"], case["word"]
    where = occurrences(source, word)
    expected = [(where[k], where[k] + len(word)) for k in case["keep"]]
    assert mapped(source, case["format"], word) == expected


def test_cases_cover_every_format():
    assert {c["format"] for c in CASES} == {"markdown", "html", "text"}


def test_every_char_maps_inside_the_source():
    source = CASES[0]["source"]
    for block in extract_blocks(source, "markdown"):
        ends = [block.source_offset(i) for i in range(len(block.text) + 1)]
        assert ends == sorted(ends)
        assert 0 <= ends[0] and ends[-1] <= len(source)
