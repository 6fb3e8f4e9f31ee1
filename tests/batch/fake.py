"""A keyword engine standing in for the real one, so I/O tests run in milliseconds.

``ICE`` gives a contradicted claim with evidence, ``USCIS`` a supported one, ``maybe`` an
unknown one, and ``BOOM`` makes the engine raise mid-batch, as a crashing extractor would.
"""

import re

from remit.records import Claim, Evidence, Finding

RULES = {
    "ICE": ("contradicted", "USCIS issues green cards.",
            Evidence("uscis.gov", "USCIS grants green cards.", "https://uscis.gov", "f1")),
    "USCIS": ("supported", None,
              Evidence("uscis.gov", "USCIS grants green cards.", None, "f1")),
    "maybe": ("unknown", None, None),
}


class Boom(RuntimeError):
    """The failure a broken extractor would raise."""


class KeywordEngine:
    """Mimics ``Engine.check_many``; records the calls it gets."""

    def __init__(self):
        self.calls: list[tuple[int, int]] = []  # (batch_size, n_process) of each call

    def check_many(self, texts, batch_size=64, n_process=1):
        self.calls.append((batch_size, n_process))
        for text in texts:
            if "BOOM" in text:
                raise Boom(f"cannot parse {text[:20]!r}")
            yield [_finding(m) for m in re.finditer(r"\b(ICE|USCIS|maybe)\b", text)]


def _finding(match: re.Match) -> Finding:
    verdict, correction, evidence = RULES[match.group(1)]
    claim = Claim(match.group(1), "issue_green_cards", "affirmed", match.start(), match.end(),
                  0, match.end(), "issues")
    return Finding(claim, verdict, f"{match.group(1)}: {verdict}",
                   (evidence,) if evidence else (), correction)
