"""End to end with the real engine (one per session): the pipe, and --n-process."""

import json

import pandas as pd
import pytest
from spacy.language import Language

import remit
from remit.batch.stream import RowChecker
from remit.engine import Engine, load_model

pytestmark = pytest.mark.model

STATEMENTS = [
    "ICE issues green cards.",
    "USCIS issues green cards.",
    "The weather in Washington was pleasant on Tuesday.",
    "",
    "Does CBP run the ports of entry?",
    "Customs and Border Protection inspects travelers at ports of entry.\nICE handles asylum "
    "interviews.",
    "La CBP inspecciona a los viajeros en los puertos de entrada.",
]


def statements(n: int) -> list[str]:
    return [STATEMENTS[i % len(STATEMENTS)] + ("" if i % 3 else f" ({i})") for i in range(n)]


def test_verdicts_of_plain_statements(tmp_path, cli, real_engine):
    pd.DataFrame({"text": STATEMENTS[:4]}).to_csv(tmp_path / "in.csv", index=False)
    result = cli("batch", tmp_path / "in.csv", "--column", "text", "-o", tmp_path / "o.csv")
    out = pd.read_csv(tmp_path / "o.csv", dtype=str, keep_default_na=False)
    assert out["verdict"].tolist() == ["contradicted", "supported", "no_claim", "no_claim"]
    assert out["correction"].iloc[0] and out["evidence"].iloc[0].startswith("\u201c")
    assert result.exit_code == 1


def test_claims_column_matches_check_text(real_engine):
    df = pd.DataFrame({"text": STATEMENTS})
    out = remit.check_frame(df, "text")
    for text, claims, verdict in zip(df["text"], out["claims"], out["verdict"], strict=True):
        findings = remit.check_text(text) if text else []
        assert json.loads(claims) == [f.to_dict(text) for f in findings]
        assert verdict == remit.records.roll_up(findings)


@pytest.mark.slow
def test_two_processes_write_the_same_output_as_one(tmp_path, cli, real_engine):
    pd.DataFrame({"id": range(60), "text": statements(60)}).to_csv(tmp_path / "in.csv",
                                                                   index=False)
    outputs = []
    for n in (1, 2):
        target = tmp_path / f"out{n}.csv"
        result = cli("batch", tmp_path / "in.csv", "--column", "text", "-o", target,
                     "--n-process", n, "--batch-size", 4, "--chunksize", 7)
        assert result.exit_code in (0, 1), result.stderr
        outputs.append(target.read_bytes())
    assert outputs[0] == outputs[1]
    assert len(pd.read_csv(tmp_path / "out2.csv")) == 60


@Language.component("remit_test_poison")
def poison(doc):
    """Fail inside spaCy, as a crashing component would, on texts with POISON."""
    if "POISON" in doc.text:
        raise ValueError("poisoned text")
    return doc


@pytest.mark.slow
@pytest.mark.parametrize("n_process", [1, 2])
def test_a_row_failing_inside_spacy_fails_alone(n_process, real_engine):
    nlp = load_model()
    nlp.add_pipe("remit_test_poison", first=True)
    engine = Engine(nlp=nlp)
    texts = [f"ICE issues green cards to {i} people." for i in range(30)]
    texts[5] = texts[21] = "ICE issues POISON green cards."
    chunks = [pd.DataFrame({"text": texts[:10]}), pd.DataFrame({"text": texts[10:]})]
    out = pd.concat(RowChecker(engine, "text", batch_size=4, n_process=n_process).run(chunks))
    expected = [remit.records.roll_up(real_engine.check(t)) for t in texts]
    expected[5] = expected[21] = "error"
    assert expected.count("contradicted") == 28  # the others were checked, not skipped
    assert out["verdict"].tolist() == expected
    assert out["error"].iloc[21] == "ValueError: poisoned text"
