"""The ``remit_checker`` spaCy component: verdicts on ``doc._.remit_findings``, as plain data.

Added after ``remit_claims``, it judges that component's claims with the same table (so a
``rules`` file given to ``remit_claims`` judges too) by :func:`remit.checker.judge_all`, the
function ``remit check`` judges with. Each finding is the JSON record of ``remit check
--format json`` (a dict of strings, numbers, booleans, lists and None), so docs survive
``nlp.pipe(n_process=2)`` and ``doc.to_json(underscore=["remit_findings"])``. The claim spans
in ``doc.spans["remit_claims"]`` are relabelled with the verdict and polarity, one per finding,
for :func:`remit.checker.visual.span_options`.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

FINDINGS = "remit_findings"


@Language.factory(
    "remit_checker",
    assigns=["doc._.remit_findings", "doc.spans"],
    requires=["doc._.remit_claims"],
    default_config={"spans_key": "remit_claims"},
)
def make_checker(nlp: Language, name: str, spans_key: str):
    """Create the checker; it needs ``remit_claims`` earlier in the pipeline."""
    return CheckerComponent(nlp, name, spans_key=spans_key)


def span_label(record: dict) -> str:
    """A claim span's label: verdict, rule key and polarity ('contradicted green_card +')."""
    key = record["function"] or "unlisted"
    if record["function"] == "part_of" and record["target"]:
        key = f"part_of:{record['target']}"
    sign = "+" if record["polarity"] == "affirmed" else "−"
    return f"{record['verdict']} {key} {sign}"


class CheckerComponent:
    """Judge ``doc._.remit_claims`` against the table of the pipeline's ``remit_claims``."""

    def __init__(self, nlp: Language, name: str, spans_key: str = "remit_claims"):
        self.nlp = nlp
        self.name = name
        self.spans_key = spans_key
        if not Doc.has_extension(FINDINGS):
            Doc.set_extension(FINDINGS, default=None)

    @property
    def table(self):
        """The table the claims were extracted with (the ``remit_claims`` component's)."""
        return self.nlp.get_pipe("remit_claims").table

    def __call__(self, doc: Doc) -> Doc:
        """Judge the doc's claims; put the findings and the relabelled spans on the doc."""
        from remit.checker import judge_all
        from remit.errors import ParseRequiredError

        claims = doc._.remit_claims if Doc.has_extension("remit_claims") else None
        if claims is None:
            raise ParseRequiredError(f"[{self.name}] needs the claims of 'remit_claims': add "
                                     "it after that component")
        findings = judge_all(claims, self.table, self.nlp.get_pipe("remit_claims").judge)
        records = [f.to_dict(doc.text) for f in findings]
        doc._.set(FINDINGS, records)
        spans = []
        for finding, record in zip(findings, records, strict=True):
            span = doc.char_span(finding.claim.start, finding.claim.end,
                                 label=span_label(record), alignment_mode="expand")
            if span is not None:
                spans.append(span)
        doc.spans[self.spans_key] = spans
        return doc
