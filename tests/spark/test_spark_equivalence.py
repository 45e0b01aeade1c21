"""ENGINE=spark builds the same marts as ENGINE=duckdb (issue #20).

One load of the bundled sample corpus, copied twice; `python -m ingest build --steps dbt,dq` on one copy with the
DuckDB engine and with `--engine spark` (local mode, two cores) on the other. Then every mart both builds have must
have the same row count, the same keys and the same values in every deterministic column.

Differences that cannot be avoided, and so are asserted exactly rather than ignored:
- integer widths: DuckDB sums integers into HUGEINT (128-bit), Spark into BIGINT; the values are equal;
- columns that say when or by which run a row was made (tests/spark/equivalence.py RUN_COLUMNS) differ between
  any two builds, whatever the engine, and are not compared;
- floats are compared to 9 decimal places (the engines may add in a different order).
Near-duplicate groups are equal by construction (both engines hash MinHash shingles with MD5,
dbt_project/macros/minhash.sql); the test asserts that the sample has near-duplicate groups at all so this is
checked, and tests/spark/test_spark_near_duplicates.py checks it on a generated corpus with many more.

Marked `spark` (select with -m spark, leave out with -m "not spark"); it needs `make spark` (pyspark, dbt-spark,
Java 17), which `make test` installs.
"""

from __future__ import annotations

import shutil
import sys
import time
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO_ROOT, run_checked
from tests.spark.equivalence import compare
from tests.spark.requirements import require_spark

pytestmark = [pytest.mark.integration, pytest.mark.spark]

ALL_MARTS = {"articles", "teasers", "teaser_sightings", "sites", "daily_overview", "page_segmentation", "topics",
             "article_topics", "teaser_topics", "topic_daily", "entities", "article_entities", "entity_mentions",
             "entity_daily", "entity_pairs"}
ALLOWED_TYPE_PAIRS = {("HUGEINT", "BIGINT")}


@pytest.fixture(scope="module")
def builds(tmp_path_factory):
    require_spark()
    tmp = tmp_path_factory.mktemp("spark_equivalence")
    run_checked([sys.executable, "-m", "ingest", "sample", "--out", str(tmp / "sample")])
    base = tmp / "base" / "warehouse.duckdb"
    base.parent.mkdir()
    inputs = [str(tmp / "sample" / name) for name in ("html", "text", "warc", "jsonl", "markdown")]
    run_checked([sys.executable, "-m", "ingest", "load", *inputs, "--db", str(base)])
    timings = {}
    warehouses = {}
    for engine in ("duckdb", "spark"):
        warehouse = tmp / engine / "warehouse.duckdb"
        warehouse.parent.mkdir()
        shutil.copy(base, warehouse)
        started = time.monotonic()
        run_checked([sys.executable, "-m", "ingest", "build", "--steps", "dbt,dq", "--db", str(warehouse),
                     "--engine", engine, "--no-docs", "--dbt-args",
                     f"--target-path {tmp / engine / 'target'} --log-path {tmp / engine / 'logs'}"], cwd=REPO_ROOT)
        timings[engine] = time.monotonic() - started
        warehouses[engine] = warehouse
    print(f"build times on the sample: {timings}")
    return warehouses, compare(warehouses["duckdb"], warehouses["spark"])


def test_spark_builds_every_mart(builds):
    _, report = builds
    assert report["only_left"] == []
    assert report["only_right"] == []
    assert set(report["tables"]) == ALL_MARTS


def test_same_rows_keys_and_values(builds):
    _, report = builds
    for table, result in report["tables"].items():
        assert result["rows"][0] == result["rows"][1], f"{table}: row counts differ {result['rows']}"
        assert result["rows"][0] > 0, f"{table} is empty on the sample: nothing compared"
        assert result["keys_differ"] == 0, f"{table}: {result['keys_differ']} keys differ"
        assert result["missing_columns"] == [], f"{table}: columns only one engine has: {result['missing_columns']}"
        assert result["columns"] == {}, f"{table}: rows whose values differ, per column: {result['columns']}"


def test_column_types_differ_only_in_integer_width(builds):
    _, report = builds
    for table, result in report["tables"].items():
        for column, pair in result["types"].items():
            assert pair in ALLOWED_TYPE_PAIRS, f"{table}.{column}: DuckDB {pair[0]}, Spark {pair[1]}"


def test_near_duplicates_and_quality_suites_are_exercised(builds):
    warehouses, _ = builds
    for engine, warehouse in warehouses.items():
        with duckdb.connect(str(warehouse), read_only=True) as connection:
            grouped = connection.execute("select count(*) from marts.articles where duplicate_group_size > 1").fetchone()[0]
            assert grouped > 0, f"{engine}: the sample has no near-duplicate group, so the groups were not compared"
            runs = connection.execute("select count(*) from dq.validation_runs").fetchone()[0]
            assert runs > 0, f"{engine}: the quality suites wrote no validation run"
            failed = connection.execute(
                "select count(*) from dq.expectation_results where not success and severity = 'error'").fetchone()[0]
            assert failed == 0, f"{engine}: {failed} contract expectations failed"
