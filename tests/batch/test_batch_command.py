"""``remit batch`` on the command line: exit codes, summary, row warnings, progress."""

import pytest

from remit.batch.command import _progress_bar

ROWS = "id,text\na,USCIS\nb,maybe\nc,\nd,ICE\n"


@pytest.fixture
def table(tmp_path):
    path = tmp_path / "in.csv"
    path.write_text(ROWS)
    return path


@pytest.mark.parametrize("rows,fail_on,code", [
    (ROWS, "contradicted", 1), (ROWS, "never", 0),
    ("id,text\na,USCIS\nb,maybe\n", "contradicted", 0),
    ("id,text\na,USCIS\nb,maybe\n", "unknown", 1),
    ("id,text\na,USCIS\n", "unknown", 0),
])
def test_exit_code_follows_fail_on(tmp_path, cli, fake_engine, rows, fail_on, code):
    (tmp_path / "in.csv").write_text(rows)
    result = cli("batch", tmp_path / "in.csv", "--column", "text", "-o", tmp_path / "o.csv",
                 "--fail-on", fail_on)
    assert result.exit_code == code, result.stderr


def test_summary_line(tmp_path, table, cli, fake_engine):
    result = cli("batch", table, "--column", "text", "-o", tmp_path / "o.csv")
    assert result.stderr == (
        f"4 rows: 1 contradicted, 1 supported, 1 unknown, 1 no claim, 0 errors, "
        f"0 skipped lines \u2192 {tmp_path / 'o.csv'}\n"
    )
    assert result.stdout == ""


def test_quiet_prints_nothing(tmp_path, table, cli, fake_engine):
    result = cli("batch", table, "--column", "text", "-o", tmp_path / "o.csv", "--quiet")
    assert result.stderr == "" and result.exit_code == 1


def test_row_errors_exit_2_with_ids_and_keep_every_row(tmp_path, cli, fake_engine):
    rows = "".join(f"k{i},BOOM {i}\n" for i in range(12))
    (tmp_path / "in.csv").write_text("key,text\nk,USCIS\n" + rows)
    result = cli("batch", tmp_path / "in.csv", "--column", "text", "--id-column", "key",
                 "-o", tmp_path / "o.csv")
    assert result.exit_code == 2
    warnings = [line for line in result.stderr.splitlines() if "warning" in line]
    assert len(warnings) == 10  # the rest are only counted
    assert warnings[0] == "remit: warning: row 2 (id k0): Boom: cannot parse 'BOOM 0'"
    assert "12 errors" in result.stderr.splitlines()[-1]
    assert (tmp_path / "o.csv").read_text().count("\n") == 14


def test_options_reach_the_engine(table, cli, fake_engine):
    cli("batch", table, "--column", "text", "--batch-size", 7, "--n-process", 2)
    assert fake_engine.calls[0] == (7, 2)


def test_no_progress_bar_when_stderr_is_not_a_terminal(table, cli, fake_engine):
    result = cli("batch", table, "--column", "text")
    assert "checking" not in result.stderr and "it/s" not in result.stderr


def test_progress_bar_counts_rows(capsys):
    with _progress_bar("in.csv", True) as update:
        update(3, None)
        update(4, 7)
    err = capsys.readouterr().err
    assert "checking in.csv" in err and "7/7" in err
    with _progress_bar("in.csv", False) as update:
        assert update is None


def test_help_lists_the_options(cli):
    text = cli("batch", "--help").stdout
    for option in ("--column", "--id-column", "--output", "--input-format", "--output-format",
                   "--chunksize", "--batch-size", "--n-process", "--on-bad-lines", "--quiet",
                   "--fail-on", "--rules", "--model"):
        assert option in text
