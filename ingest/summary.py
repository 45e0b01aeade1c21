"""Print where a warehouse is and what it holds: rows per table of the raw, marts and dq schemas."""

from __future__ import annotations

import argparse
import os
import shlex
import sys
from pathlib import Path

import duckdb

SCHEMAS = ("raw", "marts", "dq")


def table_counts(warehouse: Path) -> list[tuple[str, int]]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        tables = con.sql(
            "select table_schema, table_name from information_schema.tables "
            f"where table_schema in {SCHEMAS} order by table_schema, table_name"
        ).fetchall()
        return [
            (f"{schema}.{name}", con.sql(f'select count(*) from "{schema}"."{name}"').fetchall()[0][0])
            for schema, name in tables
        ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.summary", description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="the warehouse file")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"no warehouse at {args.db}; run `make build` first")
    counts = table_counts(args.db)
    size_mb = args.db.stat().st_size / 1e6
    print(f"warehouse: {args.db.resolve()} ({size_mb:.1f} MB)")
    width = max((len(name) for name, _ in counts), default=0)
    for name, rows in counts:
        print(f"  {name:<{width}}  {rows:>10,} rows")
    print(query_hint(args.db))
    return 0


def query_hint(warehouse: Path) -> str:
    """How to query this warehouse with what the project installs (no separate DuckDB CLI is needed)."""
    shown = _relative(warehouse)
    command = shlex.join([_relative(Path(sys.executable).with_name("pagewarehouse")), "sql", "--db", shown,
                          "select site, count(*) as articles from marts.articles group by all"])
    make_variables = "" if shown == "warehouse.duckdb" else f" WAREHOUSE={shlex.quote(shown)}"
    return f"query it: {command}  |  SQL prompt: make sql{make_variables}  |  dashboard: make dashboard{make_variables}"


def _relative(path: Path) -> str:
    """The path as typed from the working directory when it lies below it, else absolute."""
    absolute = Path(os.path.abspath(path))
    try:
        return str(absolute.relative_to(Path.cwd()))
    except ValueError:
        return str(absolute)


if __name__ == "__main__":
    raise SystemExit(main())
