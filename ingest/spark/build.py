"""`python -m ingest build --engine spark` (behind `make build ENGINE=spark`): the load and dbt steps on Apache Spark.

The build runs on a staged copy of the DuckDB warehouse and is published atomically, exactly as an ENGINE=duckdb
build (ingest/staging.py); the load and dbt steps run here, in one SparkSession:

0. the load (when the build has one): the readers run in Spark tasks (ingest.spark.load), the load's pages are
   written as Parquet and stored in the copy's raw tables as a load of their own, as `python -m ingest load` would;
1. the raw tables of the copy are written as Parquet files (`<FILE>.spark/raw/<table>/`, several files per table
   so that Spark reads them in parallel) and registered in the Spark catalog as `raw.<table>`; when the copy had
   no page before this load, raw.pages is the Parquet the load wrote (not written a second time);
2. `dbt build --target spark` runs in this process (dbt-spark, method: session), in the SparkSession started
   by ingest.spark.session with the pipeline's Python table functions registered, so the SQL models run on Spark
   and the Python steps in Spark's Python workers. Every model is a Parquet table under `<FILE>.spark/warehouse/`;
3. every table Spark built in the `staging`, `intermediate` and `marts` schemas is copied into the DuckDB copy
   (same schema and table names; Spark's decimals become DuckDB doubles, as DuckDB's own build types them), so
   `pagewarehouse sql`, the dashboard, BI tools and the quality suites read the warehouse unchanged.

The Spark catalog is in memory: each Spark build writes every table anew (no incremental models on Spark).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import duckdb

from ingest.spark.load import loaded_pages_dir

RAW_TABLES = ("pages", "loads", "rejects", "notes")
PUBLISHED_SCHEMAS = ("staging", "intermediate", "marts")
RAW_FILE_BYTES = "64MB"
# Pages per Parquet row group of the exported raw tables. Spark splits a file into tasks only between row groups,
# and DuckDB's default row group is 122,880 rows: 10k exported pages were one row group, so Spark segmented all of
# them in one task on one core. 2,048 is the smallest DuckDB writes.
RAW_ROW_GROUP_ROWS = 2048


def lake_dir(warehouse: Path) -> Path:
    """Where a Spark build of `warehouse` keeps its Parquet tables: beside the published file."""
    return warehouse.with_name(warehouse.name + ".spark")


def export_raw(staged: Path, lake: Path, skip: Sequence[str] = ()) -> dict[str, Path]:
    """Write the raw tables of the staged DuckDB file (but `skip`) as Parquet directories; returns table ->
    directory."""
    raw_dir = lake / "raw"
    shutil.rmtree(raw_dir, ignore_errors=True)
    raw_dir.mkdir(parents=True)
    exported = {}
    with duckdb.connect(str(staged), read_only=True) as connection:
        present = {name for (name,) in connection.execute(
            "select table_name from information_schema.tables where table_schema = 'raw'").fetchall()}
        for table in RAW_TABLES:
            if table not in present or table in skip:
                continue
            target = raw_dir / table
            connection.execute(
                f"copy raw.{table} to '{target}' (format parquet, file_size_bytes '{RAW_FILE_BYTES}', "
                f"row_group_size {RAW_ROW_GROUP_ROWS}, per_thread_output true)"
            )
            exported[table] = target
    return exported


def register_raw(spark, exported: dict[str, Path]) -> None:
    spark.sql("create database if not exists raw")
    for table, directory in exported.items():
        spark.sql(f"drop table if exists raw.{table}")
        spark.sql(f"create table raw.{table} using parquet location '{directory}'")


def run_dbt(project_dir: Path, dbt_args: Sequence[str]) -> bool:
    from dbt.cli.main import dbtRunner

    # dbt unit tests are left to the DuckDB build: their fixtures are written in DuckDB's SQL (list and struct
    # literals); the models' data tests all run on Spark.
    result = dbtRunner().invoke(["build", "--project-dir", str(project_dir), "--target", "spark",
                                 "--exclude-resource-type", "unit_test", *dbt_args])
    return bool(result.success)


def built_tables(spark) -> list[tuple[str, str, Path]]:
    """(schema, table, Parquet directory) of every table Spark built in the published schemas."""
    tables = []
    for schema in PUBLISHED_SCHEMAS:
        if not spark.catalog.databaseExists(schema):
            continue
        for table in spark.catalog.listTables(schema):
            if table.tableType == "VIEW" or table.isTemporary:
                continue
            rows = spark.sql(f"describe table extended {schema}.{table.name}").collect()
            location = next(row.data_type for row in rows if row.col_name == "Location")
            tables.append((schema, table.name, Path(location.removeprefix("file:"))))
    return tables


def copy_into_duckdb(staged: Path, tables: Sequence[tuple[str, str, Path]]) -> None:
    """Replace the staged file's dbt schemas with the tables Spark built (copies)."""
    with duckdb.connect(str(staged)) as connection:
        for schema in PUBLISHED_SCHEMAS:
            connection.execute(f"drop schema if exists {schema} cascade")
            connection.execute(f"create schema {schema}")
        for schema, table, directory in tables:
            files = f"{directory}/*.parquet"
            columns = connection.execute(f"describe select * from read_parquet('{files}')").fetchall()
            select = ", ".join(
                f'cast("{name}" as double) as "{name}"' if column_type.startswith("DECIMAL") else f'"{name}"'
                for name, column_type, *_ in columns
            )
            connection.execute(f"create table {schema}.{table} as select {select} from read_parquet('{files}')")
        connection.execute("checkpoint")


def create_staging_views(staged: Path, project_dir: Path) -> bool:
    """The staging models are views over raw.*: dbt-duckdb creates them in the copy from the same model files."""
    command = [str(Path(sys.executable).with_name("dbt")), "run", "--quiet", "--project-dir", str(project_dir),
               "--target", "dev", "--select", "path:models/staging"]
    return subprocess.run(command, env={**os.environ, "WAREHOUSE": str(staged)}).returncode == 0


def build_spark_steps(staged: Path, project_dir: Path, dbt_args: Sequence[str], lake: Path,
                      load_paths: Sequence[str] = (), dbt: bool = True) -> bool:
    """The Spark steps of a build on the staged copy, in one SparkSession: the load of `load_paths` (when given,
    ingest.spark.load) and the dbt step (when `dbt`); True when both succeeded (dbt's tables are copied either way)."""
    from ingest.spark.session import start

    started = time.monotonic()
    warehouse_dir = lake / "warehouse"
    if dbt:
        shutil.rmtree(warehouse_dir, ignore_errors=True)
    spark = start(warehouse_dir)
    succeeded, tables = True, []
    try:
        print(f"spark: session {spark.version} on {os.environ.get('SPARK_REMOTE') or spark.sparkContext.master}",
              flush=True)
        fresh = _raw_pages_count(staged) == 0
        if load_paths:
            _load(spark, load_paths, staged, lake)
        if dbt:
            # A warehouse that held no page before this load has exactly the load's pages: Spark reads the Parquet
            # it wrote. Otherwise raw.pages (earlier loads and this one) is written out of the DuckDB file.
            reuse_pages = bool(load_paths) and fresh and loaded_pages_dir(lake).is_dir()
            exported = export_raw(staged, lake, skip=("pages",) if reuse_pages else ())
            if reuse_pages:
                exported["pages"] = loaded_pages_dir(lake).rename(lake / "raw" / "pages")
            print(f"spark: raw tables ready as Parquet under {lake / 'raw'} ({time.monotonic() - started:.1f} s)",
                  flush=True)
            register_raw(spark, exported)
            succeeded = run_dbt(project_dir, dbt_args)
            tables = built_tables(spark)
    finally:
        spark.stop()
    if dbt:
        copy_into_duckdb(staged, tables)
        succeeded = create_staging_views(staged, project_dir) and succeeded
        print(f"spark: {len(tables)} tables copied into {staged} ({time.monotonic() - started:.1f} s in all)",
              flush=True)
    return succeeded


def _load(spark, paths: Sequence[str], staged: Path, lake: Path) -> None:
    from ingest.spark.load import load

    stats = load(spark, paths, staged, lake)
    rejects = ", ".join(f"{count} {reason}" for reason, count in sorted(stats.rejects.items()))
    print(f"spark: loaded {stats.pages_inserted} pages ({stats.pages_seen} read, {stats.pages_skipped_duplicate} "
          f"already stored or repeated), {stats.rejected} rejected{f' ({rejects})' if rejects else ''}, "
          f"{sum(stats.skipped.values())} records skipped, load {stats.load_id}, status {stats.status} "
          f"({stats.elapsed_seconds:.1f} s)", flush=True)


def _raw_pages_count(staged: Path) -> int:
    if not staged.exists():
        return 0
    with duckdb.connect(str(staged), read_only=True) as connection:
        present = connection.execute("select count(*) from information_schema.tables "
                                     "where table_schema = 'raw' and table_name = 'pages'").fetchone()[0]
        return connection.execute("select count(*) from raw.pages").fetchone()[0] if present else 0


def main(argv: Sequence[str] | None = None) -> int:
    import argparse

    from ingest.discover import MissingPaths, check_paths

    parser = argparse.ArgumentParser(prog="python -m ingest.spark.build",
                                     description="The load and dbt steps of an ENGINE=spark build, on a DuckDB file.")
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--project-dir", type=Path, required=True)
    parser.add_argument("--lake", type=Path, help="directory of the Parquet tables (default: beside --db)")
    parser.add_argument("--load", nargs="+", default=[], metavar="PATH",
                        help="load these inputs first, with the readers in Spark tasks (as `python -m ingest load`)")
    parser.add_argument("--no-dbt", action="store_true", help="only the load")
    parser.add_argument("dbt_args", nargs="*")
    arguments = parser.parse_args(argv)
    lake = arguments.lake or lake_dir(arguments.db)
    try:
        check_paths(arguments.load)
    except MissingPaths as error:
        print(f"load: {error}", file=sys.stderr)
        return 2
    succeeded = build_spark_steps(arguments.db, arguments.project_dir, arguments.dbt_args, lake,
                                  load_paths=arguments.load, dbt=not arguments.no_dbt)
    return 0 if succeeded else 1


if __name__ == "__main__":
    raise SystemExit(main())
