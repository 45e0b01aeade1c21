"""Do two warehouses hold the same marts? Row counts and an order-free fingerprint of every marts.* table.

`python -m bench.compare_marts A.duckdb B.duckdb` prints one line per table and exits 1 when any differs.
The fingerprint is bit_xor of hash(row) over the deterministic columns: timestamps (`*_at`, timestamp types) and
run ids (`*run_id`) change on every build and are left out; everything else must match value for value.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import duckdb

SCHEMA = "marts"


def _deterministic(con: duckdb.DuckDBPyConnection, table: str) -> list[str]:
    columns = con.execute(
        "select column_name, data_type from information_schema.columns where table_schema = ? and table_name = ? "
        "order by ordinal_position", [SCHEMA, table]).fetchall()
    return [name for name, kind in columns
            if not name.endswith(("_at", "run_id")) and "TIMESTAMP" not in kind.upper()]


def fingerprints(db: Path) -> dict[str, tuple[int, int | None, tuple[str, ...]]]:
    """{table: (rows, fingerprint, columns fingerprinted)} for every table of the marts schema."""
    with duckdb.connect(str(db), read_only=True) as con:
        tables = [name for (name,) in con.execute(
            "select table_name from information_schema.tables where table_schema = ? and table_type = 'BASE TABLE' "
            "order by 1", [SCHEMA]).fetchall()]
        out = {}
        for table in tables:
            columns = _deterministic(con, table)
            row = ", ".join(f'"{c}"' for c in columns)
            rows, fingerprint = con.execute(
                f'select count(*), bit_xor(hash(row({row}))) from {SCHEMA}."{table}"').fetchone()
            out[table] = (rows, fingerprint, tuple(columns))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.compare_marts", description=__doc__.splitlines()[0])
    parser.add_argument("before", type=Path)
    parser.add_argument("after", type=Path)
    arguments = parser.parse_args(argv)
    before, after = fingerprints(arguments.before), fingerprints(arguments.after)
    differ = 0
    for table in sorted(set(before) | set(after)):
        left, right = before.get(table), after.get(table)
        same = left is not None and right is not None and left == right
        differ += not same
        shown = lambda v: "missing" if v is None else f"{v[0]:,} rows"  # noqa: E731
        print(f"{'same   ' if same else 'DIFFERS'} {table}: {shown(left)} / {shown(right)}")
    print(f"{len(set(before) | set(after)) - differ} of {len(set(before) | set(after))} marts tables identical")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main())
