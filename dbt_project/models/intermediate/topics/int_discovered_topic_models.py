"""Versions of the discovered-topic model: a new version only on the first build, a full refresh, or on request.

An ordinary (incremental) build appends nothing, so new articles are assigned to the topics already found.
`--full-refresh` or `--vars '{topics_rediscover: true}'` fits NMF again on (a sample of) the canonical articles; topics that
survive keep their ids (Hungarian matching against the latest stored version, when there is one).
"""

from datetime import datetime, timezone

import pyarrow as pa
from threadpoolctl import threadpool_limits

from ingest.topics.discover import FIT_SAMPLE, carry_topic_ids, discover_topics
from ingest.topics.marts import DISCOVERED_FIT_SCHEMA

SCHEMA = pa.schema(
    [
        pa.field("model_version", pa.int64()),
        *DISCOVERED_FIT_SCHEMA,
        pa.field("discovered_at", pa.timestamp("us")),
    ]
)


def latest_model(session, relation):
    """Rows of the newest stored version, or none when the table does not exist yet."""
    try:
        return session.sql(
            f"select * from {relation} where model_version = (select max(model_version) from {relation})"
        ).arrow().read_all().to_pylist()
    except Exception:  # first build: the relation is not there to read
        return []


def as_bool(value):
    return str(value).strip().lower() in {"true", "1", "yes"}


def model(dbt, session):
    dbt.config(materialized="incremental", incremental_strategy="append")
    rediscover = as_bool(dbt.config.get("topics_rediscover"))
    topic_count = int(dbt.config.get("topics_discovered_count")) or None
    random_state = int(dbt.config.get("topics_random_state"))

    previous = latest_model(session, dbt.this)
    if dbt.is_incremental and previous and not rediscover:
        return SCHEMA.empty_table()

    # NMF is fitted on at most FIT_SAMPLE canonical articles, chosen by a hash of the id (deterministic); every
    # article is then assigned in article_topics. Fitting on all of them took 1,095 s at 100k articles.
    articles = dbt.ref("articles").filter("is_canonical").select(
        "article_id, concat_ws(chr(10), title, dek, body) as text"
    ).order("md5(article_id)").limit(FIT_SAMPLE)
    docs = [{"id": article_id, "text": text} for article_id, text in articles.fetchall()]
    # One BLAS thread: dbt runs NER workers beside this model, and OpenBLAS threads spinning on busy cores made
    # a fit of 3 s CPU take 500-1,000 s of wall time (weights then differ from a 2-thread fit by ~1e-15).
    with threadpool_limits(1):
        discovered = carry_topic_ids(previous, discover_topics(docs, topic_count, random_state))
    version = max((row["model_version"] for row in previous), default=0) + 1
    discovered_at = datetime.now(timezone.utc).replace(tzinfo=None)
    rows = [dict(row, model_version=version, discovered_at=discovered_at) for row in discovered]
    return pa.Table.from_pylist(rows, schema=SCHEMA)
