"""The engine: one loaded pipeline and table, shared by the CLI, the API and batch runs.

Both load lazily, once per process, so ``remit --help`` and ``remit rules validate`` never import
spaCy. How texts are run is :mod:`remit.runtime`; the model is :mod:`remit.model`.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from remit.errors import ModelError, RulesConflictError
from remit.model import DEFAULT_MODELS, load
from remit.records import Finding
from remit.runtime.runner import SentenceRunner

if TYPE_CHECKING:
    from spacy.language import Language

    from remit.rules.table import Table

# Kept here for the callers that import them from the engine.
load_model = load
__all__ = ["DEFAULT_MODELS", "Engine", "ModelError", "SentenceRunner", "get_engine", "load_model"]


class Engine:
    """Extract claims with spaCy and judge them against the table.

    Texts are split into sentences by rule and each sentence is parsed as its own ``Doc``. With
    ``prefilter`` (the default) only the sentences that can hold a claim are parsed (see
    :mod:`remit.runtime.prefilter`); without it every sentence is, with the same findings.
    A sentence longer than ``max_sentence_tokens`` (default 250) is cut at clause punctuation.
    """

    def __init__(self, model: str | None = None, rules: Sequence[str] = (), nlp=None,
                 prefilter: bool = True, max_sentence_tokens: int | None = None):
        self._model_name = model
        self._rules = tuple(str(r) for r in rules)
        if nlp is not None and rules and "remit_claims" in nlp.pipe_names:
            raise RulesConflictError("the pipeline already has remit_claims with its own rules; "
                             "give rules to the component, not to the engine")
        self._nlp = nlp
        self._given_nlp = nlp is not None
        self._table: Table | None = None
        self.prefilter = prefilter
        if max_sentence_tokens is not None and max_sentence_tokens < 1:
            raise ValueError(f"max_sentence_tokens must be at least 1, not {max_sentence_tokens}")
        self.max_sentence_tokens = max_sentence_tokens
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
        are checked whole by that many worker processes (:mod:`remit.runtime.parallel`).
        """
        from remit.runtime.parallel import resolve_processes

        n_process = resolve_processes(n_process)
        if n_process > 1:
            from remit.runtime.parallel import check_parallel

            yield from check_parallel(self, texts, batch_size, n_process)
            return
        from remit.checker import judge_all
        table = self.table
        runner = self._runner
        limit = self.max_sentence_tokens
        if runner is None or runner.nlp is not self.nlp or (
                (runner.prefilter is not None) != self.prefilter) or (
                runner.max_sentence_tokens != limit):
            runner = self._runner = SentenceRunner(self.nlp, prefilter=self.prefilter,
                                                   max_sentence_tokens=limit)
        for claims in runner.claims_many(texts, batch_size=batch_size):
            yield judge_all(claims, table, runner.component.judge)


@functools.lru_cache(maxsize=4)
def get_engine(model: str | None = None, rules: tuple[str, ...] = (),
               max_sentence_tokens: int | None = None) -> Engine:
    """Return a cached engine for these options."""
    return Engine(model=model, rules=rules, max_sentence_tokens=max_sentence_tokens)
