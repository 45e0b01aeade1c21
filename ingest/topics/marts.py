"""The topic marts' batch functions, shared by both engines: the DuckDB build's Python models (article_topics,
teaser_topics, int_iptc_topics) and the Spark build's table functions (ingest/spark/functions.py) call these."""

from __future__ import annotations

from collections.abc import Sequence

import pyarrow as pa

from ingest.topics.adapt import AdaptedModel, score_docs, topic_columns
from ingest.topics.discover import assign_topics
from ingest.topics.lexicon import LEXICON
from ingest.topics.taxonomy import IPTC_TOPICS

ARTICLE_TOPICS_SCHEMA = pa.schema(
    [
        pa.field("article_id", pa.string()),
        pa.field("topic_id", pa.string()),
        pa.field("taxonomy", pa.string()),
        pa.field("score", pa.float64()),
        pa.field("is_primary", pa.bool_()),
        pa.field("discovered_model_version", pa.int64()),
        pa.field("iptc_model_version", pa.int64()),
    ]
)
TEASER_TOPICS_SCHEMA = pa.schema(
    [
        pa.field("teaser_id", pa.string()),
        pa.field("topic_id", pa.string()),
        pa.field("score", pa.float64()),
        pa.field("is_primary", pa.bool_()),
    ]
)
# One fitted model's rows, as the fits return them; the stored model tables add their version columns around them
# (int_iptc_topic_models, int_discovered_topic_models) and ENGINE=spark's fit functions return exactly these.
IPTC_FIT_SCHEMA = pa.schema([pa.field("topic_id", pa.string()), pa.field("prior", pa.float64()),
                             pa.field("term", pa.string()), pa.field("weight", pa.float64()),
                             pa.field("idf", pa.float64())])
DISCOVERED_FIT_SCHEMA = pa.schema([pa.field("topic_id", pa.string()), pa.field("label", pa.string()),
                                   pa.field("term_rank", pa.int64()), pa.field("term", pa.string()),
                                   pa.field("weight", pa.float64()), pa.field("idf", pa.float64())])
IPTC_TOPICS_SCHEMA = pa.schema(
    [pa.field("topic_id", pa.string()), pa.field("label", pa.string()), pa.field("top_terms", pa.list_(pa.string()))]
)
TOP_TERMS = 10


def strongest_cues(topic_id: str) -> list[str]:
    cues = sorted(LEXICON[topic_id].items(), key=lambda cue: -cue[1])
    return [cue.rstrip("*") for cue, _ in cues[:TOP_TERMS]]


def iptc_topics_table() -> pa.Table:
    """The IPTC top-level taxonomy as a table, from the single definition in ingest.topics.taxonomy."""
    return pa.table(
        {
            "topic_id": [topic.topic_id for topic in IPTC_TOPICS],
            "label": [topic.label for topic in IPTC_TOPICS],
            "top_terms": pa.array([strongest_cues(topic.topic_id) for topic in IPTC_TOPICS], pa.list_(pa.string())),
        },
        schema=IPTC_TOPICS_SCHEMA,
    )


def latest_version(rows: Sequence[dict]) -> tuple[int | None, list[dict]]:
    """(newest model_version, its rows) of a versioned model's rows; (None, []) when there are none."""
    versions = [row["model_version"] for row in rows if row["model_version"] is not None]
    if not versions:
        return None, []
    newest = max(versions)
    return newest, [row for row in rows if row["model_version"] == newest]


def article_topics_batch(batch, iptc_model: AdaptedModel, discovered_model: Sequence[dict], versions) -> pa.Table:
    """Articles (article_id, title, dek, body) -> ARTICLE_TOPICS_SCHEMA: all 17 IPTC scores and the best
    discovered topic per article."""
    articles = batch.to_pylist()
    iptc = topic_columns(
        [a["article_id"] for a in articles],
        score_docs([{"title": a["title"], "text": "\n".join(filter(None, [a["dek"], a["body"]]))} for a in articles],
                   iptc_model),
    )
    discovered = assign_topics(
        ({"id": a["article_id"], "text": "\n".join(filter(None, [a["title"], a["dek"], a["body"]]))} for a in articles),
        discovered_model,
    )
    discovered_version, iptc_version = versions
    count = len(iptc["id"]) + len(discovered)
    return pa.table(
        {
            "article_id": list(iptc["id"]) + [row["id"] for row in discovered],
            "topic_id": list(iptc["topic_id"]) + [row["topic_id"] for row in discovered],
            "taxonomy": ["iptc"] * len(iptc["id"]) + ["discovered"] * len(discovered),
            "score": list(iptc["score"]) + [row["score"] for row in discovered],
            "is_primary": list(iptc["is_primary"]) + [True] * len(discovered),
            "discovered_model_version": [discovered_version] * count,
            "iptc_model_version": [iptc_version] * count,
        },
        schema=ARTICLE_TOPICS_SCHEMA,
    )


def teaser_topics_batch(batch, iptc_model: AdaptedModel) -> pa.Table:
    """Teasers (teaser_id, title, snippet) -> TEASER_TOPICS_SCHEMA: all 17 IPTC scores per teaser."""
    teasers = batch.to_pylist()
    columns = topic_columns(
        [teaser["teaser_id"] for teaser in teasers],
        score_docs([{"title": teaser["title"], "text": teaser["snippet"]} for teaser in teasers], iptc_model),
    )
    return pa.table(
        {"teaser_id": columns["id"], "topic_id": columns["topic_id"], "score": columns["score"],
         "is_primary": columns["is_primary"]},
        schema=TEASER_TOPICS_SCHEMA,
    )
