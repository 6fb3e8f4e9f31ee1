"""``remit batch --dask`` and ``remit.dask.check_dataframe`` on a 2-worker LocalCluster.

One cluster serves the module (its workers load the model once); the fault test starts its
own, since it kills a worker. Skipped when the dask extra is not installed.
"""

import json
import logging
import os
import signal
import threading
import time

import pandas as pd
import pytest

pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")

import pyarrow.parquet as pq  # noqa: E402

from remit.batch.dask_io import METADATA_KEY, SIDECAR  # noqa: E402
from remit.batch.frame import ADDED_COLUMNS, ColumnError  # noqa: E402

TEXTS = ["ICE issues green cards.", "USCIS issues green cards to eligible applicants.",
         "The council met on Monday.", "", "CBP inspects travelers at ports of entry.",
         'Rents rose "sharply", the paper said.', "Border Patrol is part of ICE."]
# A source record of our own: it changes the table's version, so a worker that judged
# without it would refuse (its version would differ from the client's).
RULES = """sources:
  - id: test-dask-source
    title: A source only these tests cite
    publisher: remit tests
    url: https://example.org/remit-tests
    retrieved: 2026-01-01
    kind: secondary
"""


def rows(n, start=0):
    return pd.DataFrame({"id": [str(i) for i in range(start, start + n)],
                         "text": [TEXTS[i % len(TEXTS)] for i in range(start, start + n)]})


def local_cluster(**kwargs):
    return distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                    dashboard_address=":0", silence_logs=logging.CRITICAL,
                                    **kwargs)


@pytest.fixture(scope="module")
def address():
    with local_cluster() as cluster:
        yield cluster.scheduler_address


@pytest.fixture
def rules(tmp_path):
    path = tmp_path / "local.yaml"
    path.write_text(RULES, encoding="utf-8")
    return str(path)


@pytest.mark.slow
def test_one_output_file_equals_remit_batch_byte_for_byte(tmp_path, cli, address, rules):
    rows(240).to_csv(tmp_path / "in.csv", index=False)
    local = cli("batch", tmp_path / "in.csv", "--column", "text", "--rules", rules,
                "-o", tmp_path / "local.csv")
    # 2,000 bytes a block: four partitions of one file, checked on both workers.
    dask = cli("batch", tmp_path / "in.csv", "--column", "text", "--rules", rules,
               "-o", tmp_path / "dask.csv", "--dask", address, "--blocksize", "2000")
    assert dask.exit_code == local.exit_code == 1, dask.stderr
    assert (tmp_path / "dask.csv").read_bytes() == (tmp_path / "local.csv").read_bytes()
    assert dask.stderr.splitlines()[-1] == local.stderr.splitlines()[-1].replace(
        "local.csv", "dask.csv")


@pytest.mark.slow
def test_folder_of_parts_holds_every_row_in_order_with_the_table_version(
        tmp_path, cli, address, rules):
    from remit.rules.version import rules_version

    (tmp_path / "in").mkdir()
    for number, start in enumerate((0, 50, 120)):  # natural order: part.2 before part.10
        rows(50 if start < 120 else 30, start).to_parquet(
            tmp_path / "in" / f"part.{[2, 10, 11][number]}.parquet", index=False)
    target = tmp_path / "out"
    result = cli("batch", tmp_path / "in", "--column", "text", "--rules", rules,
                 "-o", f"{target}/", "--dask", address)
    assert result.exit_code == 1, result.stderr
    names = sorted(p.name for p in target.iterdir())
    assert names == [SIDECAR, "part.00000.parquet", "part.00001.parquet", "part.00002.parquet"]
    out = pd.concat([pd.read_parquet(target / n) for n in names[1:]], ignore_index=True)
    local = cli("batch", _concatenated(tmp_path), "--column", "text", "--rules", rules,
                "-o", tmp_path / "local.parquet")
    assert local.exit_code == 1, local.stderr
    expected = pd.read_parquet(tmp_path / "local.parquet")
    assert out.to_csv(index=False) == expected.to_csv(index=False)
    assert list(out.columns) == ["id", "text", *ADDED_COLUMNS]
    version = rules_version([rules])
    assert version != rules_version()
    footer = json.loads(pq.read_schema(target / names[1]).metadata[METADATA_KEY])
    assert footer["table_version"] == version
    assert json.loads((target / SIDECAR).read_text())["verdicts"]["contradicted"] > 0
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".out.")]


def _concatenated(tmp_path):
    whole = pd.concat([rows(50), rows(50, 50), rows(30, 120)], ignore_index=True)
    whole.to_parquet(tmp_path / "whole.parquet", index=False)
    return tmp_path / "whole.parquet"


@pytest.mark.slow
def test_a_part_of_the_wrong_type_fails_the_run_naming_it(tmp_path, cli, address):
    (tmp_path / "in").mkdir()
    rows(5).to_parquet(tmp_path / "in" / "a.parquet", index=False)
    pd.DataFrame({"id": ["9"], "text": [7]}).to_parquet(tmp_path / "in" / "b.parquet")
    result = cli("batch", tmp_path / "in", "--column", "text", "-o", f"{tmp_path}/out/",
                 "--dask", address)
    assert result.exit_code == 2
    assert result.stderr == (f"remit: error: {tmp_path}/in/b.parquet: column 'text' is of "
                             "type int64, not text\n")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["in"]  # no output, no temp folder


def _part(number):
    """A partition whose text column is text, except in partition 1."""
    return pd.DataFrame({"id": [str(number)], "text": [7 if number == 1 else "ICE x"]})


@pytest.mark.slow
def test_a_partition_found_wrong_only_when_it_runs_fails_naming_it(address):
    import dask.dataframe as dd

    import remit.dask
    from remit.errors import InputError

    meta = pd.DataFrame({"id": pd.Series([], dtype=object), "text": pd.Series([], dtype=object)})
    ddf = dd.from_map(_part, [0, 1, 2], meta=meta, enforce_metadata=False)
    with distributed.Client(address) as client:
        future = client.compute(remit.dask.check_dataframe(ddf, column="text"))
        with pytest.raises(InputError, match=r"^partition 1: column 'text' is of type int64"):
            future.result()


def test_check_dataframe_is_lazy_with_the_added_columns(fake_engine, monkeypatch):
    import dask.dataframe as dd

    import remit
    import remit.dask

    monkeypatch.setattr(remit.dask, "_ENGINES", {})
    df = pd.DataFrame({"id": range(6), "text": ["ICE x", "", None, "USCIS y", "z", "maybe"]})
    loads = []
    real = remit.dask._load_engine
    monkeypatch.setattr(remit.dask, "_load_engine", lambda spec: loads.append(1) or real(spec))
    out = remit.dask.check_dataframe(dd.from_pandas(df, npartitions=3), column="text")
    assert list(out.columns) == ["id", "text", *ADDED_COLUMNS] and not loads
    computed = out.compute(scheduler="sync")
    assert loads == [1]  # once for the process, not once per partition
    pd.testing.assert_frame_equal(computed, remit.check_frame(df, column="text"),
                                  check_dtype=False)
    with pytest.raises(ColumnError, match="no column 'body'"):
        remit.dask.check_dataframe(dd.from_pandas(df, npartitions=1), column="body")


@pytest.mark.slow
def test_a_worker_killed_mid_run_is_replaced_and_every_row_written_once(tmp_path, rules):
    from remit.batch.dask_run import run_dask
    from remit.batch.run import BatchJob

    (tmp_path / "in").mkdir()
    for n in range(8):
        rows(100, n * 100).to_parquet(tmp_path / "in" / f"p{n}.parquet", index=False)
    job = BatchJob(str(tmp_path / "in"), "text", f"{tmp_path}/out/", rules=(rules,))
    with local_cluster() as cluster, distributed.Client(cluster) as client:
        done = {}
        run = threading.Thread(target=lambda: done.update(
            summary=run_dask(job, cluster.scheduler_address)[0]))
        run.start()
        victim = _busy_worker(client)
        pid = client.run(os.getpid, workers=[victim])[victim]
        os.kill(pid, signal.SIGKILL)  # the worker is loading the model for its first task
        assert run.is_alive()
        run.join(timeout=120)
        assert victim not in client.scheduler_info()["workers"]
    out = pd.concat([pd.read_parquet(p) for p in sorted((tmp_path / "out").glob("part.*"))])
    assert out["id"].tolist() == [str(i) for i in range(800)]
    assert done["summary"].rows == 800


def _busy_worker(client, timeout=60.0):
    """Wait until a worker is running a task; return its address."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        busy = [w for w, tasks in client.processing().items() if tasks]
        if busy:
            time.sleep(0.5)
            return busy[0]
        time.sleep(0.05)
    raise AssertionError("no worker started a task")


@pytest.mark.parametrize(("value", "expected"), [
    ("local:3", ("local", 3)), ("local", ("local", os.cpu_count())),
    ("tcp://scheduler:8786", ("tcp://scheduler:8786", None))])
def test_dask_addresses(value, expected):
    from remit.batch.dask_run import parse_address

    assert parse_address(value) == expected


def test_a_bad_local_worker_count_is_a_usage_error():
    from remit.batch.dask_run import parse_address
    from remit.errors import InputError

    with pytest.raises(InputError, match="local:N with N a number"):
        parse_address("local:0")


def test_output_names_and_kinds(tmp_path):
    from remit.batch.dask_io import is_folder_output, part_name

    assert [part_name(n, 3, "jsonl") for n in (0, 2)] == ["part.00000.jsonl", "part.00002.jsonl"]
    assert part_name(7, 123456, "parquet") == "part.000007.parquet"
    assert is_folder_output(f"{tmp_path}/new/") and is_folder_output(str(tmp_path))
    assert is_folder_output(f"{tmp_path}/checked")  # no known extension: a folder
    assert not is_folder_output(f"{tmp_path}/checked.csv") and not is_folder_output("-")
