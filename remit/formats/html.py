"""``--format html``: a self-contained report, like displaCy's ``ent`` view, for reviewers.

Each input is shown as its prose, the text remit checked, not its raw markup
(:mod:`remit.formats.html_prose`), with every claim highlighted by verdict; hovering a claim
shows its evidence and clicking it jumps to the claim's card with the full evidence and links.
The page needs no network and runs no script: everything from the input is escaped, and a
Content-Security-Policy forbids scripts outright, so a hostile document cannot run code in the
reviewer's browser even if escaping were ever missed.
"""

from __future__ import annotations

from html import escape
from string import Template
from urllib.parse import urlsplit

from remit.formats import html_summary
from remit.formats.base import RenderOptions, claim_label, evidence_line, position, summary
from remit.formats.html_prose import prose_blocks, render_prose
from remit.records import FileResult, Finding

RANK = {"contradicted": 3, "unknown": 2, "supported": 1, "muted": 0}

CSS = """
body{font:15px/1.5 system-ui,sans-serif;margin:2em auto;max-width:60em;color:#222}
.doc{line-height:1.9;background:#fafafa;border:1px solid #ddd;padding:.2em 1em;
 overflow-wrap:anywhere}.doc.raw{white-space:pre-wrap;padding:1em}
.doc h3{font-size:1.1em;margin:.8em 0 .3em}.doc p,.doc ul{margin:.5em 0}
.doc blockquote{border-left:3px solid #ccc;padding-left:.8em;margin:.5em 0}
.doc table{border-collapse:collapse;margin:.3em 0}.doc td{border:1px solid #ddd;padding:0 .5em}
a.claim{color:inherit;text-decoration:none;border-radius:3px;padding:1px 0}
.v-contradicted{background:#ffd2d2}.v-unknown{background:#fff1b8}
.v-supported{background:#d4f5d4}.v-muted{background:#e8e8e8;color:#666}
sup.tag{font:bold 10px system-ui;text-transform:uppercase;margin:0 3px;padding:0 3px;
 border-radius:3px}
.cards li{margin:.6em 0;padding:.4em .8em;border-left:4px solid #ccc}
.cards li:target{outline:2px solid #36c}
.cards .v-contradicted{border-color:#d33}.cards .v-unknown{border-color:#e0b000}
.cards .v-supported{border-color:#2a2}
blockquote{margin:.3em 0 .3em 1em;color:#444}.notice{color:#a60}
"""

PAGE = Template("""<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<title>remit report</title><style>$css</style></head>
<body><h1>remit report</h1><p class="summary">$summary</p>
$chart
$filters
<main><p>Each file is shown as its prose, the text remit checked (front matter, code and tags
left out). Hover a highlighted claim for its evidence; click it for the sources. Contradicted and
unknown claims come first; the others are folded away under each file.</p>
$toc
$sections</main></body></html>
""")


def _kind(finding: Finding) -> str:
    if finding.suppressed is not None or not finding.claim.asserted:
        return "muted"
    return finding.verdict


def _tooltip(finding: Finding, options: RenderOptions) -> str:
    status = finding.verdict
    if finding.suppressed is not None:
        status += f" (suppressed: {finding.suppressed})"
    elif not finding.claim.asserted:
        status += f" ({finding.claim.assertion}, not counted)"
    return f"{status}: {claim_label(finding, options)}\n{evidence_line(finding)}"


def _segments(text: str, spans: list[tuple[int, int, int]]) -> list[tuple[int, int, list[int]]]:
    """Cut ``text`` at every span edge; return (start, end, covering span indices) pieces."""
    edges = sorted({0, len(text), *(s for s, _, _ in spans), *(e for _, e, _ in spans)})
    starts: dict[int, list[int]] = {}
    ends: dict[int, list[int]] = {}
    for s, e, i in spans:
        starts.setdefault(s, []).append(i)
        ends.setdefault(e, []).append(i)
    active: list[int] = []
    pieces = []
    for a, b in zip(edges, edges[1:], strict=False):
        active = [i for i in active if i not in ends.get(a, ())] + starts.get(a, [])
        pieces.append((a, b, list(active)))
    return pieces


def _marked(text: str, spans: list[tuple[int, int, int]], tagged: set[int], shown: list[Finding],
            fid: str, options: RenderOptions) -> str:
    """Return ``text`` escaped: each span a link to its card, each of ``tagged`` tagged."""
    ends_at: dict[int, list[int]] = {}
    for _, e, i in spans:
        if i in tagged:
            ends_at.setdefault(e, []).append(i)
    out = []
    for a, b, cover in _segments(text, spans):
        chunk = escape(text[a:b])
        if cover:
            top = max(cover, key=lambda i: RANK[_kind(shown[i])])
            tip = "\n\n".join(_tooltip(shown[i], options) for i in cover)
            chunk = (f'<a class="claim v-{_kind(shown[top])}" href="#{fid}-{top}" '
                     f'title="{escape(tip)}">{chunk}</a>')
        out.append(chunk)
        for i in ends_at.get(b, []):
            out.append(f'<sup class="tag v-{_kind(shown[i])}">{escape(shown[i].verdict)}</sup>')
    return "".join(out)


def _document(result: FileResult, shown: list[Finding], fid: str, options: RenderOptions) -> str:
    def marker(text: str, spans: list[tuple[int, int, int]], tagged: set[int]) -> str:
        return _marked(text, spans, tagged, shown, fid, options)

    blocks = prose_blocks(result)
    if blocks is not None:
        return f'<div class="doc prose">{render_prose(result, blocks, shown, marker)}</div>'
    # Not read as markup (a batch row, the Python API): the text itself is the prose.
    text = result.text
    spans = [(f.claim.start, max(f.claim.end, f.claim.start + 1), i)
             for i, f in enumerate(shown) if f.claim.start < len(text)]
    return f'<div class="doc raw">{marker(text, spans, {i for _, _, i in spans})}</div>'


def safe_url(url: str | None) -> str | None:
    """Return ``url`` if it is http(s), else None: a ``javascript:`` link must never be live."""
    if url and urlsplit(url).scheme in ("http", "https"):
        return url
    return None


def _evidence(finding: Finding) -> str:
    items = []
    for ev in finding.evidence:
        source = escape(f"{ev.source}, {ev.title}" if ev.title else ev.source)
        url = safe_url(ev.url)
        if url:
            source = f'<a href="{escape(url)}" rel="noreferrer noopener">{source}</a>'
        items.append(f"<blockquote>“{escape(ev.quote)}” ({source})</blockquote>")
    return "".join(items)


def _card(result: FileResult, finding: Finding, cid: str, options: RenderOptions) -> str:
    line, col, _, _ = position(result, finding)
    extra = ""
    if finding.suppressed is not None:
        extra = f" <em>suppressed: {escape(finding.suppressed)}</em>"
    elif not finding.claim.asserted:
        extra = f" <em>{escape(finding.claim.assertion)}, not counted</em>"
    return (f'<li id="{cid}" class="v-{_kind(finding)}"><strong>{line}:{col} '
            f"{escape(finding.verdict)}</strong> {escape(claim_label(finding, options))}{extra}"
            f"<div>{escape(finding.message)}</div>{_evidence(finding)}</li>")


def _cards(result: FileResult, shown: list[Finding], fid: str, options: RenderOptions) -> str:
    # What needs attention first; supported, suppressed and unasserted claims folded away.
    order = sorted(range(len(shown)), key=lambda i: (-RANK[_kind(shown[i])], shown[i].claim.start))
    urgent = [i for i in order if _kind(shown[i]) in ("contradicted", "unknown")]
    rest = [i for i in order if i not in urgent]
    out = "".join(_card(result, shown[i], f"{fid}-{i}", options) for i in urgent)
    out = f'<ol class="cards">{out}</ol>' if urgent else ""
    if rest:
        folded = "".join(_card(result, shown[i], f"{fid}-{i}", options) for i in rest)
        out += (f'<details class="folded"><summary>{len(rest)} supported, suppressed or not '
                f'asserted</summary><ol class="cards">{folded}</ol></details>')
    return out


def _section(result: FileResult, n: int, options: RenderOptions) -> str:
    # A report for reviewers keeps every claim, whatever `--show` says.
    shown = list(result.findings)
    fid = f"f{n}"
    notices = "".join(f'<li class="notice">{escape(x)}</li>' for x in result.notices)
    return (f'<section id="file-{n}"><h2>{escape(result.path)}</h2>'
            f"{_document(result, shown, fid, options)}"
            f"{_cards(result, shown, fid, options)}<ul>{notices}</ul></section>\n")


def render(results: list[FileResult], options: RenderOptions) -> str:
    """Render one HTML page covering every input: summary, filters, contents, then each file."""
    sections = "".join(_section(r, n, options) for n, r in enumerate(results))
    return PAGE.substitute(css=CSS + html_summary.CSS, summary=escape(summary(results)),
                           chart=html_summary.chart(results, options),
                           filters=html_summary.filters(), toc=html_summary.toc(results),
                           sections=sections)
