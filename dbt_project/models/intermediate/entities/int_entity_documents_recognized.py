"""Named-entity recognition, once per canonical article and per teaser text: only documents not recognised yet."""

import pyarrow as pa

from ingest.entities.arrow import OUTPUT_SCHEMA, recognize_batch
from ingest.parallel import map_in_order, worker_count

# Teaser title and snippet are recognised as one text: the title, a newline, the snippet.
ARTICLE_DOCUMENTS = "'article' as doc_kind, article_id as doc_id, title, body as content"
TEASER_DOCUMENTS = "'teaser' as doc_kind, teaser_id as doc_id, title, snippet as content"
# A document is recognised again only when its text changes (a teaser's best snippet can grow).
DOCUMENT_KEY = (
    "*, md5(coalesce(title, '') || chr(31) || coalesce(content, '')) as text_sha, "
    "doc_kind || ':' || doc_id || ':' || md5(coalesce(title, '') || chr(31) || coalesce(content, '')) as doc_key"
)


def model(dbt, session):
    dbt.config(materialized="incremental")
    batch_size = int(dbt.config.get("entity_batch_size"))
    configured_workers = int(dbt.config.get("entity_workers"))

    articles = dbt.ref("articles").filter("is_canonical").select(ARTICLE_DOCUMENTS)
    teasers = dbt.ref("teasers").select(TEASER_DOCUMENTS)
    pending = articles.union(teasers).select(DOCUMENT_KEY)
    if dbt.is_incremental:
        already_recognized = session.table(str(dbt.this)).select("doc_key")
        pending = pending.join(already_recognized, "doc_key", how="anti")
    # Streamed in scan order, not sorted: each document is recognised on its own, so the order only decides which
    # documents share a batch, and an ORDER BY made DuckDB hold every pending text at once (or fail under its
    # memory limit) before the first batch reached a worker.
    pending_documents = pending.aggregate("count(*)").fetchall()[0][0]
    workers = max(1, min(worker_count(configured_workers), -(-pending_documents // batch_size)))
    batches = pending.fetch_record_batch(batch_size)
    return pa.RecordBatchReader.from_batches(OUTPUT_SCHEMA, map_in_order(recognize_batch, batches, workers))
