"""The one home of what input readers share: ``-``, InputError, naming an input."""

from __future__ import annotations

import pathlib
import re

import pytest

import remit
from remit.inputs import STDIO, InputError, display_name, format_by_extension

PACKAGE = pathlib.Path(remit.__file__).parent


def test_check_and_batch_raise_the_same_error_class():
    from remit.batch import io, output, run
    from remit.markup import source

    for module in (io, output, run, source):
        assert module.InputError is InputError, module.__name__


def test_display_name():
    assert display_name(STDIO) == "<stdin>"
    assert display_name("docs/a.md") == "docs/a.md"


@pytest.mark.parametrize("path, expected", [
    ("a.CSV", "csv"), ("dir.d/a.jsonl", "jsonl"), ("a.csv.gz", None), ("-", None), ("README", None),
])
def test_format_by_extension(path, expected):
    assert format_by_extension(path, {".csv": "csv", ".jsonl": "jsonl"}) == expected


def test_no_second_copy_in_the_package():
    """A module that needs '-' or an input error imports them; none defines its own."""
    for module in PACKAGE.rglob("*.py"):
        if module.name == "inputs.py" and module.parent == PACKAGE:
            continue
        text = module.read_text(encoding="utf-8")
        # the one definition is in errors.py, with every other error class; inputs.py re-exports it
        if module.name != "errors.py" or module.parent != PACKAGE:
            assert not re.search(r"^class InputError\b", text, re.M), module
        assert not re.search(r"^[A-Z_]+ = \"-\"$", text, re.M), module
        assert not re.search(r"\"<stdin>\" if", text), module
