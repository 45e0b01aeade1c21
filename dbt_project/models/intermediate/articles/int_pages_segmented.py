"""Segment each new page into article, teasers and other parts, streaming Arrow batches through a process pool."""

import multiprocessing
import os
import uuid
from collections import deque
from concurrent.futures import ProcessPoolExecutor
from datetime import datetime, timezone

import pyarrow as pa

from ingest.segment import INPUT_COLUMNS, SEGMENT_SCHEMA, segment_table

RUN_FIELDS = [
    pa.field("segmentation_run_id", pa.string()),
    pa.field("segmented_at", pa.timestamp("us")),
]


def worker_count(configured):
    if configured > 0:
        return configured
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def segmented_in_order(batches, workers):
    """Segment batches on `workers` processes, keeping at most two batches per worker in flight so a large
    input never sits in memory (Executor.map would read the whole input up front)."""
    if workers == 1:
        yield from map(segment_table, batches)
        return
    # forkserver: forking the dbt process would copy DuckDB's threads and locks into the workers. Like spawn,
    # it re-imports the main module in each worker: dbt's own entry point is guarded; a script that calls
    # dbtRunner needs the usual `if __name__ == "__main__":` guard.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        in_flight = deque()
        for batch in batches:
            in_flight.append(pool.submit(segment_table, batch))
            if len(in_flight) >= 2 * workers:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()


def with_run_columns(segmented, run_id, segmented_at):
    rows = segmented.num_rows
    return segmented.append_column(RUN_FIELDS[0], pa.array([run_id] * rows, pa.string())).append_column(
        RUN_FIELDS[1], pa.array([segmented_at] * rows, pa.timestamp("us"))
    )


def model(dbt, session):
    batch_size = int(dbt.config.get("segment_batch_size"))
    configured_workers = int(dbt.config.get("segment_workers"))

    pages = dbt.ref("stg_raw__pages").select(", ".join(INPUT_COLUMNS))
    if dbt.is_incremental:
        already_segmented = session.table(str(dbt.this)).select("page_id")
        pages = pages.join(already_segmented, "page_id", how="anti")

    pending_pages = pages.aggregate("count(*)").fetchall()[0][0]
    pending_batches = -(-pending_pages // batch_size)
    workers = max(1, min(worker_count(configured_workers), pending_batches))

    run_id = str(uuid.uuid4())
    segmented_at = datetime.now(timezone.utc).replace(tzinfo=None)
    input_batches = pages.to_arrow_reader(batch_size)
    output_schema = pa.schema(list(SEGMENT_SCHEMA) + RUN_FIELDS)
    output_batches = (
        batch
        for segmented in segmented_in_order(input_batches, workers)
        for batch in with_run_columns(segmented, run_id, segmented_at).to_batches()
    )
    return pa.RecordBatchReader.from_batches(output_schema, output_batches)
