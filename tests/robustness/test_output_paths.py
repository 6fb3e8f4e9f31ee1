"""``-o``: written through what the path points to, mode kept, leftovers of killed runs removed."""

from __future__ import annotations

import os
import stat
import subprocess
import sys

from remit.batch.output import atomic_file, remove_stale_parts


def _write(target, data: bytes = b"new\n") -> None:
    with atomic_file(str(target)) as handle:
        handle.write(data)


def test_a_symlink_is_written_through(tmp_path):
    real = tmp_path / "real.csv"
    real.write_text("old\n")
    link = tmp_path / "link.csv"
    link.symlink_to(real)
    _write(link)
    assert link.is_symlink()
    assert real.read_bytes() == b"new\n"


def test_an_existing_file_keeps_its_mode(tmp_path):
    target = tmp_path / "out.csv"
    target.write_text("old\n")
    target.chmod(0o600)
    _write(target)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert target.read_bytes() == b"new\n"


def test_a_new_file_gets_the_umask_mode(tmp_path):
    mask = os.umask(0o022)
    try:
        _write(tmp_path / "out.csv")
    finally:
        os.umask(mask)
    assert stat.S_IMODE((tmp_path / "out.csv").stat().st_mode) == 0o644


def test_a_device_is_written_directly():
    before = os.stat(os.devnull)
    _write(os.devnull)
    after = os.stat(os.devnull)
    assert stat.S_ISCHR(after.st_mode) and after.st_ino == before.st_ino


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_parts_of_a_dead_run_are_removed_and_a_live_ones_kept(tmp_path):
    dead = tmp_path / f".out.csv.{_dead_pid()}.abc123.part"
    live = tmp_path / f".out.csv.{os.getppid()}.def456.part"
    other = tmp_path / f".other.csv.{_dead_pid()}.x.part"
    for path in (dead, live, other):
        path.write_text("partial")
    _write(tmp_path / "out.csv")
    assert not dead.exists()
    assert live.exists() and other.exists()
    assert sorted(os.listdir(tmp_path)) == sorted([live.name, other.name, "out.csv"])
    assert remove_stale_parts(str(tmp_path), "other.csv") == [other.name]
