"""Writer: schema, dedup, idempotent reloads, run bookkeeping, size limit, lock handling."""

from __future__ import annotations

import os

import duckdb
import pytest
from ingest_inputs import query

from ingest.record import RawPage, Reject, Skipped, content_sha256, page_id_of
from ingest.writer import WarehouseBusy, WarehouseError, connect, load


def pages(count: int, url_prefix: str = "https://site.example/") -> list[RawPage]:
    return [RawPage(f"src#{n}", f"<p>body {n}</p>", "html", f"{url_prefix}{n}") for n in range(count)]


def test_pages_are_written_with_ids_hashes_and_sites(db_path):
    page = RawPage("file.html", "<p>Grüße</p>", "html", "https://www.News.example/a")
    stats = load([page], db_path, inputs=["file.html"])
    assert (stats.pages_seen, stats.pages_inserted, stats.status) == (1, 1, "completed")
    [row] = query(db_path, "select page_id, site, content_sha256, byte_length, load_id, loaded_at is not null from raw.pages")
    sha = content_sha256("<p>Grüße</p>")
    assert row == (page_id_of("https://www.News.example/a", sha), "news.example", sha, 14, stats.load_id, True)


def test_reloading_the_same_pages_inserts_nothing(db_path):
    first = load(pages(30), db_path, inputs=["x"], batch_pages=7)
    second = load(pages(30), db_path, inputs=["x"], batch_pages=7)
    assert (first.pages_inserted, second.pages_inserted, second.pages_skipped_duplicate) == (30, 0, 30)
    assert query(db_path, "select count(*) from raw.pages") == [(30,)]


def test_same_content_at_another_url_is_another_page_and_duplicates_in_a_batch_count_once(db_path):
    body = "<p>same</p>"
    items = [RawPage("a", body, "html", "https://a.example/"), RawPage("b", body, "html", "https://b.example/"),
             RawPage("a2", body, "html", "https://a.example/")]
    stats = load(items, db_path, inputs=["x"])
    assert (stats.pages_inserted, stats.pages_skipped_duplicate) == (2, 1)
    changed = load([RawPage("a", "<p>edited</p>", "html", "https://a.example/")], db_path, inputs=["x"])
    assert changed.pages_inserted == 1
    assert query(db_path, "select count(distinct url), count(*) from raw.pages") == [(2, 3)]


def test_loads_row_records_the_run_and_rejects_are_stored(db_path):
    items = [*pages(3), Reject("bad.bin", "binary_content", "not text"), Skipped("w#offset=9", "non_html")]
    stats = load(items, db_path, inputs=["dir/", "more.warc"])
    assert stats.status == "completed_with_rejects" and stats.skipped == {"non_html": 1}
    [run] = query(db_path, "select load_id, inputs, pages_seen, pages_inserted, pages_skipped_duplicate, "
                           "inputs_rejected, status, finished_at >= started_at from raw.loads")
    assert run == (stats.load_id, ["dir/", "more.warc"], 3, 3, 0, 1, "completed_with_rejects", True)
    assert query(db_path, "select load_id, source_uri, reason from raw.rejects") == [
        (stats.load_id, "bad.bin", "binary_content")
    ]


def test_page_over_the_size_limit_is_rejected(db_path):
    stats = load([RawPage("big", "x" * 2000, "text"), *pages(1)], db_path, inputs=["x"], max_page_bytes=1000)
    assert stats.pages_inserted == 1 and stats.rejects == {"page_too_large": 1}


def test_lone_surrogates_are_stored_as_replacement_characters(db_path):
    load([RawPage("j#line=1", "emoji cut \ud83d here", "text")], db_path, inputs=["x"])
    assert query(db_path, "select body from raw.pages") == [("emoji cut \ufffd here",)]


def test_lone_surrogates_in_url_and_file_name_do_not_stop_the_load(db_path):
    stats = load([RawPage("dump-\udcff.jsonl#line=1", "body", "text", url="https://example.org/a\ud83d"),
                  RawPage("ok.txt", "other body", "text")], db_path, inputs=["x"])
    assert stats.pages_inserted == 2
    assert query(db_path, "select source_uri, url from raw.pages where body = 'body'") == [
        ("dump-\ufffd.jsonl#line=1", "https://example.org/a\ufffd")]


def test_a_stale_running_load_is_marked_aborted_by_the_next_run(db_path):
    load(pages(1), db_path, inputs=["x"])
    with duckdb.connect(str(db_path)) as connection:
        connection.execute("update raw.loads set status = 'running', finished_at = null")
    load(pages(1), db_path, inputs=["x"])
    assert query(db_path, "select status from raw.loads order by started_at") == [("aborted",), ("completed",)]


def test_a_failing_input_marks_the_run_failed_and_keeps_committed_batches(db_path):
    def exploding():
        yield from pages(10)
        raise RuntimeError("disk gone")

    with pytest.raises(RuntimeError):
        load(exploding(), db_path, inputs=["x"], batch_pages=4)
    assert query(db_path, "select status, pages_inserted from raw.loads") == [("failed", 8)]
    assert query(db_path, "select count(*) from raw.pages") == [(8,)]


def test_busy_warehouse_times_out_with_a_clear_message(db_path):
    holder = duckdb.connect(str(db_path))
    try:
        # DuckDB's lock is per process; a second process must be the one waiting.
        import subprocess
        import sys

        script = (
            "from ingest.writer import connect, WarehouseBusy\n"
            f"try:\n    connect({str(db_path)!r}, lock_timeout=0.5)\n"
            "except WarehouseBusy as error:\n    print(error)\n"
        )
        result = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    finally:
        holder.close()
    assert f"warehouse {db_path} is open in another process (pid {os.getpid()}: " in result.stdout
    assert "pytest" in result.stdout, "the holder's command line is named"


def test_missing_directory_and_non_duckdb_file_are_clear_errors(tmp_path):
    with pytest.raises(WarehouseError, match="does not exist"):
        connect(tmp_path / "no" / "such" / "w.duckdb")
    not_a_db = tmp_path / "text.duckdb"
    not_a_db.write_text("hello, I am not a database" * 100)
    with pytest.raises(WarehouseError) as error:
        connect(not_a_db)
    assert not isinstance(error.value, WarehouseBusy) and str(not_a_db) in str(error.value)


def test_memory_limit_is_set_on_the_loading_connection(db_path):
    connection = connect(db_path, memory_limit_mb=256)
    try:
        [(limit,)] = connection.sql("select current_setting('memory_limit')").fetchall()
    finally:
        connection.close()
    assert limit in ("256.0 MiB", "244.1 MiB")  # DuckDB shows MB as MiB


def test_utf8_bytes_from_a_reader_are_stored_as_the_body_they_encode(db_path):
    body = "<p>Grüße</p>"
    load([RawPage("f.html", body, "html", "https://a.example/", utf8=body.encode("utf-8"))], db_path, inputs=["x"])
    assert query(db_path, "select body, content_sha256, byte_length from raw.pages") == [
        (body, content_sha256(body), len(body.encode("utf-8")))
    ]


def test_a_page_repeated_in_a_later_batch_of_the_same_load_is_skipped(db_path):
    items = [*pages(3), *pages(2)]
    stats = load(items, db_path, inputs=["x"], batch_pages=3)
    assert (stats.pages_seen, stats.pages_inserted, stats.pages_skipped_duplicate) == (5, 3, 2)
    assert query(db_path, "select count(*) from raw.pages") == [(3,)]


def test_a_batch_sent_in_many_chunks_commits_once_and_skips_repeats_across_its_chunks(db_path):
    items = [*pages(3), Reject("bad.bin", "binary_content", "not text"), *pages(2)]
    stats = load(items, db_path, inputs=["x"], batch_pages=100, chunk_bytes=1)
    assert (stats.pages_inserted, stats.pages_skipped_duplicate, stats.rejected) == (3, 2, 1)
    assert query(db_path, "select count(distinct loaded_at), count(*) from raw.pages") == [(1, 3)]
    assert query(db_path, "select pages_seen, pages_inserted, inputs_rejected, status from raw.loads") == [
        (5, 3, 1, "completed_with_rejects")
    ]


def test_pages_are_stored_in_small_row_groups(db_path):
    # A checkpoint rewrites the last, partly filled row group; small groups keep that cheap as the table grows.
    load(pages(5000), db_path, inputs=["x"])
    [(row_groups,)] = query(db_path, "select count(distinct row_group_id) from pragma_storage_info('raw.pages')")
    assert row_groups == 3


def test_rejects_and_notes_are_stored_once_across_re_runs(db_path):
    from ingest.record import Note

    items = [
        *pages(3),
        Reject("bad.jsonl#line=2", "invalid_json", "not valid JSON"),
        Reject("bad.jsonl#line=2", "invalid_json", "not valid JSON"),  # met twice in one run
        Reject("bad.jsonl#line=2", "missing_content", "another reason for the same record"),
        Reject("empty.html", "empty_file", "no content"),
        Note("odd.html", "nul_removed", "1 NUL byte removed"),
    ]
    first = load(items, db_path, inputs=["x"], batch_pages=2)
    second = load(items, db_path, inputs=["x"], batch_pages=2)
    assert first.rejected == second.rejected == 3 and second.status == "completed_with_rejects"
    assert query(db_path, "select load_id, source_uri, reason from raw.rejects order by all") == [
        (first.load_id, "bad.jsonl#line=2", "invalid_json"),
        (first.load_id, "bad.jsonl#line=2", "missing_content"),
        (first.load_id, "empty.html", "empty_file"),
    ]
    assert query(db_path, "select load_id, source_uri, kind from raw.notes") == [
        (first.load_id, "odd.html", "nul_removed")]


def test_records_skipped_by_rule_are_counted_in_the_run(db_path):
    stats = load([*pages(2), Skipped("crawl.warc#offset=0", "request"), Skipped(".git", "hidden")], db_path,
                 inputs=["x"])
    assert stats.skipped == {"request": 1, "hidden": 1}
    assert query(db_path, "select pages_seen, records_skipped from raw.loads") == [(2, 2)]


def test_a_stop_request_aborts_cleanly_with_counts_that_match_the_rows(db_path):
    import threading

    stop = threading.Event()

    def stopping_after(count):
        for number, page in enumerate(pages(200)):
            if number == count:
                stop.set()
            yield page

    stats = load(stopping_after(50), db_path, inputs=["x"], batch_pages=8, stop=stop)
    assert stats.status == "aborted"
    [(status, inserted, rows)] = query(
        db_path, "select status, pages_inserted, (select count(*) from raw.pages p where p.load_id = l.load_id) "
        "from raw.loads l")
    assert status == "aborted" and inserted == rows == stats.pages_inserted and 0 < rows < 200 and rows % 8 == 0


def test_ctrl_c_landing_just_after_duckdb_committed_still_counts_the_batch(db_path, monkeypatch):
    """The signal handler runs when DuckDB's commit returns: the batch is stored, so it must be counted, and the
    rollback that follows must not replace Ctrl-C with "cannot rollback - no transaction is active"."""
    from ingest import writer

    class InterruptedAfterThirdCommit:
        def __init__(self, connection):
            self._connection = connection
            self.commits = 0

        def commit(self):
            self._connection.commit()
            self.commits += 1
            if self.commits == 3:
                raise KeyboardInterrupt

        def __getattr__(self, name):
            return getattr(self._connection, name)

    real_init = writer._BatchWriter.__init__
    monkeypatch.setattr(
        writer._BatchWriter, "__init__",
        lambda self, connection, stats: real_init(self, InterruptedAfterThirdCommit(connection), stats))
    with pytest.raises(KeyboardInterrupt):
        load(pages(100), db_path, inputs=["x"], batch_pages=10)
    [(status, inserted, rows)] = query(
        db_path, "select status, pages_inserted, (select count(*) from raw.pages p where p.load_id = l.load_id) "
        "from raw.loads l")
    assert (status, inserted, rows) == ("aborted", 30, 30)
