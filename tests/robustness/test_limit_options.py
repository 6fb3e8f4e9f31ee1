"""The limits are options: the largest input, the longest sentence parsed, the deepest markup."""

from __future__ import annotations

import json

import pytest
import spacy

from remit.markup.markdown import extract_markdown
from remit.markup.source import parse_size
from remit.runtime.prefilter import split_sentences

# One sentence of about 40 tokens: the agency opens it, its verb closes it, commas between.
LONG = ("ICE, " + ", ".join(["together with the staff of its field offices in many states"] * 3)
        + ", issues green cards to applicants.\n")
DEEP = "".join("  " * k + "- level\n" for k in range(8)) + "\nICE issues green cards.\n"


@pytest.mark.parametrize(("text", "size"), [
    ("20MB", 20 * 1024 * 1024), ("512KB", 512 * 1024), ("512 kb", 512 * 1024), ("100", 100),
    (100, 100), ("1.5M", 1572864), ("2GB", 2 * 1024 ** 3),
])
def test_sizes_are_bytes_or_a_number_with_a_unit(text, size):
    assert parse_size(text) == size


@pytest.mark.parametrize("text", ["", "MB", "20 parsecs", "-5", "0", "0KB", True])
def test_a_bad_size_is_refused_with_a_reason(text):
    with pytest.raises(ValueError, match="not a size|at least 1 byte"):
        parse_size(text)


def test_the_sentence_limit_is_a_parameter():
    doc = spacy.blank("en").make_doc(LONG)
    assert len(split_sentences(doc)) == 1
    pieces = split_sentences(doc, max_tokens=20)
    assert len(pieces) > 1 and all(p.end - p.start <= 20 for p in pieces)
    assert doc[pieces[0].end - 1].text == ","


def test_the_depth_limit_is_a_parameter():
    assert extract_markdown(DEEP).notices == []
    doc = extract_markdown(DEEP, max_depth=5)
    assert doc.notices == ["3: Markdown nested more than 4 levels deep; the text from here on "
                           "is read as plain lines"]
    assert "ICE issues green cards." in [b.text for b in doc.blocks]


def test_max_bytes_rejects_a_larger_file(run, tmp_path):
    path = tmp_path / "a.md"
    path.write_text("USCIS adjudicates asylum claims.\n" * 40)  # 1,320 bytes
    small = run("check", "--max-bytes", "1KB", str(path))
    assert small.exit_code == 2
    assert small.stderr == f"remit: error: {path}: larger than the 1 KB limit, not checked\n"
    assert run("check", "--max-bytes", "2KB", str(path)).exit_code == 0
    (tmp_path / ".remit.toml").write_text('max_bytes = "1KB"\n')
    assert run("check", str(path)).exit_code == 2
    assert run("check", "--max-bytes", "2048", str(path)).exit_code == 0, "the option wins"


@pytest.mark.parametrize(("option", "value"), [
    ("--max-bytes", "ten"), ("--max-bytes", "0"), ("--max-sentence-tokens", "0"),
    ("--max-depth", "1"),
])
def test_a_bad_limit_is_a_usage_error(run, tmp_path, option, value):
    path = tmp_path / "a.md"
    path.write_text("ICE detains people.\n")
    result = run("check", option, value, str(path))
    assert result.exit_code == 2
    assert f"Invalid value for '{option}'" in result.stderr


def test_a_lower_sentence_limit_cuts_the_sentence_and_its_claim(run, tmp_path):
    path = tmp_path / "long.md"
    path.write_text(LONG)
    whole = json.loads(run("check", "-f", "json", str(path)).stdout)[0]
    cut = json.loads(run("check", "-f", "json", "--max-sentence-tokens", "20", str(path)).stdout)
    assert [c["verdict"] for c in whole["claims"]] == ["contradicted"]
    assert cut[0]["claims"] == []


def test_a_lower_depth_gives_the_depth_notice(run, tmp_path):
    path = tmp_path / "deep.md"
    path.write_text(DEEP)
    assert json.loads(run("check", "-f", "json", str(path)).stdout)[0]["notices"] == []
    shallow = json.loads(run("check", "-f", "json", "--max-depth", "5", str(path)).stdout)[0]
    assert shallow["notices"][0].startswith("3: Markdown nested more than 4 levels deep")
    assert [c["verdict"] for c in shallow["claims"]] == ["contradicted"], "still read"


def test_batch_takes_the_sentence_limit(run, tmp_path):
    table = tmp_path / "t.csv"
    table.write_text("statement\n" + json.dumps(LONG.strip()) + "\n")
    out = tmp_path / "out.jsonl"
    run("batch", str(table), "--column", "statement", "-q", "-o", str(out))
    assert json.loads(out.read_text())["verdict"] == "contradicted"
    run("batch", str(table), "--column", "statement", "-q", "-o", str(out),
        "--max-sentence-tokens", "20")
    assert json.loads(out.read_text())["verdict"] == "no_claim"


def test_the_engine_takes_the_sentence_limit(engine):
    from remit.engine import Engine

    short = Engine(nlp=engine.nlp, max_sentence_tokens=20)
    assert [f.verdict for f in engine.check(LONG)] == ["contradicted"]
    assert short.check(LONG) == []
    with pytest.raises(ValueError, match="at least 1"):
        Engine(max_sentence_tokens=0)
