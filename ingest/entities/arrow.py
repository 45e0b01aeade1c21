"""Arrow-batch wrapper of extract_mentions: one row per document with its mentions as a list (for dbt workers)."""

from __future__ import annotations

from datetime import datetime, timezone

import pyarrow as pa

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
