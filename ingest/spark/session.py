"""The SparkSession of an ENGINE=spark build: local mode by default, any cluster through the usual settings.

- `SPARK_REMOTE` (e.g. `sc://spark-connect.example:15002`): a Spark Connect session on that server;
- else `SPARK_MASTER` (default `local[*]`; e.g. `spark://host:7077`, `yarn`, `k8s://...`): a classic session;
- `SPARK_CONF` (`key=value,key=value`): any further Spark setting (executor memory, cores, event logs...).

The settings below make Spark SQL read like the DuckDB build's SQL: timestamps without a time zone (DuckDB's
`timestamp`), UTC sessions, and non-ANSI casts (an unparseable date string becomes null, like DuckDB's `try_cast`).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

# Pages per Arrow batch handed to a Python table function (segmentation, NER): the DuckDB build's
# segment_batch_size, so one batch's memory is the same in both engines.
ARROW_BATCH_ROWS = 500


def settings(warehouse_dir: Path, shuffle_partitions: int) -> dict[str, str]:
    return {
        "spark.sql.warehouse.dir": str(warehouse_dir),
        # the catalog lives as long as the build's process: every build writes its tables anew
        "spark.sql.catalogImplementation": "in-memory",
        "spark.sql.timestampType": "TIMESTAMP_NTZ",
        "spark.sql.session.timeZone": "UTC",
        "spark.sql.ansi.enabled": "false",
        "spark.sql.shuffle.partitions": str(shuffle_partitions),
        "spark.sql.execution.arrow.maxRecordsPerBatch": str(ARROW_BATCH_ROWS),
        "spark.sql.execution.pythonUDTF.arrow.enabled": "true",
        "spark.sql.sources.default": "parquet",
        # Pages are large strings (100 KB of HTML is common): Spark's default of 4,096 rows per vectorised Parquet
        # batch asked for 470 MB of heap on the raw pages of a 10k-page corpus and failed with 2 GB of driver memory.
        "spark.sql.parquet.columnarReaderBatchSize": "128",
        "spark.ui.enabled": "false",
        "spark.driver.memory": os.environ.get("SPARK_DRIVER_MEMORY", "2g"),
        "spark.sql.legacy.createHiveTableByDefault": "false",
    }


def extra_settings(text: str | None) -> dict[str, str]:
    pairs = (item.split("=", 1) for item in (text or "").split(",") if "=" in item)
    return {key.strip(): value.strip() for key, value in pairs}


def start(warehouse_dir: Path, master: str | None = None, remote: str | None = None,
          shuffle_partitions: int | None = None):
    """A SparkSession with the pipeline's table functions registered (ingest.spark.functions)."""
    from pyspark.sql import SparkSession

    from ingest.spark.functions import register

    # Python workers run this interpreter (its virtualenv has the pipeline) unless the cluster names its own.
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    remote = remote or os.environ.get("SPARK_REMOTE")
    master = master or os.environ.get("SPARK_MASTER") or "local[*]"
    partitions = shuffle_partitions or int(os.environ.get("SPARK_SHUFFLE_PARTITIONS", "0")) or _default_partitions(master)
    builder = SparkSession.builder.appName("pagewarehouse")
    builder = builder.remote(remote) if remote else builder.master(master)
    options = {**settings(warehouse_dir, partitions), **extra_settings(os.environ.get("SPARK_CONF"))}
    if remote:  # static settings belong to the server; a Connect client may only set runtime ones
        options = {key: value for key, value in options.items() if key.startswith("spark.sql.")
                   and key not in ("spark.sql.warehouse.dir", "spark.sql.catalogImplementation")}
    for key, value in options.items():
        builder = builder.config(key, value)
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN") if not remote else None
    register(spark)
    return spark


def _default_partitions(master: str) -> int:
    """Local mode: two shuffle partitions per core (Spark's 200 would be 200 tiny tasks per shuffle)."""
    if master.startswith("local"):
        inside = master[master.find("[") + 1:master.find("]")] if "[" in master else "1"
        cores = (os.cpu_count() or 1) if inside in ("*", "") else int(inside.split(",")[0])
        return max(2, 2 * cores)
    return 200
