"""Segment each new page into article, teasers and other parts, streaming Arrow batches through a process pool."""

import uuid
from datetime import datetime, timezone

import pyarrow as pa

from ingest.parallel import map_in_order, worker_count
from ingest.segment import INPUT_COLUMNS, SEGMENT_SCHEMA, segment_table

RUN_FIELDS = [
    pa.field("segmentation_run_id", pa.string()),
    pa.field("segmented_at", pa.timestamp("us")),
]


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
        for segmented in map_in_order(segment_table, input_batches, workers)
        for batch in with_run_columns(segmented, run_id, segmented_at).to_batches()
    )
    return pa.RecordBatchReader.from_batches(output_schema, output_batches)
