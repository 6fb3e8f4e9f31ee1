"""`pip install remit` is the light install: `remit check` runs without pandas and pyarrow,
and `remit batch` without them says how to get them (the `batch` extra)."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
# Makes pandas and pyarrow unimportable in a child process, as in an install without the extra.
BLOCK = """
import sys
class Block:
    def find_spec(self, name, path=None, target=None):
        if name.split(".")[0] in ("pandas", "pyarrow"):
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)
sys.meta_path.insert(0, Block())
for m in [m for m in sys.modules if m.split(".")[0] in ("pandas", "pyarrow")]:
    del sys.modules[m]
from remit.cli import main
main(sys.argv[1:])
"""


def _run(*args: str, input: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", BLOCK, *args], input=input, text=True,
                          capture_output=True, env={"PYTHONPATH": str(ROOT), "NO_COLOR": "1",
                                                    "PATH": "/usr/bin:/bin"})


def test_pandas_and_pyarrow_are_the_batch_extra():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    names = {d.split(">")[0].split("=")[0].split("<")[0].strip() for d in project["dependencies"]}
    assert not names & {"pandas", "pyarrow"}
    extras = project["optional-dependencies"]
    assert {d.split(">")[0] for d in extras["batch"]} == {"pandas", "pyarrow"}
    assert "remit[batch]" in extras["test"], "the tests (and the README install) need batch"


def test_batch_without_the_extra_says_how_to_install_it():
    result = _run("batch", "rows.csv", "--column", "text")
    assert result.returncode == 2, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "pip install 'remit[batch]'" in lines[0], result.stderr


@pytest.mark.model
def test_check_runs_without_pandas():
    result = _run("check", "-", input="ICE issues green cards.")
    assert result.returncode == 1, result.stderr
    assert "contradicted" in result.stdout


def test_dask_without_the_extra_says_how_to_install_it(monkeypatch, tmp_path):
    from click.testing import CliRunner

    from remit.cli import main

    monkeypatch.setitem(sys.modules, "distributed", None)  # as if not installed
    (tmp_path / "rows.csv").write_text("text\nICE issues green cards.\n", encoding="utf-8")
    result = CliRunner().invoke(main, ["batch", str(tmp_path / "rows.csv"), "--column", "text",
                                       "--dask", "local:1"])
    assert result.exit_code == 2
    assert result.stderr.strip().splitlines() == [
        "remit: error: --dask needs the dask extra (distributed is not installed): "
        "pip install 'remit[dask]'"]


def test_dask_is_an_extra_that_the_tests_install():
    extras = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"][
        "optional-dependencies"]
    assert any(d.startswith("dask[dataframe,distributed]") for d in extras["dask"])
    assert "remit[dask]" in extras["test"], "the README's test command runs the Dask tests"
