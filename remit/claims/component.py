"""The ``remit_claims`` spaCy component: agency-role claims on ``doc._.remit_claims``."""

from __future__ import annotations

from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc, Span

from remit.claims.extract import Extractor
from remit.claims.lexicon import load_lexicon
from remit.claims.mentions import build_alias_index
from remit.claims.triggers import compile_triggers, verb_forms

SPANS_KEY = "remit_claims"


@Language.factory(
    "remit_claims",
    assigns=["doc._.remit_claims", "doc.spans"],
    requires=["token.dep", "token.lemma", "token.pos"],
    default_config={"rules": [], "spans_key": SPANS_KEY},
)
def make_claims_component(nlp: Language, name: str, rules: list[str], spans_key: str):
    """Create the component; ``rules`` are extra table files merged over the shipped table."""
    return ClaimsComponent(nlp, name, rules=rules, spans_key=spans_key)


class ClaimsComponent:
    """Find agency mentions and extract (agency, function, polarity) claims.

    Results are plain data, so docs survive ``nlp.pipe(n_process=2)``: a list of
    :class:`remit.records.Claim` on ``doc._.remit_claims`` and one span per claim (the agency
    mention, labelled with the claim's rule key) in ``doc.spans[spans_key]``.
    """

    def __init__(self, nlp: Language, name: str, rules: Iterable[str] = (),
                 spans_key: str = SPANS_KEY):
        self.nlp = nlp
        self.name = name
        self.rules = list(rules)
        self.spans_key = spans_key
        self._extractor: Extractor | None = None
        if not Doc.has_extension("remit_claims"):
            Doc.set_extension("remit_claims", default=None)

    @property
    def extractor(self) -> Extractor:
        """Compile the table's aliases and triggers on first use."""
        if self._extractor is None:
            from remit.rules.loader import load_table

            table = load_table(self.rules)
            lex = load_lexicon()
            aliases = build_alias_index(self.nlp.vocab, self.nlp.make_doc, table)
            triggers = compile_triggers(table, lex)
            self._extractor = Extractor(aliases, triggers, lex, verb_forms(triggers))
        return self._extractor

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Compile the patterns now rather than on the first document."""
        _ = self.extractor

    def __call__(self, doc: Doc) -> Doc:
        claims = self.extractor.claims(doc)
        doc._.remit_claims = claims
        doc.spans[self.spans_key] = [
            doc.char_span(c.start, c.end, label=c.key, alignment_mode="expand") for c in claims
        ]
        return doc
