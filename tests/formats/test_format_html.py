"""The HTML report: claims highlighted by verdict, all input escaped, and a real browser run."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from format_samples import make, sample_findings

from remit.formats import render
from remit.formats.html import safe_url
from remit.records import Evidence, FileResult

CHROMIUM = "/usr/bin/chromium"
# Set REMIT_SCREENSHOT_DIR to keep the browser test's screenshot there.
SHOT_DIR = os.environ.get("REMIT_SCREENSHOT_DIR")
PROSE = (
    "---\ndraft: true\n---\n# Roles\n"
    "ICE issues green cards. ERO detains noncitizens.\n\n"
    "- Does CBP run the immigration courts?\n"
    "- **Border Patrol is part of ICE.**\n"
)
# The payloads build their marker at run time, so the marker shows up in the page only if a
# payload actually ran; the escaped source text never contains it.
HOSTILE = (
    "# Roles <script>document.title='PW'+'NED'</script>\n"
    "ICE issues green cards. ERO detains noncitizens.\n"
    "Does CBP run the immigration courts?\n"
    "Border Patrol is part of ICE. <img src=x onerror=\"document.body.dataset.x='PW'+'NED'\">\n"
)


class _Collect(HTMLParser):
    """Collect start tags with their attributes."""

    def __init__(self) -> None:
        super().__init__()
        self.tags: list[tuple[str, dict]] = []

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, dict(attrs)))


def _tags(page: str) -> list[tuple[str, dict]]:
    parser = _Collect()
    parser.feed(page)
    return parser.tags


def _hostile_results() -> list[FileResult]:
    findings = list(sample_findings(HOSTILE))
    bad_ev = Evidence(source="x<b>", quote="</blockquote><script>bad()</script>",
                      url="javascript:alert(1)", fact="f")
    findings[1] = replace(findings[1], evidence=(bad_ev,))
    return [FileResult(path="<svg onload=alert(1)>.md", text=HOSTILE, findings=tuple(findings))]


def test_claims_are_highlighted_by_verdict(results, options):
    page = render("html", results, options)
    marks = [(a["class"], a["title"]) for t, a in _tags(page) if t == "a" and "title" in a]
    classes = [c for c, _ in marks]
    assert classes == ["claim v-contradicted", "claim v-supported", "claim v-muted",
                       "claim v-muted"]
    assert marks[0][1].startswith("contradicted: ICE → issue green cards\nUSCIS issues")
    assert ">ICE issues green cards</a>" in page
    assert 'id="f0-0"' in page and 'href="#f0-0"' in page


def test_all_input_is_escaped():
    page = render("html", _hostile_results())
    tags = {t for t, _ in _tags(page)}
    assert "script" not in tags and "img" not in tags and "svg" not in tags
    assert "&lt;script&gt;document.title=" in page
    assert "&lt;img src=x onerror=" in page
    assert not any(k.startswith("on") for _, attrs in _tags(page) for k in attrs)
    assert "javascript:" not in " ".join(a.get("href", "") for _, a in _tags(page))
    assert "script-src" not in page and "default-src 'none'" in page


def test_only_web_urls_become_links():
    assert safe_url("https://www.uscis.gov/") == "https://www.uscis.gov/"
    assert safe_url("JavaScript:alert(1)") is None
    assert safe_url("data:text/html,x") is None
    assert safe_url(None) is None


def test_overlapping_claims_get_one_highlight_per_piece(options):
    text = "ICE and CBP issue green cards."
    wide = make(text, text, text, "ICE", "green_card", "contradicted", message="m")
    narrow = make(text, "CBP", text, "CBP", "green_card", "supported", message="m")
    page = render("html", [FileResult("x.md", text, (wide, narrow))], options)
    pieces = re.findall(r'<a class="claim (v-\w+)"[^>]*>([^<]*)</a>', page)
    assert pieces == [("v-contradicted", "ICE and "), ("v-contradicted", "CBP"),
                      ("v-contradicted", " issue green cards.")]
    assert re.findall(r'<sup class="tag (v-\w+)">', page) == ["v-supported", "v-contradicted"]


def _chromium(args: list[str], tmp_path: Path) -> subprocess.CompletedProcess:
    base = [CHROMIUM, "--headless", "--no-sandbox", "--disable-gpu",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--no-first-run", f"--user-data-dir={tmp_path / 'profile'}"]
    return subprocess.run(base + args, capture_output=True, text=True, timeout=120, check=False)


@pytest.mark.skipif(not Path(CHROMIUM).exists() or shutil.which(CHROMIUM) is None,
                    reason=f"{CHROMIUM} not installed (apt-get install -y chromium)")
def test_report_in_headless_chromium(tmp_path, options):
    report = tmp_path / "report.html"
    prose = FileResult("roles.md", PROSE, tuple(sample_findings(PROSE)), input_format="markdown")
    report.write_text(render("html", [*_hostile_results(), prose], options), encoding="utf-8")
    shot = tmp_path / "report.png"
    if SHOT_DIR:  # keep the picture for a person to look at
        shot = Path(SHOT_DIR) / "remit-report.png"
    _chromium([f"--screenshot={shot}", "--window-size=1200,1700", report.as_uri()], tmp_path)
    assert shot.exists() and shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert shot.stat().st_size > 5000, "the screenshot is blank"
    dom = _chromium(["--dump-dom", report.as_uri()], tmp_path).stdout
    assert "PWNED" not in dom, "an input payload ran in the browser"
    highlighted = re.findall(r'<a class="claim (v-\w+)"[^>]*>([^<]*)</a>', dom)
    assert ("v-contradicted", "ICE issues green cards") in highlighted
    assert ("v-supported", "ERO detains noncitizens") in highlighted
    assert "&lt;script&gt;document.title=" in dom
    assert "Claims by agency" in dom and 'href="#file-0"' in dom
    assert "<details" in dom and "supported, suppressed or not asserted" in dom
    # The Markdown file is shown as prose: its heading and list, no front matter or marks.
    prose_dom = dom.split('id="file-1"', 1)[1]
    assert "<h3>Roles</h3>" in prose_dom and "<ul><li>" in prose_dom
    assert "draft: true" not in prose_dom and "**" not in prose_dom


def test_summary_chart_filters_and_contents(results, options):
    page = render("html", results, options)
    assert '<ul class="counts">' in page and "<caption>Claims by agency</caption>" in page
    assert "ICE</td>" in page and "1 contradicted" in page
    # Filters without script: checkboxes before <main>, and a rule per verdict.
    head, main = page.split("<main>", 1)
    for kind in ("contradicted", "unknown", "supported", "muted"):
        assert f'<input type="checkbox" id="show-{kind}" checked>' in head
        assert f"#show-{kind}:not(:checked)~main .cards li.v-{kind}{{display:none}}" in head
    toc = re.findall(r'<li><a href="#(file-\d)">([^<]*)</a> \(([^)]*)\)</li>', main)
    assert toc == [("file-0", "docs/roles.md", "1 contradicted, 1 supported"),
                   ("file-1", "empty.md", "no claim")]
    assert 'id="file-0"' in main and 'id="file-1"' in main


def test_contradicted_and_unknown_first_the_rest_folded(options):
    text = "ERO detains noncitizens. ICE issues green cards. CBP runs the courts."
    findings = (make(text, "ERO detains noncitizens", "ERO detains noncitizens.", "ERO",
                     "detention", "supported", message="m"),
                make(text, "ICE issues green cards", "ICE issues green cards.", "ICE",
                     "green_card", "contradicted", message="m"),
                make(text, "CBP runs the courts", "CBP runs the courts.", "CBP",
                     "adjudicate_removal", "unknown", message="m"))
    page = render("html", [FileResult("x.md", text, findings)], options)
    main = page.split("<main>", 1)[1]
    ids = re.findall(r'<li id="(f0-\d)" class="(v-\w+)"', main)
    assert ids == [("f0-1", "v-contradicted"), ("f0-2", "v-unknown"), ("f0-0", "v-supported")]
    folded = main.split('<details class="folded">', 1)[1]
    assert "1 supported, suppressed or not asserted</summary>" in folded
    assert 'id="f0-0"' in folded and 'id="f0-1"' not in folded
