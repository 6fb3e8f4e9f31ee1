"""Fixtures for the markup tests: a fake engine, and (when it works) the real one."""

import re

import pytest

from remit.records import Claim, Finding


class FakeEngine:
    """Mimics ``Engine.check_many``: every "ICE" is a contradicted claim; sentences end at '.'
    and at a blank line (which stands between the blocks of a document)."""

    def __init__(self):
        self.texts: list[str] = []
        self.calls = 0

    def check_many(self, texts, batch_size=64, n_process=1):
        self.calls += 1
        for text in texts:
            self.texts.append(text)
            yield [self._finding(text, m.start()) for m in re.finditer(r"\bICE\b", text)]

    @staticmethod
    def _finding(text: str, start: int) -> Finding:
        sent_start = max(text.rfind(". ", 0, start), text.rfind("\n\n", 0, start))
        sent_start = 0 if sent_start < 0 else sent_start + 2
        ends = [e + 1 for e in (text.find(".", start),) if e >= 0]
        ends += [e for e in (text.find("\n\n", start),) if e >= 0]
        sent_end = min(ends, default=len(text))
        claim = Claim(
            "ICE", "issue_green_cards", "affirmed", start, start + 3, sent_start, sent_end, "issue"
        )
        return Finding(claim, "contradicted", "ICE does not issue green cards")


@pytest.fixture
def fake_engine():
    return FakeEngine()


@pytest.fixture(scope="session")
def engine():
    """The real engine, loaded once; skipped where the English model cannot be loaded."""
    from remit.engine import Engine, ModelError

    engine = Engine()
    try:
        engine.nlp  # noqa: B018  (load now, so a missing model skips instead of failing)
    except (ModelError, ImportError) as exc:
        pytest.skip(f"no English spaCy model: {exc}")
    return engine
