"""Export article bodies from a built warehouse as JSON {input file stem: body}, for offline scoring."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import duckdb

# One body per input file: the file name without its extensions names the page in labelled benchmarks.
_EXPORT_SQL = """
select
    regexp_replace(regexp_extract(p.source_uri, '[^/]+$'), '\\..*$', '') as stem,
    a.body
from raw.pages as p
left join marts.articles as a on a.page_id = p.page_id
order by stem
"""


def export_bodies(warehouse: Path) -> dict[str, str]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.sql(_EXPORT_SQL).fetchall()
    return {stem: body or "" for stem, body in rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.export_articles", description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="warehouse built by `make build`")
    parser.add_argument("--out", type=Path, required=True, help="JSON file to write")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"no warehouse at {args.db}")
    bodies = export_bodies(args.db)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(bodies, ensure_ascii=False), encoding="utf-8")
    print(f"exported {len(bodies)} article bodies to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
