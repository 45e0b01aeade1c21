"""Compare the marts of two warehouse files built from the same raw tables (a DuckDB build and a Spark build)."""

from __future__ import annotations

from pathlib import Path

import duckdb

# Key columns of every mart (its unique key in the dbt YAML).
MART_KEYS = {
    "articles": ("article_id",),
    "teasers": ("teaser_id",),
    "teaser_sightings": ("teaser_id", "page_id", "position"),
    "sites": ("site",),
    "daily_overview": ("day", "site"),
    "page_segmentation": ("page_id",),
    "entities": ("entity_id",),
    "article_entities": ("article_id", "entity_id"),
    "entity_mentions": ("mention_id",),
    "entity_daily": ("day", "entity_id"),
    "entity_pairs": ("entity_id_a", "entity_id_b"),
    "topics": ("topic_id",),
    "article_topics": ("article_id", "topic_id"),
    "teaser_topics": ("teaser_id", "topic_id"),
    "topic_daily": ("day", "site", "topic_id"),
}
# Columns whose values differ between any two builds, whatever the engine: when and by which run.
RUN_COLUMNS = {"segmentation_run_id", "segmented_at", "recognized_at", "discovered_at", "fitted_at", "seen_at_run"}
FLOAT_DIGITS = 9


def tables(connection, catalog: str, schema: str = "marts") -> set[str]:
    return {name for (name,) in connection.execute(
        "select table_name from information_schema.tables where table_catalog = ? and table_schema = ?",
        [catalog, schema]).fetchall()}


def _value(column: str, column_type: str) -> str:
    if column_type in ("DOUBLE", "FLOAT") or column_type.startswith("DECIMAL"):
        return f'round(cast("{column}" as double), {FLOAT_DIGITS})'
    return f'cast("{column}" as varchar)'


def compare(left: Path, right: Path) -> dict:
    """{'only_left': [...], 'only_right': [...], 'tables': {table: {'rows': (l, r), 'keys_differ': n,
    'columns': {column: rows that differ}, 'types': {column: (l, r)}}}} over the marts both files have."""
    connection = duckdb.connect()
    connection.execute(f"attach '{left}' as l (read_only)")
    connection.execute(f"attach '{right}' as r (read_only)")
    left_tables, right_tables = tables(connection, "l"), tables(connection, "r")
    report = {"only_left": sorted(left_tables - right_tables), "only_right": sorted(right_tables - left_tables),
              "tables": {}}
    for table in sorted(left_tables & right_tables):
        keys = MART_KEYS[table]
        key_sql = ", ".join(f'cast("{key}" as varchar)' for key in keys)
        left_types = dict(connection.execute(f"select column_name, data_type from information_schema.columns "
                                             f"where table_catalog = 'l' and table_schema = 'marts' and table_name = '{table}'").fetchall())
        right_types = dict(connection.execute(f"select column_name, data_type from information_schema.columns "
                                              f"where table_catalog = 'r' and table_schema = 'marts' and table_name = '{table}'").fetchall())
        rows = tuple(connection.execute(f"select count(*) from {side}.marts.{table}").fetchone()[0] for side in "lr")
        keys_differ = connection.execute(
            f"select count(*) from ((select {key_sql} from l.marts.{table} except all select {key_sql} from r.marts.{table}) "
            f"union all (select {key_sql} from r.marts.{table} except all select {key_sql} from l.marts.{table}))"
        ).fetchone()[0]
        columns = {}
        for column in left_types:
            if column in RUN_COLUMNS or column in keys or column not in right_types:
                continue
            left_value, right_value = _value(column, left_types[column]), _value(column, right_types[column])
            differing = connection.execute(
                f"select count(*) from ((select {key_sql}, {left_value} from l.marts.{table} "
                f"except all select {key_sql}, {right_value} from r.marts.{table}) union all "
                f"(select {key_sql}, {right_value} from r.marts.{table} "
                f"except all select {key_sql}, {left_value} from l.marts.{table}))"
            ).fetchone()[0]
            if differing:
                columns[column] = differing
        report["tables"][table] = {
            "rows": rows,
            "keys_differ": keys_differ,
            "columns": columns,
            "missing_columns": sorted(set(left_types) ^ set(right_types)),
            "types": {column: (left_types[column], right_types[column]) for column in left_types
                      if column in right_types and left_types[column] != right_types[column]},
        }
    return report


if __name__ == "__main__":
    import json
    import sys

    print(json.dumps(compare(Path(sys.argv[1]), Path(sys.argv[2])), indent=1))
