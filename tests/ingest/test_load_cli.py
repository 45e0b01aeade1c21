"""`python -m ingest`: exit codes and messages, crash recovery after kill -9, concurrent loads."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import types

import pytest

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
    assert "skipped by rule: 1 (non_html 1)" in first.stdout
    assert "accounted for: 6 items read = 4 pages + 1 rejected + 1 skipped" in first.stdout
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


def _pages_jsonl(path, count):
    import json

    lines = (json.dumps({"url": f"https://many.example/{n}", "text": f"page {n} " * 20}) for n in range(count))
    path.write_text("\n".join(lines) + "\n")


def test_ctrl_c_ends_the_load_with_a_message_status_aborted_and_counts_that_match_the_rows(tmp_path, db_path):
    _pages_jsonl(tmp_path / "many.jsonl", 20_000)
    process = subprocess.Popen(
        [sys.executable, "-m", "ingest", "load", str(tmp_path / "many.jsonl"), "--db", str(db_path),
         "--batch-pages", "16"],
        cwd=REPO_ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
    )
    deadline = time.monotonic() + 60
    while not os.path.exists(f"{db_path}.wal") and process.poll() is None and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)  # well inside the load: 1,250 commits of 16 pages
    process.send_signal(signal.SIGINT)
    stdout, stderr = process.communicate(timeout=60)
    assert process.returncode == 130, stderr
    assert "aborted by Ctrl-C" in stderr and "Traceback" not in stderr
    assert "aborted in" in stdout
    [(status, inserted, rows)] = query(
        db_path, "select status, pages_inserted, (select count(*) from raw.pages p where p.load_id = l.load_id) "
        "from raw.loads l")
    assert status == "aborted" and inserted == rows < 20_000
    rerun = run_cli("load", str(tmp_path / "many.jsonl"), "--db", str(db_path))
    assert rerun.returncode == 0 and query(db_path, "select count(*) from raw.pages") == [(20_000,)]


def test_a_full_disk_ends_the_load_with_one_clear_sentence(tmp_path):
    mount_point = tmp_path / "small"
    mount_point.mkdir()
    mounted = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(mount_point)],
                             capture_output=True, check=False)
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount a small tmpfs to fill up here: {mounted.stderr.decode().strip()}")
    try:
        import base64

        pages = tmp_path / "in"
        pages.mkdir()
        for number in range(40):  # 40 pages of 200 KB that barely compress: more than the 3 MB device holds
            (pages / f"p{number:02d}.txt").write_bytes(base64.b64encode(os.urandom(150_000)))
        result = run_cli("load", str(pages), "--db", str(mount_point / "w.duckdb"), "--batch-pages", "4")
    finally:
        subprocess.run(["umount", "-l", str(mount_point)], check=False)
    assert result.returncode == 1, result.stdout
    assert "no space left on the device that holds" in result.stderr and "run the same command again" in result.stderr
    assert "Traceback" not in result.stderr and "cannot rollback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_nothing_is_lost_silently_every_input_is_a_page_a_reject_or_counted_as_skipped(tmp_path, db_path):
    import gzip
    import re

    corpus = tmp_path / "in"
    write_html_files(corpus, 2)
    (corpus / "stray-nul.txt").write_bytes(b"A text page with a stray\x00 NUL byte in it.")
    (corpus / "empty.html").write_bytes(b"")
    (corpus / "notes.pdf").write_bytes(b"%PDF-1.7")
    (corpus / ".DS_Store").write_bytes(b"\x00\x00")
    os.mkfifo(corpus / "pipe.html")
    (corpus / "lines.jsonl").write_text('{"text": "one"}\n{broken\n{"html": "", "text": "three"}\n')
    good = warc_bytes([{"url": "https://x.example/a", "body": b"<html><body>A</body></html>",
                        "content_type": "text/html"}], gzipped=True)
    image = warc_bytes([{"url": "https://x.example/i.png", "body": b"\x89PNG", "content_type": "image/png"}],
                       gzipped=True)
    (corpus / "crawl.warc.gz").write_bytes(good + b"junk between records" + image + good[: len(good) // 2])
    cut = gzip.compress(b"<p>" + b" ".join(b"word%d" % number for number in range(3000)) + b"</p>")
    (corpus / "cut.html.gz").write_bytes(cut[: len(cut) // 2])
    result = run_cli("load", str(corpus), "--db", str(db_path))
    assert result.returncode == 0, result.stderr
    accounted = re.search(r"accounted for: (\d+) items read = (\d+) pages \+ (\d+) rejected \+ (\d+) skipped",
                          result.stdout)
    total, pages, rejected, skipped = map(int, accounted.groups())
    # pages: 2 html, stray-nul.txt, jsonl lines 1 and 3, the WARC's first record
    # rejects: empty.html, notes.pdf, pipe.html, jsonl line 2, WARC junk, WARC cut member, cut.html.gz
    # skipped: .DS_Store (hidden), the WARC's image response
    assert (total, pages, rejected, skipped) == (15, 6, 7, 2)
    assert query(db_path, "select count(*) from raw.pages") == [(6,)]
    assert query(db_path, "select count(*) from raw.rejects") == [(7,)]
    assert query(db_path, "select pages_seen, inputs_rejected, records_skipped, status from raw.loads") == [
        (6, 7, 2, "completed_with_rejects")]
    assert query(db_path, "select kind from raw.notes") == [("nul_removed",)]
    stored = {uri for (uri,) in query(db_path, "select source_uri from raw.pages union all "
                                               "select source_uri from raw.rejects")}
    for path in corpus.iterdir():
        if not path.name.startswith("."):
            assert any(uri.startswith(str(path)) for uri in stored), path
