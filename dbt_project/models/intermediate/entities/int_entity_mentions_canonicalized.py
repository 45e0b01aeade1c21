"""Every current mention with its canonical entity: surname joins, type voting and stable ids over the corpus."""

import pyarrow as pa

from ingest.entities.arrow import GROUP_COLUMNS, canonical_groups


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
