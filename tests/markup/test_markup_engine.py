"""End to end with the real engine: a finding's line and column in the original Markdown file."""

import pytest

from remit.markup import check_document, read_source

pytestmark = pytest.mark.model

DOC = (
    "---\n"
    "title: ICE issues green cards\n"
    "---\n"
    "\n"
    "# Who does what\n"
    "\n"
    "```text\n"
    "ICE issues green cards.\n"
    "```\n"
    "\n"
    "Run `ICE issues green cards` in the shell, see [USCIS](https://www.uscis.gov/ICE).\n"
    "\n"
    "| Agency &amp; role | Note |\n"
    "|---|---|\n"
    "| x | Café &nbsp;ICE issues green cards. |\n"
    "\n"
    "> In short, ICE issues green cards.\n"
)


# (line, column) of each "ICE" that is prose in DOC: the table cell and the quote.
PROSE_ICE = [(15, 18), (17, 13)]


def test_finding_positions_in_original_file(engine, tmp_path):
    path = tmp_path / "doc.md"
    path.write_bytes(DOC.replace("\n", "\r\n").encode())
    source = read_source(str(path))
    result = check_document(engine, str(path), source, "markdown")
    ice = [r for r in result.records() if r["agency"] == "ICE"]
    assert [(r["line"], r["column"]) for r in ice] == PROSE_ICE
    for finding in result.findings:
        assert source[finding.claim.start : finding.claim.end].startswith(finding.claim.agency)
    assert all(r["verdict"] == "contradicted" for r in ice)
    # a table row is one unit: its sentence runs from the row's first cell
    assert ice[0]["sentence"].endswith("| Café &nbsp;ICE issues green cards.")


def test_suppressed_claim_keeps_verdict(engine):
    source = "<!-- remit-ignore: quoted -->\nICE issues green cards.\n"
    (finding,) = check_document(engine, "q.md", source, "markdown").findings
    assert finding.verdict == "contradicted" and finding.suppressed == "quoted"


def test_paragraph_after_front_matter_and_code(engine):
    source = "---\ntags: [ICE]\n---\n```\nICE issues green cards.\n```\nICE issues green cards.\n"
    (record,) = check_document(engine, "p.md", source, "markdown").records()
    assert (record["line"], record["column"]) == (7, 1)
    assert record["sentence"] == "ICE issues green cards."
