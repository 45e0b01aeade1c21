"""`python -m bench.spark_load --pages N`: the load step alone, ENGINE=duckdb beside ENGINE=spark, on one corpus.

Each engine loads the same generated corpus into an empty warehouse through `python -m ingest build --steps load`
(the staged copy and publish included, as `make build` runs it), measured as bench/measure.py measures a stage
(wall time, peak RSS of the whole process tree: the loader, or the JVM and Spark's Python workers). Then the raw
tables of the two files are compared (pages by every column but the load's, rejects, notes, the loads counters).
Prints a Markdown table for docs/scaling.md. SPARK_MASTER (default local[*]) picks the Spark master.
"""

from __future__ import annotations

import argparse
import shutil
import sys
from pathlib import Path

import duckdb

from bench import measure
from bench.spark_side_by_side import generated_inputs

REPO = Path(__file__).resolve().parents[1]
MIB = 1024 * 1024
COMPARED = {
    "pages": "page_id, url, site, source_uri, fetched_at, content_format, body, content_sha256, byte_length",
    "rejects": "source_uri, reason, detail",
    "notes": "source_uri, kind, detail",
    "loads": "pages_seen, pages_inserted, pages_skipped_duplicate, inputs_rejected, records_skipped, status",
}


def differing_rows(left: Path, right: Path) -> dict[str, tuple[int, int, int]]:
    """(rows in left, rows in right, rows of either not in the other) per raw table."""
    with duckdb.connect() as connection:
        connection.execute(f"attach '{left}' as l (read_only)")
        connection.execute(f"attach '{right}' as r (read_only)")
        result = {}
        for table, columns in COMPARED.items():
            counts = [connection.execute(f"select count(*) from {side}.raw.{table}").fetchone()[0] for side in "lr"]
            differ = connection.execute(
                f"select count(*) from ((select {columns} from l.raw.{table} except all select {columns} from r.raw.{table})"
                f" union all (select {columns} from r.raw.{table} except all select {columns} from l.raw.{table}))"
            ).fetchone()[0]
            result[table] = (*counts, differ)
        return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.spark_load")
    parser.add_argument("--pages", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--out-dir", type=Path, default=REPO / "build" / "bench-spark-load")
    arguments = parser.parse_args(argv)
    out = arguments.out_dir
    corpus = out / "corpus"
    inputs = generated_inputs(corpus, arguments.pages, arguments.seed, out / "logs" / "generate.log")
    if inputs is None:
        return 1
    rows, warehouses = [], {}
    for engine in ("duckdb", "spark"):
        warehouse = out / engine / "warehouse.duckdb"
        shutil.rmtree(warehouse.parent, ignore_errors=True)
        warehouse.parent.mkdir(parents=True)
        command = [sys.executable, "-m", "ingest", "build", *inputs, "--steps", "load", "--db", str(warehouse),
                   "--engine", engine]
        measured = measure.run(command, log=out / "logs" / f"load-{engine}.log", cwd=REPO)
        rows.append((f"load, ENGINE={engine}", measured))
        warehouses[engine] = warehouse
    print(f"| {arguments.pages:,} pages | status | wall s | peak RSS MiB |")
    print("|---|---|---:|---:|")
    for name, measured in rows:
        print(f"| {name} | {'ok' if measured.ok else 'FAILED'} | {measured.wall_s:.1f} | {measured.peak_rss_bytes / MIB:,.0f} |")
    if not all(measured.ok for _, measured in rows):
        return 1
    print("\n| raw table | rows (DuckDB load) | rows (Spark load) | rows that differ |\n|---|---:|---:|---:|")
    comparison = differing_rows(warehouses["duckdb"], warehouses["spark"])
    for table, (left, right, differ) in comparison.items():
        print(f"| {table} | {left:,} | {right:,} | {differ:,} |")
    return 0 if all(differ == 0 for *_, differ in comparison.values()) else 1


if __name__ == "__main__":
    raise SystemExit(main())
