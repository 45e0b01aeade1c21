"""IPTC topic scores per teaser (headline + snippet), so dashboards can show what a site promotes."""

import pyarrow as pa

from ingest.topics.classify import score_taxonomy_batch

BATCH_ROWS = 5_000
SCHEMA = pa.schema(
    [
        pa.field("teaser_id", pa.string()),
        pa.field("topic_id", pa.string()),
        pa.field("score", pa.float64()),
        pa.field("is_primary", pa.bool_()),
    ]
)


def scored_batch(batch):
    scored = score_taxonomy_batch(
        {"id": teaser["teaser_id"], "title": teaser["title"], "text": teaser["snippet"]} for teaser in batch.to_pylist()
    )
    return pa.Table.from_pylist(
        [{"teaser_id": r["id"], "topic_id": r["topic_id"], "score": r["score"], "is_primary": r["is_primary"]}
         for r in scored],
        schema=SCHEMA,
    )


def model(dbt, session):
    # Read upstream of marts.teasers, which joins the primary topic back onto each teaser.
    teasers = dbt.ref("int_teasers_deduplicated").select("teaser_id, title, snippet").order("teaser_id")
    batches = (
        batch
        for teasers_batch in teasers.fetch_record_batch(BATCH_ROWS)
        for batch in scored_batch(teasers_batch).to_batches()
    )
    return pa.RecordBatchReader.from_batches(SCHEMA, batches)
