"""Versions of the corpus-adapted IPTC classifier (ingest.topics.adapt): fitted without labels on the canonical
articles, then reused, so an ordinary build scores new articles with the stored model.

A new version is fitted on the first build, on `--full-refresh`, on `--vars '{topics_refit: true}'`, and when
the canonical articles have grown by `topics_refit_growth` (default 0.5, i.e. +50%) since the latest fit;
article_topics and teaser_topics then score everything again with it. Below `topics_min_fit_articles` canonical
articles (default 500) nothing is fitted and the plain lexicon scores.
"""

from datetime import datetime, timezone

import pyarrow as pa

from ingest.topics.adapt import FIT_SAMPLE, fit_model
from ingest.topics.marts import IPTC_FIT_SCHEMA

SCHEMA = pa.schema(
    [
        pa.field("model_version", pa.int64()),
        *IPTC_FIT_SCHEMA,
        pa.field("fitted_article_count", pa.int64()),
        pa.field("fitted_at", pa.timestamp("us")),
    ]
)


def latest_fit(session, relation):
    """(version, article count) of the newest stored version, or None when the table does not exist yet.
    Read on a full refresh too, so version numbers keep rising and the marts notice the new model."""
    try:
        rows = session.sql(
            f"select model_version, max(fitted_article_count) from {relation} group by 1 order by 1 desc limit 1"
        ).fetchall()
    except Exception:  # first build: the relation is not there to read
        return None
    return rows[0] if rows else None


def as_bool(value):
    return str(value).strip().lower() in {"true", "1", "yes"}


def model(dbt, session):
    dbt.config(materialized="incremental", incremental_strategy="append")
    canonical = dbt.ref("articles").filter("is_canonical")
    article_count = canonical.count("*").fetchall()[0][0]
    previous = latest_fit(session, dbt.this)
    growth = float(dbt.config.get("topics_refit_growth"))
    if dbt.is_incremental and previous and not as_bool(dbt.config.get("topics_refit")) and article_count < previous[1] * (1 + growth):
        return SCHEMA.empty_table()

    # The fit reads at most FIT_SAMPLE articles, chosen by a hash of the id so the choice is deterministic.
    sample = canonical.select("article_id, title, concat_ws(chr(10), dek, body) as text").order(
        "md5(article_id)").limit(FIT_SAMPLE)
    docs = [{"id": article_id, "title": title, "text": text} for article_id, title, text in sample.fetchall()]
    rows = fit_model(docs, int(dbt.config.get("topics_min_fit_articles")))
    version = (previous[0] if previous else 0) + 1
    fitted_at = datetime.now(timezone.utc).replace(tzinfo=None)
    return pa.Table.from_pylist(
        [dict(row, model_version=version, fitted_article_count=article_count, fitted_at=fitted_at) for row in rows],
        schema=SCHEMA,
    )
