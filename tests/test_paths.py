"""collect_paths: files, directories, globs, stdin, --exclude and .remitignore."""

import os

import pytest

from remit.paths import PathError, collect_paths

TREE = [
    "README.md",
    "notes.txt",
    "image.png",
    "docs/a.md",
    "docs/b.HTML",
    "docs/c.mdx",
    "docs/deep/d.markdown",
    "docs/deep/e.htm",
    "docs/deep/script.py",
    "docs/drafts/f.md",
    "docs/.hidden/g.md",
    "build/h.md",
]


@pytest.fixture
def tree(tmp_path, monkeypatch):
    for name in TREE:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def norm(paths):
    return [p.replace(os.sep, "/") for p in paths]


def test_directory_walk_by_extension_sorted(tree):
    assert norm(collect_paths(["docs"])) == [
        "docs/a.md",
        "docs/b.HTML",
        "docs/c.mdx",
        "docs/deep/d.markdown",
        "docs/deep/e.htm",
        "docs/drafts/f.md",
    ]


def test_explicit_file_of_any_extension(tree):
    assert collect_paths(["image.png", "README.md"]) == ["README.md", "image.png"]


def test_duplicates_removed_and_stdin_first(tree):
    assert norm(collect_paths(["docs/a.md", "-", "./docs/a.md", "docs/a.md"])) == [
        "-",
        "docs/a.md",
    ]


def test_recursive_glob(tree):
    assert norm(collect_paths(["docs/**/*.md"])) == ["docs/a.md", "docs/drafts/f.md"]


def test_glob_matching_directories_walks_them(tree):
    assert norm(collect_paths(["docs/d*"])) == [
        "docs/deep/d.markdown",
        "docs/deep/e.htm",
        "docs/drafts/f.md",
    ]


def test_exclude_patterns(tree):
    found = norm(collect_paths(["."], exclude=["drafts/", "*.htm*", "/build"]))
    # gitignore patterns are case-sensitive: b.HTML stays.
    expected = ["README.md", "docs/a.md", "docs/b.HTML", "docs/c.mdx", "docs/deep/d.markdown"]
    assert found == [*expected, "notes.txt"]


def test_remitignore_with_negation(tree):
    (tree / ".remitignore").write_text("docs/**/*.md\n!docs/drafts/f.md\n")
    found = norm(collect_paths(["docs"]))
    assert "docs/a.md" not in found and "docs/drafts/f.md" in found
    assert "docs/deep/d.markdown" in found


def test_remitignore_applies_to_explicit_files(tree):
    (tree / ".remitignore").write_text("build/\n")
    assert collect_paths(["build/h.md", "README.md"]) == ["README.md"]


def test_ignore_file_can_be_switched_off(tree):
    (tree / ".remitignore").write_text("*.md\n")
    assert collect_paths(["README.md"], ignore_file=None) == ["README.md"]


def test_root_sets_where_patterns_are_relative_to(tree):
    (tree / "docs" / ".remitignore").write_text("/a.md\n")
    found = norm(collect_paths(["docs"], root=str(tree / "docs")))
    assert "docs/a.md" not in found and "docs/c.mdx" in found


def test_missing_path_is_named(tree):
    with pytest.raises(PathError, match="^nope.md: no such file or directory$"):
        collect_paths(["README.md", "nope.md"])


def test_glob_matching_nothing_is_named(tree):
    with pytest.raises(PathError, match=r"^docs/\*\.rst: no files match"):
        collect_paths(["docs/*.rst"])


def test_stdin_alone(tree):
    assert collect_paths(["-"]) == ["-"]
