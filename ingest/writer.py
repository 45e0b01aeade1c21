"""The only code that opens DuckDB for loading: creates the raw schema and writes pages in Arrow batches.

Tables (the public contract, see docs/architecture.md):

- raw.pages(page_id varchar primary key, url, site, source_uri, fetched_at timestamp, content_format,
  body, content_sha256, byte_length bigint, load_id, loaded_at timestamp)
- raw.loads(load_id, started_at, finished_at, inputs varchar[], pages_seen, pages_inserted,
  pages_skipped_duplicate, inputs_rejected, status, records_skipped) with status one of
  'running', 'completed', 'completed_with_rejects', 'aborted', 'failed'
- raw.rejects(load_id, source_uri, reason, detail, rejected_at timestamp)
- raw.notes(load_id, source_uri, kind, detail, noted_at timestamp)

Timestamps are naive UTC. pages_seen = pages_inserted + pages_skipped_duplicate; rejected pages are
counted in inputs_rejected only, records skipped by rule (non-HTML WARC records, hidden files) in
records_skipped. Rejects and notes are idempotent like pages: one row per (source_uri, reason) or
(source_uri, kind), carrying the load that first met it; inputs_rejected counts what this run met.

Each batch (pages, rejects, notes and the run's counters) commits in one transaction, so a killed load keeps
whole batches and its raw.loads row stays 'running' until the next load marks it 'aborted'; re-running the same
inputs then inserts only what is missing. A load asked to stop (`stop`, set by Ctrl-C in the CLI) rolls back
its open batch and ends 'aborted' with counters that match its rows; a full disk ends it with one sentence
saying so (WarehouseFull).

A batch is `batch_pages` pages and rejects (default: one DuckDB row group, which DuckDB then writes
straight to the file instead of through its write-ahead log). It reaches DuckDB in chunks of at most
`chunk_bytes` of page bodies, each inserted into the batch's open transaction.

Concurrency: two threads, one DuckDB connection. A background "preparer" thread pulls items from the
readers (file I/O, gzip, WARC parsing, decoding), encodes and hashes each page, drops duplicates within
a chunk and builds the chunk's Arrow table. The calling thread is the only one that touches DuckDB: it
takes finished chunks from a queue, inserts them and commits each batch. DuckDB (like zlib and hashlib)
releases the GIL while it works, so on two cores the insert of chunk N overlaps the reading of chunk N+1.
The queue holds at most one finished chunk, so memory stays bounded at about three chunks (one being
built, one queued, one being inserted) plus DuckDB's own memory, which `memory_limit` caps. Counters that
describe storage (inserted, skipped, rejects) move only after a commit, in the writing thread; a failure
in the preparer is re-raised in the writing thread after the batches finished before it are committed.
"""

from __future__ import annotations

import errno
import os
import queue
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ingest.pagerows import (
    PAGE_COLUMNS,
    add_page_columns,
    notes_table,
    pages_table,
    prepare_page,
    rejects_table,
    storable,
)
from ingest.record import Note, RawPage, Reject, Skipped

# Row groups of 2,048 rows (the smallest DuckDB allows; DuckDB's default is 122,880 rows, about 12 GB of
# 100 KB pages) for two reasons. A transaction that fills whole row groups is written straight to the file,
# compressed, instead of through the write-ahead log and a later checkpoint. And every checkpoint rewrites
# the table's last, partly filled row group, which must stay small for the cost not to grow with the table.
_ROW_GROUP_ROWS = 2_048
DEFAULT_BATCH_PAGES = _ROW_GROUP_ROWS
# A batch reaches DuckDB in chunks of at most this many body bytes, so the preparer's memory does not grow
# with the batch; at 16 MB the per-insert overhead is already negligible.
DEFAULT_CHUNK_BYTES = 16 * 1024 * 1024
DEFAULT_MAX_PAGE_BYTES = 10 * 1024 * 1024
DEFAULT_LOCK_TIMEOUT_SECONDS = 30.0
DEFAULT_MEMORY_LIMIT_MB = 1024
_LOCK_RETRY_SECONDS = 0.25
_PROGRESS_EVERY_SECONDS = 0.1
_QUEUED_CHUNKS = 1
_CATALOG = "warehouse"
# Smaller batches (and the last one) go through the write-ahead log. Checkpoint it rarely, as each checkpoint
# rewrites the last row group, but not beyond what memory holds: data not yet checkpointed stays in memory.
_MAX_CHECKPOINT_MB = 256

SCHEMA_SQL = """
create schema if not exists raw;
create table if not exists raw.pages (
    page_id varchar primary key,
    url varchar,
    site varchar,
    source_uri varchar not null,
    fetched_at timestamp,
    content_format varchar not null,
    body varchar not null,
    content_sha256 varchar not null,
    byte_length bigint not null,
    load_id varchar not null,
    loaded_at timestamp not null
);
create table if not exists raw.loads (
    load_id varchar not null,
    started_at timestamp not null,
    finished_at timestamp,
    inputs varchar[] not null,
    pages_seen bigint not null,
    pages_inserted bigint not null,
    pages_skipped_duplicate bigint not null,
    inputs_rejected bigint not null,
    status varchar not null
);
create table if not exists raw.rejects (
    load_id varchar not null,
    source_uri varchar not null,
    reason varchar not null,
    detail varchar,
    rejected_at timestamp not null
);
create table if not exists raw.notes (
    load_id varchar not null,
    source_uri varchar not null,
    kind varchar not null,
    detail varchar,
    noted_at timestamp not null
);
alter table raw.loads add column if not exists records_skipped bigint default 0;
"""

# Not `insert or ignore`: DuckDB runs that as a MERGE that copies every body several times. A chunk has no
# duplicate ids; the subquery also sees what earlier chunks of the open transaction inserted, and
# list_contains() lets its scan of stored ids skip all but the chunk's own.
_INSERT_PAGES_SQL = """
insert into raw.pages (
    page_id, url, site, source_uri, fetched_at, content_format, body, content_sha256, byte_length,
    load_id, loaded_at
)
select
    page_id, url, site, source_uri, fetched_at, content_format, body, content_sha256, byte_length,
    $load_id, $loaded_at
from page_batch
where page_id not in (select page_id from raw.pages where list_contains($page_ids, page_id))
"""

# A re-run (or the run after a kill) meets the same rejects again; like pages, they are stored once.
_INSERT_REJECTS_SQL = """
insert into raw.rejects (load_id, source_uri, reason, detail, rejected_at)
select $load_id, source_uri, reason, detail, $rejected_at from reject_batch as batch
where not exists (
    select 1 from raw.rejects as stored where stored.source_uri = batch.source_uri and stored.reason = batch.reason
)
"""

_INSERT_NOTES_SQL = """
insert into raw.notes (load_id, source_uri, kind, detail, noted_at)
select $load_id, source_uri, kind, detail, $noted_at from note_batch as batch
where not exists (
    select 1 from raw.notes as stored where stored.source_uri = batch.source_uri and stored.kind = batch.kind
)
"""

_UPDATE_LOAD_SQL = """
update raw.loads set
    pages_seen = $pages_seen,
    pages_inserted = $pages_inserted,
    pages_skipped_duplicate = $pages_skipped_duplicate,
    inputs_rejected = $inputs_rejected,
    records_skipped = $records_skipped,
    status = $status,
    finished_at = $finished_at
where load_id = $load_id
"""


class WarehouseError(Exception):
    """The load could not run at all; the message says why in words a person can act on."""


class WarehouseBusy(WarehouseError):
    pass


class WarehouseFull(WarehouseError):
    """The device holding the warehouse ran out of space; whole batches committed before it stay."""


@dataclass
class LoadStats:
    load_id: str
    status: str = "running"
    pages_seen: int = 0
    pages_inserted: int = 0
    pages_skipped_duplicate: int = 0
    page_bytes: int = 0
    rejects: Counter = field(default_factory=Counter)
    skipped: Counter = field(default_factory=Counter)
    notes: Counter = field(default_factory=Counter)
    started_monotonic: float = field(default_factory=time.monotonic)
    elapsed_seconds: float = 0.0

    @property
    def rejected(self) -> int:
        return sum(self.rejects.values())


def connect(
    db_path: Path | str,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT_SECONDS,
    memory_limit_mb: int | None = DEFAULT_MEMORY_LIMIT_MB,
):
    """Open the warehouse for writing, waiting up to lock_timeout seconds for another writer to finish.

    DuckDB's own default memory limit is 80% of RAM, which lets a long load grow with the corpus;
    `memory_limit_mb` caps it (None keeps DuckDB's default).
    """
    import duckdb

    db_path = Path(db_path)
    if not db_path.parent.is_dir():
        raise WarehouseError(f"cannot create warehouse {db_path}: directory {db_path.parent} does not exist")
    deadline = time.monotonic() + lock_timeout
    while True:
        try:
            return _attach(duckdb, db_path, memory_limit_mb)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise WarehouseError(f"cannot open warehouse {db_path}: {error}") from error
            if time.monotonic() >= deadline:
                raise WarehouseBusy(_busy_message(db_path, lock_timeout, str(error))) from error
            time.sleep(_LOCK_RETRY_SECONDS)
        except duckdb.Error as error:
            raise WarehouseError(f"cannot open warehouse {db_path}: {error}") from error


def _busy_message(db_path: Path, lock_timeout: float, duckdb_message: str) -> str:
    """Name the process that holds the file: DuckDB's lock error gives its PID, /proc its command."""
    from ingest.staging import lock_holder

    return (
        f"warehouse {db_path} is open in another process ({lock_holder(duckdb_message)}), which keeps the loader "
        f"out (waited {lock_timeout:g} s). A direct load needs the file to itself; `python -m ingest build` "
        "(`make build`, `make load`) works on a copy and is not blocked by readers. Or try again later, "
        "or raise --lock-timeout"
    )


def _attach(duckdb, db_path: Path, memory_limit_mb: int | None):
    """A connection whose default database is the warehouse file, attached with the loader's storage settings.

    The row group size can only be given when attaching a file, hence an in-memory connection plus ATTACH.
    """
    connection = duckdb.connect(config=_loader_config(db_path, memory_limit_mb))
    try:
        quoted_path = str(db_path).replace("'", "''")
        connection.execute(f"attach '{quoted_path}' as {_CATALOG} (row_group_size {_ROW_GROUP_ROWS})")
        connection.execute(f"use {_CATALOG}")
    except BaseException:
        connection.close()
        raise
    return connection


def _loader_config(db_path: Path, memory_limit_mb: int | None) -> dict[str, str | int]:
    config: dict[str, str | int] = {
        # Spill files go beside the warehouse, as when DuckDB opens the file itself, not into the working directory.
        "temp_directory": f"{db_path}.tmp",
        # The preparer thread reads and hashes on a core of its own; more DuckDB threads would compete with it.
        "threads": max(1, _usable_cores() - 1),
        "checkpoint_threshold": f"{_MAX_CHECKPOINT_MB}MB",
    }
    if memory_limit_mb is not None:
        config["memory_limit"] = f"{memory_limit_mb}MB"
        config["checkpoint_threshold"] = f"{max(1, min(_MAX_CHECKPOINT_MB, memory_limit_mb // 4))}MB"
    return config


def _usable_cores() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def load(
    items: Iterable[RawPage | Reject | Skipped | Note],
    db_path: Path | str,
    *,
    inputs: Sequence[str],
    batch_pages: int = DEFAULT_BATCH_PAGES,
    chunk_bytes: int = DEFAULT_CHUNK_BYTES,
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT_SECONDS,
    memory_limit_mb: int | None = DEFAULT_MEMORY_LIMIT_MB,
    on_progress: Callable[[LoadStats], None] | None = None,
    stop: threading.Event | None = None,
) -> LoadStats:
    """Write every page of `items` into raw.pages once, recording the run in raw.loads and raw.rejects.

    When `stop` is set the load ends at the next chunk with status 'aborted' (returned, not raised).
    """
    connection = connect(db_path, lock_timeout, memory_limit_mb)
    stats = LoadStats(load_id=_new_load_id())
    try:
        _load_into(connection, items, stats, inputs, batch_pages, chunk_bytes, max_page_bytes, on_progress, stop)
        connection.close()  # checkpoints, so a full disk can still show here
    except BaseException as error:
        _close_after_failure(connection)
        if _out_of_space(error):
            raise WarehouseFull(
                f"no space left on the device that holds {db_path}: the load stopped after committing "
                f"{stats.pages_inserted} pages in whole batches (load {stats.load_id}); free some space and run "
                "the same command again to load the rest"
            ) from error
        raise
    return stats


def _load_into(connection, items, stats, inputs, batch_pages, chunk_bytes, max_page_bytes, on_progress, stop):
    connection.execute(SCHEMA_SQL)
    connection.execute("update raw.loads set status = 'aborted' where status = 'running'")
    connection.execute(
        "insert into raw.loads (load_id, started_at, finished_at, inputs, pages_seen, pages_inserted, "
        "pages_skipped_duplicate, inputs_rejected, status, records_skipped) "
        "values (?, ?, null, ?, 0, 0, 0, 0, 'running', 0)",
        [stats.load_id, _utc_now(), list(inputs)],
    )
    progress = (lambda: on_progress(stats)) if on_progress is not None else (lambda: None)
    stop = stop if stop is not None else threading.Event()
    writer = _BatchWriter(connection, stats)
    preparer = _Preparer(items, _ChunkBuilder(stats, batch_pages, chunk_bytes, max_page_bytes))
    preparer.start()
    try:
        for chunk in preparer.chunks(on_idle=progress, stop=stop):
            writer.write(chunk)
            progress()
        if stop.is_set():
            preparer.stop()
            writer.rollback()
            _finish(connection, stats, "aborted")
            return
        writer.commit()  # the last batch, when its last chunk ended on the byte limit
    except BaseException as interruption:
        preparer.stop()
        writer.rollback()
        # Ctrl-C is an abort by the user; anything else is a failure of this run.
        status = "aborted" if isinstance(interruption, KeyboardInterrupt) else "failed"
        if not _out_of_space(interruption):
            _finish(connection, stats, status)
        raise
    _finish(connection, stats, "completed_with_rejects" if stats.rejected else "completed")
    progress()


def store_prepared(
    db_path: Path | str,
    *,
    load_id: str,
    loaded_at: datetime,
    inputs: Sequence[str],
    pages_parquet: str | None,
    pages_seen: int,
    rejects: Sequence[Reject],
    notes: Sequence[Note],
    records_skipped: Counter,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT_SECONDS,
    memory_limit_mb: int | None = DEFAULT_MEMORY_LIMIT_MB,
) -> LoadStats:
    """Record a load whose pages were read and prepared elsewhere (an ENGINE=spark load, ingest.spark.load).

    `pages_parquet` (a glob of Parquet files, or None when the load found no page) holds the load's pages, already
    de-duplicated by page_id, in raw.pages' columns including load_id and loaded_at; `pages_seen` counts the pages
    read before that de-duplication. Rejects and notes are one per key, in input order. They are stored as `load`
    stores its batches (a page id or reject already in the warehouse is not stored again), in one transaction.
    """
    connection = connect(db_path, lock_timeout, memory_limit_mb)
    stats = LoadStats(load_id=load_id, pages_seen=pages_seen)
    try:
        connection.execute(SCHEMA_SQL)
        connection.execute("update raw.loads set status = 'aborted' where status = 'running'")
        connection.begin()
        connection.execute(
            "insert into raw.loads (load_id, started_at, finished_at, inputs, pages_seen, pages_inserted, "
            "pages_skipped_duplicate, inputs_rejected, status, records_skipped) "
            "values (?, ?, null, ?, 0, 0, 0, 0, 'running', 0)",
            [load_id, loaded_at, list(inputs)],
        )
        if pages_parquet is not None:
            files = pages_parquet.replace("'", "''")
            stats.pages_inserted = connection.execute(
                f"insert into raw.pages select {', '.join(_STORED_PAGE_COLUMNS)} from read_parquet('{files}') as batch "
                "where not exists (select 1 from raw.pages as stored where stored.page_id = batch.page_id)"
            ).fetchone()[0]
        stats.pages_skipped_duplicate = pages_seen - stats.pages_inserted
        if rejects:
            connection.register("reject_batch", rejects_table(list(rejects)))
            connection.execute(_INSERT_REJECTS_SQL, {"load_id": load_id, "rejected_at": loaded_at})
            connection.unregister("reject_batch")
        if notes:
            connection.register("note_batch", notes_table(list(notes)))
            connection.execute(_INSERT_NOTES_SQL, {"load_id": load_id, "noted_at": loaded_at})
            connection.unregister("note_batch")
        stats.rejects.update(reject.reason for reject in rejects)
        stats.notes.update(note.kind for note in notes)
        stats.skipped.update(records_skipped)
        _finish(connection, stats, "completed_with_rejects" if stats.rejected else "completed")
        connection.commit()
        connection.close()
    except BaseException as error:
        _close_after_failure(connection)
        if _out_of_space(error):
            raise WarehouseFull(f"no space left on the device that holds {db_path}: load {load_id} was not stored; "
                                "free some space and run it again") from error
        raise
    return stats


_STORED_PAGE_COLUMNS = (*PAGE_COLUMNS, "byte_length", "load_id", "loaded_at")


def _out_of_space(error: BaseException) -> bool:
    """ENOSPC, as DuckDB or the OS reports it (DuckDB wraps it in its own error text)."""
    if isinstance(error, OSError) and error.errno == errno.ENOSPC:
        return True
    return "no space left on device" in str(error).lower()


def _close_after_failure(connection) -> None:
    """Close without letting a second error (a checkpoint on a full disk) hide the first."""
    try:
        connection.close()
    except Exception:  # the first error is the one being reported
        pass


@dataclass
class _Chunk:
    """Part of a batch, prepared off the writing thread: at most `chunk_bytes` of page bodies."""

    pages: object | None  # pyarrow.Table of _PAGE_COLUMNS, None when the chunk has no pages
    page_count: int  # distinct page ids in `pages`
    duplicates: int  # pages dropped because the same id came earlier in this chunk
    rejects: list[Reject]
    notes: list[Note]
    skipped: Counter  # records skipped by rule, by reason
    ends_batch: bool  # the batch is full: commit after this chunk


class _Preparer(threading.Thread):
    """Runs the readers and the _ChunkBuilder in a background thread; hands finished chunks over a queue."""

    _END = object()

    def __init__(self, items: Iterable, builder: _ChunkBuilder) -> None:
        super().__init__(name="ingest-prepare", daemon=True)
        self._items = items
        self._builder = builder
        self._queue: queue.Queue = queue.Queue(maxsize=_QUEUED_CHUNKS)
        self._stopping = threading.Event()

    def run(self) -> None:
        try:
            for item in self._items:
                chunk = self._builder.add(item)
                if chunk is not None and not self._put(chunk):
                    return
            chunk = self._builder.take()
            if chunk is not None and not self._put(chunk):
                return
            self._put(self._END)
        except BaseException as error:  # handed to the writing thread, which re-raises it
            self._put(error)

    def _put(self, message) -> bool:
        """Wait for room in the queue; False when the writing thread has given up."""
        while not self._stopping.is_set():
            try:
                self._queue.put(message, timeout=_PROGRESS_EVERY_SECONDS)
                return True
            except queue.Full:
                continue
        return False

    def chunks(self, on_idle: Callable[[], None], stop: threading.Event) -> Iterator[_Chunk]:
        """Finished chunks in input order until `stop` is set; calls on_idle while waiting, re-raises a failure
        of the readers."""
        while not stop.is_set():
            try:
                message = self._queue.get(timeout=_PROGRESS_EVERY_SECONDS)
            except queue.Empty:
                on_idle()
                continue
            if message is self._END:
                return
            if isinstance(message, BaseException):
                raise message
            yield message

    def stop(self) -> None:
        self._stopping.set()


class _ChunkBuilder:
    """Encodes, hashes and de-duplicates pages column-wise into chunks (runs in the preparer thread).

    A chunk ends at `chunk_bytes` of bodies or with its batch, once the batch holds `batch_pages` pages and
    rejects. It updates only the read-side counters (pages_seen, page_bytes); the writing thread owns the rest.
    """

    def __init__(self, stats: LoadStats, batch_pages: int, chunk_bytes: int, max_page_bytes: int):
        self._stats = stats
        self._batch_pages = batch_pages
        self._chunk_bytes = chunk_bytes
        self._max_page_bytes = max_page_bytes
        self._items_in_earlier_chunks = 0  # of the current batch
        self._reject_keys_met: set[tuple[str, str]] = set()  # in the whole run: one input is rejected once
        self._reset()

    def _reset(self) -> None:
        self._pages: dict[str, list] = {name: [] for name in PAGE_COLUMNS}
        self._ids_in_chunk: set[str] = set()
        self._duplicates = 0
        self._bytes = 0
        self._rejects: dict[tuple[str, str], Reject] = {}
        self._notes: dict[tuple[str, str], Note] = {}
        self._skipped: Counter = Counter()

    def add(self, item: RawPage | Reject | Skipped | Note) -> _Chunk | None:
        """Take one item; returns the finished chunk when this item filled it."""
        if isinstance(item, RawPage):
            self._add_page(item)
        elif isinstance(item, Reject):
            self._add_reject(item)
        elif isinstance(item, Note):
            self._notes.setdefault((item.source_uri, item.kind), item)
        else:
            self._skipped[item.reason] += 1
        if self._items_in_earlier_chunks + self._items() >= self._batch_pages:
            return self._take(ends_batch=True)
        if self._bytes >= self._chunk_bytes:
            return self._take(ends_batch=False)
        return None

    def take(self) -> _Chunk | None:
        """The chunk built so far, which ends the batch (None when it is empty)."""
        return self._take(ends_batch=True) if self._items() else None

    def _items(self) -> int:
        return len(self._ids_in_chunk) + len(self._rejects) + len(self._notes)

    def _add_reject(self, reject: Reject) -> None:
        key = (storable(reject.source_uri), reject.reason)
        if key not in self._reject_keys_met:
            self._reject_keys_met.add(key)
            self._rejects[key] = reject

    def _add_page(self, page: RawPage) -> None:
        prepared = prepare_page(page, self._max_page_bytes)
        if isinstance(prepared, Reject):
            self._add_reject(prepared)
            return
        self._stats.pages_seen += 1
        self._stats.page_bytes += len(prepared.body)
        if prepared.page_id in self._ids_in_chunk:
            self._duplicates += 1
            return
        self._ids_in_chunk.add(prepared.page_id)
        add_page_columns(self._pages, prepared)
        self._bytes += len(prepared.body)

    def _take(self, ends_batch: bool) -> _Chunk:
        chunk = _Chunk(
            pages=pages_table(self._pages) if self._ids_in_chunk else None,
            page_count=len(self._ids_in_chunk),
            duplicates=self._duplicates,
            rejects=list(self._rejects.values()),
            notes=list(self._notes.values()),
            skipped=self._skipped,
            ends_batch=ends_batch,
        )
        self._items_in_earlier_chunks = 0 if ends_batch else self._items_in_earlier_chunks + self._items()
        self._reset()
        return chunk


@dataclass
class _OpenBatch:
    """What the open transaction has written so far."""

    loaded_at: datetime
    inserted: int = 0
    skipped: int = 0
    rejects: list[Reject] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    records_skipped: Counter = field(default_factory=Counter)


class _BatchWriter:
    """Inserts chunks into the batch's transaction and commits it with the run's counters (writing thread only).

    Counters that describe storage move only after a commit, so they always describe what is really stored.
    """

    def __init__(self, connection, stats: LoadStats) -> None:
        self._connection = connection
        self._stats = stats
        self._batch: _OpenBatch | None = None

    def write(self, chunk: _Chunk) -> None:
        if self._batch is None:
            self._connection.begin()
            self._batch = _OpenBatch(loaded_at=_utc_now())
        try:
            self._insert(chunk, self._batch)
        except BaseException:
            self.rollback()
            raise
        if chunk.ends_batch:
            self.commit()

    def commit(self) -> None:
        """Commit the open batch, if any, with the run's counters."""
        batch, stats = self._batch, self._stats
        if batch is None:
            return
        try:
            self._connection.execute(
                _UPDATE_LOAD_SQL,
                _load_row(
                    stats,
                    pages_inserted=stats.pages_inserted + batch.inserted,
                    pages_skipped_duplicate=stats.pages_skipped_duplicate + batch.skipped,
                    inputs_rejected=stats.rejected + len(batch.rejects),
                    records_skipped=sum(stats.skipped.values()) + sum(batch.records_skipped.values()),
                    status="running",
                    finished_at=None,
                ),
            )
            self._connection.commit()
        except BaseException as error:
            # Ctrl-C can land after DuckDB committed; then there is no transaction left to roll back.
            if not self.rollback() and isinstance(error, KeyboardInterrupt):
                self._count(batch)
            raise
        self._batch = None
        self._count(batch)

    def _count(self, batch: _OpenBatch) -> None:
        stats = self._stats
        stats.pages_inserted += batch.inserted
        stats.pages_skipped_duplicate += batch.skipped
        stats.rejects.update(reject.reason for reject in batch.rejects)
        stats.notes.update(note.kind for note in batch.notes)
        stats.skipped.update(batch.records_skipped)

    def rollback(self) -> bool:
        """Roll back the open batch; False when DuckDB had no transaction open (it committed or gave up)."""
        import duckdb

        if self._batch is None:
            return True
        self._batch = None
        try:
            self._connection.rollback()
        except duckdb.TransactionException:
            return False
        return True

    def _insert(self, chunk: _Chunk, batch: _OpenBatch) -> None:
        connection, load_id = self._connection, self._stats.load_id
        if chunk.pages is not None:
            connection.register("page_batch", chunk.pages)
            page_ids = chunk.pages["page_id"].to_pylist()
            parameters = {"load_id": load_id, "loaded_at": batch.loaded_at, "page_ids": page_ids}
            inserted = connection.execute(_INSERT_PAGES_SQL, parameters).fetchone()[0]
            connection.unregister("page_batch")
            batch.inserted += inserted
            batch.skipped += chunk.page_count - inserted
        batch.skipped += chunk.duplicates
        if chunk.rejects:
            connection.register("reject_batch", rejects_table(chunk.rejects))
            connection.execute(_INSERT_REJECTS_SQL, {"load_id": load_id, "rejected_at": batch.loaded_at})
            connection.unregister("reject_batch")
            batch.rejects.extend(chunk.rejects)
        if chunk.notes:
            connection.register("note_batch", notes_table(chunk.notes))
            connection.execute(_INSERT_NOTES_SQL, {"load_id": load_id, "noted_at": batch.loaded_at})
            connection.unregister("note_batch")
            batch.notes.extend(chunk.notes)
        batch.records_skipped.update(chunk.skipped)


def _finish(connection, stats: LoadStats, status: str) -> None:
    stats.status = status
    stats.elapsed_seconds = time.monotonic() - stats.started_monotonic
    connection.execute(
        _UPDATE_LOAD_SQL,
        _load_row(
            stats,
            pages_inserted=stats.pages_inserted,
            pages_skipped_duplicate=stats.pages_skipped_duplicate,
            inputs_rejected=stats.rejected,
            records_skipped=sum(stats.skipped.values()),
            status=status,
            finished_at=_utc_now(),
        ),
    )


def _load_row(stats: LoadStats, **values) -> dict:
    # pages_seen counts only what is committed, so a killed run's row stays self-consistent.
    committed_seen = values["pages_inserted"] + values["pages_skipped_duplicate"]
    return {"load_id": stats.load_id, "pages_seen": committed_seen, **values}


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _new_load_id() -> str:
    """Sortable by start time, unique across concurrent machines."""
    return f"{_utc_now():%Y%m%dT%H%M%S%fZ}-{secrets.token_hex(4)}"
