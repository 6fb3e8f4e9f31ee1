"""The top of the HTML report: counts, a chart by agency, filters and a table of contents.

Counts by verdict and by agency (a small bar chart), verdict filters, and a table of contents
by file.
The filters need no script: each is a checkbox standing before ``<main>``, and the stylesheet
hides the cards and highlights of an unticked verdict (``#show-x:not(:checked) ~ main .v-x``),
so the page keeps its Content-Security-Policy without ``script-src``.
"""

from __future__ import annotations

from collections import Counter
from html import escape

from remit.formats.base import RenderOptions, agency_name, counts
from remit.records import FileResult

# Card and highlight kinds, most urgent first, with the filter's label.
KINDS = {"contradicted": "contradicted", "unknown": "unknown", "supported": "supported",
         "muted": "suppressed or not asserted"}
MAX_AGENCIES = 12

CSS = "".join(
    f"#show-{k}:not(:checked)~main .cards li.v-{k}{{display:none}}"
    f"#show-{k}:not(:checked)~main a.claim.v-{k}{{background:none}}"
    for k in KINDS
) + """
.filters{margin:1em 0 .5em;display:inline-block}.filters label{margin-right:1em}
.chart td{padding:1px 6px;font-size:13px}.bar{display:flex;height:12px;min-width:2px}
.bar span{display:block;height:100%}
.toc li{margin:.2em 0}details.folded{margin:.5em 0 1em}details.folded summary{color:#555}
"""


def filters() -> str:
    """Return the checkboxes (siblings of ``<main>``) and their labels."""
    boxes = "".join(f'<input type="checkbox" id="show-{k}" checked>'
                    f'<label for="show-{k}" class="v-{k}">{escape(label)}</label>'
                    for k, label in KINDS.items())
    return f'<span class="filters">Show: </span>{boxes}'


def agency_tally(results: list[FileResult]) -> dict[str, Counter]:
    """Return the asserted, unsuppressed claims of ``results`` counted by agency and verdict."""
    tally: dict[str, Counter] = {}
    for result in results:
        for finding in result.findings:
            if finding.suppressed is None and finding.claim.asserted:
                tally.setdefault(finding.claim.agency, Counter())[finding.verdict] += 1
    return tally


def counts_list(figures: dict[str, int]) -> str:
    """Return the count of each card kind (``muted`` from ``figures['muted']``) as a list."""
    items = "".join(f'<li><span class="v-{k}">{escape(KINDS[k])}</span>: {figures.get(k, 0)}'
                    f"</li>" for k in KINDS)
    return f'<ul class="counts">{items}</ul>'


def agency_chart(tally: dict[str, Counter], options: RenderOptions) -> str:
    """Return the bar chart of verdicts by agency, the agencies with most claims first."""
    rows = sorted(tally.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))[:MAX_AGENCIES]
    widest = max((sum(c.values()) for _, c in rows), default=1)
    trs = []
    for agency, count in rows:
        bars = "".join(f'<span class="v-{v}" style="width:{count[v] * 100 // widest}%" '
                       f'title="{count[v]} {v}"></span>'
                       for v in ("contradicted", "unknown", "supported") if count[v])
        figures = ", ".join(f"{count[v]} {v}" for v in ("contradicted", "unknown", "supported")
                            if count[v])
        trs.append(f"<tr><td>{escape(agency_name(agency, options))}</td><td style='width:50%'>"
                   f"<div class='bar'>{bars}</div></td><td>{escape(figures)}</td></tr>")
    return (f'<table class="chart"><caption>Claims by agency</caption>{"".join(trs)}</table>'
            if trs else "")


def chart(results: list[FileResult], options: RenderOptions) -> str:
    """Return the verdict counts and the per-agency bar chart."""
    tally = counts(results)
    figures = {**tally, "muted": tally["unasserted"] + tally["suppressed"]}
    return counts_list(figures) + agency_chart(agency_tally(results), options)


def toc(results: list[FileResult]) -> str:
    """Return the table of contents: one link per file, with its counts."""
    items = []
    for n, result in enumerate(results):
        tally = counts([result])
        figures = ", ".join(f"{tally[v]} {v}" for v in ("contradicted", "unknown", "supported")
                            if tally[v]) or "no claim"
        items.append(f'<li><a href="#file-{n}">{escape(result.path)}</a> ({figures})</li>')
    return f'<nav class="toc"><h2>Files</h2><ol>{"".join(items)}</ol></nav>'
