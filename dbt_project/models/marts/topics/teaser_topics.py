"""IPTC topic scores per teaser (headline + snippet), so dashboards can show what a site promotes.

Scored with the latest corpus-adapted IPTC classifier (fitted on the articles; the plain lexicon while the
warehouse has no article to fit it on). A whole-table model: every teaser is scored again on each build.
"""

import pyarrow as pa

from ingest.topics.adapt import AdaptedModel
from ingest.topics.marts import TEASER_TOPICS_SCHEMA as SCHEMA
from ingest.topics.marts import teaser_topics_batch as scored_batch

BATCH_ROWS = 5_000


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
