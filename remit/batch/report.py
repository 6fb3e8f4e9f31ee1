"""``remit batch --report FILE``: an HTML page about a whole batch, like ``--format html``'s top.

Rows by verdict, claims by agency (the same bar chart as the HTML report), the contradicted
claims most often made, and the first contradicted rows. Only tallies and a bounded number of
examples are kept while the rows stream past, so memory stays flat however long the table is.
The page runs no script and everything from the input is escaped.
"""

from __future__ import annotations

import json
from collections import Counter
from dataclasses import dataclass, field
from html import escape
from string import Template

from remit.formats.base import RenderOptions, agency_name, claim_label
from remit.formats.html import CSS
from remit.formats.html_summary import CSS as SUMMARY_CSS
from remit.formats.html_summary import agency_chart
from remit.records import Claim, Finding

MAX_EXAMPLES = 20
MAX_CLAIMS = 15
MAX_TEXT = 400
ROW_VERDICTS = ("contradicted", "unknown", "supported", "no_claim", "error")

PAGE = Template("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>remit batch report</title><style>$css</style></head>
<body><h1>remit batch report</h1><p class="summary">$summary</p>
<h2>Rows by verdict</h2>$rows
$chart
<h2>Most frequent contradicted claims (agency and function)</h2>$claims
<h2>First contradicted rows</h2>$examples
</body></html>
""")
_CSS = ".top td,.top th{padding:2px 8px;text-align:left;vertical-align:top}"


# One claim as it is counted: agency, function, target, polarity, exclusive.
Key = tuple[str, "str | None", "str | None", str, bool]


@dataclass
class BatchReport:
    """The tallies of a batch run, fed chunk by chunk with :meth:`add`."""

    column: str
    id_column: str | None = None
    agencies: dict[str, Counter] = field(default_factory=dict)
    contradicted: Counter = field(default_factory=Counter)
    corrections: dict[Key, Counter] = field(default_factory=dict)
    samples: dict[Key, tuple[int, str]] = field(default_factory=dict)
    examples: list[tuple[int, object, str, list[dict]]] = field(default_factory=list)

    def add(self, checked, first_row: int) -> None:
        """Count one checked chunk, whose first row is data row ``first_row`` (1-based)."""
        ids = checked[self.id_column] if self.id_column else [None] * len(checked)
        rows = zip(checked["verdict"], checked["claims"], checked[self.column], ids, strict=True)
        for n, (verdict, claims, text, row_id) in enumerate(rows, start=first_row):
            records = json.loads(claims) if isinstance(claims, str) and claims else []
            wrong = [r for r in records if _counted(r) and r["verdict"] == "contradicted"]
            for record in records:
                if _counted(record):
                    self.agencies.setdefault(record["agency"], Counter())[record["verdict"]] += 1
            for record in wrong:
                self._add_contradicted(record, n)
            if verdict == "contradicted" and wrong and len(self.examples) < MAX_EXAMPLES:
                self.examples.append((n, row_id, str(text)[:MAX_TEXT], wrong))

    def _add_contradicted(self, record: dict, row: int) -> None:
        key = _key(record)
        self.contradicted[key] += 1
        if record.get("correction"):
            self.corrections.setdefault(key, Counter())[record["correction"]] += 1
        self.samples.setdefault(key, (row, str(record.get("sentence", ""))[:MAX_TEXT]))

    def render(self, verdicts: Counter, summary: str, options: RenderOptions) -> str:
        """Return the page; ``verdicts`` counts rows by verdict, ``summary`` is the run's line."""
        rows = "".join(f'<li><span class="v-{v}">{v.replace("_", " ")}</span>: {verdicts[v]:,}'
                       f"</li>" for v in ROW_VERDICTS)
        return PAGE.substitute(
            css=CSS + SUMMARY_CSS + _CSS, summary=escape(summary),
            rows=f'<ul class="counts">{rows}</ul>',
            chart=agency_chart(self.agencies, options) or "<p>No claims.</p>",
            claims=self._claims(options), examples=self._examples(options))

    def _claims(self, options: RenderOptions) -> str:
        if not self.contradicted:
            return "<p>None.</p>"
        trs = []
        for key, count in self.contradicted.most_common(MAX_CLAIMS):
            fix = self.corrections.get(key)
            who = agency_name(fix.most_common(1)[0][0], options) if fix else ""
            row, sentence = self.samples[key]
            trs.append(f'<tr><td>{count:,}</td><td class="v-contradicted">'
                       f"{escape(_label(key, options))}</td><td>{escape(who)}</td>"
                       f"<td>row {row}: {escape(sentence)}</td></tr>")
        head = "<tr><th>claims</th><th>claim</th><th>the table names</th><th>first seen</th></tr>"
        return f'<table class="top">{head}{"".join(trs)}</table>'

    def _examples(self, options: RenderOptions) -> str:
        if not self.examples:
            return "<p>None.</p>"
        items = []
        for row, row_id, text, wrong in self.examples:
            where = f"row {row}" + (f" (id {row_id})" if row_id is not None else "")
            claims = "".join(f"<div>{escape(_label(_key(r), options))}: "
                             f"{escape(str(r.get('message', '')))}</div>" for r in wrong)
            items.append(f'<li class="v-contradicted"><strong>{escape(where)}</strong> '
                         f"<blockquote>{escape(text)}</blockquote>{claims}</li>")
        return f'<ol class="cards">{"".join(items)}</ol>'


def _counted(record: dict) -> bool:
    return bool(record.get("asserted")) and not record.get("suppressed")


def _key(record: dict) -> Key:
    return (record["agency"], record["function"], record.get("target"), record["polarity"],
            bool(record.get("exclusive")))


def _label(key: Key, options: RenderOptions) -> str:
    agency, function, target, polarity, exclusive = key
    claim = Claim(agency=agency, function=function, polarity=polarity, start=0, end=0,
                  sent_start=0, sent_end=0, predicate=function or "", target=target,
                  exclusive=exclusive)
    return claim_label(Finding(claim=claim, verdict="contradicted", message=""), options)


def write_report(path: str, report: BatchReport, summary, job) -> None:
    """Write ``report`` for a finished run to ``path``, atomically (like the output)."""
    from remit.batch.output import atomic_file
    from remit.engine import get_engine
    from remit.formats import table_labels

    # The engine the run used (cached), for the table's agency names and function labels.
    table = getattr(get_engine(job.model, tuple(map(str, job.rules))), "table", None)
    options = RenderOptions(**table_labels(table)) if table is not None else RenderOptions()
    page = report.render(summary.verdicts, summary.line(), options)
    with atomic_file(path) as handle:
        handle.write(page.encode("utf-8"))
