"""Builds on a copy: readers in other processes never block a build, and new connections see what it published."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

import duckdb
import pytest

from ingest_inputs import REPO_ROOT, run_cli, write_html_files

from ingest.staging import BuildError, lock_path, staged_warehouse, staging_dir, wal_path


class Reader:
    """Another process holding one read-only connection open, as a dashboard or BI tool does."""

    SCRIPT = (
        "import duckdb, sys\n"
        "connection = duckdb.connect(sys.argv[1], read_only=True)\n"
        "for sql in sys.stdin:\n"
        "    print(connection.execute(sql).fetchall()[0][0], flush=True)\n"
    )

    def __init__(self, database: Path):
        self.process = subprocess.Popen([sys.executable, "-c", self.SCRIPT, str(database)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def scalar(self, sql: str) -> str:
        self.process.stdin.write(sql + "\n")
        self.process.stdin.flush()
        return self.process.stdout.readline().strip()

    def close(self) -> None:
        self.process.communicate("", timeout=30)


def count(database: Path, table: str = "t") -> int:
    with duckdb.connect(str(database), read_only=True) as connection:
        return connection.execute(f"select count(*) from {table}").fetchone()[0]


def insert(database: Path, rows: int) -> None:
    with duckdb.connect(str(database)) as connection:
        connection.execute(f"insert into t select * from range({rows})")


@pytest.fixture
def warehouse(tmp_path: Path) -> Path:
    database = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(database)) as connection:
        connection.execute("create table t as select * from range(3)")
    return database


def test_build_publishes_while_a_reader_holds_the_file_and_new_connections_see_it(warehouse):
    reader = Reader(warehouse)
    try:
        assert reader.scalar("select count(*) from t") == "3"
        with staged_warehouse(warehouse, lock_timeout=2) as staged:
            assert staged.name == warehouse.name, "same file name, so DuckDB's catalog name stays the same"
            assert count(staged) == 3, "the copy carries the existing warehouse"
            insert(staged, 2)
            assert count(warehouse) == 3, "the original is untouched until the end"
        assert count(warehouse) == 5
        assert reader.scalar("select count(*) from t") == "3", "an open connection keeps its consistent old file"
    finally:
        reader.close()
    assert not staging_dir(warehouse).exists()
    assert not wal_path(warehouse).exists()


def test_first_build_creates_the_warehouse(tmp_path):
    warehouse = tmp_path / "new.duckdb"
    with staged_warehouse(warehouse) as staged:
        assert not staged.exists()
        with duckdb.connect(str(staged)) as connection:
            connection.execute("create table t as select 1")
    assert count(warehouse) == 1


def test_failed_build_leaves_the_warehouse_as_it_was_and_keeps_the_copy(warehouse):
    before = warehouse.read_bytes()
    with pytest.raises(RuntimeError), staged_warehouse(warehouse) as staged:
        insert(staged, 10)
        raise RuntimeError("dbt failed")
    assert warehouse.read_bytes() == before
    assert count(staging_dir(warehouse) / warehouse.name) == 13, "the unpublished build stays to inspect"
    with staged_warehouse(warehouse) as staged:  # the next build starts again from the published file
        assert count(staged) == 3


def test_write_ahead_log_of_a_crashed_writer_is_carried_into_the_build(warehouse):
    script = ("import duckdb, os, sys\n"
              "c = duckdb.connect(sys.argv[1])\n"
              "c.execute(\"set checkpoint_threshold = '1GB'\")\n"
              "c.execute('insert into t select * from range(4)')\n"
              "os._exit(0)\n")  # dies without the checkpoint a clean close would run
    subprocess.run([sys.executable, "-c", script, str(warehouse)], check=True)
    assert wal_path(warehouse).exists()
    with staged_warehouse(warehouse) as staged:
        assert count(staged) == 7
        insert(staged, 1)
    assert not wal_path(warehouse).exists(), "the old file's log would not fit the new file"
    assert count(warehouse) == 8


def test_in_place_write_during_the_build_is_not_overwritten(warehouse):
    with pytest.raises(BuildError, match="changed during the build"), staged_warehouse(warehouse) as staged:
        insert(warehouse, 100)  # e.g. `python -m ingest load --db` run directly meanwhile
        insert(staged, 1)
    assert count(warehouse) == 103


def test_second_build_waits_then_names_the_first(warehouse):
    entered, release = threading.Event(), threading.Event()

    def first_build():
        with staged_warehouse(warehouse):
            entered.set()
            release.wait(30)

    thread = threading.Thread(target=first_build)
    thread.start()
    try:
        assert entered.wait(30)
        script = ("import sys\nfrom pathlib import Path\nfrom ingest.staging import staged_warehouse, BuildError\n"
                  "try:\n    with staged_warehouse(Path(sys.argv[1]), lock_timeout=0.5): pass\n"
                  "except BuildError as error:\n    print(error)\n")
        result = subprocess.run([sys.executable, "-c", script, str(warehouse)], capture_output=True, text=True,
                                cwd=REPO_ROOT, timeout=60)
    finally:
        release.set()
        thread.join()
    assert f"another build of {warehouse} is running (pid {os.getpid()}: " in result.stdout
    assert lock_path(warehouse).exists()


def test_in_place_writer_is_waited_for_and_named(warehouse):
    writer = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1]); print('open', flush=True); "
         "sys.stdin.read()", str(warehouse)], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert writer.stdout.readline().strip() == "open"
        with pytest.raises(BuildError) as error, staged_warehouse(warehouse, lock_timeout=0.5):
            pass
    finally:
        writer.communicate("", timeout=30)
    assert f"being written in place by another process (pid {writer.pid}: " in str(error.value)
    assert "import duckdb" in str(error.value), "the holder's command line is named"


def test_load_step_of_the_build_command_runs_while_a_reader_holds_the_warehouse(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    write_html_files(tmp_path / "first", 2)
    assert run_cli("build", str(tmp_path / "first"), "--db", str(warehouse), "--steps", "load").returncode == 0
    reader = Reader(warehouse)
    try:
        assert reader.scalar("select count(*) from raw.pages") == "2"
        write_html_files(tmp_path / "second", 5)
        result = run_cli("build", str(tmp_path / "second"), "--db", str(warehouse), "--steps", "load",
                         "--lock-timeout", "1")
        assert result.returncode == 0, result.stderr
        assert "build: published" in result.stdout
        assert count(warehouse, "raw.pages") == 5, "a new connection sees the new pages (two of them were loaded before)"
        assert reader.scalar("select count(*) from raw.pages") == "2"
    finally:
        reader.close()


def test_failing_step_publishes_nothing_and_says_so(tmp_path, warehouse):
    before = warehouse.read_bytes()
    result = run_cli("build", str(tmp_path / "missing"), "--db", str(warehouse), "--steps", "load")
    assert result.returncode == 1
    assert "load failed (exit 2); nothing was published" in result.stderr
    assert warehouse.read_bytes() == before
