"""The load step of an ENGINE=spark build: the readers run in Spark tasks, the raw tables come out the same.

1. The driver expands the PATH arguments exactly as `python -m ingest load` does (ingest.discover.input_files:
   globs, directories walked in name order, each file once, hidden files skipped) and numbers the files in that
   order. Files are spread over partitions by size, largest first onto the least-loaded partition, so one big
   WARC is one task beside the others rather than behind them (a file is the unit: a gzipped WARC or JSONL
   cannot be split cleanly).
2. Each task runs ingest.discover.read_file on its files, the loader's own per-file step (reader chosen by
   suffix, a bad file or a failing reader becomes a Reject), and ingest.pagerows.prepare_page on each page
   (UTF-8 body, sha256, page_id, site, the size cap), in Spark's Python workers (`mapInArrow`). Every item keeps
   its position (file number, record number), so "first in input order" means the same as in the DuckDB load.
3. Spark writes the items once as Parquet, keeps the first page of each page_id (input order) and writes the
   load's pages as Parquet (`<lake>/load/pages/`); rejects and notes (one per (file, reason) and (file, kind),
   the first met) and the counters are small and come back to the driver.
4. ingest.writer.store_prepared stores them in the DuckDB warehouse as a load of its own (raw.loads row,
   counters, page ids and rejects already stored are not stored again), so re-running a load adds nothing.
"""

from __future__ import annotations

import heapq
import os
import shutil
import time
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pyarrow as pa

from ingest.discover import input_files, read_file
from ingest.pagerows import int64_array, prepare_page, string_array, timestamp_array
from ingest.record import Note, RawPage, Reject, Skipped
from ingest.writer import DEFAULT_MAX_PAGE_BYTES, LoadStats, _new_load_id, store_prepared

# One Arrow batch a Python worker hands back holds at most this many items or this many bytes of bodies.
ITEM_BATCH_ROWS = 256
ITEM_BATCH_BYTES = 16 * 1024 * 1024
# Partitions per core of the cluster, and at least one per this many input bytes: small tasks even out the load
# of unequal files; a partition is a task, so not many more than the files.
PARTITIONS_PER_CORE = 3
PARTITION_BYTES = 64 * 1024 * 1024

ITEM_SCHEMA = pa.schema([
    pa.field("item_kind", pa.string()),  # page, reject, note, skipped
    pa.field("file_index", pa.int64()),
    pa.field("item_index", pa.int64()),
    pa.field("page_id", pa.string()),
    pa.field("url", pa.string()),
    pa.field("site", pa.string()),
    pa.field("source_uri", pa.string()),
    pa.field("fetched_at", pa.timestamp("us")),
    pa.field("content_format", pa.string()),
    pa.field("body", pa.string()),
    pa.field("content_sha256", pa.string()),
    pa.field("byte_length", pa.int64()),
    pa.field("reason", pa.string()),  # a reject's reason, a note's kind, a skip's reason
    pa.field("detail", pa.string()),
    pa.field("item_count", pa.int64()),  # skips are counted per file and reason, not stored one by one
])
FILE_SCHEMA = pa.schema([pa.field("file_index", pa.int64()), pa.field("path", pa.string()),
                         pa.field("partition_key", pa.int64())])
_STRING_COLUMNS = {"item_kind", "page_id", "url", "site", "source_uri", "content_format", "body", "content_sha256",
                   "reason", "detail"}


@dataclass(frozen=True)
class InputFile:
    index: int
    path: str
    size: int


def plan_inputs(paths: Sequence[str]) -> tuple[list[InputFile], list[tuple[int, Reject | Skipped]]]:
    """The files to read, numbered in the DuckDB load's order, and what the listing itself met (unreadable
    directories, hidden files), numbered in the same sequence."""
    files, met = [], []
    for index, entry in enumerate(input_files(paths)):
        if isinstance(entry, Path):
            files.append(InputFile(index, str(entry), _size_of(entry)))
        else:
            met.append((index, entry))
    return files, met


def assign_partitions(files: Sequence[InputFile], partitions: int) -> list[int]:
    """Partition number of each file: largest first onto the partition with the fewest bytes so far (LPT)."""
    partitions = max(1, min(partitions, len(files)))
    loads = [(0, number) for number in range(partitions)]
    assigned = [0] * len(files)
    for position in sorted(range(len(files)), key=lambda position: (-files[position].size, files[position].index)):
        size, number = heapq.heappop(loads)
        assigned[position] = number
        heapq.heappush(loads, (size + files[position].size, number))
    return assigned


def partition_count(files: Sequence[InputFile], cores: int) -> int:
    total = sum(file.size for file in files)
    return max(1, min(len(files), max(cores * PARTITIONS_PER_CORE, -(-total // PARTITION_BYTES))))


class _ItemColumns:
    """Items of one or more files as Arrow columns, handed back in batches of ITEM_BATCH_ROWS / _BYTES."""

    def __init__(self) -> None:
        self.columns: dict[str, list] = {field.name: [] for field in ITEM_SCHEMA}
        self.bytes = 0

    def __len__(self) -> int:
        return len(self.columns["item_kind"])

    def full(self) -> bool:
        return len(self) >= ITEM_BATCH_ROWS or self.bytes >= ITEM_BATCH_BYTES

    def add(self, kind: str, file_index: int, item_index: int, **values) -> None:
        for name, column in self.columns.items():
            column.append(values.get(name))
        self.columns["item_kind"][-1] = kind
        self.columns["file_index"][-1] = file_index
        self.columns["item_index"][-1] = item_index
        body = values.get("body")
        self.bytes += len(body) if body is not None else 0

    def batch(self) -> pa.RecordBatch:
        arrays = []
        for field in ITEM_SCHEMA:
            values = self.columns[field.name]
            if field.name in _STRING_COLUMNS:
                arrays.append(string_array(values).cast(pa.string()))
            elif field.type == pa.int64():
                arrays.append(pa.array(values, pa.int64()) if None in values else int64_array(values))
            else:
                arrays.append(timestamp_array(values))
        return pa.RecordBatch.from_arrays(arrays, schema=ITEM_SCHEMA)


def file_items(file_index: int, path: str, max_page_bytes: int) -> Iterator[pa.RecordBatch]:
    """The items of one input file as Arrow batches of ITEM_SCHEMA. Never raises for the file's content: whatever
    fails while reading it becomes a `reader_error` reject after the items read before the failure."""
    columns = _ItemColumns()
    skipped: Counter = Counter()
    item_index = 0
    source_uri = os.path.abspath(path)
    try:
        for item_index, item in enumerate(read_file(Path(path), max_page_bytes=max_page_bytes)):
            _add_item(columns, skipped, file_index, item_index, item, max_page_bytes)
            if columns.full():
                yield columns.batch()
                columns = _ItemColumns()
    except Exception as error:  # a failure outside the reader's own guard (e.g. preparing a page)
        columns.add("reject", file_index, item_index + 1, source_uri=source_uri, reason="reader_error",
                    detail=f"the reader failed: {type(error).__name__}: {error}")
    for reason, count in sorted(skipped.items()):
        columns.add("skipped", file_index, item_index + 1, reason=reason, item_count=count)
    if len(columns):
        yield columns.batch()


def _add_item(columns: _ItemColumns, skipped: Counter, file_index: int, item_index: int, item,
              max_page_bytes: int) -> None:
    if isinstance(item, RawPage):
        item = prepare_page(item, max_page_bytes)
        if not isinstance(item, Reject):
            columns.add("page", file_index, item_index, page_id=item.page_id, url=item.url, site=item.site,
                        source_uri=item.source_uri, fetched_at=item.fetched_at, content_format=item.content_format,
                        body=item.body, content_sha256=item.content_sha256, byte_length=len(item.body))
            return
    if isinstance(item, Reject):
        columns.add("reject", file_index, item_index, source_uri=item.source_uri, reason=item.reason,
                    detail=item.detail)
    elif isinstance(item, Note):
        columns.add("note", file_index, item_index, source_uri=item.source_uri, reason=item.kind, detail=item.detail)
    else:
        skipped[item.reason] += 1


def read_partition(files: Iterator[pa.RecordBatch], max_page_bytes: int) -> Iterator[pa.RecordBatch]:
    """mapInArrow's function: the items of every file of a partition (batches of FILE_SCHEMA rows)."""
    for batch in files:
        for file_index, path in zip(batch.column("file_index").to_pylist(), batch.column("path").to_pylist()):
            yield from file_items(file_index, path, max_page_bytes)


def load(spark, paths: Sequence[str], warehouse: Path, lake: Path,
         max_page_bytes: int = DEFAULT_MAX_PAGE_BYTES) -> LoadStats:
    """Load `paths` into the DuckDB file `warehouse` with the readers running in `spark`'s tasks."""
    started = time.monotonic()
    loaded_at = datetime.now(UTC).replace(tzinfo=None)
    load_id = _new_load_id()
    files, met = plan_inputs(paths)
    work = lake / "load"
    shutil.rmtree(work, ignore_errors=True)
    items_dir, pages_dir = work / "items", work / "pages"
    records_skipped: Counter = Counter(entry.reason for _, entry in met if isinstance(entry, Skipped))
    rejects = [(index, -1, entry) for index, entry in met if isinstance(entry, Reject)]
    notes: list[tuple[int, int, Note]] = []
    pages_seen, pages_written = 0, False
    if files:
        _read_items(spark, files, items_dir, max_page_bytes)
        items = spark.read.parquet(str(items_dir))
        items.createOrReplaceTempView("pagewarehouse_load_items")
        pages_seen = items.where("item_kind = 'page'").count()
        if pages_seen:
            _write_pages(spark, pages_dir, load_id, loaded_at)
            pages_written = True
        small = items.where("item_kind <> 'page'").select(
            "item_kind", "file_index", "item_index", "source_uri", "reason", "detail", "item_count").toArrow()
        for row in small.to_pylist():
            position = (row["file_index"], row["item_index"])
            if row["item_kind"] == "reject":
                rejects.append((*position, Reject(row["source_uri"], row["reason"], row["detail"])))
            elif row["item_kind"] == "note":
                notes.append((*position, Note(row["source_uri"], row["reason"], row["detail"])))
            else:
                records_skipped[row["reason"]] += row["item_count"]
    stats = store_prepared(
        warehouse, load_id=load_id, loaded_at=loaded_at, inputs=[str(path) for path in paths],
        pages_parquet=str(pages_dir / "*.parquet") if pages_written else None, pages_seen=pages_seen,
        rejects=_first_per_key(rejects, lambda reject: (reject.source_uri, reject.reason)),
        notes=_first_per_key(notes, lambda note: (note.source_uri, note.kind)),
        records_skipped=records_skipped,
    )
    shutil.rmtree(items_dir, ignore_errors=True)
    stats.elapsed_seconds = time.monotonic() - started
    return stats


def loaded_pages_dir(lake: Path) -> Path:
    """Where `load` leaves the load's pages (raw.pages' columns) as Parquet."""
    return lake / "load" / "pages"


def _read_items(spark, files: Sequence[InputFile], items_dir: Path, max_page_bytes: int) -> None:
    partitions = partition_count(files, _cores(spark))
    assigned = assign_partitions(files, partitions)
    keys = _partition_keys(spark, partitions)
    table = pa.table({"file_index": [file.index for file in files], "path": [file.path for file in files],
                      "partition_key": [keys[number] for number in assigned]}, schema=FILE_SCHEMA)
    listing = spark.createDataFrame(table)
    listing = listing.repartition(partitions, "partition_key")
    items = listing.mapInArrow(lambda batches: read_partition(batches, max_page_bytes), _item_ddl())
    items.write.mode("overwrite").parquet(str(items_dir))


def _write_pages(spark, pages_dir: Path, load_id: str, loaded_at: datetime) -> None:
    """The first page of each page_id in input order (file, then record), as raw.pages stores it."""
    spark.sql(f"""
        select page_id, url, site, source_uri, fetched_at, content_format, body, content_sha256, byte_length,
            '{load_id}' as load_id, timestamp_ntz'{loaded_at.isoformat(sep=" ")}' as loaded_at
        from (
            select *, row_number() over (partition by page_id order by file_index, item_index) as nth
            from pagewarehouse_load_items
            where item_kind = 'page'
        )
        where nth = 1
    """).write.mode("overwrite").parquet(str(pages_dir))


def _first_per_key(positioned: list[tuple[int, int, object]], key) -> list:
    """One item per key, the first in input order (as the DuckDB load keeps the first reject of a file)."""
    first: dict = {}
    for *_, item in sorted(positioned, key=lambda entry: (entry[0], entry[1])):
        first.setdefault(key(item), item)
    return list(first.values())


def _partition_keys(spark, partitions: int) -> list[int]:
    """For each partition number, a bigint that `repartition(partitions, column)` sends to that partition.

    Hash partitioning puts a row in pmod(hash(column), partitions); asking Spark for the hash of a few numbers
    finds one number per partition, so a planned assignment of files to tasks survives the repartition exactly.
    """
    rows = spark.range(0, 64 * partitions).selectExpr(f"pmod(hash(id), {partitions}) as number", "id") \
        .groupBy("number").agg({"id": "min"}).collect()
    keys = {row[0]: row[1] for row in rows}
    missing = set(range(partitions)) - set(keys)
    if missing:  # not seen in practice: 64 numbers per partition
        raise RuntimeError(f"no partition key found for partitions {sorted(missing)}")
    return [keys[number] for number in range(partitions)]


def _cores(spark) -> int:
    try:
        return spark.sparkContext.defaultParallelism
    except Exception:  # Spark Connect has no SparkContext on the client
        return int(spark.conf.get("spark.default.parallelism", "8"))


def _item_ddl() -> str:
    from ingest.spark.functions import spark_ddl

    return spark_ddl(ITEM_SCHEMA)


def _size_of(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0
