"""remit's pipelines multiply matrices with numpy's BLAS; the parses are those of stock spaCy."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from remit.model.matrix import (
    THREADS_VARIABLE,
    limit_blas_threads,
    one_blas_thread_by_default,
    use_numpy_gemm,
)

SEEDS = next((p for p in (Path(__file__).parents[2].parent / "shared" / "seeds",
                          Path("/work/shared/seeds")) if p.is_dir()), None)


def _thinc_nodes(nlp):
    for _, component in nlp.pipeline:
        model = getattr(component, "model", None)
        if model is not None and hasattr(model, "walk"):
            yield from model.walk()


def test_engine_pipeline_multiplies_with_numpy(engine):
    from thinc.api import NumpyOps

    ops = [node.ops for node in _thinc_nodes(engine.nlp)]
    assert ops
    assert all(not o.use_blis for o in ops if isinstance(o, NumpyOps))


def test_use_numpy_gemm_leaves_other_backends_alone():
    import spacy
    from thinc.api import NumpyOps, Ops

    nlp = spacy.blank("en")
    tagger = nlp.add_pipe("tagger")
    tagger.add_label("NN")
    nlp.initialize()
    other = Ops()
    first = next(iter(tagger.model.walk()))
    first.ops = other
    changed = use_numpy_gemm(nlp)
    assert changed == sum(1 for _ in tagger.model.walk()) - 1
    assert first.ops is other
    assert use_numpy_gemm(nlp) == 0  # nothing left that uses blis
    assert all(isinstance(n.ops, NumpyOps) for n in tagger.model.walk() if n is not first)


@pytest.mark.skipif(SEEDS is None, reason="shared seeds not found")
def test_parses_match_stock_spacy(engine):
    """Tags, heads, dependencies and lemmas of the seeds are those of the model as shipped."""
    import spacy

    from remit.model import DEFAULT_MODELS

    stock = spacy.load(next(m for m in DEFAULT_MODELS if spacy.util.is_package(m)),
                       exclude=["ner"])
    paragraphs = [p for f in sorted(SEEDS.glob("*.txt"))
                  for p in f.read_text(encoding="utf-8").split("\n\n") if p.strip()]

    def rows(nlp, disable=()):
        return [[(t.tag_, t.dep_, t.head.i, t.lemma_) for t in doc]
                for doc in nlp.pipe(paragraphs, disable=list(disable))]

    assert sum(len(p) for p in paragraphs) > 5000
    assert rows(engine.nlp, ["remit_claims"]) == rows(stock)


def test_cli_asks_for_one_thread_unless_set(monkeypatch):
    monkeypatch.delenv(THREADS_VARIABLE, raising=False)
    one_blas_thread_by_default()
    assert os.environ[THREADS_VARIABLE] == "1"
    monkeypatch.setenv(THREADS_VARIABLE, "4")
    one_blas_thread_by_default()
    assert os.environ[THREADS_VARIABLE] == "4"


def test_limit_blas_threads():
    import numpy  # noqa: F401  (loads the BLAS to limit)
    from threadpoolctl import threadpool_info

    limiter = limit_blas_threads(1)
    try:
        blas = [lib for lib in threadpool_info() if lib["user_api"] == "blas"]
        assert blas and all(lib["num_threads"] == 1 for lib in blas)
    finally:
        limiter.restore_original_limits()
