"""Every error class has its own stable code, and the old import paths still give the class."""

from __future__ import annotations

import inspect
import re

import remit.errors as errors

CLASSES = [c for _, c in inspect.getmembers(errors, inspect.isclass)
           if issubclass(c, errors.RemitError)]


def test_every_error_class_has_a_unique_code():
    codes = [c.code for c in CLASSES]
    assert all(re.fullmatch(r"E\d{3}", code) for code in codes)
    assert len(set(codes)) == len(codes) == len(CLASSES) > 5
    assert all("code" in vars(c) for c in CLASSES)  # none inherits its parent's code


def test_old_import_paths_give_the_same_classes():
    from remit.batch.frame import ColumnError
    from remit.config import ConfigError
    from remit.engine import ModelError
    from remit.inputs import InputError
    from remit.paths import PathError
    from remit.rules.loader import TableError

    assert {ColumnError, ConfigError, ModelError, InputError, PathError, TableError} <= set(CLASSES)


def test_messages_are_not_prefixed_and_the_code_is_an_attribute():
    err = errors.TableError(["a.yaml:3: fact 'x': unknown agency 'Y'"])
    assert str(err) == "a.yaml:3: fact 'x': unknown agency 'Y'" and err.code == "E001"
    assert isinstance(errors.ParseRequiredError("x"), ValueError)
