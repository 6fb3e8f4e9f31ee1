"""Which files ``remit check`` reads: files, directories (recursive), globs, minus exclusions.

Exclusions use gitignore syntax (via ``pathspec``, the matcher black and others use), both
for ``--exclude`` patterns and for the lines of a ``.remitignore`` file. Patterns are matched
against paths relative to the ignore file's folder (the current folder by default).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Sequence

from pathspec import GitIgnoreSpec

from remit.errors import PathError as PathError
from remit.inputs import STDIO

# Files a directory walk picks up; a file named explicitly is read whatever its extension.
EXTENSIONS = (".md", ".markdown", ".mdx", ".html", ".htm", ".txt")
_GLOB_CHARS = frozenset("*?[")


def collect_paths(
    args: Sequence[str],
    exclude: Iterable[str] = (),
    ignore_file: str | None = ".remitignore",
    root: str | None = None,
    extensions: Sequence[str] = EXTENSIONS,
) -> list[str]:
    """Return the files to check, normalised, sorted, no duplicates; ``-`` (stdin) first.

    ``args`` are files, directories (walked recursively for ``extensions``, skipping hidden
    folders such as ``.git``) and globs (``**`` matches any depth). ``exclude`` patterns and the
    lines of ``root/ignore_file`` (gitignore syntax) remove files, explicit ones included.
    Raises :class:`PathError` naming a path that does not exist or a glob that matches nothing.
    """
    root = os.path.abspath(root or os.getcwd())
    spec = load_spec(exclude, os.path.join(root, ignore_file) if ignore_file else None)
    found: set[str] = set()
    stdin = False
    for arg in args:
        if arg == STDIO:
            stdin = True
            continue
        for path in _expand(arg, spec, root, tuple(e.lower() for e in extensions)):
            if not _excluded(spec, path, root):
                found.add(os.path.normpath(path))
    ordered = sorted(found)
    return [STDIO, *ordered] if stdin else ordered


def load_spec(patterns: Iterable[str], ignore_path: str | None) -> GitIgnoreSpec:
    """Return one matcher for the ``--exclude`` patterns and the ignore file's lines."""
    lines = list(patterns)
    if ignore_path and os.path.isfile(ignore_path):
        with open(ignore_path, encoding="utf-8") as handle:
            lines.extend(handle.read().splitlines())
    return GitIgnoreSpec.from_lines(lines)


def _expand(arg: str, spec: GitIgnoreSpec, root: str, extensions: tuple[str, ...]) -> list[str]:
    """Return the files one argument names.

    A path named explicitly is read whatever it is: a file, a pipe (``<(cmd)``, a FIFO) or a
    device such as ``/dev/null``; only a directory walk restricts itself to regular files.
    """
    if os.path.isdir(arg):
        return _walk(arg, spec, root, extensions)
    if os.path.exists(arg):
        return [arg]
    if _GLOB_CHARS & set(arg):
        matches = sorted(glob.glob(arg, recursive=True))
        if not matches:
            raise PathError(f"{arg}: no files match this pattern")
        files: list[str] = []
        for match in matches:
            if os.path.isdir(match):
                files.extend(_walk(match, spec, root, extensions))
            else:
                files.append(match)
        return files
    raise PathError(f"{arg}: no such file or directory")


def _walk(top: str, spec: GitIgnoreSpec, root: str, extensions: tuple[str, ...]) -> list[str]:
    """Return the files below ``top`` with a checked extension, pruning excluded folders."""
    files = []
    for folder, dirs, names in os.walk(top):
        # Pruning here keeps a walk out of .git, node_modules-style ignored trees entirely.
        dirs[:] = sorted(
            d
            for d in dirs
            if not d.startswith(".") and not _excluded(spec, os.path.join(folder, d), root, True)
        )
        # Only regular files: a FIFO or socket in a checked folder would block the walk's read.
        files.extend(
            path
            for path in (os.path.join(folder, name) for name in sorted(names)
                         if name.lower().endswith(extensions))
            if os.path.isfile(path)
        )
    return files


def _excluded(spec: GitIgnoreSpec, path: str, root: str, is_dir: bool = False) -> bool:
    """Whether the spec excludes ``path`` (matched relative to ``root`` when it is inside it)."""
    full = os.path.abspath(path)
    rel = os.path.relpath(full, root) if _inside(full, root) else full.lstrip(os.sep)
    rel = rel.replace(os.sep, "/")
    return spec.match_file(rel + "/" if is_dir else rel)


def _inside(path: str, root: str) -> bool:
    """Whether ``path`` is ``root`` or below it."""
    return os.path.commonpath([path, root]) == root
