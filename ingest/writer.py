"""The only code that opens DuckDB for loading: creates the raw schema and writes pages in Arrow batches.

Tables (the public contract, see docs/architecture.md):

- raw.pages(page_id varchar primary key, url, site, source_uri, fetched_at timestamp, content_format,
  body, content_sha256, byte_length bigint, load_id, loaded_at timestamp)
- raw.loads(load_id, started_at, finished_at, inputs varchar[], pages_seen, pages_inserted,
  pages_skipped_duplicate, inputs_rejected, status) with status one of
  'running', 'completed', 'completed_with_rejects', 'aborted', 'failed'
- raw.rejects(load_id, source_uri, reason, detail, rejected_at timestamp)

Timestamps are naive UTC. pages_seen = pages_inserted + pages_skipped_duplicate; rejected pages are
counted in inputs_rejected only. Each batch (pages, rejects and the run's counters) commits in one
transaction, so a killed load keeps whole batches and its raw.loads row stays 'running' until the next
load marks it 'aborted'; re-running the same inputs then inserts only what is missing.

Concurrency: two threads, one DuckDB connection. A background "preparer" thread pulls items from the
readers (file I/O, gzip, WARC parsing, decoding), encodes and hashes each page, drops in-batch duplicates
and builds the batch's Arrow table. The calling thread is the only one that touches DuckDB: it takes
finished batches from a queue and commits each in its own transaction. DuckDB (like zlib and hashlib)
releases the GIL while it works, so on two cores the insert of batch N overlaps the reading of batch N+1.
The queue holds at most one finished batch, so memory stays bounded at about three batches (one being
built, one queued, one being inserted) plus DuckDB's own memory, which `memory_limit` caps. Counters that
describe storage (inserted, skipped, rejects) move only after a commit, in the writing thread; a failure
in the preparer is re-raised in the writing thread after the batches finished before it are committed.
"""

from __future__ import annotations

import hashlib
import itertools
import queue
import re
import secrets
import threading
import time
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

from ingest.record import RawPage, Reject, Skipped, page_id_of, site_of

DEFAULT_BATCH_PAGES = 2_000
DEFAULT_BATCH_BYTES = 64 * 1024 * 1024
DEFAULT_MAX_PAGE_BYTES = 10 * 1024 * 1024
DEFAULT_LOCK_TIMEOUT_SECONDS = 30.0
DEFAULT_MEMORY_LIMIT_MB = 1024
_LOCK_RETRY_SECONDS = 0.25
_PROGRESS_EVERY_SECONDS = 0.1
_QUEUED_BATCHES = 1
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")

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
"""

_INSERT_PAGES_SQL = """
insert or ignore into raw.pages (
    page_id, url, site, source_uri, fetched_at, content_format, body, content_sha256, byte_length,
    load_id, loaded_at
)
select
    page_id, url, site, source_uri, fetched_at, content_format, body, content_sha256, byte_length,
    $load_id, $loaded_at
from page_batch
"""

_INSERT_REJECTS_SQL = """
insert into raw.rejects (load_id, source_uri, reason, detail, rejected_at)
select $load_id, source_uri, reason, detail, $rejected_at from reject_batch
"""

_UPDATE_LOAD_SQL = """
update raw.loads set
    pages_seen = $pages_seen,
    pages_inserted = $pages_inserted,
    pages_skipped_duplicate = $pages_skipped_duplicate,
    inputs_rejected = $inputs_rejected,
    status = $status,
    finished_at = $finished_at
where load_id = $load_id
"""


class WarehouseError(Exception):
    """The load could not run at all; the message says why in words a person can act on."""


class WarehouseBusy(WarehouseError):
    pass


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
    config = {} if memory_limit_mb is None else {"memory_limit": f"{memory_limit_mb}MB"}
    deadline = time.monotonic() + lock_timeout
    while True:
        try:
            return duckdb.connect(str(db_path), config=config)
        except duckdb.IOException as error:
            if "lock" not in str(error).lower():
                raise WarehouseError(f"cannot open warehouse {db_path}: {error}") from error
            if time.monotonic() >= deadline:
                raise WarehouseBusy(
                    f"warehouse {db_path} is being written by another process "
                    f"(waited {lock_timeout:g} s; try again later or raise --lock-timeout)"
                ) from error
            time.sleep(_LOCK_RETRY_SECONDS)
        except duckdb.Error as error:
            raise WarehouseError(f"cannot open warehouse {db_path}: {error}") from error


def load(
    items: Iterable[RawPage | Reject | Skipped],
    db_path: Path | str,
    *,
    inputs: Sequence[str],
    batch_pages: int = DEFAULT_BATCH_PAGES,
    batch_bytes: int = DEFAULT_BATCH_BYTES,
    max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES,
    lock_timeout: float = DEFAULT_LOCK_TIMEOUT_SECONDS,
    memory_limit_mb: int | None = DEFAULT_MEMORY_LIMIT_MB,
    on_progress: Callable[[LoadStats], None] | None = None,
) -> LoadStats:
    """Write every page of `items` into raw.pages once, recording the run in raw.loads and raw.rejects."""
    connection = connect(db_path, lock_timeout, memory_limit_mb)
    try:
        connection.execute(SCHEMA_SQL)
        connection.execute("update raw.loads set status = 'aborted' where status = 'running'")
        stats = LoadStats(load_id=_new_load_id())
        connection.execute(
            "insert into raw.loads values (?, ?, null, ?, 0, 0, 0, 0, 'running')",
            [stats.load_id, _utc_now(), list(inputs)],
        )
        progress = (lambda: on_progress(stats)) if on_progress is not None else (lambda: None)
        preparer = _Preparer(items, _BatchBuilder(stats, batch_pages, batch_bytes, max_page_bytes))
        preparer.start()
        try:
            for batch in preparer.batches(on_idle=progress):
                _write_batch(connection, stats, batch)
                progress()
        except BaseException as interruption:
            preparer.stop()
            # Ctrl-C is an abort by the user; anything else is a failure of this run.
            status = "aborted" if isinstance(interruption, KeyboardInterrupt) else "failed"
            _finish(connection, stats, status)
            raise
        _finish(connection, stats, "completed_with_rejects" if stats.rejected else "completed")
        progress()
        return stats
    finally:
        connection.close()


@dataclass
class _Batch:
    """One transaction's worth of work, prepared off the writing thread."""

    pages: object | None  # pyarrow.Table of _PAGE_COLUMNS, None when the batch has no pages
    page_count: int  # distinct page ids in `pages`
    duplicates_in_batch: int  # pages dropped because the same id came earlier in this batch
    rejects: list[Reject]


class _Preparer(threading.Thread):
    """Runs the readers and the _BatchBuilder in a background thread; hands finished batches over a queue."""

    _END = object()

    def __init__(self, items: Iterable, builder: _BatchBuilder) -> None:
        super().__init__(name="ingest-prepare", daemon=True)
        self._items = items
        self._builder = builder
        self._queue: queue.Queue = queue.Queue(maxsize=_QUEUED_BATCHES)
        self._stopping = threading.Event()

    def run(self) -> None:
        try:
            for item in self._items:
                batch = self._builder.add(item)
                if batch is not None and not self._put(batch):
                    return
            batch = self._builder.take()
            if batch is not None and not self._put(batch):
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

    def batches(self, on_idle: Callable[[], None]) -> Iterator[_Batch]:
        """Finished batches in input order; calls on_idle while waiting, re-raises a failure of the readers."""
        while True:
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


class _BatchBuilder:
    """Encodes, hashes and de-duplicates pages column-wise until a batch is full (runs in the preparer thread).

    It updates only the read-side counters (pages_seen, page_bytes, skipped); the writing thread owns the rest.
    """

    def __init__(self, stats: LoadStats, batch_pages: int, batch_bytes: int, max_page_bytes: int):
        self._stats = stats
        self._batch_pages = batch_pages
        self._batch_bytes = batch_bytes
        self._max_page_bytes = max_page_bytes
        self._reset()

    def _reset(self) -> None:
        self._pages: dict[str, list] = {name: [] for name in _PAGE_COLUMNS}
        self._ids_in_batch: set[str] = set()
        self._duplicates_in_batch = 0
        self._bytes = 0
        self._rejects: list[Reject] = []

    def add(self, item: RawPage | Reject | Skipped) -> _Batch | None:
        """Take one item; returns the finished batch when this item filled it."""
        if isinstance(item, RawPage):
            self._add_page(item)
        elif isinstance(item, Reject):
            self._rejects.append(item)
        else:
            self._stats.skipped[item.reason] += 1
        if len(self._ids_in_batch) + len(self._rejects) >= self._batch_pages or self._bytes >= self._batch_bytes:
            return self.take()
        return None

    def _add_page(self, page: RawPage) -> None:
        encoded = page.utf8 if page.utf8 is not None else _utf8(page.body)
        if len(encoded) > self._max_page_bytes:
            self._rejects.append(
                Reject(
                    page.source_uri,
                    "page_too_large",
                    f"page body is {len(encoded) / 1e6:.1f} MB, over the limit of "
                    f"{self._max_page_bytes / 1e6:g} MB (raise --max-page-mb to load it)",
                )
            )
            return
        sha256_hex = hashlib.sha256(encoded).hexdigest()
        page_id = page_id_of(page.url, sha256_hex)
        self._stats.pages_seen += 1
        self._stats.page_bytes += len(encoded)
        if page_id in self._ids_in_batch:
            self._duplicates_in_batch += 1
            return
        self._ids_in_batch.add(page_id)
        columns = self._pages
        columns["page_id"].append(page_id)
        columns["url"].append(page.url)
        columns["site"].append(site_of(page.url))
        columns["source_uri"].append(page.source_uri)
        columns["fetched_at"].append(page.fetched_at)
        columns["content_format"].append(page.content_format)
        columns["body"].append(encoded)
        columns["content_sha256"].append(sha256_hex)
        self._bytes += len(encoded)

    def take(self) -> _Batch | None:
        """The batch built so far (None when empty), and start a new one."""
        if not self._ids_in_batch and not self._rejects:
            return None
        batch = _Batch(
            pages=_pages_table(self._pages) if self._ids_in_batch else None,
            page_count=len(self._ids_in_batch),
            duplicates_in_batch=self._duplicates_in_batch,
            rejects=self._rejects,
        )
        self._reset()
        return batch


def _write_batch(connection, stats: LoadStats, batch: _Batch) -> None:
    """Commit one batch (pages, rejects and the run's counters) in one transaction."""
    now = _utc_now()
    connection.begin()
    try:
        inserted = 0
        if batch.pages is not None:
            connection.register("page_batch", batch.pages)
            inserted = connection.execute(
                _INSERT_PAGES_SQL, {"load_id": stats.load_id, "loaded_at": now}
            ).fetchone()[0]
            connection.unregister("page_batch")
        if batch.rejects:
            connection.register("reject_batch", _rejects_table(batch.rejects))
            connection.execute(_INSERT_REJECTS_SQL, {"load_id": stats.load_id, "rejected_at": now})
            connection.unregister("reject_batch")
        skipped = batch.page_count - inserted + batch.duplicates_in_batch
        connection.execute(
            _UPDATE_LOAD_SQL,
            _load_row(
                stats,
                pages_inserted=stats.pages_inserted + inserted,
                pages_skipped_duplicate=stats.pages_skipped_duplicate + skipped,
                inputs_rejected=stats.rejected + len(batch.rejects),
                status="running",
                finished_at=None,
            ),
        )
        connection.commit()
    except BaseException:
        connection.rollback()
        raise
    # Counters move only after the commit, so they always describe what is really stored.
    stats.pages_inserted += inserted
    stats.pages_skipped_duplicate += skipped
    stats.rejects.update(reject.reason for reject in batch.rejects)


_PAGE_COLUMNS = ("page_id", "url", "site", "source_uri", "fetched_at", "content_format", "body", "content_sha256")


def _pages_table(columns: dict[str, list]):
    import pyarrow as pa

    bodies = columns["body"]
    lengths = [len(body) for body in bodies]
    # Bodies are already UTF-8 bytes (needed for the hash). One join into a buffer of the exact size is
    # much cheaper than pa.array(), whose growing builder copies (and page-faults) the data several times.
    offsets = pa.array([0, *itertools.accumulate(lengths)], pa.int64())
    body = pa.LargeStringArray.from_buffers(len(bodies), offsets.buffers()[1], pa.py_buffer(b"".join(bodies)))
    return pa.table(
        {
            "page_id": pa.array(columns["page_id"], pa.string()),
            "url": pa.array(columns["url"], pa.string()),
            "site": pa.array(columns["site"], pa.string()),
            "source_uri": pa.array(columns["source_uri"], pa.string()),
            "fetched_at": pa.array(columns["fetched_at"], pa.timestamp("us")),
            "content_format": pa.array(columns["content_format"], pa.string()),
            "body": body,
            "content_sha256": pa.array(columns["content_sha256"], pa.string()),
            "byte_length": pa.array(lengths, pa.int64()),
        }
    )


def _rejects_table(rejects: list[Reject]):
    import pyarrow as pa

    return pa.table(
        {
            "source_uri": pa.array([reject.source_uri for reject in rejects], pa.string()),
            "reason": pa.array([reject.reason for reject in rejects], pa.string()),
            "detail": pa.array([reject.detail for reject in rejects], pa.string()),
        }
    )


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
            status=status,
            finished_at=_utc_now(),
        ),
    )


def _load_row(stats: LoadStats, **values) -> dict:
    # pages_seen counts only what is committed, so a killed run's row stays self-consistent.
    committed_seen = values["pages_inserted"] + values["pages_skipped_duplicate"]
    return {"load_id": stats.load_id, "pages_seen": committed_seen, **values}


def _utf8(body: str) -> bytes:
    try:
        return body.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (half an emoji cut by a JSON producer) cannot be stored; show them as U+FFFD.
        return _LONE_SURROGATE.sub("\ufffd", body).encode("utf-8")


def _utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def _new_load_id() -> str:
    """Sortable by start time, unique across concurrent machines."""
    return f"{_utc_now():%Y%m%dT%H%M%S%fZ}-{secrets.token_hex(4)}"
