"""Every current mention with its canonical entity: surname joins, type voting and stable ids over the corpus."""

import pyarrow as pa

from ingest.entities import canonicalize

OUTPUT_SCHEMA = pa.schema([
    pa.field("mention_id", pa.string()),
    pa.field("entity_id", pa.string()),
    pa.field("article_id", pa.string()),
    pa.field("teaser_id", pa.string()),
    pa.field("entity_name", pa.string()),
    pa.field("entity_type", pa.string()),
    pa.field("name_key", pa.string()),
    pa.field("alias", pa.string()),
    pa.field("source", pa.string()),
    pa.field("surface", pa.string()),
    pa.field("origin", pa.string()),
    pa.field("model_label", pa.string()),
    pa.field("start_char", pa.int32()),
    pa.field("end_char", pa.int32()),
    pa.field("seen_at", pa.timestamp("us")),
])


def model(dbt, session):
    # Canonicalisation is cheap next to recognition, and it must see the whole corpus: it reruns in full.
    mentions = dbt.ref("int_entity_mentions_unnested").order("mention_id").arrow().read_all().to_pylist()
    for mention in mentions:
        mention["doc_id"] = mention.pop("doc_key")
    canonical = canonicalize(mentions)
    return pa.Table.from_pylist(
        [{field.name: row[field.name] for field in OUTPUT_SCHEMA} for row in canonical], schema=OUTPUT_SCHEMA
    )
