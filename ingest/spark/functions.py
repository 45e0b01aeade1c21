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


FUNCTIONS = {
    "pagewarehouse_segment_pages": _segment_class,
    "pagewarehouse_near_duplicate_groups": _components_class,
}


def register(spark) -> list[str]:
    """Register every function in `spark`'s session; returns their names."""
    for name, make in FUNCTIONS.items():
        spark.udtf.register(name, make())
    return list(FUNCTIONS)
