"""Check a stream of frames through one long-lived ``Engine.check_many`` call.

One call for the whole run matters for ``--n-process``: spaCy starts its worker processes once
per ``nlp.pipe`` call, so a call per chunk would reload the model in every worker for every chunk.
The texts of all chunks therefore flow through a single generator, and results come back in
input order; a chunk is handed on as soon as its last row has a result.

If the engine raises, the stream is broken for every text it had taken but not answered. Those
rows are re-checked one at a time, so only the row that really fails gets ``error``, and then a
new stream resumes with the rest of the input.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

import pandas as pd

from remit.batch.frame import (
    NO_CLAIM,
    RowResult,
    attach,
    error_result,
    is_blank,
    not_text,
    row_result,
)
from remit.inputs import replace_unencodable

# Called with (1-based row number, row id or None, reason) when a row cannot be checked.
ErrorHook = Callable[[int, object, str], None]


@dataclass
class _Chunk:
    """One input frame on its way through the engine."""

    frame: pd.DataFrame
    first_row: int
    results: list[RowResult | None]
    todo: list[tuple[int, str]]  # (position in frame, text) of the rows the engine must check
    fed: int = 0  # texts handed to the engine
    done: int = 0  # results received
    ids: list = field(default_factory=list)
    invalid: list[int] = field(default_factory=list)  # positions of cells that are not text

    @classmethod
    def of(cls, frame: pd.DataFrame, first_row: int, column: str, id_column: str | None):
        values = frame[column].tolist() if column in frame.columns else [None] * len(frame)
        results: list[RowResult | None] = [None] * len(values)
        todo, invalid = [], []
        for position, value in enumerate(values):
            if is_blank(value):
                results[position] = NO_CLAIM
            elif (problem := not_text(value, column)) is not None:
                results[position] = error_result(TypeError(problem))
                invalid.append(position)
            else:
                # A lone surrogate would make the engine raise; U+FFFD keeps the offsets.
                todo.append((position, replace_unencodable(value)[0]))
        ids = frame[id_column].tolist() if id_column in frame.columns else []
        return cls(frame, first_row, results, todo, ids=ids, invalid=invalid)

    @property
    def complete(self) -> bool:
        return self.done == len(self.todo)

    def next_text(self) -> str:
        return self.todo[self.done][1]

    def take(self, result: RowResult) -> None:
        self.results[self.todo[self.done][0]] = result
        self.done += 1

    def where(self) -> tuple[int, object]:
        """Return the 1-based row number and id of the row awaiting a result."""
        return self.row(self.todo[self.done][0])

    def row(self, position: int) -> tuple[int, object]:
        """Return the 1-based row number (over the whole input) and id of a row of this frame."""
        if not self.ids:
            return self.first_row + position + 1, None
        row_id = self.ids[position]  # an empty id cell is "", not None (which means no id)
        return self.first_row + position + 1, "" if row_id is None else row_id


class RowChecker:
    """Add verdict columns to frames, keeping every row and the order of rows and frames."""

    def __init__(self, engine, column: str, batch_size: int = 64, n_process: int = 1,
                 id_column: str | None = None, on_error: ErrorHook | None = None):
        self._engine = engine
        self._column = column
        self._id_column = id_column
        self._batch_size = batch_size
        self._n_process = n_process
        self._on_error = on_error
        self._rows = 0
        self._read_failed = False

    def run(self, frames: Iterable[pd.DataFrame]) -> Iterator[pd.DataFrame]:
        """Yield each frame with the added columns, in order, one frame out per frame in."""
        frames = iter(frames)
        pending: deque[_Chunk] = deque()
        while True:
            try:
                stream = self._engine.check_many(
                    self._feed(frames, pending), batch_size=self._batch_size,
                    n_process=self._n_process,
                )
                for findings in stream:
                    chunk = self._head(pending)
                    chunk.take(self._judge(chunk, findings))
                    yield from self._ready(pending)
                break
            except Exception:
                # A reading error is the input's fault, and with nothing taken there is no row
                # to blame (the model failed to load, say): both stop the run.
                if self._read_failed or not self._recover(pending):
                    raise
        yield from self._ready(pending)

    def _feed(self, frames: Iterator[pd.DataFrame], pending: deque[_Chunk]) -> Iterator[str]:
        """Yield the texts still to check: first those of pending chunks, then new frames."""
        for chunk in list(pending):
            yield from self._texts(chunk)
        while True:
            try:
                frame = next(frames, None)
            except Exception:
                self._read_failed = True
                raise
            if frame is None:
                return
            chunk = _Chunk.of(frame, self._rows, self._column, self._id_column)
            self._rows += len(frame)
            pending.append(chunk)
            self._report_invalid(chunk)
            yield from self._texts(chunk)

    @staticmethod
    def _texts(chunk: _Chunk) -> Iterator[str]:
        while chunk.fed < len(chunk.todo):
            chunk.fed += 1
            yield chunk.todo[chunk.fed - 1][1]

    @staticmethod
    def _head(pending: deque[_Chunk]) -> _Chunk:
        return next(chunk for chunk in pending if not chunk.complete)

    @staticmethod
    def _ready(pending: deque[_Chunk]) -> Iterator[pd.DataFrame]:
        while pending and pending[0].complete:
            chunk = pending.popleft()
            yield attach(chunk.frame, chunk.results)

    def _judge(self, chunk: _Chunk, findings) -> RowResult:
        try:
            return row_result(chunk.next_text(), findings)
        except Exception as exc:
            return self._failed(chunk, exc)

    def _recover(self, pending: deque[_Chunk]) -> bool:
        """Check one at a time every text the broken stream took; return whether there were any."""
        resolved = 0
        for chunk in pending:
            while chunk.done < chunk.fed:
                chunk.take(self._check_one(chunk))
                resolved += 1
        return resolved > 0

    def _check_one(self, chunk: _Chunk) -> RowResult:
        text = chunk.next_text()
        try:
            findings = next(self._engine.check_many([text], batch_size=1, n_process=1))
            return row_result(text, findings)
        except Exception as exc:
            return self._failed(chunk, exc)

    def _report_invalid(self, chunk: _Chunk) -> None:
        """Pass the rows whose cell is not text to the error hook, as they are read."""
        if self._on_error is not None:
            for position in chunk.invalid:
                self._on_error(*chunk.row(position), chunk.results[position].error)

    def _failed(self, chunk: _Chunk, exc: Exception) -> RowResult:
        result = error_result(exc)
        if self._on_error is not None:
            self._on_error(*chunk.where(), result.error)
        return result
