"""The pipeline's Python steps as Arrow table functions (UDTFs) that Spark SQL models call over `ref()`s.

Each function wraps exactly the batch function the DuckDB build's Python model runs (segmentation, near-duplicate
components, ...): Spark hands it Arrow record batches of its TABLE argument in its own Python workers, so the work is
spread over the cluster's tasks. Functions that must see the whole table at once (connected components) are called
`WITH SINGLE PARTITION` by their model and emit in `terminate`.

`register(spark)` registers them all under the names the Spark models use; ingest.spark.build calls it before dbt
runs, in the same process as dbt-spark's session connection, so the models see them.
"""

from __future__ import annotations

from collections.abc import Iterator

import pyarrow as pa

from ingest.near_duplicates import near_duplicate_groups
from ingest.segment import INPUT_COLUMNS, SEGMENT_SCHEMA, segment_table
from ingest.topics import marts as topic_marts


def spark_ddl(schema: pa.Schema) -> str:
    """A Spark DDL schema string ("a string, b array<struct<...>>") for an Arrow schema."""
    from pyspark.sql.pandas.types import from_arrow_schema

    return from_arrow_schema(schema).simpleString()[len("struct<"):-1]


def _segment_class():
    from pyspark.sql.functions import arrow_udtf

    @arrow_udtf(returnType=spark_ddl(SEGMENT_SCHEMA))
    class SegmentPages:
        """segment_pages(TABLE(pages)): ingest.segment.segment_table over each Arrow batch of pages."""

        def eval(self, pages: pa.RecordBatch) -> Iterator[pa.Table]:
            present = [name for name in INPUT_COLUMNS if name in pages.schema.names]
            yield segment_table(pages.select(present))

    return SegmentPages


COMPONENT_SCHEMA = pa.schema([pa.field("article_id", pa.string()), pa.field("duplicate_group_id", pa.string())])


def _components_class():
    from pyspark.sql.functions import arrow_udtf

    @arrow_udtf(returnType=spark_ddl(COMPONENT_SCHEMA))
    class NearDuplicateGroups:
        """near_duplicate_groups(TABLE(pairs) WITH SINGLE PARTITION): connected components of verified pairs."""

        def __init__(self):
            self.batches = []

        def eval(self, pairs: pa.RecordBatch) -> Iterator[pa.Table]:
            self.batches.append(pairs.select(["article_id", "duplicate_article_id"]))
            yield from ()

        def terminate(self) -> Iterator[pa.Table]:
            yield near_duplicate_groups(self.batches)

    return NearDuplicateGroups


def _scalar(value):
    """A constant argument as a Python value (Arrow UDTFs get constants as arrays of one value per row)."""
    if isinstance(value, (pa.Array, pa.ChunkedArray)):
        return value[0].as_py() if len(value) else None
    return value.as_py() if isinstance(value, pa.Scalar) else value


def read_model_rows(location: str) -> list[dict]:
    """Every row of a model table that Spark wrote as Parquet at `location` (a table's directory, as its
    catalog entry names it). Scoring functions read the fitted topic models this way, once per Python worker:
    the tables are small (terms x topics), and every executor can read the build's warehouse directory."""
    import pyarrow.dataset as ds

    path = location.removeprefix("file:")
    if not path:
        return []
    return ds.dataset(path, format="parquet").to_table().to_pylist()


def _md5_of_id(doc: dict) -> str:
    """The order the DuckDB build's fits read their sample in (`order by md5(article_id)`)."""
    import hashlib

    return hashlib.md5(doc["id"].encode()).hexdigest()


def _iptc_topics_class():
    from pyspark.sql.functions import udtf

    @udtf(returnType=spark_ddl(topic_marts.IPTC_TOPICS_SCHEMA))
    class IptcTopics:
        """pagewarehouse_iptc_topics(): the IPTC taxonomy table (ingest.topics.marts.iptc_topics_table)."""

        def eval(self):
            for row in topic_marts.iptc_topics_table().to_pylist():
                yield row["topic_id"], row["label"], row["top_terms"]

    return IptcTopics


def _fit_iptc_class():
    from pyspark.sql.functions import arrow_udtf

    @arrow_udtf(returnType=spark_ddl(topic_marts.IPTC_FIT_SCHEMA))
    class FitIptcModel:
        """pagewarehouse_fit_iptc_model(TABLE(sample) WITH SINGLE PARTITION, min_fit_articles): the corpus-adapted
        IPTC classifier (ingest.topics.adapt.fit_model) fitted on (article_id, title, text) rows."""

        def __init__(self):
            self.docs, self.min_docs = [], None

        def eval(self, sample: pa.RecordBatch, min_docs) -> Iterator[pa.Table]:
            self.min_docs = _scalar(min_docs)
            self.docs += [{"id": row["article_id"], "title": row["title"], "text": row["text"]}
                          for row in sample.to_pylist()]
            yield from ()

        def terminate(self) -> Iterator[pa.Table]:
            from ingest.topics.adapt import fit_model

            rows = fit_model(sorted(self.docs, key=_md5_of_id), int(self.min_docs or 0))
            yield pa.Table.from_pylist([{name: row[name] for name in topic_marts.IPTC_FIT_SCHEMA.names} for row in rows],
                                       schema=topic_marts.IPTC_FIT_SCHEMA)

    return FitIptcModel


def _discover_class():
    from pyspark.sql.functions import arrow_udtf

    @arrow_udtf(returnType=spark_ddl(topic_marts.DISCOVERED_FIT_SCHEMA))
    class DiscoverTopics:
        """pagewarehouse_discover_topics(TABLE(sample) WITH SINGLE PARTITION, topic_count, random_state): NMF
        topics (ingest.topics.discover.discover_topics) on (article_id, text) rows."""

        def __init__(self):
            self.docs, self.options = [], (None, 0)

        def eval(self, sample: pa.RecordBatch, topic_count, random_state) -> Iterator[pa.Table]:
            self.options = (_scalar(topic_count), _scalar(random_state))
            self.docs += [{"id": row["article_id"], "text": row["text"]} for row in sample.to_pylist()]
            yield from ()

        def terminate(self) -> Iterator[pa.Table]:
            from ingest.topics.discover import carry_topic_ids, discover_topics

            topic_count, random_state = self.options
            docs = sorted(self.docs, key=_md5_of_id)
            rows = carry_topic_ids([], discover_topics(docs, int(topic_count or 0) or None, int(random_state or 0)))
            yield pa.Table.from_pylist([{name: row[name] for name in topic_marts.DISCOVERED_FIT_SCHEMA.names} for row in rows],
                                       schema=topic_marts.DISCOVERED_FIT_SCHEMA)

    return DiscoverTopics


def _teaser_topics_class():
    from pyspark.sql.functions import arrow_udtf

    @arrow_udtf(returnType=spark_ddl(topic_marts.TEASER_TOPICS_SCHEMA))
    class TeaserTopics:
        """pagewarehouse_teaser_topics(TABLE(teasers), iptc_model_location): ingest.topics.marts.teaser_topics_batch
        with the newest IPTC model version stored at the location."""

        def __init__(self):
            self.model = None

        def eval(self, teasers: pa.RecordBatch, iptc_location) -> Iterator[pa.Table]:
            from ingest.topics.adapt import AdaptedModel

            if self.model is None:
                self.model = AdaptedModel(topic_marts.latest_version(read_model_rows(_scalar(iptc_location)))[1])
            yield topic_marts.teaser_topics_batch(teasers.select(["teaser_id", "title", "snippet"]), self.model)

    return TeaserTopics


def _article_topics_class():
    from pyspark.sql.functions import arrow_udtf

    @arrow_udtf(returnType=spark_ddl(topic_marts.ARTICLE_TOPICS_SCHEMA))
    class ArticleTopics:
        """pagewarehouse_article_topics(TABLE(articles), discovered_location, iptc_location):
        ingest.topics.marts.article_topics_batch with the newest version of each model."""

        def __init__(self):
            self.models = None

        def eval(self, articles: pa.RecordBatch, discovered_location, iptc_location) -> Iterator[pa.Table]:
            from ingest.topics.adapt import AdaptedModel

            if self.models is None:
                discovered_version, discovered = topic_marts.latest_version(
                    read_model_rows(_scalar(discovered_location)))
                iptc_version, iptc = topic_marts.latest_version(read_model_rows(_scalar(iptc_location)))
                self.models = (AdaptedModel(iptc), discovered, (discovered_version, iptc_version))
            iptc_model, discovered, versions = self.models
            yield topic_marts.article_topics_batch(articles.select(["article_id", "title", "dek", "body"]),
                                                   iptc_model, discovered, versions)

    return ArticleTopics


def _recognize_class():
    from pyspark.sql.functions import arrow_udtf

    from ingest.entities.arrow import OUTPUT_SCHEMA

    @arrow_udtf(returnType=spark_ddl(OUTPUT_SCHEMA))
    class RecognizeEntities:
        """pagewarehouse_recognize_entities(TABLE(documents)): ingest.entities.arrow.recognize_batch (spaCy NER and
        the rules) over Arrow batches of (doc_key, doc_kind, doc_id, text_sha, title, content)."""

        def eval(self, documents: pa.RecordBatch) -> Iterator[pa.RecordBatch]:
            from ingest.entities.arrow import recognize_batch

            yield recognize_batch(documents)

    return RecognizeEntities


def _canonicalize_class():
    from pyspark.sql.functions import arrow_udtf

    from ingest.entities.arrow import CANONICAL_SCHEMA, GROUP_COLUMNS

    @arrow_udtf(returnType=spark_ddl(CANONICAL_SCHEMA))
    class CanonicalEntities:
        """pagewarehouse_canonical_entities(TABLE(groups) WITH SINGLE PARTITION): ingest.entities.arrow.
        canonical_groups over every (doc_key, surface, entity_type, origin, mention_count) group of the corpus, in
        the order the DuckDB build reads them (sorted by those columns, nulls last)."""

        def __init__(self):
            self.batches = []

        def eval(self, groups: pa.RecordBatch) -> Iterator[pa.Table]:
            self.batches.append(groups.select([*GROUP_COLUMNS, "mention_count"]))
            yield from ()

        def terminate(self) -> Iterator[pa.Table]:
            from ingest.entities.arrow import canonical_groups

            if not self.batches:
                return
            table = pa.Table.from_batches(self.batches)
            table = table.sort_by([(name, "ascending") for name in GROUP_COLUMNS], null_placement="at_end")
            yield canonical_groups(table)

    return CanonicalEntities


FUNCTIONS = {
    "pagewarehouse_recognize_entities": _recognize_class,
    "pagewarehouse_canonical_entities": _canonicalize_class,
    "pagewarehouse_segment_pages": _segment_class,
    "pagewarehouse_near_duplicate_groups": _components_class,
    "pagewarehouse_iptc_topics": _iptc_topics_class,
    "pagewarehouse_fit_iptc_model": _fit_iptc_class,
    "pagewarehouse_discover_topics": _discover_class,
    "pagewarehouse_teaser_topics": _teaser_topics_class,
    "pagewarehouse_article_topics": _article_topics_class,
}


def register(spark) -> list[str]:
    """Register every function in `spark`'s session; returns their names."""
    for name, make in FUNCTIONS.items():
        spark.udtf.register(name, make())
    return list(FUNCTIONS)
