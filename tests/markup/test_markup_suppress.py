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


def test_ignore_on_its_own_line_covers_the_next_sentence_only(check):
    # Issue 13: as ruff's noqa covers one line, an own-line ignore covers one sentence.
    source = (
        "<!-- remit-ignore: quoted from a reader's letter -->\n"
        "ICE issues green cards. Still ICE.\n\nICE again.\n"
    )
    result = check(source)
    assert suppressed(result) == [
        (2, "quoted from a reader's letter"),
        (2, None),
        (4, None),
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


def test_trailing_ignore_covers_its_own_sentence(check):
    source = "ICE one. ICE two. <!-- remit-ignore: irony -->\n\nICE three.\n"
    assert [f.suppressed for f in check(source).findings] == [None, "irony", None]
    assert check(source).notices == ()


def test_trailing_ignore_at_a_line_end_inside_a_paragraph(check):
    source = "ICE one. <!-- remit-ignore: irony -->\nICE two.\n"
    assert [f.suppressed for f in check(source).findings] == ["irony", None]


def test_trailing_ignore_in_a_table_cell(check):
    source = "| a | b |\n| - | - |\n| ICE x. <!-- remit-ignore: quote --> | ICE y. |\n"
    assert [f.suppressed for f in check(source).findings] == ["quote", None]


def test_own_line_ignore_never_reaches_past_a_blank_line(check):
    result = check("<!-- remit-ignore: q -->\n\nICE issues green cards.\n")
    assert suppressed(result) == [(3, None)]
    assert result.notices == ("1: unused remit-ignore",)


def test_ignore_limited_to_functions(check):
    result = check("ICE one. <!-- remit-ignore[detention]: other role -->\n\n"
                   "ICE two. <!-- remit-ignore[detention, issue_green_cards]: quoted -->\n")
    assert [f.suppressed for f in result.findings] == [None, "quoted"]
    assert result.notices == ("1: unused remit-ignore",)


def test_disable_limited_to_functions(check):
    result = check("<!-- remit-disable[issue_green_cards] -->\n\nICE a.\n\n<!-- remit-enable -->\n")
    assert [f.suppressed for f in result.findings] == [NO_REASON]


@pytest.mark.parametrize(("source", "notice"), [
    ("ICE. <!-- remit-ignroe: typo -->\n", "1:6: unknown directive 'remit-ignroe'"),
    ("Hi.\n\n<!-- remit-ignore quoted -->\nICE.\n", "3:1: malformed directive 'remit-ignore'"),
    ("<!-- remit_disable -->\nICE.\n", "1:1: unknown directive 'remit_disable'"),
])
def test_misspelt_directives_are_warnings_with_their_place(check, source, notice):
    result = check(source)
    assert len(result.notices) == 1 and result.notices[0].startswith(notice), result.notices
    assert [f.suppressed for f in result.findings] == [None]


def test_misspelt_directive_in_html_and_text(check):
    assert check("<p>ICE.</p><!-- remit-enabel -->", "html", "a.html").notices[0].startswith(
        "1:12: unknown directive 'remit-enabel'")
    result = check("ICE.\n# remit-ignroe: x\n", "text", "a.txt")
    assert result.notices[0].startswith("2:1: unknown directive 'remit-ignroe'")


def test_unknown_function_in_a_directive_is_a_warning(fake_engine):
    class Table:
        functions = {"issue_green_cards": object()}

    fake_engine.table = Table()
    result = check_document(fake_engine, "a.md", "ICE. <!-- remit-ignore[gren_card]: x -->\n",
                            "markdown")
    assert result.notices[0].startswith("1:6: unknown function 'gren_card' in remit-ignore")
    assert [f.suppressed for f in result.findings] == [None]


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
        (" remit-ignore[green_card,part_of]: quoted ", "ignore", "quoted"),
    ],
)
def test_parse_directive(body, kind, reason):
    directive = parse_directive(body, 0, 1)
    assert (directive.kind, directive.reason) == (kind, reason)
    if "[" in body:
        assert directive.functions == ("green_card", "part_of")


@pytest.mark.parametrize("body", [" remit-ignored ", " a remit-ignore ", " remit-skip ", " todo "])
def test_other_comments_are_not_directives(body):
    assert parse_directive(body, 0, 1) is None
