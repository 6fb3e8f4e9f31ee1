"""Shared fixtures: a fake engine for I/O tests, one real engine per session for the rest."""

import pytest
from click.testing import CliRunner
from fake import KeywordEngine

from remit.cli import main


@pytest.fixture
def fake_engine(monkeypatch):
    """Make ``remit batch`` and ``check_frame`` use the keyword engine."""
    engine = KeywordEngine()
    monkeypatch.setattr("remit.engine.get_engine", lambda *args, **kwargs: engine)
    return engine


@pytest.fixture(scope="session")
def real_engine():
    """The real engine, loaded once; its model load is what makes these tests slow."""
    from remit.engine import ModelError, get_engine

    engine = get_engine()
    try:
        engine.check("ICE issues green cards.")
    except ModelError as exc:  # pragma: no cover - depends on the environment
        pytest.skip(f"no English model: {exc}")
    return engine


@pytest.fixture
def cli():
    """Run ``remit`` with arguments; return click's result (stdout and stderr apart)."""
    runner = CliRunner()

    def invoke(*args, input=None):
        return runner.invoke(main, [str(a) for a in args], input=input, catch_exceptions=False)

    return invoke


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: starts worker processes; a few seconds")
