"""The loader's errors point at the data: file, line, record id and what is wrong."""

from __future__ import annotations

from pathlib import Path

import pytest

from remit.rules.loader import TableError, load_table

FACT = """\
facts:
  - id: {id}
    agency: ICE
    function: {function}
    stance: {stance}
    exclusive: {exclusive}
    as_of: 2026-01-01
    evidence:
      - source: {source}
        quote: "removes illegal aliens from the United States"
"""


BAD_FACT = """\
facts:
  - id: good-fact
    agency: ICE
    function: removal
    stance: performs
    as_of: 2026-01-01
    evidence:
      - source: ice-ero
        quote: "removes illegal aliens from the United States"
  - id: ice-issues-visas
    agency: ICEE
    function: visa_issuance
    stance: performs
    as_of: 2026-01-01
    evidence:
      - source: ice-ero
        quote: "removes illegal aliens from the United States"
"""


def _errors(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    with pytest.raises(TableError) as info:
        load_table([path])
    return str(info.value)


def test_loader_reports_unknown_agency_with_file_and_line(tmp_path):
    message = _errors(tmp_path, "bad.yaml", BAD_FACT)
    assert "bad.yaml:10:" in message
    assert "fact 'ice-issues-visas'" in message
    assert "unknown agency 'ICEE'" in message



def test_loader_reports_unknown_key(tmp_path):
    text = BAD_FACT.replace("agency: ICEE", "agency: ICE\n    confidence: high")
    message = _errors(tmp_path, "bad.yaml", text)
    assert "bad.yaml:10: fact 'ice-issues-visas'" in message
    assert "confidence" in message



def test_loader_reports_parent_without_evidence(tmp_path):
    text = """\
agencies:
  - id: NEWO
    name: New Office
    kind: office
    parent: ICE
"""
    message = _errors(tmp_path, "bad.yaml", text)
    assert "bad.yaml:2: agency 'NEWO': a parent needs parent_evidence" in message


def test_loader_reports_unknown_former_parent(tmp_path):
    text = """\
agencies:
  - id: NEWO
    name: New Office
    kind: agency
    former_parents:
      - parent: ICEE
        until: 2009-10-28
        evidence: [{source: fps-placement, quote: "moved"}]
"""
    message = _errors(tmp_path, "bad.yaml", text)
    assert "bad.yaml:2: agency 'NEWO': unknown former parent 'ICEE'" in message


@pytest.mark.parametrize("fields, expected", [
    ({"id": "ice-issues-visas", "function": "visas", "stance": "performs", "exclusive": "false",
      "source": "nowhere"},
     ["bad.yaml:2: fact 'ice-issues-visas': unknown function 'visas'",
      "bad.yaml:2: fact 'ice-issues-visas': unknown source 'nowhere'"]),
    ({"id": "ice-shares-removal", "function": "removal", "stance": "shares", "exclusive": "true",
      "source": "ice-ero"},
     ["bad.yaml:2: fact 'ice-shares-removal'", "exclusive: true needs stance 'performs'"]),
    ({"id": "ice-issues-green-cards", "function": "green_card", "stance": "performs",
      "exclusive": "true", "source": "ice-ero"},
     ["bad.yaml:2: fact 'ice-issues-green-cards'", "already exclusive"]),
], ids=["unknown-function-and-source", "exclusive-without-performs", "second-exclusive-owner"])
def test_loader_reports_bad_fact(tmp_path, fields, expected):
    message = _errors(tmp_path, "bad.yaml", FACT.format(**fields))
    for part in expected:
        assert part in message
