"""The cache of data files: read back instead of parsed, never trusted beyond plain values."""

from __future__ import annotations

import datetime
import os
import pickle

import pytest

from remit.rules import yaml_cache
from remit.rules.yaml_lines import YamlError, _LineLoader, load_yaml_with_lines

TEXT = "sources:\n  - id: s1\n    retrieved: 2025-01-31\n    tags: [a, b]\n"


@pytest.fixture()
def cache(tmp_path, monkeypatch):
    monkeypatch.setenv("REMIT_CACHE_DIR", str(tmp_path))
    monkeypatch.delenv("REMIT_NO_CACHE", raising=False)
    return tmp_path / "yaml"


def _entries(folder):
    return sorted(folder.glob("*.pickle")) if folder.exists() else []


def test_a_second_load_reads_the_entry_and_parses_nothing(cache, monkeypatch):
    first = load_yaml_with_lines(TEXT, "t.yaml")
    assert len(_entries(cache)) == 1

    def no_parse(self):
        raise AssertionError("parsed again")

    monkeypatch.setattr(_LineLoader, "get_single_data", no_parse)
    again = load_yaml_with_lines(TEXT, "t.yaml")
    assert again == first
    assert again["sources"][0]["retrieved"] == datetime.date(2025, 1, 31)
    assert again["sources"][0]["__line__"] == 2
    assert again is not first  # a copy: a caller's change never reaches the next load


def test_another_text_or_other_limits_is_another_entry(cache):
    load_yaml_with_lines(TEXT, "t.yaml")
    load_yaml_with_lines(TEXT + "extra: 1\n", "t.yaml")
    load_yaml_with_lines(TEXT, "t.yaml", max_aliases=5)
    assert len(_entries(cache)) == 3


def test_an_entry_naming_any_other_global_is_a_miss_and_runs_nothing(cache, tmp_path):
    load_yaml_with_lines(TEXT, "t.yaml")
    (entry,) = _entries(cache)
    marker = tmp_path / "ran"

    class Evil:
        def __reduce__(self):
            return (os.mkdir, (str(marker),))

    entry.write_bytes(pickle.dumps(Evil()))
    data = load_yaml_with_lines(TEXT, "t.yaml")
    assert not marker.exists()
    assert data["sources"][0]["id"] == "s1"
    # and the entry is written anew from the parse
    assert pickle.loads(entry.read_bytes()) == data


def test_a_torn_entry_is_a_miss(cache):
    load_yaml_with_lines(TEXT, "t.yaml")
    (entry,) = _entries(cache)
    entry.write_bytes(entry.read_bytes()[:10])
    assert load_yaml_with_lines(TEXT, "t.yaml")["sources"][0]["tags"] == ["a", "b"]


def test_a_file_that_fails_is_never_cached(cache):
    for _ in range(2):
        with pytest.raises(YamlError, match=r"t.yaml:2: duplicate key 'a'"):
            load_yaml_with_lines("a: 1\na: 2\n", "t.yaml")
    assert _entries(cache) == []


def test_off_by_the_environment(cache, monkeypatch):
    monkeypatch.setenv("REMIT_NO_CACHE", "1")
    assert yaml_cache.folder() is None
    load_yaml_with_lines(TEXT, "t.yaml")
    assert _entries(cache) == []


def test_an_unwritable_folder_is_no_error(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("REMIT_CACHE_DIR", str(blocker))
    monkeypatch.delenv("REMIT_NO_CACHE", raising=False)
    assert load_yaml_with_lines(TEXT, "t.yaml")["sources"][0]["id"] == "s1"
