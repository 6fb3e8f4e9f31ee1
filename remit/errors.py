"""Every error remit raises on purpose, each with a stable code, kept in one place.

As in spaCy's ``errors.py``: the code (``err.code``, also ``cls.code``) names the kind of
problem for tools and bug reports; the message, ``str(err)``, is what the user reads and is not
prefixed. Codes are never reused or renumbered: ``E0xx`` data, ``E1xx`` input and paths,
``E2xx`` configuration, ``E3xx`` the model and pipeline, ``E9xx`` internal. The modules that
raise them re-export them (``remit.rules.loader.TableError`` and so on).
"""

from __future__ import annotations

# Exit codes of the command line, as in sqlfluff and ruff (0, 1, 2) plus the shell's conventions
# for an interrupt (128 + SIGINT) and a reader that went away (128 + SIGPIPE).
EXIT_OK = 0  # nothing at or above --fail-on
EXIT_FINDINGS = 1  # findings at or above --fail-on
EXIT_ERROR = 2  # usage, input, configuration or table error
EXIT_INTERNAL = 3  # a bug in remit: the message asks for a report
EXIT_INTERRUPT = 130  # Ctrl-C
EXIT_BROKEN_PIPE = 141  # the reader of standard output closed it (``remit check | head``)


class RemitError(Exception):
    """Base of remit's errors; ``code`` is the stable code of the subclass."""

    code = "E000"


class TableError(RemitError):
    """One or more problems in table files; ``errors`` holds one line per problem."""

    code = "E001"

    def __init__(self, errors: list[str]):
        super().__init__("\n".join(errors))
        self.errors = errors


class InputError(RemitError):
    """Input that cannot be read or checked: missing, binary, not UTF-8, too large, malformed.

    The message is one line that names the file and, where there is one, the place.
    """

    code = "E101"


class PathError(RemitError):
    """A path argument that names nothing (no such file, or a glob that matches nothing)."""

    code = "E102"


class ColumnError(RemitError, ValueError):
    """A column named by the caller is missing, or an added column would overwrite one."""

    code = "E103"


class ConfigError(RemitError):
    """A configuration file cannot be read or holds a bad value; ``str()`` is one line."""

    code = "E201"


class ModelError(RemitError):
    """The English pipeline named by ``--model`` (or the default) cannot be loaded."""

    code = "E301"


class ParseRequiredError(RemitError, ValueError):
    """The ``remit_claims`` component was given a doc without a dependency parse."""

    code = "E302"


class RulesConflictError(RemitError, ValueError):
    """Table files given to the engine beside a pipeline whose component has its own."""

    code = "E303"


class WorkerError(RemitError, RuntimeError):
    """A worker process was asked to check texts before it was given an engine."""

    code = "E901"
