"""Topic scores per article: all 17 IPTC topics (one primary) plus the best discovered topic, batch by batch.

Incremental: an ordinary build scores only the articles not scored yet. When the IPTC classifier or the
discovered-topic model has a new version (a refit, a full refresh of it, `topics_refit`, `topics_rediscover`),
every article is scored again against it.
"""

import pyarrow as pa

from ingest.topics.adapt import AdaptedModel
from ingest.topics.marts import ARTICLE_TOPICS_SCHEMA as SCHEMA
from ingest.topics.marts import article_topics_batch as scored_batch

BATCH_ROWS = 2_000


def scored_versions(session, relation):
    """The (discovered, IPTC) model versions the stored rows were scored against (None on the first build)."""
    try:
        return tuple(session.sql(
            f"select max(discovered_model_version), max(iptc_model_version) from {relation}"
        ).fetchall()[0])
    except Exception:  # first build (or a table from before iptc_model_version): score everything
        return None


def latest_version(relation):
    """(newest model_version, its rows) of a versioned model table; (None, []) when it is empty."""
    version = relation.aggregate("max(model_version)").fetchall()[0][0]
    if version is None:
        return None, []
    return version, relation.filter(f"model_version = {int(version)}").arrow().read_all().to_pylist()


def model(dbt, session):
    dbt.config(materialized="incremental", incremental_strategy="delete+insert", unique_key="article_id",
               on_schema_change="append_new_columns")
    discovered_version, discovered_model = latest_version(dbt.ref("int_discovered_topics"))
    iptc_version, iptc_rows = latest_version(dbt.ref("int_iptc_topic_models"))
    iptc_model = AdaptedModel(iptc_rows)
    versions = (discovered_version, iptc_version)
    articles = dbt.ref("articles")
    if dbt.is_incremental and scored_versions(session, dbt.this) == versions:
        articles = articles.filter(f"article_id not in (select article_id from {dbt.this})")
    # Streamed in scan order: articles are scored one by one, and sorting them would hold every body at once.
    articles = articles.select("article_id, title, dek, body")
    batches = (
        batch
        for articles_batch in articles.fetch_record_batch(BATCH_ROWS)
        for batch in scored_batch(articles_batch, iptc_model, discovered_model, versions).to_batches()
    )
    return pa.RecordBatchReader.from_batches(SCHEMA, batches)
