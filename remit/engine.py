"""The engine: one loaded pipeline and table, shared by the CLI, the API and batch runs.

Both load lazily, once per process, so ``remit --help`` and ``remit rules validate`` never import
spaCy.
"""

from __future__ import annotations

import dataclasses
import functools
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from remit.model import DEFAULT_MODELS, UNUSED_COMPONENTS, ModelError, load
from remit.records import Finding

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

    from remit.claims.prefilter import Sentence
    from remit.claims.text import Prepared
    from remit.records import Claim
    from remit.rules.table import Table

# Kept here for the callers that import them from the engine.
load_model = load
__all__ = ["DEFAULT_MODELS", "Engine", "ModelError", "SentenceRunner", "get_engine", "load_model"]


class Engine:
    """Extract claims with spaCy and judge them against the table.

    Texts are split into sentences by rule and each sentence is parsed as its own ``Doc``. With
    ``prefilter`` (the default) only the sentences that can hold a claim are parsed (see
    :mod:`remit.claims.prefilter`); without it every sentence is, with the same findings.
    """

    def __init__(self, model: str | None = None, rules: Sequence[str] = (), nlp=None,
                 prefilter: bool = True):
        self._model_name = model
        self._rules = tuple(str(r) for r in rules)
        if nlp is not None and rules and "remit_claims" in nlp.pipe_names:
            raise ValueError("the pipeline already has remit_claims with its own rules; "
                             "give rules to the component, not to the engine")
        self._nlp = nlp
        self._given_nlp = nlp is not None
        self._table: Table | None = None
        self.prefilter = prefilter
        self._runner: SentenceRunner | None = None  # built on first use, kept for the next

    def __getstate__(self) -> dict:
        """Pickle the options only (a worker process loads its own model and table).

        A pipeline passed in as ``nlp`` travels with the engine, if spaCy can pickle it.
        """
        state = dict(self.__dict__, _table=None, _runner=None)
        if not self._given_nlp:
            state["_nlp"] = None
        return state

    @property
    def table(self) -> Table:
        """The shipped table merged with the user's ``rules`` files (loaded on first use).

        A pipeline given as ``nlp`` that has its own ``remit_claims`` component (a saved one,
        say) judges with that component's table, the one its claims were extracted with.
        """
        if self._table is None:
            own = self._given_nlp and "remit_claims" in self._nlp.pipe_names
            if own:
                self._table = self._nlp.get_pipe("remit_claims").table
            else:
                from remit.rules.loader import load_table

                self._table = load_table(self._rules)
        return self._table

    @property
    def nlp(self) -> Language:
        """The English pipeline with the ``remit_claims`` component (loaded on first use)."""
        if self._nlp is None:
            self._nlp = load(self._model_name)
        if "remit_claims" not in self._nlp.pipe_names:
            component = self._nlp.add_pipe("remit_claims", config={"rules": list(self._rules)})
            # The table takes longer to load than the model: load it once for both uses.
            component.use_table(self.table)
        return self._nlp

    def check(self, text: str) -> list[Finding]:
        """Return the findings of one text, in text order."""
        return next(self.check_many([text]))

    def check_many(
        self, texts: Iterable[str], batch_size: int = 64, n_process: int = 1
    ) -> Iterator[list[Finding]]:
        """Yield the findings of each text, in input order.

        The sentences to parse, from all texts, go through one ``nlp.pipe`` in batches of
        ``batch_size`` sentences. With ``n_process`` above 1 (-1: one per core), chunks of texts
        are checked whole by that many worker processes (:mod:`remit.parallel`).
        """
        from remit.parallel import resolve_processes

        n_process = resolve_processes(n_process)
        if n_process > 1:
            from remit.parallel import check_parallel

            yield from check_parallel(self, texts, batch_size, n_process)
            return
        from remit.checker import judge_all
        table = self.table
        runner = self._runner
        if runner is None or runner.nlp is not self.nlp or (
                (runner.prefilter is not None) != self.prefilter):
            runner = self._runner = SentenceRunner(self.nlp, prefilter=self.prefilter)
        for claims in runner.claims_many(texts, batch_size=batch_size):
            yield judge_all(claims, table)


@dataclasses.dataclass
class _Plan:
    """One text on its way through the pipeline: its sentences and which are parsed."""

    sentences: list[Sentence]
    docs: list[Doc | None]
    waiting: list[int]
    prepared: Prepared | None = None

    @property
    def complete(self) -> bool:
        return not self.waiting

    def take(self, doc: Doc) -> None:
        """Put a parsed sentence back in place (``nlp.pipe`` keeps the order)."""
        self.docs[self.waiting.pop(0)] = doc


class SentenceRunner:
    """Parse the sentences that need it, from many texts, and extract their claims.

    Each sentence is parsed and extracted alone, in whichever process ``nlp.pipe`` sends it to;
    the few whose 'it' looks back at a sentence with a mention are extracted again in order.
    """

    def __init__(self, nlp: Language, prefilter: bool = True):
        from remit.claims.prefilter import Prefilter

        self.nlp = nlp
        self.extractor = nlp.get_pipe("remit_claims").extractor
        self.prefilter = Prefilter(self.extractor, nlp.vocab) if prefilter else None
        self.disable = [name for name in UNUSED_COMPONENTS if name in nlp.pipe_names]

    def plan(self, text: str) -> _Plan:
        """Tokenize and split a text, and pick (as unparsed docs) the sentences to parse."""
        from remit.claims.extract import span_rows
        from remit.claims.prefilter import TokenTable, split_sentences
        from remit.claims.text import normalize_text

        prepared = normalize_text(text)
        # Only single sentences are parsed, so the whole text may exceed spaCy's parse limit.
        self.nlp.max_length = max(self.nlp.max_length, len(prepared.text) + 1)
        doc = self.nlp.make_doc(prepared.text)
        tokens = TokenTable(doc)
        sentences = split_sentences(doc, tokens)
        if self.prefilter is None:
            docs = [tokens.sentence_doc(s) for s in sentences]
        else:
            docs = []
            for carrier in self.prefilter.carriers(doc, sentences, tokens):
                if carrier is not None and carrier.mentions:
                    carrier.doc._.remit_mentions = span_rows(carrier.mentions)
                docs.append(carrier and carrier.doc)
        return _Plan(sentences, docs, [i for i, d in enumerate(docs) if d is not None], prepared)

    def claims_many(self, texts: Iterable[str], batch_size: int = 64,
                    n_process: int = 1) -> Iterator[list[Claim]]:
        """Yield the claims of each text, in input order, offsets into the text."""
        plans: deque[_Plan] = deque()

        def feed() -> Iterator[Doc]:
            for text in texts:
                plan = self.plan(text)
                plans.append(plan)
                yield from [plan.docs[i] for i in plan.waiting]

        parsed = self.nlp.pipe(feed(), batch_size=batch_size, n_process=n_process,
                               disable=self.disable)
        for doc in parsed:
            while plans[0].complete:
                yield self.finish(plans.popleft())
            plans[0].take(doc)
            while plans and plans[0].complete:
                yield self.finish(plans.popleft())
        while plans:
            yield self.finish(plans.popleft())

    def finish(self, plan: _Plan) -> list[Claim]:
        """Gather the claims of a text from its parsed sentences, in order.

        The component extracted each sentence alone; a sentence whose first 'it' or 'the
        agency' finds an antecedent in the sentence before is extracted again here, with it.
        """
        from remit.claims.extract import order_claims, row_spans, span_rows

        out: list[Claim] = []
        before: Doc | None = None
        for sentence, doc in zip(plan.sentences, plan.docs, strict=True):
            if doc is None:
                before = None
                continue
            claims = doc._.remit_claims
            if doc._.remit_needs_context and before is not None and before._.remit_tail:
                previous = row_spans(before, before._.remit_tail)
                preset = doc._.remit_mentions
                mentions = None if preset is None else row_spans(doc, preset)
                claims, tail = self.extractor.extract(doc, previous, mentions)
                doc._.remit_tail = span_rows(tail)
            out.extend(_shift(c, sentence.start_char, plan.prepared) for c in claims)
            before = doc
        return order_claims(out)


def _shift(claim: Claim, offset: int, prepared: Prepared | None = None) -> Claim:
    """Move a claim's offsets from its sentence into the whole text, as the user wrote it."""
    def where(value: int) -> int:
        value += offset
        return prepared.to_input(value) if prepared is not None else value

    return dataclasses.replace(claim, start=where(claim.start), end=where(claim.end),
                               sent_start=where(claim.sent_start),
                               sent_end=where(claim.sent_end))


@functools.lru_cache(maxsize=4)
def get_engine(model: str | None = None, rules: tuple[str, ...] = ()) -> Engine:
    """Return a cached engine for these options."""
    return Engine(model=model, rules=rules)
