"""The little of git remit needs: the repository root, for paths relative to it."""

from __future__ import annotations

from pathlib import Path


def git_root(start: Path) -> Path | None:
    """Return the nearest folder at or above ``start`` holding ``.git`` (a folder or a file)."""
    start = Path(start).resolve()
    for folder in (start, *start.parents):
        if (folder / ".git").exists():
            return folder
    return None


def base_dir(given: str | None, start: Path) -> str:
    """Return ``--base-dir``, else the git root above ``start``, else the current folder."""
    if given:
        return str(Path(given).resolve())
    return str(git_root(start) or Path.cwd().resolve())
