"""The HTML report shows an input's prose, the text remit checked, not its raw markup."""

from __future__ import annotations

import re

from format_samples import make

from remit.formats import render
from remit.records import FileResult

MARKDOWN = (
    "---\n"
    "title: Agency roles\n"
    "tags: [front-matter-tag]\n"
    "---\n"
    "# Roles &amp; duties\n"
    "\n"
    "ICE issues green cards. ERO *detains* noncitizens.\n"
    "\n"
    "<!-- remit-ignore-next: none -->\n"
    "```\n"
    "CBP issues passports in a code block.\n"
    "```\n"
    "\n"
    "- Border Patrol is part of ICE.\n"
    "- USCIS handles naturalization.\n"
    "\n"
    "| Agency | Role |\n"
    "| --- | --- |\n"
    "| USCIS | USCIS issues visas. |\n"
    "| CBP | Ports of entry. |\n"
    "\n"
    "> Some say ICE decides removal cases.\n"
)

HTML = (
    "<html><head><title>Page title</title><script>var x = 'ICE issues visas';</script></head>"
    "<body><nav>Home | About</nav><h2>Who does what</h2>"
    "<p>ICE <b>issues</b> green cards. <img src=x onerror=\"alert(1)\"></p></body></html>"
)


def _doc(page: str) -> str:
    """The rendered prose of the first file, without the tooltips."""
    doc = re.search(r'<div class="doc (\w+)">(.*?)</div>(?=<ol|<details|<ul>)', page, re.S)
    assert doc is not None
    return doc.group(1) + ":" + re.sub(r' title="[^"]*"', "", doc.group(2))


def _markdown_result() -> FileResult:
    findings = (
        make(MARKDOWN, "ICE", "ICE issues green cards.", "ICE", "green_card", "contradicted",
             message="m"),
        make(MARKDOWN, "ERO", "ERO *detains* noncitizens.", "ERO", "detention", "supported",
             message="m"),
        make(MARKDOWN, "Border Patrol", "Border Patrol is part of ICE.", "BORDER_PATROL",
             "part_of", "contradicted", target="ICE", message="m"),
        make(MARKDOWN, "USCIS", "USCIS issues visas.", "USCIS", "visa_issuance",
             "contradicted", message="m"),
        make(MARKDOWN, "ICE", "ICE decides removal cases.", "ICE", "adjudicate_removal",
             "unknown", assertion="reported", message="m"),
    )
    return FileResult("roles.md", MARKDOWN, findings, input_format="markdown")


def test_markdown_is_shown_as_prose_without_its_markup(options):
    doc = _doc(render("html", [_markdown_result()], options))
    assert doc.startswith("prose:<h3>Roles &amp; duties</h3>")
    for raw in ("title: Agency roles", "front-matter-tag", "---", "```", "code block", "*",
                "&amp;amp;", "remit-ignore-next", "| ---", "> Some"):
        assert raw not in doc, raw
    assert ('<p><a class="claim v-contradicted" href="#f0-0">ICE</a>'
            '<sup class="tag v-contradicted">contradicted</sup> issues green cards. '
            '<a class="claim v-supported" href="#f0-1">ERO</a>'
            '<sup class="tag v-supported">supported</sup> detains noncitizens.</p>') in doc
    assert re.search(r"<ul><li><a [^>]*>Border Patrol</a>.*?</li><li>USCIS handles "
                     r"naturalization.</li></ul>", doc)
    rows = re.findall(r"<tr>(.*?)</tr>", doc)
    assert len(rows) == 3 and rows[0] == "<td>Agency</td><td>Role</td>"
    assert rows[1].startswith('<td>USCIS</td><td><a class="claim v-contradicted" href="#f0-3">')
    assert re.search(r'<blockquote>Some say <a class="claim v-muted" href="#f0-4">ICE</a>', doc)


def test_html_is_shown_as_prose_without_tags_scripts_or_navigation(options):
    start = HTML.index("ICE <b>")
    finding = make(HTML, "ICE", HTML[start:HTML.index("cards.") + 6], "ICE", "green_card",
                   "contradicted", message="m")
    page = render("html", [FileResult("page.html", HTML, (finding,), input_format="html")],
                  options)
    doc = _doc(page)
    # The title is read as a heading, as remit checks it.
    assert doc == ('prose:<h3>Page title</h3><h3>Who does what</h3><p><a class="claim v-contradicted" '
                   'href="#f0-0">ICE</a><sup class="tag v-contradicted">contradicted</sup> '
                   "issues green cards.</p>")
    assert "&lt;" not in doc and "var x" not in page and "Home | About" not in doc


def test_a_claim_across_table_cells_is_highlighted_in_each(options):
    text = "| ICE | issues green cards |\n| --- | --- |\n"
    finding = make(text, "ICE | issues", text.split("\n")[0], "ICE", "green_card",
                   "contradicted", message="m")
    doc = _doc(render("html", [FileResult("t.md", text, (finding,), input_format="markdown")],
                      options))
    cells = re.findall(r"<td>(.*?)</td>", doc)
    assert cells == ['<a class="claim v-contradicted" href="#f0-0">ICE</a>',
                     '<a class="claim v-contradicted" href="#f0-0">issues</a>'
                     '<sup class="tag v-contradicted">contradicted</sup> green cards']


def test_text_not_read_as_markup_is_shown_raw(results, options):
    page = render("html", results, options)
    assert _doc(page).startswith("raw:# Roles\n")


def test_a_file_without_prose_says_so(options):
    text = "---\ntitle: only front matter\n---\n"
    doc = _doc(render("html", [FileResult("fm.md", text, (), input_format="markdown")],
                      options))
    assert doc == 'prose:<p class="empty">(no prose)</p>'
