"""Generated input for the property tests and ``benchmarks/fuzz.py``: texts and tables.

Texts mix random characters with pieces that steer remit into its harder paths (agency names,
claim verbs, lone surrogates, escape sequences, brackets, markup); tables are JSON Lines
records whose keys and value types vary from row to row, or CSV cells of any text. Each row
carries its position in ``row``, so a round trip can tell a lost or moved row.
"""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path

from hypothesis import strategies as st

sys.path.insert(0, str(Path(__file__).parent.parent / "batch"))  # the keyword engine, fake.py

PIECES = (
    "ICE", "USCIS", "CBP", "Border Patrol", "the agency", "It", " is part of ", " issues ",
    " does not issue ", "green cards", " visas", ".", "?", "!", ",", ";", " ", "  ", "\n", "\n\n",
    "\r\n", "\t", "[", "]" * 3, "(((", '"', "'s", "\ud800", "\udfff", "\x00", "\x1b[2J",
    "\x1b]0;t\x07", "\x9b", "\u202e", "\u200b", "\ufeff", "é", "e\u0301", "🇺🇸", "𝐈𝐂𝐄",
    "<script>", "</script>", "&amp;", "&#xD800;", "| a | b |", "# ", "> ", "- ", "1. ", "```",
    "<!-- remit-ignore: x -->", "only ", "not ", "critics say ", "if ", "will ",
)  # fmt: skip


def texts(max_pieces: int = 40, surrogates: bool = True) -> st.SearchStrategy[str]:
    """Any text: random characters (any code point but surrogates) and the pieces above.

    Without ``surrogates``: none of the pieces that are lone surrogates (a UTF-8 file cannot
    hold them; JSON escapes them).
    """
    pieces = PIECES if surrogates else [p for p in PIECES if p.isascii() or p.encode(
        "utf-8", "ignore").decode() == p]
    piece = st.one_of(st.sampled_from(pieces), st.text(max_size=12))
    return st.lists(piece, max_size=max_pieces).map("".join)


KEYS = ("id", "text", "n", "x", "tags")
_SCALARS = st.one_of(
    st.none(), st.booleans(), st.integers(-(2**70), 2**70),
    st.floats(allow_nan=False, allow_infinity=False), st.text(max_size=10),
)
VALUES = st.one_of(_SCALARS, st.lists(_SCALARS, max_size=3),
                   st.dictionaries(st.text(max_size=3), _SCALARS, max_size=2))


def tables(max_rows: int = 12) -> st.SearchStrategy[list[dict]]:
    """JSON Lines records: any keys of ``KEYS`` in any order, values of any JSON type.

    The first record holds ``text`` (the column checked), the others may not.
    """
    record = st.lists(st.tuples(st.sampled_from(KEYS), VALUES), max_size=4).map(dict)
    first = st.tuples(st.one_of(texts(10), VALUES), record).map(
        lambda pair: {"text": pair[0], **pair[1]})
    return st.tuples(first, st.lists(record, max_size=max_rows - 1)).map(
        lambda pair: [{"row": i, **r} for i, r in enumerate([pair[0], *pair[1]])])


_CELL = st.text(st.characters(codec="utf-8", exclude_characters="\x00"), max_size=12)


def text_tables(max_rows: int = 12) -> st.SearchStrategy[list[dict]]:
    """CSV rows of text cells (any character but NUL, quoted as needed)."""
    row = st.fixed_dictionaries({"text": st.one_of(texts(8, surrogates=False), _CELL),
                                 "b": _CELL})
    return st.lists(row, min_size=0, max_size=max_rows).map(
        lambda rows: [{"row": str(i), **r} for i, r in enumerate(rows)])


def write_table(table: list[dict], fmt: str, folder: Path) -> Path:
    """Write ``table`` as ``in.FMT`` in ``folder``; CSV gets the union of keys as its header."""
    path = folder / f"in.{fmt}"
    if fmt == "jsonl":
        path.write_text("".join(json.dumps(r) + "\n" for r in table), encoding="utf-8")
        return path
    header = list(dict.fromkeys(["row", "text", *(k for r in table for k in r)]))
    with open(path, "w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, header, delimiter="," if fmt == "csv" else "\t")
        writer.writeheader()
        writer.writerows(table)
    return path


def read_output(path: Path) -> list[dict]:
    """Return the records of a batch output, values as the format holds them."""
    if path.suffix == ".jsonl":
        lines = path.read_text(encoding="utf-8").split("\n")  # not splitlines: U+0085 is data
        return [json.loads(line) for line in lines if line]
    if path.suffix == ".parquet":  # through Arrow, not pandas, which turns 1 beside null to 1.0
        import pyarrow.parquet as pq

        return pq.read_table(path).to_pylist()
    with open(path, encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="," if path.suffix == ".csv" else "\t"))


def round_trip(table: list[dict], in_fmt: str, out_fmt: str, folder: Path,
               chunksize: int = 3) -> tuple[list[dict], list[dict]]:
    """Run ``remit batch`` (keyword engine) over ``table``: (records read back, records sent)."""
    from fake import KeywordEngine

    from remit.batch.run import BatchJob, run_batch

    source = write_table(table, in_fmt, folder)
    target = folder / f"out.{out_fmt}"
    run_batch(BatchJob(str(source), "text", str(target), chunksize=chunksize),
              engine=KeywordEngine())
    return read_output(target), table


def readable(value):
    """``value`` as JSON reads it back: lone surrogates as U+FFFD (what remit reads them as)."""
    if isinstance(value, str):
        return value.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    if isinstance(value, list):
        return [readable(v) for v in value]
    if isinstance(value, dict):
        return {readable(k): readable(v) for k, v in value.items()}
    return value


def same_value(got, value, out_fmt: str) -> bool:
    """Whether ``got`` (read from the output) holds ``value`` (sent in JSON Lines)."""
    value = readable(value)
    if out_fmt == "jsonl":  # as they came, type and all
        return json.dumps(got) == json.dumps(value)
    if value is None:
        return got in (None, "")
    if isinstance(value, str):
        return got == value
    if isinstance(got, str):  # written as text: JSON for all but strings
        return got == json.dumps(value, ensure_ascii=False) or got == str(value)
    if isinstance(got, bool) or isinstance(value, bool):
        return got is value
    return got == value  # a typed column: integers beside numbers are numbers (1 as 1.0)
