"""Shared fixtures: one real English pipeline and engine per test session."""

from __future__ import annotations

import os
import tempfile

import pytest

# The data-file cache of this run stays out of the user's (remit.rules.yaml_cache).
os.environ.setdefault("REMIT_CACHE_DIR", tempfile.mkdtemp(prefix="remit-test-cache-"))


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


@pytest.fixture()
def run(engine, monkeypatch):
    """Invoke the CLI in-process, reusing the session's loaded engine."""
    from click.testing import CliRunner

    import remit.engine
    from remit.cli import main

    nlp = engine.nlp
    monkeypatch.setattr(remit.engine.Engine, "nlp", property(lambda self: nlp))

    def invoke(*args, input=None):
        return CliRunner().invoke(main, list(args), input=input)

    return invoke
