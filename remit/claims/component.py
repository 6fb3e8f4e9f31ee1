"""The ``remit_claims`` spaCy component: agency-role claims on ``doc._.remit_claims``."""

from __future__ import annotations

import json
from collections.abc import Iterable
from pathlib import Path

from spacy.language import Language
from spacy.tokens import Doc
from spacy.util import ensure_path

from remit.claims.constructions import load_constructions
from remit.claims.extract import Extractor
from remit.claims.lexicon import load_lexicon
from remit.claims.mentions import build_alias_index, name_words, row_spans, span_rows
from remit.claims.readings import choose_readings
from remit.claims.triggers import compile_triggers, function_words, verb_forms
from remit.errors import ParseRequiredError
from remit.model.mend import mend_appositions, mend_infinitive_names
from remit.records import Claim

SPANS_KEY = "remit_claims"
# Where the claims are kept, as plain dicts: ``nlp.pipe(n_process=2)`` sends docs back with
# msgpack, which takes dicts of strings, numbers and booleans but no dataclasses.
_ROWS = "remit_claim_rows"
# Set by the caller on a one-sentence doc: its mentions, as ``span_rows``, found before parsing.
MENTIONS = "remit_mentions"
# Set by the caller on one sentence of a longer text, just before the component runs on it: the
# mentions of the parsed sentence before (their ``Span`` objects, on that sentence's doc), for
# 'it' and 'the agency'. The component reads and clears it, so no live span stays on the doc.
PREVIOUS = "remit_previous"
# Set here: the last sentence's mentions, anaphors resolved (``span_rows``), which the caller
# hands on as the next sentence's ``PREVIOUS``, so 'it' chains over several sentences.
TAIL = "remit_tail"
# In the component's folder of a saved pipeline: copies of the user's table files, and the list
# of them in load order (later files override earlier ones, as with ``--rules``).
RULES_FOLDER = "rules"
RULES_LIST = "rules.json"


def get_claims(doc: Doc) -> list[Claim] | None:
    """``doc._.remit_claims``: the claims, rebuilt from their stored rows."""
    rows = doc._.get(_ROWS)
    return None if rows is None else [Claim(**row) for row in rows]


def set_claims(doc: Doc, claims: Iterable[Claim] | None) -> None:
    """Store claims as rows that survive ``Doc.to_bytes``."""
    # A claim's fields are strings, numbers, booleans and None: a shallow copy is a plain row.
    doc._.set(_ROWS, None if claims is None else [dict(vars(c)) for c in claims])


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
    :class:`remit.records.Claim` on ``doc._.remit_claims`` (kept as dict rows in
    ``doc._.remit_claim_rows``) and one span per claim (the agency
    mention, labelled with the claim's rule key) in ``doc.spans[spans_key]``.
    ``nlp.to_disk`` saves copies of the ``rules`` files with the pipeline.
    """

    def __init__(self, nlp: Language, name: str, rules: Iterable[str] = (),
                 spans_key: str = SPANS_KEY):
        self.nlp = nlp
        self.name = name
        self.rules = list(rules)
        self.spans_key = spans_key
        self._extractor: Extractor | None = None
        self._table = None
        self._judge = None
        for extension in (_ROWS, MENTIONS, PREVIOUS, TAIL):
            if not Doc.has_extension(extension):
                Doc.set_extension(extension, default=None)
        if not Doc.has_extension("remit_claims"):
            Doc.set_extension("remit_claims", getter=get_claims, setter=set_claims)

    def use_table(self, table) -> None:
        """Compile from this already loaded table (the same ``rules``), not a second load."""
        self._table = table
        self._judge = None

    @property
    def table(self):
        """The shipped table merged with the ``rules`` files (loaded on first use)."""
        if self._table is None:
            from remit.rules.loader import load_table

            self._table = load_table(self.rules)
        return self._table

    @property
    def extractor(self) -> Extractor:
        """Compile the table's aliases, triggers and constructions on first use."""
        if self._extractor is None:
            from remit.claims.grammar import constructions, cues, load_grammar
            from remit.claims.modifiers import compile_cues

            table = self.table
            lex = load_lexicon(self.rules)
            aliases = build_alias_index(self.nlp.vocab, self.nlp.make_doc, table, lex)
            triggers = compile_triggers(table, lex)
            # the lexicon loaded without error, so the same files' records did
            merged = load_grammar(self.rules)[0]
            matcher = load_constructions(constructions(merged), self.nlp.vocab, lex.word_class)
            self._extractor = Extractor(aliases, triggers, lex, verb_forms(triggers),
                                        function_words=function_words(table),
                                        name_words=name_words(table),
                                        constructions=matcher,
                                        cues=compile_cues(cues(merged), lex.word_class))
        return self._extractor

    @property
    def judge(self):
        """The :class:`remit.checker.Judge` of :attr:`table` that chooses between readings;
        pass it to :func:`remit.checker.judge_all` so that no claim is judged twice."""
        if self._judge is None or self._judge.table is not self.table:
            from remit.checker import Judge

            self._judge = Judge(self.table)
        return self._judge

    def _verdict_of(self, claim: Claim) -> str:
        return self.judge.verdict_alone(claim)

    def initialize(self, get_examples=None, *, nlp: Language | None = None) -> None:
        """Compile the patterns now rather than on the first document."""
        _ = self.extractor

    def to_disk(self, path, *, exclude: Iterable[str] = ()) -> None:
        """Save copies of the ``rules`` files, so the saved pipeline does not need the originals.

        The shipped table is not saved: it comes with the installed package.
        """
        from remit.rules.loader import expand_paths

        path = ensure_path(path)
        (path / RULES_FOLDER).mkdir(parents=True, exist_ok=True)
        saved = []
        # The number keeps the load order and tells apart files of the same name.
        for number, (source, text) in enumerate(expand_paths(self.rules)):
            name = f"{RULES_FOLDER}/{number:02d}-{Path(source).name}"
            (path / name).write_text(text, encoding="utf-8")
            saved.append(name)
        (path / RULES_LIST).write_text(json.dumps({"rules": saved}, indent=2), encoding="utf-8")

    def from_disk(self, path, *, exclude: Iterable[str] = ()) -> ClaimsComponent:
        """Read the ``rules`` files from the copies saved by :meth:`to_disk`.

        They replace the paths in the pipeline's config, which name the files where they were
        when the pipeline was saved. A folder without the list (saved before there was one)
        keeps the config's paths.
        """
        listing = ensure_path(path) / RULES_LIST
        if listing.exists():
            saved = json.loads(listing.read_text(encoding="utf-8"))["rules"]
            self.rules = [str(listing.parent / name) for name in saved]
            self._table = None
            self._extractor = None
            self._judge = None
        return self

    def __call__(self, doc: Doc) -> Doc:
        """Extract the claims of a parsed doc (a whole text, or one sentence of one).

        This is the only place claims are extracted: :class:`remit.runtime.runner.SentenceRunner`
        calls the component on each sentence in order, with ``doc._.remit_previous`` set.
        """
        if len(doc) and not doc.has_annotation("DEP"):
            raise ParseRequiredError(
                f"[{self.name}] needs a dependency parse: add it after a 'parser' component "
                "(for example to spacy.load('en_core_web_sm'))")
        extractor = self.extractor
        mend_appositions(doc)  # 'X is separate from Y, the agency that ...': Y's apposition
        mend_infinitive_names(doc, extractor.lex.word_class("infinitive_names"))
        preset = doc._.get(MENTIONS)
        mentions = extractor.mentions(doc) if preset is None else row_spans(doc, preset)
        previous = doc._.get(PREVIOUS) or ()
        doc._.set(PREVIOUS, None)
        claims, tail = extractor.extract(doc, previous, mentions)
        doc._.remit_claims = choose_readings(claims, self._verdict_of)
        doc._.set(TAIL, span_rows(tail))
        doc.spans[self.spans_key] = [
            doc.char_span(c.start, c.end, label=c.key, alignment_mode="expand") for c in claims
        ]
        return doc

