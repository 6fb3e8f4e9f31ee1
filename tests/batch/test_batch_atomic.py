"""A run that dies leaves no half-written output, and an older output stays as it was."""

import os
import signal
import subprocess
import sys
import textwrap

import pytest
from fake import KeywordEngine

from remit.batch.output import Writer
from remit.batch.run import BatchJob, run_batch
from remit.errors import EXIT_INTERRUPT

OLD = "the previous, complete output\n"


class DiesAfter(KeywordEngine):
    """Answers ``rows`` texts, then raises what a crash or Ctrl-C would raise."""

    def __init__(self, rows: int, error: BaseException):
        super().__init__()
        self.rows, self.error = rows, error

    def check_many(self, texts, batch_size=64, n_process=1):
        for answered, findings in enumerate(super().check_many(texts, batch_size, n_process)):
            if answered == self.rows:
                raise self.error
            yield findings


def source(tmp_path, rows=50):
    path = tmp_path / "in.csv"
    path.write_text("text\n" + "USCIS row\n" * rows)
    return path


def run(tmp_path, target, engine):
    job = BatchJob(str(source(tmp_path)), "text", str(target), chunksize=10)
    return run_batch(job, engine=engine)


@pytest.mark.parametrize("error", [KeyboardInterrupt(), SystemExit(3)])
def test_crash_mid_run_keeps_old_target_and_leaves_no_temp(tmp_path, error):
    target = tmp_path / "out.csv"
    target.write_text(OLD)
    with pytest.raises(type(error)):
        run(tmp_path, target, DiesAfter(30, error))
    assert target.read_text() == OLD
    assert sorted(os.listdir(tmp_path)) == ["in.csv", "out.csv"]


def test_crash_without_previous_target_creates_nothing(tmp_path):
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path, tmp_path / "out.csv", DiesAfter(30, KeyboardInterrupt()))
    assert os.listdir(tmp_path) == ["in.csv"]


def test_disk_full_while_writing_keeps_old_target(tmp_path, monkeypatch):
    target = tmp_path / "out.csv"
    target.write_text(OLD)
    write = Writer.write
    calls = []

    def fails_third(self, frame):
        calls.append(len(frame))
        if len(calls) == 3:
            raise OSError(28, "No space left on device")
        write(self, frame)

    monkeypatch.setattr(Writer, "write", fails_third)
    with pytest.raises(OSError):
        run(tmp_path, target, KeywordEngine())
    assert target.read_text() == OLD
    assert sorted(os.listdir(tmp_path)) == ["in.csv", "out.csv"]


def test_ctrl_c_on_the_command_line(tmp_path, monkeypatch, cli):
    target = tmp_path / "out.csv"
    target.write_text(OLD)
    monkeypatch.setattr("remit.engine.get_engine",
                        lambda *a, **k: DiesAfter(30, KeyboardInterrupt()))
    result = cli("batch", source(tmp_path), "--column", "text", "-o", target, "--chunksize", 10)
    assert result.exit_code == EXIT_INTERRUPT and "interrupted" in result.stderr
    assert target.read_text() == OLD
    assert sorted(os.listdir(tmp_path)) == ["in.csv", "out.csv"]


def test_input_error_late_in_file_keeps_old_target(tmp_path, cli, fake_engine):
    path = tmp_path / "in.csv"
    path.write_bytes(b"text\n" + b"USCIS\n" * 5000 + b"\xff\n")
    target = tmp_path / "out.csv"
    target.write_text(OLD)
    result = cli("batch", path, "--column", "text", "-o", target, "--chunksize", 100)
    assert result.exit_code == 2
    assert target.read_text() == OLD
    assert sorted(os.listdir(tmp_path)) == ["in.csv", "out.csv"]


KILLED_RUN = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {tests!r})
    from fake import KeywordEngine
    from remit.batch.run import BatchJob, run_batch

    class Stalls(KeywordEngine):
        def check_many(self, texts, batch_size=64, n_process=1):
            for n, findings in enumerate(super().check_many(texts, batch_size, n_process)):
                if n == 40:
                    print("stalled", flush=True)
                    time.sleep(60)
                yield findings

    run_batch(BatchJob({source!r}, "text", {target!r}, chunksize=10), engine=Stalls())
""")


def test_killed_process_never_leaves_a_target(tmp_path):
    """SIGKILL runs no clean-up at all: only the rename makes the target appear."""
    target = tmp_path / "out.csv"
    target.write_text(OLD)
    script = KILLED_RUN.format(tests=os.path.dirname(__file__), source=str(source(tmp_path)),
                               target=str(target))
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "stalled"
    temp = [name for name in os.listdir(tmp_path) if name.endswith(".part")]
    assert len(temp) == 1 and (tmp_path / temp[0]).stat().st_size > 0  # chunks were written
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    assert target.read_text() == OLD


def test_finished_output_has_normal_permissions(tmp_path, cli, fake_engine):
    target = tmp_path / "out.csv"
    cli("batch", source(tmp_path, 3), "--column", "text", "-o", target)
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


TERM_AS_EXIT = """import signal
from remit.batch.command import _exit_on_term
signal.signal(signal.SIGTERM, _exit_on_term)
"""


def test_sigterm_removes_the_temporary_file(tmp_path):
    """`kill` (SIGTERM) unwinds like Ctrl-C: old target kept, no .part file left behind."""
    target = tmp_path / "out.csv"
    target.write_text(OLD)
    script = KILLED_RUN.format(tests=os.path.dirname(__file__), source=str(source(tmp_path)),
                               target=str(target))
    script = script.replace("run_batch(", TERM_AS_EXIT + "run_batch(")
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert child.stdout.readline().strip() == "stalled"
    assert any(name.endswith(".part") for name in os.listdir(tmp_path))
    child.terminate()
    assert child.wait() == 128 + signal.SIGTERM
    assert target.read_text() == OLD
    assert sorted(os.listdir(tmp_path)) == ["in.csv", "out.csv"]


@pytest.mark.filterwarnings("error::pytest.PytestUnraisableExceptionWarning")
@pytest.mark.filterwarnings("error::ResourceWarning")
def test_parquet_run_stopped_by_a_bad_row_closes_its_writer(tmp_path, cli, fake_engine):
    import gc

    path = tmp_path / "in.csv"
    path.write_bytes(b"text\n" + b"USCIS\n" * 50 + b"a,b,c\n")
    result = cli("batch", path, "--column", "text", "-o", tmp_path / "out.parquet",
                 "--chunksize", 10)
    gc.collect()  # a Parquet writer left open would write its footer now, to a closed file
    assert result.exit_code == 2 and "line 52" in result.stderr
    assert sorted(os.listdir(tmp_path)) == ["in.csv"]


def test_aborted_parquet_writer_adds_no_footer_to_a_stream():
    import io

    import pandas as pd

    stream = io.BytesIO()
    writer = Writer(stream, "parquet")
    writer.write(pd.DataFrame({"text": ["ICE"], "verdict": ["unknown"]}))
    writer.abort()  # as into a device or stdout: what was written stays, nothing more
    written = stream.getvalue()
    assert written.startswith(b"PAR1") and not written.endswith(b"PAR1")
    finished = io.BytesIO()
    writer = Writer(finished, "parquet")
    writer.write(pd.DataFrame({"text": ["ICE"], "verdict": ["unknown"]}))
    writer.close()
    assert len(pd.read_parquet(io.BytesIO(finished.getvalue()))) == 1
