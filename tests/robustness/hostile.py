"""A hostile corpus, made on the fly: texts for ``remit check`` and tables for ``remit batch``.

Shared by ``test_hostile_corpus.py`` and ``benchmarks/fuzz.py``. Each entry is a file name and
its bytes; the extension decides how remit reads it.
"""

from __future__ import annotations

import io
import json

import pandas as pd

CLAIM = "ICE issues green cards."


def _u(text: str) -> bytes:
    return text.encode("utf-8")


def text_corpus() -> dict[str, bytes]:
    """Texts that a careless or hostile writer could hand to ``remit check``."""
    deep_md = "".join("> " * d + f"level {d}: {CLAIM}\n" for d in range(1, 90))
    nested_list = "".join("  " * d + f"- USCIS item {d}\n" for d in range(120))
    return {
        "binary.bin.txt": bytes(range(256)) * 40,
        "png.md": b"\x89PNG\r\n\x1a\n" + bytes(range(200)),
        "nul.txt": _u(CLAIM) + b"\x00" + _u(CLAIM),
        "utf16-no-bom.txt": CLAIM.encode("utf-16-le") * 20,
        "utf16-bom.txt": ("\ufeff" + CLAIM).encode("utf-16-le"),
        "utf32-bom.md": ("\ufeff" + CLAIM).encode("utf-32-le"),
        "utf8-bom.txt": b"\xef\xbb\xbf" + _u(CLAIM),
        "invalid-utf8.txt": _u(CLAIM) + b"\xff\xfe\xc3\x28" + _u(CLAIM),
        "truncated-utf8.txt": _u(CLAIM) + "é".encode()[:1],
        "latin1.md": "Caf\xe9: ICE issues green cards.".encode("latin-1"),
        "empty.txt": b"",
        "whitespace.md": b" \t\n\r\n   \n\f\v ",
        "cr-only.txt": _u("USCIS issues green cards.\rICE issues green cards.\r\r"),
        "mixed-newlines.md": _u("# Title\r\nICE issues\rgreen cards.\n\r\nUSCIS does.\n"),
        "controls.txt": _u("".join(chr(c) for c in range(1, 32) if c not in (0,)) + CLAIM),
        "escapes.txt": _u("\x1b[2J\x1b]0;owned\x07\x1b[31m" + CLAIM + "\x9b31m\x1bP"),
        "bidi.txt": _u("\u202eICE issues green cards.\u202c \u2066USCIS\u2069 \u200f" + CLAIM),
        "zero-width.md": _u("I\u200bC\u200dE issues\u2060 green\ufeff cards. \u200b" * 30),
        "emoji.txt": _u("🇺🇸 ICE 🚔 issues 𝐠𝐫𝐞𝐞𝐧 cards 👩🏽‍⚖️. 𐍈 \U0010ffff " + CLAIM),
        "combining.txt": _u("I\u0301C\u0301E\u0301 issues green cards." + "e\u0301" * 500),
        "long-word.txt": _u("a" * 200_000 + " " + CLAIM + " " + "x-" * 50_000),
        "brackets.txt": _u("[" * 20_000 + CLAIM + "]" * 20_000 + "(" * 5_000 + "'s" * 2000),
        "punctuation.md": _u("!?." * 10_000 + "\n\n" + "-" * 50_000 + "\n" + CLAIM),
        "deep.md": _u(deep_md + nested_list),
        "deep.html": _u("<div>" * 3000 + f"<p>{CLAIM}</p>" + "</div>" * 3000),
        "unclosed.html": _u("<html><body><p>ICE <b>issues <i>green cards.<div><span>" * 200),
        "script.html": _u("<script>alert('ICE issues green cards.')</script><p>" + CLAIM
                          + "<style>p{}</style><script>var a = '</scr' + 'ipt>';"),
        "comment.html": _u("<!-- " + CLAIM + " <p>" + CLAIM + "<![CDATA[" + CLAIM),
        "entities.html": _u("&#0; &#xD800; &#1114112; &#x110000; &amp;&amp;amp; &lt;script&gt;"
                            + CLAIM),
        "ragged-table.md": _u("| a | b |\n|---|\n| ICE issues green cards | x | y | z |\n"
                              "| only |\n|||||\n"),
        "front-matter-only.md": _u("---\ntitle: ICE issues green cards\nlist: [1, 2\n---\n"),
        "front-matter-open.md": _u("---\ntitle: x\n" + CLAIM + "\n"),
        "fences.md": _u("```\n" + CLAIM + "\n" + "~~~~\n" * 200 + "`" * 5000 + "\n"),
        "one-line-1mb.txt": _u((CLAIM[:-1] + " and ") * (1024 * 1024 // 26) + "done."),
        "many-lines.txt": _u("ICE\n" * 50_000),
        "suppress.md": _u("<!-- remit-ignore: \x1b[31mreason\x07 -->\n" + CLAIM + "\n"
                          "<!-- remit-ignore-start -->\n" * 50 + CLAIM),
    }


def _csv(frame_text: str) -> bytes:
    return frame_text.encode("utf-8")


def _parquet(frame: pd.DataFrame) -> bytes:
    buffer = io.BytesIO()
    frame.to_parquet(buffer, index=False)
    return buffer.getvalue()


def _jsonl(records: list) -> bytes:
    return "".join(json.dumps(r) + "\n" for r in records).encode("utf-8")


def table_corpus() -> dict[str, tuple[bytes, int | None]]:
    """Tables for ``remit batch --column text``: name -> (bytes, rows when it must succeed).

    ``None`` rows: an input error (exit 2) is allowed.
    """
    huge = 2 ** 70
    return {
        "plain.csv": (_csv("id,text\n1,ICE issues green cards\n2,USCIS\n"), 2),
        "ragged-first.csv": (_csv("id,text\n1,ICE,extra\n2,USCIS\n"), None),
        "ragged-later.tsv": (_csv("id\ttext\n1\tICE\n2\tUSCIS\tx\ty\n"), None),
        "short-row.csv": (_csv("id,text,n\n1,ICE\n2,USCIS,3\n"), None),
        "duplicate-header.csv": (_csv("text,text\nICE,USCIS\n"), None),
        "missing-column.csv": (_csv("id,body\n1,ICE\n"), None),
        "header-only.csv": (_csv("id,text\n"), 0),
        "empty.csv": (b"", None),
        "bom.csv": (b"\xef\xbb\xbf" + _csv("text,n\nICE,1\n"), 1),
        "quotes.csv": (_csv('text,n\n"ICE ""issues""\nmulti-line",1\n"unclosed,2\n'), None),
        "nul.csv": (b"text\nICE\x00USCIS\n", None),
        "invalid-utf8.csv": (b"text\n\xff\xfeICE\n", None),
        "cr-only.csv": (_csv("id,text\r1,ICE\r2,USCIS\r"), None),
        "mixed-types.csv": (_csv("id,text,n\n1,ICE,1\nA-2,USCIS,x\n3,,NaN\n4,nan,1e400\n"), 4),
        "huge-ints.csv": (_csv(f"id,text\n{huge},ICE\n{-huge},USCIS\n"), 2),
        "control.tsv": (_csv("id\ttext\n\x1b[2J\tICE\x07\n"), 1),
        "mixed.jsonl": (_jsonl([{"id": 1, "text": "ICE"}, {"id": "A-2", "text": None},
                                {"id": True, "text": 3}, {"id": huge, "text": "USCIS"},
                                {"text": ["a"], "n": {"x": 1}}, {"id": 1.5, "text": "maybe"}]),
                        6),
        "nan.jsonl": (b'{"text": "ICE", "v": NaN}\n{"text": "USCIS", "v": Infinity}\n'
                      b'{"text": "x", "v": -Infinity}\n', 3),
        "surrogates.jsonl": (b'{"text": "\\ud800 ICE", "k\\udfff": "\\udc00"}\n', 1),
        "keys-vary.jsonl": (_jsonl([{"text": "ICE"}, {"b": 1, "text": "USCIS"},
                                    {"c": 2}, {"text": "maybe", "a": None}]), 4),
        "not-objects.jsonl": (b'{"text": "ICE"}\n[1, 2]\n"text"\n', None),
        "broken.jsonl": (b'{"text": "ICE"}\n{"text": \n', None),
        "blank-lines.jsonl": (b'\n{"text": "ICE"}\n\n\n{"text": "USCIS"}\n\n', 2),
        "mixed.parquet": (_parquet(pd.DataFrame({"id": [1, 2, 3], "text": ["ICE", None, "x"],
                                                 "f": [1.5, float("nan"), None]})), 3),
        "no-text.parquet": (_parquet(pd.DataFrame({"body": ["ICE"]})), None),
        "not-parquet.parquet": (b"PAR1 this is not parquet", None),
    }
