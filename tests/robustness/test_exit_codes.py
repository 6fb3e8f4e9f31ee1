"""Exit codes: an interrupt, a closed pipe and a crash each have their own, never 1 (findings)."""

from __future__ import annotations

import subprocess
import sys
import types

import click
import pytest
from click.testing import CliRunner

from remit import cli
from remit.errors import EXIT_BROKEN_PIPE, EXIT_FINDINGS, EXIT_INTERNAL, EXIT_INTERRUPT


def _command_raising(exc: BaseException) -> click.Command:
    @click.command()
    def boom() -> None:
        raise exc

    return boom


@pytest.fixture
def fake_command(monkeypatch):
    """Install a subcommand ``boom`` that raises the exception the test gives."""

    def install(exc: BaseException) -> None:
        module = types.ModuleType("remit_test_boom")
        module.boom = _command_raising(exc)
        monkeypatch.setitem(sys.modules, "remit_test_boom", module)
        monkeypatch.setitem(cli.SUBCOMMANDS, "boom", ("remit_test_boom", "boom", "test"))

    return install


@pytest.mark.parametrize(("exc", "code"), [
    (KeyboardInterrupt(), EXIT_INTERRUPT),
    (BrokenPipeError(32, "Broken pipe"), EXIT_BROKEN_PIPE),
    (RuntimeError("something broke"), EXIT_INTERNAL),
    (ZeroDivisionError("division by zero"), EXIT_INTERNAL),
])
def test_exit_code_of_each_kind_of_failure(fake_command, exc, code):
    fake_command(exc)
    result = CliRunner().invoke(cli.main, ["boom"])
    assert result.exit_code == code
    assert result.exit_code != EXIT_FINDINGS


def test_internal_error_is_one_line_asking_for_a_report(fake_command):
    fake_command(RuntimeError("something \x1b[31mbroke"))
    result = CliRunner().invoke(cli.main, ["boom"])
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("remit: internal error: RuntimeError: something")
    assert "please report" in lines[0] and "--debug" in lines[0]
    assert "\x1b" not in lines[0] and "Traceback" not in result.stderr


def test_debug_prints_the_traceback(fake_command):
    fake_command(RuntimeError("something broke"))
    result = CliRunner().invoke(cli.main, ["--debug", "boom"])
    assert result.exit_code == EXIT_INTERNAL
    assert "Traceback (most recent call last)" in result.stderr
    assert "raise exc" in result.stderr


def test_broken_pipe_is_quiet(fake_command):
    fake_command(BrokenPipeError(32, "Broken pipe"))
    result = CliRunner().invoke(cli.main, ["boom"])
    assert result.stderr == ""


def test_usage_error_keeps_click_code():
    result = CliRunner().invoke(cli.main, ["rules", "list", "nothing-such"])
    assert result.exit_code == 2


def test_a_reader_that_stops_early_ends_remit_quietly(tmp_path):
    """A real pipe: the reader takes one line and closes; remit exits 141 with no traceback."""
    code = ("import sys, click\n"
            "from remit import cli\n"
            "@click.command()\n"
            "def flood():\n"
            "    for _ in range(200000):\n"
            "        click.echo('ICE issues green cards.')\n"
            "import types; m = types.ModuleType('flood'); m.flood = flood\n"
            "sys.modules['flood'] = m\n"
            "cli.SUBCOMMANDS['flood'] = ('flood', 'flood', 'test')\n"
            "cli.main(['flood'])\n")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE)
    assert proc.stdout.readline()
    proc.stdout.close()
    stderr = proc.stderr.read().decode()
    assert proc.wait(timeout=60) == EXIT_BROKEN_PIPE
    assert stderr == ""
