"""Every format on the fixed results of conftest: shapes, positions, suppression, escaping."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from remit.formats import FORMATS, RenderOptions, render
from remit.formats.github import escape_data, escape_property
from remit.records import FileResult


@pytest.mark.parametrize("fmt", list(FORMATS))
def test_every_format_renders_and_ends_with_newline(fmt, results, options):
    out = render(fmt, results, options)
    assert out.endswith("\n")
    assert out.strip()


def test_unknown_format_is_refused(results):
    with pytest.raises(ValueError, match="unknown format 'yaml'"):
        render("yaml", results)


def test_text_matches_the_core_layout(results, options):
    lines = render("text", results, options).splitlines()
    assert lines[0] == "docs/roles.md:2:1: contradicted  ICE → issue green cards"
    assert lines[1].startswith("    USCIS issues green cards, not ICE. \"ICE does not handle")
    assert "(seeds/000, ImmigrationQuestion.com)" in lines[1]
    assert lines[-1] == ("1 contradicted, 1 supported, 0 unknown in 2 inputs "
                         "(1 not asserted, 1 suppressed)")


def test_text_marks_questions_and_suppressions(results, options):
    out = render("text", results, options)
    assert "CBP → decide removal cases [question, not counted]" in out
    assert "suppressed    Border Patrol (CBP) → be part of ICE [contradicted]" in out
    assert "    suppressed: quoted from a reader's letter" in out
    assert "docs/roles.md:5:1: warning: unused remit-ignore comment" in out


def test_text_can_omit_unasserted_and_colours_only_when_asked(results, options):
    plain = render("text", results, RenderOptions(show="unknown"))
    assert "CBP" not in plain
    assert "\x1b[" not in plain
    coloured = render("text", results, RenderOptions(color=True))
    assert "\x1b[31m" in coloured  # red for contradicted


def test_line_format_fields(results, options):
    lines = render("line", results, options).splitlines()
    path, line, col, severity, rule, message = lines[0].split(":", 5)
    assert (path, line, col, severity, rule) == ("docs/roles.md", "2", "1", "error",
                                                 "ICE.green_card")
    assert message.startswith("contradicted: USCIS issues green cards")
    assert not any("BORDER_PATROL" in x for x in lines), "suppressed claims are left out"
    assert lines[2].split(":")[3] == "none", "a question never counts"


def test_line_format_keeps_six_fields_for_part_of(options):
    from format_samples import TEXT, sample_findings

    part_of = sample_findings()[3]
    result = FileResult("a.md", TEXT, (replace(part_of, suppressed=None),))
    fields = render("line", [result], options).splitlines()[0].split(":", 5)
    assert fields[4] == "BORDER_PATROL.part_of.ICE"


def test_json_is_one_object_per_input_and_keeps_suppressed(results, options):
    payload = json.loads(render("json", results, options))
    assert [p["path"] for p in payload] == ["docs/roles.md", "empty.md"]
    claims = payload[0]["claims"]
    assert len(claims) == 4
    assert claims[0]["line"] == 2 and claims[0]["column"] == 1
    assert claims[3]["suppressed"] is True
    assert claims[3]["suppression_reason"] == "quoted from a reader's letter"
    assert payload[0]["notices"] == ["5:1: unused remit-ignore comment"]
    assert payload[1]["claims"] == []


def test_jsonl_is_one_claim_per_line(results, options):
    lines = render("jsonl", results, options).splitlines()
    records = [json.loads(x) for x in lines]
    assert len(records) == 4
    assert [r["verdict"] for r in records] == ["contradicted", "supported", "unknown",
                                               "contradicted"]
    assert records[2]["asserted"] is False


def test_github_escaping_rules():
    assert escape_data("100% sure\r\nnext") == "100%25 sure%0D%0Anext"
    assert escape_property("a,b:c%\n") == "a%2Cb%3Ac%25%0A"


def test_github_annotations_escape_odd_paths_and_messages(options):
    from format_samples import TEXT as text
    from format_samples import sample_findings

    finding = sample_findings(text)[0]
    odd = replace(finding, message="50% wrong,\nsee: USCIS")
    out = render("github", [FileResult("docs/a,b:c.md", text, (odd,))], options)
    assert out == (
        "::error file=docs/a%2Cb%3Ac.md,line=2,col=1,endLine=2,endColumn=23,"
        "title=remit%3A contradicted%3A ICE → issue green cards::50%25 wrong,%0Asee: USCIS "
        "\"ICE does not handle visas, green cards, or citizenship approvals.\" "
        "(seeds/000, ImmigrationQuestion.com)\n"
    )


def test_github_skips_none_levels_and_suppressed(results, options):
    lines = render("github", results, options).splitlines()
    assert [x.split(" ", 1)[0] for x in lines] == ["::error", "::warning"]
    noted = render("github", results, RenderOptions(severity={"supported": "note"}, show="all"))
    assert any(x.startswith("::notice ") and "ERO" in x for x in noted.splitlines())


def test_claimreview_shape(results, options):
    reviews = json.loads(render("claimreview", results, options))
    assert [r["claimReviewed"] for r in reviews] == ["ICE issues green cards.",
                                                     "ERO detains noncitizens."]
    first = reviews[0]
    assert first["@context"] == "https://schema.org" and first["@type"] == "ClaimReview"
    assert first["reviewRating"]["alternateName"] == "False"
    assert first["reviewRating"]["ratingValue"] == 1
    assert reviews[1]["reviewRating"]["alternateName"] == "True"
    assert first["author"] == {"@type": "Organization", "name": "remit"}
    assert first["itemReviewed"]["@type"] == "Claim"
    assert first["itemReviewed"]["appearance"]["name"] == "docs/roles.md"
    assert first["citation"][0]["url"] == "https://example.org/ice-vs-uscis"
    assert "datePublished" not in first


def test_claimreview_date_when_given(results):
    reviews = json.loads(render("claimreview", results, RenderOptions(date_published="2026-01-02")))
    assert {r["datePublished"] for r in reviews} == {"2026-01-02"}


def test_bad_severity_is_refused():
    with pytest.raises(ValueError, match="severity"):
        RenderOptions(severity={"unknown": "loud"})


LINTERS = ("text", "line", "github", "sarif")


def _listed(fmt: str, results, show: str) -> str:
    out = render(fmt, results, RenderOptions(show=show))
    if fmt == "sarif":
        return " ".join(r["ruleId"] for r in json.loads(out)["runs"][0]["results"])
    return out


@pytest.mark.parametrize("fmt", LINTERS)
def test_linter_formats_show_contradicted_and_unknown_by_default(fmt, results):
    from format_samples import TEXT, sample_findings

    unknown = sample_findings()[2]
    asserted_unknown = replace(unknown, claim=replace(unknown.claim, assertion="asserted"))
    res = [FileResult("a.md", TEXT, (*sample_findings()[:2], asserted_unknown))]
    default = _listed(fmt, res, "unknown")
    assert "green" in default and ("CBP" in default or "adjudicate" in default)
    assert "ERO" not in default and "detention" not in default, "supported is not listed"
    only = _listed(fmt, res, "contradicted")
    assert "green" in only and "CBP" not in only and "adjudicate" not in only
    if fmt != "github":  # github never annotates a level-none claim
        everything = _listed(fmt, res, "all")
        assert "ERO" in everything or "detention" in everything


@pytest.mark.parametrize("fmt", LINTERS)
def test_linter_formats_hide_what_the_writer_does_not_assert(fmt, results):
    assert "adjudicate" not in _listed(fmt, results, "unknown")
    assert "CBP" not in _listed(fmt, results, "unknown")


def test_text_summary_counts_what_it_does_not_list(results):
    out = render("text", results, RenderOptions())
    assert "ERO" not in out and "suppressed:" not in out
    assert out.splitlines()[-1] == ("1 contradicted, 1 supported, 0 unknown in 2 inputs "
                                    "(1 not asserted, 1 suppressed)")


@pytest.mark.parametrize("fmt", ["json", "jsonl", "html", "claimreview"])
def test_other_formats_keep_everything(fmt, results):
    assert render(fmt, results, RenderOptions()) == render(fmt, results, RenderOptions(show="all"))


def test_bad_show_is_refused():
    with pytest.raises(ValueError, match="show"):
        RenderOptions(show="some")


def test_rdjson_for_reviewdog(results, options):
    from format_samples import TEXT, sample_findings

    payload = json.loads(render("rdjson", results, options))
    assert payload["source"]["name"] == "remit"
    diags = payload["diagnostics"]
    assert [d["severity"] for d in diags] == ["ERROR", "WARNING"], "level none and suppressed out"
    first = diags[0]
    assert first["location"] == {"path": "docs/roles.md", "range": {
        "start": {"line": 2, "column": 1}, "end": {"line": 2, "column": 23}}}
    assert first["code"] == {"value": "contradicted/green_card",
                             "url": "https://example.org/ice-vs-uscis"}
    assert diags[1]["code"]["value"] == "remit-notice"
    # Columns count UTF-8 bytes: "é" before the claim takes two.
    text = "é " + TEXT.replace("# Roles\n", "")
    res = [FileResult("a.md", text, sample_findings(text)[:1])]
    start = json.loads(render("rdjson", res, options))["diagnostics"][0]["location"]["range"]
    assert start["start"] == {"line": 1, "column": 4}


def test_claimreview_url_author_publisher_and_appearance(results, tmp_path):
    opts = RenderOptions(url_base="https://example.org/news/", base_dir=str(tmp_path),
                         author="Example Fact Check", publisher="Example News",
                         date_published="2026-01-31")
    res = [replace(results[0], path=str(tmp_path / "docs" / "my roles.md"))]
    reviews = json.loads(render("claimreview", res, opts))
    assert reviews
    for review in reviews:
        assert review["url"] == "https://example.org/news/docs/my%20roles.md"
        assert review["itemReviewed"]["appearance"] == {"@type": "CreativeWork",
                                                        "url": review["url"]}
        assert review["author"] == {"@type": "Organization", "name": "Example Fact Check"}
        assert review["publisher"] == {"@type": "Organization", "name": "Example News"}
        assert review["datePublished"] == "2026-01-31"
    plain = json.loads(render("claimreview", results, RenderOptions()))[0]
    assert "url" not in plain and "publisher" not in plain, "no URL is made up"
