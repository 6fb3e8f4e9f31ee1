"""Batch checking of tables of statements: ``remit batch`` and :func:`check_frame`."""

from remit.batch.frame import ADDED_COLUMNS, ColumnError, check_frame

__all__ = ["ADDED_COLUMNS", "ColumnError", "check_frame"]
