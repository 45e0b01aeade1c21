"""Every current mention with its canonical entity: surname joins, type voting and stable ids over the corpus."""

import pyarrow as pa

from ingest.entities import canonicalize

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


def model(dbt, session):
    # Canonicalisation is cheap next to recognition, and it must see the whole corpus: it reruns in full.
    mentions = dbt.ref("int_entity_mentions_unnested")
    groups = mentions.aggregate(", ".join(GROUP_COLUMNS) + ", count(*) as mention_count").order(", ".join(GROUP_COLUMNS))
    batches = groups.arrow()
    canonical = canonical_groups(batches.read_all() if isinstance(batches, pa.RecordBatchReader) else batches)
    joined = mentions.set_alias("mention").join(
        session.from_arrow(canonical).set_alias("canonical"),
        " and ".join(f"mention.{name} = canonical.group_{name}" for name in GROUP_COLUMNS),
    )
    return joined.select(
        "mention.mention_id, canonical.entity_id, mention.article_id, mention.teaser_id, canonical.entity_name, "
        "canonical.entity_type, canonical.name_key, canonical.alias, mention.source, mention.surface, "
        "mention.origin, mention.model_label, mention.start_char, mention.end_char, mention.seen_at"
    ).order("mention_id")
