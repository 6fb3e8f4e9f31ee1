"""The little of git remit needs: the repository root, and the lines changed since a ref."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
from pathlib import Path

from remit.formats.base import split_notice
from remit.records import FileResult, Finding, line_col


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


class GitError(Exception):
    """A git command failed (not a repository, an unknown ref): the message says which."""


_HUNK = re.compile(r"^@@ -\d+(?:,\d+)? \+(\d+)(?:,(\d+))? @@")


def _git(root: str, *args: str) -> str:
    try:
        done = subprocess.run(["git", "-C", root, "-c", "core.quotePath=false", *args],
                              capture_output=True, text=True, check=False)
    except OSError as exc:
        raise GitError(f"cannot run git: {exc.strerror}") from None
    if done.returncode != 0:
        first = (done.stderr.strip().splitlines() or ["failed"])[0]
        raise GitError(f"git {args[0]}: {first}")
    return done.stdout


def parse_diff(diff: str) -> dict[str, set[int]]:
    """Return the new-side line numbers of each file's hunks in a ``git diff``.

    With ``--unified=0`` these are the changed lines; with ``--unified=N`` the context lines a
    hunk shows around them are included.
    """
    changed: dict[str, set[int]] = {}
    current: set[int] | None = None
    for line in diff.splitlines():
        if line.startswith("+++ "):
            name = line[4:]
            current = None if name == "/dev/null" else changed.setdefault(
                name[2:] if name.startswith("b/") else name, set())
            continue
        match = _HUNK.match(line)
        if match and current is not None:
            start, count = int(match.group(1)), int(match.group(2) or 1)
            current.update(range(start, start + count))
    return changed


def changed_lines(ref: str, root: str, context: int = 0) -> dict[str, set[int] | None]:
    """Return, per path relative to ``root``, the lines changed since ``ref`` (``None``: all).

    The working tree is compared with ``ref``, so staged and unstaged edits count; a file git
    does not track yet (and does not ignore) is new, every line of it changed. ``context``
    widens each change by that many lines either side, as git's ``--unified`` does: the lines a
    pull request's diff shows (reviewdog's ``diff_context``).
    """
    try:
        _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    except GitError:
        raise GitError(f"unknown git ref '{ref}' (a branch, tag or commit, fetched)") from None
    diff = _git(root, "diff", f"--unified={context}", "--no-color", "--no-ext-diff",
                "--no-renames", ref, "--")
    changed: dict[str, set[int] | None] = dict(parse_diff(diff))
    for name in _git(root, "ls-files", "--others", "--exclude-standard", "-z").split("\0"):
        if name:
            changed[name] = None
    return changed


def only_changed(results: list[FileResult], changed: dict[str, set[int] | None],
                 root: str) -> list[FileResult]:
    """Keep the claims and notices on changed lines (``changed`` from :func:`changed_lines`)."""
    kept = []
    for result in results:
        rel = Path(os.path.relpath(os.path.abspath(result.path), root)).as_posix()
        lines = changed.get(rel, set())
        if lines is None:
            kept.append(result)
            continue

        def touched(finding: Finding, lines: set[int] = lines, text: str = result.text) -> bool:
            first = line_col(text, finding.claim.start)[0]
            last = line_col(text, max(finding.claim.end - 1, finding.claim.start))[0]
            return any(n in lines for n in range(first, last + 1))

        notices = tuple(n for n in result.notices
                        if (split_notice(n)[0] or 0) in lines)
        kept.append(dataclasses.replace(
            result, findings=tuple(f for f in result.findings if touched(f)), notices=notices))
    return kept
