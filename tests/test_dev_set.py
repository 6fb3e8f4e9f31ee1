"""The development set and determinism: the figures issue 2 asks for, guarded."""

from __future__ import annotations

import csv
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from remit.records import roll_up

DEV = next((p / "dev" / "statements.csv"
            for p in (Path(__file__).parents[1].parent / "shared", Path("/work/shared"))
            if (p / "dev" / "statements.csv").is_file()), None)


@pytest.mark.skipif(DEV is None, reason="the development set is not beside the checkout")
def test_dev_set_accuracy_and_no_false_alarms(engine):
    rows = list(csv.DictReader(DEV.open(encoding="utf-8", newline="")))
    right, false_alarms = 0, []
    for row in rows:
        verdict = roll_up(engine.check(row["text"]))
        accepted = {row["gold"], *filter(None, (row.get("alt") or "").split("|"))}
        right += verdict in accepted
        if verdict == "contradicted" and row["gold"] in {"supported", "no_claim"}:
            false_alarms.append(row["id"])
    assert right / len(rows) >= 0.95
    assert false_alarms == []


TEXT = ("Homeland Security Investigations, the investigative arm of ICE, handles cases from human "
        "trafficking to counterfeit goods, and its agents carry out Form I-9 inspections. "
        "The role of an immigration judge is to hear and decide cases, including removal cases. "
        "USCIS and ICE both process naturalization applications.")


def _run(seed: str) -> str:
    env = {**os.environ, "PYTHONHASHSEED": seed}
    out = subprocess.run([sys.executable, "-m", "remit.cli", "check", "-", "-f", "json",
                          "--fail-on", "never"], input=TEXT, capture_output=True, text=True,
                         env=env, check=True)
    return out.stdout


def test_same_input_same_output_across_hash_seeds():
    first, second = _run("1"), _run("3")
    assert json.loads(first) == json.loads(second)
    assert json.loads(first)[0]["claims"], "the text holds claims"
