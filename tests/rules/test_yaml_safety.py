"""Hostile table files (issue 12, items 4 and 10): an alias bomb, recursive aliases, duplicate
keys and a non-UTF-8 file are refused with ``file:line`` and exit 2, quickly."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from remit.cli import main
from remit.rules.loader import parse_file
from remit.rules.yaml_lines import YamlError, load_yaml_with_lines, strip_lines

# "Billion laughs": ten lines that name 9**9 strings.
BOMB = 'a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]\n' + "".join(
    f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join([f'*{chr(97 + i)}'] * 9)}]\n" for i in range(8)
)
MANY_ALIASES = "x: &x 1\ny: [" + ", ".join(["*x"] * 101) + "]\n"
DUPLICATE_KEY = """\
facts:
  - id: ice-removes
    agency: ICE
    agency: USCIS
"""
DUPLICATE_SECTION = "agencies: []\nfacts: []\nagencies: []\n"


@pytest.mark.parametrize(("text", "line", "problem"), [
    (BOMB, 5, "expand to more than 10,000 values"),
    (MANY_ALIASES, 2, "more than 100 YAML aliases"),
    ("a: &x [1, *x]\n", 1, "recursive YAML alias *x"),
    (DUPLICATE_KEY, 4, "duplicate key 'agency' (first at line 3)"),
    (DUPLICATE_SECTION, 3, "duplicate key 'agencies' (first at line 1)"),
    ("a: [1\n", 2, "not valid YAML"),
], ids=["bomb", "many-aliases", "recursive", "duplicate-key", "duplicate-section", "syntax"])
def test_refused_with_file_and_line(text, line, problem):
    start = time.perf_counter()
    with pytest.raises(YamlError) as info:
        load_yaml_with_lines(text, "t.yaml")
    assert time.perf_counter() - start < 1
    assert str(info.value).startswith(f"t.yaml:{line}: ") and problem in str(info.value)
    assert (info.value.path, info.value.line) == ("t.yaml", line)
    assert parse_file(text, "t.yaml") == ([], [str(info.value)])


def test_aliases_within_budget_and_merge_keys_still_load():
    text = "base: &b {k: 1, v: [1, 2]}\nuse: *b\nd:\n  <<: *b\n  k: 2\n"
    data = strip_lines(load_yaml_with_lines(text, "t.yaml"))
    assert data == {"base": {"k": 1, "v": [1, 2]}, "use": {"k": 1, "v": [1, 2]},
                    "d": {"k": 2, "v": [1, 2]}}
    assert load_yaml_with_lines("x:\n  y: 1\n", "t.yaml")["x"]["__line__"] == 2


@pytest.mark.parametrize("args", [["rules", "validate"], ["check", "--rules"]])
def test_cli_refuses_a_bomb_with_exit_2(tmp_path, args):
    (tmp_path / "bomb.yaml").write_text(BOMB)
    (tmp_path / "doc.md").write_text("ICE issues green cards.\n")
    extra = [str(tmp_path / "doc.md")] if args[0] == "check" else []
    result = CliRunner().invoke(main, [*args, str(tmp_path / "bomb.yaml"), *extra])
    assert result.exit_code == 2, result.output
    assert f"{tmp_path / 'bomb.yaml'}:5: YAML aliases" in result.stderr


def test_non_utf8_table_file_names_the_line(tmp_path):
    (tmp_path / "latin1.yaml").write_bytes("facts: []\n# caf\xe9\n".encode("latin-1"))
    result = CliRunner().invoke(main, ["rules", "validate", str(tmp_path / "latin1.yaml")])
    assert result.exit_code == 2
    assert f"{tmp_path / 'latin1.yaml'}:2: not UTF-8 text (byte 15)" in result.stderr
    assert result.stderr.count("not UTF-8 text") == 1 and "1 error(s)" in result.stderr
