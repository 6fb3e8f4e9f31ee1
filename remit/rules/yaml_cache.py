"""A cache of what data files gave, so that a start does not parse the same YAML again.

An entry is the data one YAML text gave (after every check of :mod:`remit.rules.yaml_lines`
passed), pickled, under a hash of the text, the loader's limits and this module's format.
It is read back with an unpickler that builds nothing but the plain values YAML gives
(mappings, lists, strings, numbers, dates): a tampered entry is a miss, never code run. A
text that fails to parse is never cached, so its error is raised each time.

Where: ``$REMIT_CACHE_DIR``, else ``$XDG_CACHE_HOME/remit``, else ``~/.cache/remit``;
``REMIT_NO_CACHE=1`` turns the cache off. A cache that cannot be written is left alone.
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import os
import pickle
import tempfile
from pathlib import Path
from typing import Any

MISSING = object()
# Bump when the loader's output changes shape (for example how lines are recorded).
_FORMAT = "remit-yaml-1"
# The only globals an entry may name: the date types YAML's timestamps give.
_ALLOWED = frozenset({("datetime", "date"), ("datetime", "datetime"),
                      ("datetime", "timedelta"), ("datetime", "timezone")})


def folder() -> Path | None:
    """The cache folder, or None when the cache is off."""
    if os.environ.get("REMIT_NO_CACHE"):
        return None
    explicit = os.environ.get("REMIT_CACHE_DIR")
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "remit"


def key(text: str, *limits: int) -> str:
    """The entry's name for a text read with ``limits``."""
    digest = hashlib.sha256()
    digest.update(f"{_FORMAT}|{'|'.join(map(str, limits))}|".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return digest.hexdigest()


class _PlainUnpickler(pickle.Unpickler):
    def find_class(self, module: str, name: str) -> Any:
        if (module, name) not in _ALLOWED:
            raise pickle.UnpicklingError(f"{module}.{name} is not a plain value")
        return super().find_class(module, name)


def _path(name: str) -> Path | None:
    where = folder()
    return None if where is None else where / "yaml" / f"{name}.pickle"


def read(name: str) -> Any:
    """The cached data, or :data:`MISSING`."""
    path = _path(name)
    if path is None:
        return MISSING
    try:
        raw = path.read_bytes()
    except OSError:
        return MISSING
    try:
        return _PlainUnpickler(io.BytesIO(raw)).load()
    except Exception:  # a torn or tampered entry: parse the YAML again
        return MISSING


def write(name: str, data: Any) -> None:
    """Keep ``data`` under ``name``; an unwritable folder is no error."""
    path = _path(name)
    if path is None:
        return
    temporary = None
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, temporary = tempfile.mkstemp(dir=path.parent, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(data, out, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, path)
        temporary = None
    except (OSError, pickle.PicklingError, TypeError, AttributeError):
        pass
    finally:
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
