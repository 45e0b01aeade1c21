"""IPTC topic scores per teaser (headline + snippet), so dashboards can show what a site promotes.

Scored with the latest corpus-adapted IPTC classifier (fitted on the articles; the plain lexicon while the
warehouse has no article to fit it on). A whole-table model: every teaser is scored again on each build.
"""

import pyarrow as pa

from ingest.topics.adapt import AdaptedModel, score_docs, topic_columns

BATCH_ROWS = 5_000
SCHEMA = pa.schema(
    [
        pa.field("teaser_id", pa.string()),
        pa.field("topic_id", pa.string()),
        pa.field("score", pa.float64()),
        pa.field("is_primary", pa.bool_()),
    ]
)


def scored_batch(batch, iptc_model):
    teasers = batch.to_pylist()
    columns = topic_columns(
        [teaser["teaser_id"] for teaser in teasers],
        score_docs([{"title": teaser["title"], "text": teaser["snippet"]} for teaser in teasers], iptc_model),
    )
    return pa.table(
        {"teaser_id": columns["id"], "topic_id": columns["topic_id"], "score": columns["score"],
         "is_primary": columns["is_primary"]},
        schema=SCHEMA,
    )


def model(dbt, session):
    models = dbt.ref("int_iptc_topic_models")
    version = models.aggregate("max(model_version)").fetchall()[0][0]
    rows = models.filter(f"model_version = {int(version)}").arrow().read_all().to_pylist() if version else []
    iptc_model = AdaptedModel(rows)
    # Read upstream of marts.teasers, which joins the primary topic back onto each teaser.
    # Streamed in scan order (each teaser is scored on its own): a sort would hold every teaser at once.
    teasers = dbt.ref("int_teasers_deduplicated").select("teaser_id, title, snippet")
    batches = (
        batch
        for teasers_batch in teasers.fetch_record_batch(BATCH_ROWS)
        for batch in scored_batch(teasers_batch, iptc_model).to_batches()
    )
    return pa.RecordBatchReader.from_batches(SCHEMA, batches)
