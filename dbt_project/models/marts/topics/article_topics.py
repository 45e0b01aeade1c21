"""Topic scores per article: all 17 IPTC topics (one primary) plus the best discovered topic, batch by batch.

Incremental: an ordinary build scores only the articles not scored yet. When the discovered-topic model has a
new version (full refresh of it, or `topics_rediscover`), every article is scored again against it.
"""

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
        pa.field("discovered_model_version", pa.int64()),
    ]
)


def scored_batch(batch, discovered_model, model_version):
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
             "is_primary": r["is_primary"], "discovered_model_version": model_version}
            for r in rows
        ],
        schema=SCHEMA,
    )


def scored_version(session, relation):
    """The discovered-model version the stored rows were scored against (None on the first build)."""
    try:
        return session.sql(f"select max(discovered_model_version) from {relation}").fetchall()[0][0]
    except Exception:  # first build: the relation is not there to read
        return None


def model(dbt, session):
    dbt.config(materialized="incremental", incremental_strategy="delete+insert", unique_key="article_id",
               on_schema_change="append_new_columns")
    discovered = dbt.ref("int_discovered_topics")
    discovered_model = discovered.arrow().read_all().to_pylist()
    model_version = max((row["model_version"] for row in discovered_model), default=None)
    articles = dbt.ref("articles")
    if dbt.is_incremental and scored_version(session, dbt.this) == model_version:
        articles = articles.filter(f"article_id not in (select article_id from {dbt.this})")
    articles = articles.select("article_id, title, dek, body").order("article_id")
    batches = (
        batch
        for articles_batch in articles.fetch_record_batch(BATCH_ROWS)
        for batch in scored_batch(articles_batch, discovered_model, model_version).to_batches()
    )
    return pa.RecordBatchReader.from_batches(SCHEMA, batches)
