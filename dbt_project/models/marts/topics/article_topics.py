"""Topic scores per article: all 17 IPTC topics (one primary) plus the best discovered topic, batch by batch."""

import pyarrow as pa

from ingest.topics.classify import score_taxonomy_batch
from ingest.topics.discover import assign_topics

BATCH_ROWS = 2_000
SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string()),
        pa.field("topic_id", pa.string()),
        pa.field("taxonomy", pa.string()),
        pa.field("score", pa.float64()),
        pa.field("is_primary", pa.bool_()),
    ]
)


def scored_batch(batch, discovered_model):
    articles = batch.to_pylist()
    iptc = score_taxonomy_batch(
        {"id": a["article_id"], "title": a["title"], "text": "\n".join(filter(None, [a["dek"], a["body"]]))}
        for a in articles
    )
    discovered = assign_topics(
        ({"id": a["article_id"], "text": "\n".join(filter(None, [a["title"], a["dek"], a["body"]]))} for a in articles),
        discovered_model,
    )
    rows = [dict(row, taxonomy="iptc") for row in iptc] + [
        dict(row, taxonomy="discovered", is_primary=True) for row in discovered
    ]
    return pa.Table.from_pylist(
        [
            {"article_id": r["id"], "topic_id": r["topic_id"], "taxonomy": r["taxonomy"], "score": r["score"],
             "is_primary": r["is_primary"]}
            for r in rows
        ],
        schema=SCHEMA,
    )


def model(dbt, session):
    discovered_model = dbt.ref("int_discovered_topics").arrow().read_all().to_pylist()
    articles = dbt.ref("articles").select("article_id, title, dek, body").order("article_id")
    batches = (
        batch
        for articles_batch in articles.fetch_record_batch(BATCH_ROWS)
        for batch in scored_batch(articles_batch, discovered_model).to_batches()
    )
    return pa.RecordBatchReader.from_batches(SCHEMA, batches)
