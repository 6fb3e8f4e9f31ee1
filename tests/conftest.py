"""Shared fixtures: one real English pipeline and engine per test session."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def engine():
    """The default engine (shipped table, default model), loaded once."""
    from remit.engine import Engine

    eng = Engine()
    _ = eng.nlp
    return eng


@pytest.fixture(scope="session")
def table(engine):
    return engine.table
