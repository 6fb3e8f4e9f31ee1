"""``remit batch --report FILE``: an HTML page about the whole run, built from tallies."""

import re

import pytest

ROWS = ("id,text\n"
        "a,USCIS grants them.\n"
        "b,ICE <script>alert(1)</script> and ICE again.\n"
        "c,\n"
        "d,maybe\n"
        "e,ICE once more.\n")


def _page(tmp_path, cli, rows=ROWS, *args):
    (tmp_path / "in.csv").write_text(rows)
    report = tmp_path / "report.html"
    result = cli("batch", tmp_path / "in.csv", "--column", "text", "--id-column", "id",
                 "-o", tmp_path / "out.csv", "--report", report, *args)
    assert result.exit_code == 1, result.stderr
    return report.read_text(encoding="utf-8")


def test_report_counts_rows_agencies_and_contradicted_claims(tmp_path, cli, fake_engine):
    page = _page(tmp_path, cli, ROWS, "--chunksize", "2")
    assert "5 rows: 2 contradicted, 1 supported, 1 unknown, 1 no claim, 0 errors" in page
    rows = dict(re.findall(r'<li><span class="v-(\w+)">[^<]*</span>: (\d+)</li>', page))
    assert rows == {"contradicted": "2", "unknown": "1", "supported": "1", "no_claim": "1",
                    "error": "0"}
    assert re.search(r"<td>ICE</td>.*?<td>3 contradicted</td>", page)
    assert re.search(r"<td>USCIS</td>.*?<td>1 supported</td>", page)
    # The most frequent contradicted claim: 3 claims, first seen on row 2 (a chunk boundary
    # lies between rows 2 and 3, and rows 4 and 5).
    top = re.findall(r'<tr><td>(\d+)</td><td class="v-contradicted">([^<]*)</td>'
                     r"<td>([^<]*)</td><td>row (\d+):", page)
    assert top == [("3", "ICE → issue_green_cards", "USCIS issues green cards.", "2")]
    examples = re.findall(r"<strong>(row \d+ \(id \w\))</strong>", page)
    assert examples == ["row 2 (id b)", "row 5 (id e)"]


def test_report_escapes_the_input_and_runs_no_script(tmp_path, cli, fake_engine):
    page = _page(tmp_path, cli)
    assert "<script>" not in page and "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "default-src 'none'" in page and "script-src" not in page


def test_report_of_a_run_without_claims(tmp_path, cli, fake_engine):
    (tmp_path / "in.csv").write_text("text\nnothing here\n")
    result = cli("batch", tmp_path / "in.csv", "--column", "text", "-o", tmp_path / "o.csv",
                 "--report", tmp_path / "r.html")
    assert result.exit_code == 0, result.stderr
    page = (tmp_path / "r.html").read_text()
    assert "<p>No claims.</p>" in page and page.count("<p>None.</p>") == 2


def test_no_report_unless_asked(tmp_path, cli, fake_engine):
    (tmp_path / "in.csv").write_text(ROWS)
    cli("batch", tmp_path / "in.csv", "--column", "text", "-o", tmp_path / "o.csv")
    assert not list(tmp_path.glob("*.html"))


@pytest.mark.model
def test_report_names_agencies_and_functions_from_the_table(tmp_path, cli, real_engine):
    page = _page(tmp_path, cli, "id,text\n1,ICE issues green cards.\n2,ERO detains noncitizens.\n")
    assert "ICE (DHS) → issue green cards (grant permanent residence)" in page
    assert re.search(r"<td>ERO \(ICE\)</td>.*?1 supported", page)
