"""Inline suppression comments in Markdown, HTML and plain text."""

import pytest

from remit.markup import check_document
from remit.markup.suppress import NO_REASON, parse_directive


@pytest.fixture
def check(fake_engine):
    def run(source: str, fmt: str = "markdown", path: str = "doc.md"):
        return check_document(fake_engine, path, source, fmt)

    return run


def suppressed(result) -> list[tuple[int, str | None]]:
    """(line, reason) of every finding, reason None when not suppressed."""
    return [(r["line"], r["suppression_reason"]) for r in result.records()]


def test_ignore_covers_next_paragraph_only(check):
    source = (
        "<!-- remit-ignore: quoted from a reader's letter -->\n"
        "ICE issues green cards.\nStill ICE.\n\nICE again.\n"
    )
    result = check(source)
    assert suppressed(result) == [
        (2, "quoted from a reader's letter"),
        (3, "quoted from a reader's letter"),
        (5, None),
    ]
    assert result.findings[0].verdict == "contradicted"
    assert result.notices == ()


def test_ignore_on_same_line_as_text(check):
    result = check("<!-- remit-ignore: quote --> ICE issues green cards.\n\nICE.\n")
    assert suppressed(result) == [(1, "quote"), (3, None)]


def test_ignore_before_list_item_and_heading(check):
    source = "- a\n- <!-- remit-ignore: x --> ICE b\n- ICE c\n\n<!-- remit-ignore -->\n# ICE\n"
    assert suppressed(check(source)) == [(2, "x"), (3, None), (6, NO_REASON)]


def test_inline_ignore_covers_the_next_sentence(check):
    source = "ICE one. <!-- remit-ignore: irony --> ICE two. ICE three.\n"
    assert [f.suppressed for f in check(source).findings] == [None, "irony", None]


def test_disable_enable_range(check):
    source = (
        "ICE before.\n\n<!-- remit-disable: legacy page -->\n\nICE a.\n\n- ICE b\n\n"
        "<!-- remit-enable -->\n\nICE after.\n"
    )
    assert suppressed(check(source)) == [
        (1, None),
        (5, "legacy page"),
        (7, "legacy page"),
        (11, None),
    ]


def test_disable_without_enable_runs_to_end(check):
    source = "ICE a.\n\n<!-- remit-disable -->\n\nICE b.\n\nICE c.\n"
    assert suppressed(check(source)) == [(1, None), (5, NO_REASON), (7, NO_REASON)]


def test_unused_suppressions_are_notices(check):
    source = (
        "<!-- remit-ignore: nothing here -->\nNo claim.\n\n"
        "<!-- remit-disable -->\n\nNone.\n\n<!-- remit-enable -->\n\n<!-- remit-enable -->\n"
        "\n<!-- remit-ignore -->\n"
    )
    assert check(source).notices == (
        "1: unused remit-ignore",
        "4: unused remit-disable",
        "10: remit-enable without remit-disable",
        "12: unused remit-ignore",
    )


def test_used_ignore_gives_no_notice(check):
    assert check("<!-- remit-ignore: q -->\nICE.\n").notices == ()


def test_html_comments(check):
    source = (
        "<p>ICE a.</p>\n<!-- remit-ignore: sarcasm -->\n<p>ICE b.</p>\n"
        "<p>ICE c. <!-- remit-ignore --> ICE d.</p>\n"
    )
    result = check(source, "html", "page.html")
    assert suppressed(result) == [(1, None), (3, "sarcasm"), (4, None), (4, NO_REASON)]


def test_plain_text_lines(check):
    source = (
        "ICE a.\n\n# remit-ignore: quoting\nICE b.\nICE b2.\n\nICE c.\n\n"
        "  # remit-disable\nICE d.\n# remit-enable\nICE e.\n# remit-ignore\n"
    )
    result = check(source, "text", "notes.txt")
    assert suppressed(result) == [
        (1, None),
        (4, "quoting"),
        (5, "quoting"),
        (7, None),
        (10, NO_REASON),
        (12, None),
    ]
    assert result.notices == ("13: unused remit-ignore",)


def test_plain_text_directive_lines_are_not_checked(fake_engine):
    engine = fake_engine
    check_document(engine, "t.txt", "# remit-ignore: ICE\nICE.\n", "text")
    assert engine.texts == ["ICE."]


def test_markdown_heading_is_not_a_text_directive(check):
    # In Markdown, "# remit-ignore" is a heading, not a directive.
    assert suppressed(check("# remit-ignore\nICE.\n")) == [(2, None)]


@pytest.mark.parametrize(
    ("body", "kind", "reason"),
    [
        (" remit-ignore: a reason ", "ignore", "a reason"),
        ("remit-ignore", "ignore", None),
        (" remit-ignore: ", "ignore", None),
        (" remit-disable: legacy\n page ", "disable", "legacy\n page"),
        (" remit-enable ", "enable", None),
    ],
)
def test_parse_directive(body, kind, reason):
    directive = parse_directive(body, 0, 1)
    assert (directive.kind, directive.reason) == (kind, reason)


@pytest.mark.parametrize("body", [" remit-ignored ", " a remit-ignore ", " remit-skip ", " todo "])
def test_other_comments_are_not_directives(body):
    assert parse_directive(body, 0, 1) is None
