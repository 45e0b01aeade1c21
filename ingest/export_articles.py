"""Export article bodies from a built warehouse as JSON {input file stem: body}, for offline scoring."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import duckdb

# One body per input file: the file name without its format extensions names the page in labelled benchmarks
# (only those: "bbc.co.uk_news_01.html.gz" is the page "bbc.co.uk_news_01"); with the parent folder, the key
# also names the dataset ("cleanportaleval/bbc.co.uk_news_01").
_STEM_SQL = r"regexp_replace(regexp_extract(p.source_uri, '{path}$'), '(\.(html?|xhtml|txt|md))?(\.gz)?$', '')"
_EXPORT_SQL = """
select {stem} as stem, a.body
from raw.pages as p
left join marts.articles as a on a.page_id = p.page_id
order by stem
"""


def export_bodies(warehouse: Path, *, key_parent: bool = False) -> dict[str, str]:
    stem = _STEM_SQL.format(path="[^/]+/[^/]+" if key_parent else "[^/]+")
    with duckdb.connect(str(warehouse), read_only=True) as con:
        rows = con.sql(_EXPORT_SQL.format(stem=stem)).fetchall()
    return {stem: body or "" for stem, body in rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m ingest.export_articles", description=__doc__)
    parser.add_argument("--db", type=Path, required=True, help="warehouse built by `make build`")
    parser.add_argument("--out", type=Path, required=True, help="JSON file to write")
    parser.add_argument("--key-parent", action="store_true", help="key bodies by <parent folder>/<file stem>")
    args = parser.parse_args(argv)
    if not args.db.is_file():
        parser.error(f"no warehouse at {args.db}")
    bodies = export_bodies(args.db, key_parent=args.key_parent)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(bodies, ensure_ascii=False), encoding="utf-8")
    print(f"exported {len(bodies)} article bodies to {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
