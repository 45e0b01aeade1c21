"""`python -m ingest`: exit codes and messages, crash recovery after kill -9, concurrent loads."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import types

from ingest_inputs import REPO_ROOT, query, run_cli, warc_bytes, write_html_files

from ingest import cli


def test_load_then_reload_reports_inserted_then_duplicates(tmp_path, db_path):
    write_html_files(tmp_path / "in", 4)
    (tmp_path / "in" / "notes.pdf").write_bytes(b"%PDF")
    (tmp_path / "in" / "crawl.warc").write_bytes(
        warc_bytes([{"url": "https://x.example/i.png", "body": b"\x89PNG", "content_type": "image/png"}], gzipped=False)
    )
    first = run_cli("load", str(tmp_path / "in"), "--db", str(db_path))
    assert first.returncode == 0, first.stderr
    assert "4 seen, 4 inserted, 0 skipped as duplicates" in first.stdout
    assert "rejected: 1 (unsupported_format 1)" in first.stdout
    assert "skipped WARC records: 1 (non_html 1)" in first.stdout
    second = run_cli("load", str(tmp_path / "in"), "--db", str(db_path))
    assert second.returncode == 0 and "4 seen, 0 inserted, 4 skipped as duplicates" in second.stdout


def test_missing_path_exits_non_zero_and_loads_nothing(tmp_path, db_path):
    write_html_files(tmp_path / "in", 1)
    result = run_cli("load", str(tmp_path / "in"), str(tmp_path / "typo"), "--db", str(db_path))
    assert result.returncode == 2
    assert f"no such file, directory or glob match: {tmp_path / 'typo'}" in result.stderr
    assert not db_path.exists()


def test_missing_db_directory_exits_non_zero(tmp_path):
    write_html_files(tmp_path / "in", 1)
    result = run_cli("load", str(tmp_path / "in"), "--db", str(tmp_path / "nowhere" / "w.duckdb"))
    assert result.returncode == 2 and "directory of --db does not exist" in result.stderr


def test_help_lists_commands_and_options():
    result = run_cli("load", "--help")
    assert result.returncode == 0
    for option in ("--db", "--batch-pages", "--max-page-mb", "--lock-timeout", "exit status"):
        assert option in result.stdout


def test_sample_subcommand_calls_the_generator(tmp_path, monkeypatch):
    calls = []
    fake = types.ModuleType("ingest.sample")
    fake.generate = lambda out, **options: calls.append((out, options))
    monkeypatch.setitem(sys.modules, "ingest.sample", fake)
    assert cli.main(["sample", "--out", str(tmp_path), "--pages", "12", "--seed", "3"]) == 0
    assert calls == [(tmp_path, {"pages": 12, "seed": 3})]


def start_load(inputs, db_path, *extra) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "ingest", "load", str(inputs), "--db", str(db_path), *extra],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )


def wait_for_committed_batches(db_path, process, min_wal_bytes=200_000, timeout=60) -> None:
    """A growing write-ahead log means batches are committing while the load still runs."""
    wal = db_path.with_name(db_path.name + ".wal")
    deadline = time.monotonic() + timeout
    while not (wal.exists() and wal.stat().st_size >= min_wal_bytes):
        assert process.poll() is None, "the load finished before it could be interrupted; use more input"
        assert time.monotonic() < deadline, "no batch was committed in time"
        time.sleep(0.02)


def test_kill_9_mid_load_then_rerun_completes_without_duplicates(tmp_path, db_path):
    write_html_files(tmp_path / "in", 1200, paragraphs=20)
    victim = start_load(tmp_path / "in", db_path, "--batch-pages", "10")
    wait_for_committed_batches(db_path, victim)
    os.kill(victim.pid, signal.SIGKILL)
    victim.wait()
    assert victim.returncode == -signal.SIGKILL

    rerun = run_cli("load", str(tmp_path / "in"), "--db", str(db_path))
    assert rerun.returncode == 0, rerun.stderr
    assert query(db_path, "select count(*), count(distinct page_id) from raw.pages") == [(1200, 1200)]
    runs = query(db_path, "select status, pages_inserted from raw.loads order by started_at")
    assert [status for status, _ in runs] == ["aborted", "completed"]
    killed_inserted, rerun_inserted = (inserted for _, inserted in runs)
    assert killed_inserted > 0 and killed_inserted + rerun_inserted == 1200
    assert query(db_path, "select count(*) from raw.pages group by load_id order by min(loaded_at)") == [
        (killed_inserted,), (rerun_inserted,)
    ]


def test_load_into_a_busy_warehouse_exits_1_with_a_clear_message(tmp_path, db_path):
    write_html_files(tmp_path / "in", 2)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(db_path)!r}); print('locked', flush=True); "
                               "time.sleep(60)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        busy = run_cli("load", str(tmp_path / "in"), "--db", str(db_path), "--lock-timeout", "0.5")
    finally:
        holder.kill()
        holder.wait()
    assert busy.returncode == 1
    assert f"warehouse {db_path} is open in another process (pid {holder.pid}: " in busy.stderr
    assert "-c import duckdb" in busy.stderr, "the holder's command line is named"
    assert "python -m ingest build" in busy.stderr, "the message says how to load without waiting for readers"
    assert run_cli("load", str(tmp_path / "in"), "--db", str(db_path)).returncode == 0
    assert query(db_path, "select count(*) from raw.pages") == [(2,)]


def test_two_concurrent_loads_both_finish_and_nothing_is_duplicated(tmp_path, db_path):
    write_html_files(tmp_path / "in", 1200, paragraphs=20)
    first = start_load(tmp_path / "in", db_path, "--batch-pages", "10")
    wait_for_committed_batches(db_path, first)
    second = start_load(tmp_path / "in", db_path, "--lock-timeout", "120")
    first_out, first_err = first.communicate(timeout=120)
    second_out, second_err = second.communicate(timeout=120)

    assert first.returncode == 0, first_err
    assert second.returncode == 0, second_err
    assert "1200 seen, 1200 inserted" in first_out
    assert "1200 seen, 0 inserted, 1200 skipped as duplicates" in second_out
    assert query(db_path, "select count(*), count(distinct page_id) from raw.pages") == [(1200, 1200)]
    assert query(db_path, "select status from raw.loads order by started_at") == [("completed",), ("completed",)]
