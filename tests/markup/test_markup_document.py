"""check_document: block findings move back to the original file; formats; reading inputs."""

import pytest

from remit.markup import InputError, check_document, detect_format, read_source, require_text

MD = (
    "---\r\ntitle: ICE\r\n---\r\n"
    "# Notes &amp; ICE\r\n\r\n"
    "```\r\nICE issues green cards.\r\n```\r\n\r\n"
    "| a | b |\r\n|---|---|\r\n| `ICE` | Café: ICE issues green cards. |\r\n"
)


def test_findings_point_into_the_original_file(fake_engine):
    engine = fake_engine
    result = check_document(engine, "doc.md", MD, "markdown")
    assert result.text == MD
    records = result.records()
    assert [(r["line"], r["column"]) for r in records] == [(4, 15), (12, 17)]
    for finding in result.findings:
        assert MD[finding.claim.start : finding.claim.end] == "ICE"
    assert records[1]["sentence"] == "Café: ICE issues green cards."
    assert records[0]["path"] == "doc.md"
    assert result.input_format == "markdown"  # so a report can show the prose again


def test_one_engine_call_per_document(fake_engine):
    engine = fake_engine
    check_document(engine, "doc.md", MD, "markdown")
    assert engine.calls == 1
    # the blocks as one text, a blank line between them, headings marked and the cells of a
    # table row on one line, so a heading's agency reaches what stands under it
    assert engine.texts == ["# Notes & ICE\n\na | b\n\nCafé: ICE issues green cards."]


def test_empty_document_has_no_findings_and_no_engine_call(fake_engine):
    engine = fake_engine
    result = check_document(engine, "empty.md", "", "markdown")
    assert result.findings == () and result.notices == ()
    assert engine.calls == 0


def test_sentence_offsets_span_markup(fake_engine):
    source = "Say **ICE** issues [cards](http://x).\n"
    result = check_document(fake_engine, "x.md", source, "markdown")
    claim = result.findings[0].claim
    assert source[claim.sent_start : claim.sent_end] == "Say **ICE** issues [cards](http://x)."


@pytest.mark.parametrize(
    ("path", "override", "fmt"),
    [
        ("a.md", None, "markdown"),
        ("a.MARKDOWN", None, "markdown"),
        ("a.mdx", None, "markdown"),
        ("a.html", None, "html"),
        ("a.htm", None, "html"),
        ("a.txt", None, "text"),
        ("-", None, "text"),
        ("a.txt", "markdown", "markdown"),
        ("a.md", "text", "text"),
    ],
)
def test_detect_format(path, override, fmt):
    assert detect_format(path, override) == fmt


def test_detect_format_rejects_unknown_override():
    with pytest.raises(ValueError, match="unknown input format 'rst'"):
        detect_format("a.md", "rst")


def test_read_source_strips_bom(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"\xef\xbb\xbfICE\r\n")
    assert read_source(str(path)) == "ICE\r\n"


def test_read_source_empty_file(tmp_path):
    path = tmp_path / "a.md"
    path.write_bytes(b"")
    assert read_source(str(path)) == ""


def test_binary_input_names_file_and_byte(tmp_path):
    path = tmp_path / "img.md"
    path.write_bytes(b"ab\ncd\x00ef")
    with pytest.raises(InputError) as err:
        read_source(str(path))
    message = str(err.value)
    assert message == f"{path}: binary input (NUL byte at byte 5, line 2, column 3)"
    assert "\n" not in message


def test_bad_utf8_names_file_and_byte(tmp_path):
    path = tmp_path / "latin1.md"
    path.write_bytes("ok\nCaf\xe9".encode("latin-1"))
    with pytest.raises(
        InputError, match=r"latin1\.md: invalid UTF-8 at byte 6 \(line 2, column 4\)"
    ):
        read_source(str(path))


def test_too_large_input_is_refused(tmp_path):
    path = tmp_path / "big.md"
    path.write_bytes(b"x" * 101)
    with pytest.raises(InputError, match=r"big\.md: larger than the 100-byte limit"):
        read_source(str(path), max_bytes=100)
    assert read_source(str(path), max_bytes=101) == "x" * 101


def test_missing_file(tmp_path):
    with pytest.raises(InputError, match="nope.md: cannot read"):
        read_source(str(tmp_path / "nope.md"))


def test_stdin(monkeypatch):
    import io
    import sys

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"ICE\xff")))
    with pytest.raises(InputError, match=r"<stdin>: invalid UTF-8 at byte 3"):
        read_source("-")


@pytest.mark.parametrize("path, text, message", [
    ("a.md", "", "a.md: empty input: nothing in the file to check"),
    ("a.md", " \n\t\r\n", "a.md: empty input: nothing in the file to check"),
    ("-", "\n", "-: empty input: nothing on standard input to check"),
])
def test_require_text_refuses_empty_input(path, text, message):
    with pytest.raises(InputError) as err:
        require_text(path, text)
    assert str(err.value) == message


def test_require_text_passes_text_through():
    assert require_text("a.md", " ICE\n") == " ICE\n"
