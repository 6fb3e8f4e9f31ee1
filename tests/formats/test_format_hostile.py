"""Injection (issue 12, item 6): JSON-LD safe inside a script tag; no escape sequence reaches a
terminal from checked text, a path, a suppression reason or a notice."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest
from format_samples import make

from remit.formats import RenderOptions, render
from remit.formats.base import terminal_safe
from remit.records import FileResult

ESC = "\x1b[2J\x1b]0;owned\x07\x1b[31m"
SCRIPT = "ICE issues green cards. </script><script>alert(1)</script> & more"


def script_result() -> FileResult:
    finding = make(SCRIPT, "ICE issues green cards", SCRIPT, "ICE", "green_card",
                   "contradicted", message="USCIS <b>issues</b> green cards & ICE does not.")
    return FileResult(path="a<b>&.md", text=SCRIPT, findings=(finding,))


def hostile_results() -> list[FileResult]:
    text = f"ICE issues green cards{ESC}.\n"
    finding = make(text, "ICE issues green cards", text.strip(), "ICE", "green_card",
                   "contradicted", message=f"USCIS issues green cards.{ESC}")
    suppressed = replace(finding, suppressed=f"quoted{ESC}\rhidden")
    return [FileResult(path=f"doc{ESC}.md", text=text, findings=(finding, suppressed),
                       notices=(f"1:1: unused remit-ignore comment{ESC}",))]


def test_claimreview_escapes_what_would_end_a_script_tag():
    out = render("claimreview", [script_result()], RenderOptions())
    assert not any(c in out for c in "<>&")
    assert "\\u003c/script\\u003e" in out and "\\u0026" in out
    review = json.loads(out)[0]  # still the same JSON
    assert review["claimReviewed"] == SCRIPT
    assert review["itemReviewed"]["appearance"]["name"] == "a<b>&.md"


def test_terminal_safe_strips_sequences_and_controls_only():
    assert terminal_safe(f"a{ESC}b\x9b1mc\x00\x7f\r") == "abc"
    assert terminal_safe("tab\tnewline\n é ✓ 🇺🇸") == "tab\tnewline\n é ✓ 🇺🇸"


@pytest.mark.parametrize("fmt", ["text", "line", "github"])
@pytest.mark.parametrize("color", [False, True])
def test_terminal_formats_carry_no_escape_sequence(fmt, color):
    out = render(fmt, hostile_results(), RenderOptions(color=color))
    cleaned = out.replace("\x1b[0m", "").replace("\x1b[31m", "").replace("\x1b[1m", "")
    assert "owned" not in out and "\x07" not in out and "\r" not in out
    for code in ("\x1b[2J", "\x1b]"):
        assert code not in out
    if not color:
        assert "\x1b" not in cleaned and "\x1b" not in out
    assert "doc.md" in out


def test_html_report_shows_control_characters_as_symbols():
    out = render("html", hostile_results(), RenderOptions())
    assert not any(c in out for c in "\x1b\x07\x00\x7f\x9b")
    assert "␛[2J␛]0;owned␇" in out  # visible to the reviewer, inert in a terminal
    assert "<h2>doc␛[2J␛]0;owned␇␛[31m.md</h2>" in out


def test_html_safe_keeps_the_whitespace_html_allows():
    from remit.formats.base import html_safe

    assert html_safe("a\tb\nc\rd\fe") == "a\tb\nc\rd\fe"
    assert html_safe("\x00\x1b\x7f\x85") == "␀␛␡\ufffd"
