"""BlockBuilder: verbatim text added in one call maps each char as char-by-char adding does."""

from remit.markup.blocks import BlockBuilder


def _by_char(pieces):
    builder = BlockBuilder()
    for text, start in pieces:
        for i, char in enumerate(text):
            builder.add_char(char, start + i, start + i + 1)
    return builder.build()


def test_add_raw_equals_adding_each_char():
    pieces = [("  ICE issues", 10), (" green\ncards. ", 40), ("x", 99)]
    builder = BlockBuilder()
    for text, start in pieces:
        builder.add_raw(text, start)
    block = builder.build()
    assert block == _by_char(pieces)
    assert block.text == "ICE issues green cards. x"
    assert block.start == 12 and block.source_offset(11) == 41 and block.end == 100
