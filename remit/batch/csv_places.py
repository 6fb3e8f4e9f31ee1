"""Where a CSV or TSV parse failed, in the words and lines a user sees.

pandas' tokenizer counts records, not lines, and words its errors for programmers; these
helpers turn its message into ``line N (record R): what happened``.
"""

from __future__ import annotations

import csv
import io
import re

CSV_PLACE = re.compile(r"C error: (?P<what>.*?) in line (?P<line>\d+), (?P<rest>.*)")


def csv_place(exc: Exception, line_of=lambda record: None) -> str:
    """Reword pandas' tokenizer message into 'line N: what happened'.

    pandas counts records, not lines: after a quoted field with line breaks in it, its "line"
    is not the one an editor shows. ``line_of(record)`` gives the line where a record starts
    (None when the input cannot be read again, as from a pipe); the record is named then.
    """
    message = str(exc).strip().replace("Error tokenizing data. ", "")
    match = CSV_PLACE.search(message)
    eof = re.search(r"EOF inside string starting at row (\d+)", message)
    if match:
        # pandas counts this one from 1; the EOF one below from 0.
        record, what = int(match["line"]), f"{match['what'].lower()}, {match['rest']}"
    elif eof:
        record, what = int(eof[1]) + 1, "a quoted field opened here is never closed"
    else:
        return message.replace("C error: ", "")
    line = line_of(record)
    if line is None or line == record:
        return f"line {line or record}: {what}" if line else f"record {record}: {what}"
    return f"line {line} (record {record}): {what}"


def record_line(stream, sep: str, record: int) -> int | None:
    """Return the line on which CSV record ``record`` (1-based, header included) starts."""
    text = None
    try:
        stream.seek(0)
        text = io.TextIOWrapper(stream, encoding="utf-8-sig", errors="replace", newline="")
        reader = csv.reader(text, delimiter=sep)
        start = 1
        for number, _ in enumerate(reader, start=1):
            if number == record:
                return start
            start = reader.line_num + 1
        return start if number + 1 == record else None
    except (OSError, ValueError, csv.Error):
        return None
    finally:
        if text is not None:  # the stream is the caller's: let go of it without closing it
            text.detach()
