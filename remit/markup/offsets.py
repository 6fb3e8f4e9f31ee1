"""Offset maps kept as runs: memory per run of contiguous offsets, not per character.

A block's text maps each of its chars to a source offset where the char begins (and another
where it ends). Verbatim text maps char ``i`` to ``base + i``: one run, however long; an
entity such as ``&amp;`` maps its one char to a fixed offset, and the glue between joined
blocks maps every char of it to one offset: a run of step 0. So a map costs three machine
integers per run (:class:`array.array`), where a tuple held a Python integer per char.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator, Sequence


class Runs(Sequence[int]):
    """An immutable sequence of ints stored as runs: run ``r`` starts at index ``at[r]`` with
    value ``first[r]`` and grows by ``step[r]`` (0 or 1) at each index after it."""

    __slots__ = ("_at", "_first", "_step", "_len")

    def __init__(self, at: array, first: array, step: array, length: int):
        self._at, self._first, self._step, self._len = at, first, step, length

    @classmethod
    def of(cls, values: Iterable[int]) -> Runs:
        """The runs of any sequence of ints."""
        builder = RunsBuilder()
        builder.extend(values)
        return builder.build()

    @classmethod
    def counting(cls, first: int, length: int) -> Runs:
        """``first``, ``first + 1``, ... (``length`` values): one run."""
        builder = RunsBuilder()
        builder.count(first, length)
        return builder.build()

    def __len__(self) -> int:
        return self._len

    def __getitem__(self, i):  # type: ignore[override]
        if isinstance(i, slice):
            lo, hi, stride = i.indices(self._len)
            if stride != 1:
                return tuple(self)[i]
            builder = RunsBuilder()
            builder.extend_runs(self, lo, hi)
            return builder.build()
        if i < 0:
            i += self._len
        if not 0 <= i < self._len:
            raise IndexError("Runs index out of range")
        r = bisect_right(self._at, i) - 1
        return self._first[r] + (i - self._at[r]) * self._step[r]

    def runs(self, lo: int = 0, hi: int | None = None) -> Iterator[tuple[int, int, int]]:
        """(value at the run's first index, number of indexes, step) of the runs over
        ``lo:hi``, the first and last cut to that window."""
        hi = self._len if hi is None else hi
        if lo >= hi:
            return
        r = bisect_right(self._at, lo) - 1
        while r < len(self._at) and self._at[r] < hi:
            start = max(self._at[r], lo)
            end = min(self._at[r + 1] if r + 1 < len(self._at) else self._len, hi)
            yield self._first[r] + (start - self._at[r]) * self._step[r], end - start, \
                self._step[r]
            r += 1

    def __iter__(self) -> Iterator[int]:
        for first, n, step in self.runs():
            yield from range(first, first + n) if step else (first,) * n

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Sequence) or isinstance(other, str):
            return NotImplemented
        return len(self) == len(other) and all(a == b for a, b in zip(self, other, strict=True))

    def __hash__(self) -> int:
        return hash(tuple(self))

    def __repr__(self) -> str:
        return f"Runs({list(self.runs())!r})"

    @property
    def run_count(self) -> int:
        return len(self._at)


class RunsBuilder:
    """Append ints, singly or as runs, merging each into the run before when it continues it."""

    __slots__ = ("_at", "_first", "_step", "_len")

    def __init__(self) -> None:
        self._at, self._first, self._step = array("q"), array("q"), array("b")
        self._len = 0

    def __len__(self) -> int:
        return self._len

    def _add(self, first: int, n: int, step: int) -> None:
        """Add ``n`` values from ``first`` by ``step``; a single value fits either step."""
        if n <= 0:
            return
        if self._at:
            r = len(self._at) - 1
            size = self._len - self._at[r]
            head, s = self._first[r], self._step[r]
            if size == 1 and first - head in (0, 1) and (n == 1 or step == first - head):
                self._step[r] = first - head  # a single value takes the step that continues it
                self._len += n
                return
            if first == head + size * s and (n == 1 or step == s):
                self._len += n
                return
        self._at.append(self._len)
        self._first.append(first)
        self._step.append(step if n > 1 else 1)
        self._len += n

    def append(self, value: int) -> None:
        self._add(value, 1, 1)

    def count(self, first: int, n: int) -> None:
        """Add ``first``, ``first + 1``, ... (``n`` values)."""
        self._add(first, n, 1)

    def repeat(self, value: int, n: int) -> None:
        """Add ``value`` ``n`` times."""
        self._add(value, n, 0)

    def extend_runs(self, runs: Runs, lo: int = 0, hi: int | None = None) -> None:
        """Add ``runs[lo:hi]``, run by run."""
        for first, n, step in runs.runs(lo, hi):
            self._add(first, n, step)

    def extend(self, values: Iterable[int]) -> None:
        if isinstance(values, Runs):
            self.extend_runs(values)
        else:
            for value in values:
                self._add(value, 1, 1)

    def value(self, i: int) -> int:
        """The value at index ``i`` so far."""
        r = bisect_right(self._at, i) - 1
        return self._first[r] + (i - self._at[r]) * self._step[r]

    def build(self, lo: int = 0, hi: int | None = None) -> Runs:
        """The values ``lo:hi`` (default all) as :class:`Runs`."""
        if lo == 0 and (hi is None or hi == self._len):
            return Runs(array("q", self._at), array("q", self._first), array("b", self._step),
                        self._len)
        window = RunsBuilder()
        window.extend_runs(self.build(), lo, hi)
        return window.build()


def as_runs(values: Sequence[int]) -> Runs:
    """``values`` as :class:`Runs` (itself when it is one)."""
    return values if isinstance(values, Runs) else Runs.of(values)


class CharMap:
    """The source span (start, end) of each char of a text, as two :class:`Runs`."""

    __slots__ = ("starts", "ends")

    def __init__(self, starts: Runs, ends: Runs):
        self.starts, self.ends = starts, ends

    @classmethod
    def of(cls, spans: Iterable[tuple[int, int]]) -> CharMap:
        starts, ends = RunsBuilder(), RunsBuilder()
        for start, end in spans:
            starts.append(start)
            ends.append(end)
        return cls(starts.build(), ends.build())

    def __len__(self) -> int:
        return len(self.starts)

    def __getitem__(self, i: int) -> tuple[int, int]:
        return self.starts[i], self.ends[i]
