"""Arrow-batch wrapper of extract_mentions: one row per document with its mentions as a list (for dbt workers)."""

from __future__ import annotations

from datetime import datetime, timezone

import pyarrow as pa

from ingest.entities.canonical import canonicalize
from ingest.entities.ner import extract_mentions

MENTION_TYPE = pa.struct([
    pa.field("source", pa.string()),
    pa.field("start_char", pa.int32()),
    pa.field("end_char", pa.int32()),
    pa.field("surface", pa.string()),
    pa.field("entity_type", pa.string()),
    pa.field("origin", pa.string()),
    pa.field("model_label", pa.string()),
])
OUTPUT_SCHEMA = pa.schema([
    pa.field("doc_key", pa.string()),
    pa.field("doc_kind", pa.string()),
    pa.field("doc_id", pa.string()),
    pa.field("text_sha", pa.string()),
    pa.field("mentions", pa.list_(MENTION_TYPE)),
    pa.field("recognized_at", pa.timestamp("us")),
])
MENTION_FIELDS = [field.name for field in MENTION_TYPE]


def recognize_batch(batch: pa.RecordBatch) -> pa.RecordBatch:
    """Documents (doc_key, doc_kind, doc_id, text_sha, title, content) -> OUTPUT_SCHEMA rows, in input order.

    Articles are recognised as two texts (source 'title' and 'body'); a teaser as one text, its title, a
    newline and its snippet (source 'teaser'), so teaser offsets point into that joined text."""
    columns = batch.to_pydict()
    texts = []
    for key, kind, title, content in zip(
        columns["doc_key"], columns["doc_kind"], columns["title"], columns["content"], strict=True
    ):
        if kind == "article":
            texts += [(key, "title", title), (key, "body", content)]
        else:
            texts.append((key, "teaser", "\n".join(part for part in (title, content) if part)))
    by_document = {key: [] for key in columns["doc_key"]}
    for mention in extract_mentions(texts):
        by_document[mention["doc_id"]].append({field: mention[field] for field in MENTION_FIELDS})
    recognized_at = datetime.now(timezone.utc).replace(tzinfo=None)
    return pa.record_batch(
        [
            pa.array(columns["doc_key"], pa.string()),
            pa.array(columns["doc_kind"], pa.string()),
            pa.array(columns["doc_id"], pa.string()),
            pa.array(columns["text_sha"], pa.string()),
            pa.array([by_document[key] for key in columns["doc_key"]], pa.list_(MENTION_TYPE)),
            pa.array([recognized_at] * batch.num_rows, pa.timestamp("us")),
        ],
        schema=OUTPUT_SCHEMA,
    )


# Mentions with the same document, surface, type and origin get the same canonical entity: canonicalize sees
# each such group once, with its count, and DuckDB joins the result back to every mention. Holding every
# mention as a wide Python dict was the entity build's memory peak.
GROUP_COLUMNS = ("doc_key", "surface", "entity_type", "origin")
CANONICAL_COLUMNS = ("entity_id", "entity_name", "entity_type", "name_key", "alias")
CANONICAL_SCHEMA = pa.schema([
    *(pa.field(f"group_{name}", pa.string()) for name in GROUP_COLUMNS),
    *(pa.field(name, pa.string()) for name in CANONICAL_COLUMNS),
])


def canonical_groups(groups: pa.Table) -> pa.Table:
    """(doc_key, surface, entity_type, origin, mention_count) -> CANONICAL_SCHEMA, one row per group that is
    not a bare title; canonicalize gets one small dict per group from a generator."""
    columns = [groups[name].to_pylist() for name in (*GROUP_COLUMNS, "mention_count")]
    inputs = (
        {"doc_id": doc_key, "surface": surface, "entity_type": entity_type, "origin": origin, "count": count,
         "group_entity_type": entity_type}
        for doc_key, surface, entity_type, origin, count in zip(*columns, strict=True)
    )
    canonical = canonicalize(inputs)
    del columns
    values = {
        "group_doc_key": [row["doc_id"] for row in canonical],
        "group_surface": [row["surface"] for row in canonical],
        "group_entity_type": [row["group_entity_type"] for row in canonical],
        "group_origin": [row["origin"] for row in canonical],
        **{name: [row[name] for row in canonical] for name in CANONICAL_COLUMNS},
    }
    return pa.table([pa.array(values[field.name], field.type) for field in CANONICAL_SCHEMA], schema=CANONICAL_SCHEMA)
