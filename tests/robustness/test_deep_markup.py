"""Markdown nested deeper than the parser reads gives a notice with its line, not silence."""

from __future__ import annotations

from remit.markup.markdown import MAX_MARKDOWN_DEPTH, extract_markdown


def _quote(depth: int) -> str:
    return "Intro line.\n\n" + "> " * depth + "USCIS issues green cards.\n"


def test_quotes_nested_within_the_limit_are_read_without_notice():
    doc = extract_markdown(_quote(MAX_MARKDOWN_DEPTH - 1))
    assert any("green cards" in b.text for b in doc.blocks)
    assert doc.notices == []


def test_quotes_nested_past_the_limit_give_a_notice_naming_the_line():
    doc = extract_markdown(_quote(MAX_MARKDOWN_DEPTH + 5))
    assert not any("green cards" in b.text for b in doc.blocks)
    assert len(doc.notices) == 1
    assert doc.notices[0].startswith("3: Markdown nested more than")


def test_the_limit_is_deeper_than_commonmark_presets():
    assert MAX_MARKDOWN_DEPTH > 20
    doc = extract_markdown(_quote(30))
    assert any("green cards" in b.text for b in doc.blocks)
