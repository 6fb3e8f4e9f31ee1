"""Worker processes change where texts are checked, never what is found or in which order."""

from __future__ import annotations

import itertools
import multiprocessing
import pickle

import pytest

from remit.runtime import parallel
from remit.engine import Engine

TEXTS = ["ICE issues green cards.", "Nothing here.", "",
         "CBP patrols the border. It also inspects cargo.",
         "Does ICE issue visas?", "USCIS does not run detention centers."]


def _records(results):
    return [[(f.claim.agency, f.claim.function, f.claim.start, f.verdict) for f in r]
            for r in results]


def test_workers_give_the_same_findings_in_input_order(engine, monkeypatch):
    monkeypatch.setattr(parallel, "CHUNK_CHARS", 30)  # many small chunks, out-of-order finishes
    texts = TEXTS * 5
    one = _records(engine.check_many(texts, batch_size=3))
    two = _records(engine.check_many(texts, batch_size=3, n_process=2))
    assert one == two
    assert len(two) == len(texts) and two[0] and not two[1]


def test_workers_read_a_stream_lazily(engine):
    """An endless input gives results as it goes: only a few chunks are read ahead."""
    read = 0

    def endless():
        nonlocal read
        for text in itertools.cycle(TEXTS):
            read += 1
            yield text

    results = engine.check_many(endless(), batch_size=2, n_process=2)
    first = list(itertools.islice(results, 12))
    results.close()
    assert _records(first) == _records(engine.check_many(TEXTS * 2, batch_size=2))
    assert read <= 12 + 2 * 2 * parallel.IN_FLIGHT + 2


def test_a_worker_error_reaches_the_caller(engine):
    with pytest.raises(TypeError):
        list(engine.check_many(["ICE issues green cards.", 42], batch_size=1, n_process=2))


def test_minus_one_means_one_worker_per_core():
    import os

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    assert parallel.resolve_processes(-1) == cores >= 1
    assert parallel.resolve_processes(3) == 3


def test_engine_pickles_its_options_not_its_model(engine):
    """Without fork, workers get the engine by pickle and load their own model."""
    loaded = Engine(model=engine._model_name, rules=())
    loaded._nlp, loaded._table = engine.nlp, engine.table
    copy = pickle.loads(pickle.dumps(loaded))
    assert copy._nlp is None and copy._table is None
    assert copy._model_name == engine._model_name and loaded._nlp is engine.nlp


@pytest.mark.skipif("spawn" not in multiprocessing.get_all_start_methods(), reason="no spawn")
def test_spawned_workers_load_their_own_engine(engine, monkeypatch):
    monkeypatch.setattr(parallel, "_context", lambda: multiprocessing.get_context("spawn"))
    texts = TEXTS[:4]
    fresh = Engine()  # nothing loaded: the workers load the default model themselves
    assert _records(fresh.check_many(texts, batch_size=2, n_process=2)) == _records(
        engine.check_many(texts))
    assert fresh._nlp is None
