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
    source = _quote(MAX_MARKDOWN_DEPTH + 5)
    doc = extract_markdown(source)
    assert len(doc.notices) == 1
    assert doc.notices[0].startswith("3: Markdown nested more than")
    # ... and the deep text is still read, as a plain line at its place in the source
    deep = [b for b in doc.blocks if "green cards" in b.text]
    assert [b.text for b in deep] == ["USCIS issues green cards."]
    assert source[deep[0].start:].startswith("USCIS issues green cards.")


def test_text_after_the_deep_part_of_a_list_is_not_lost():
    items = "".join("  " * k + "- level\n" for k in range(MAX_MARKDOWN_DEPTH))
    source = "Intro.\n\n" + items + "  - ICE issues green cards.\n- USCIS grants asylum.\n\nAfter.\n"
    doc = extract_markdown(source)
    texts = [b.text for b in doc.blocks]
    assert doc.notices
    assert "ICE issues green cards." in texts and "USCIS grants asylum." in texts
    assert "After." in texts and texts.count("After.") == 1


def test_the_limit_is_deeper_than_commonmark_presets():
    assert MAX_MARKDOWN_DEPTH > 20
    doc = extract_markdown(_quote(30))
    assert any("green cards" in b.text for b in doc.blocks)
