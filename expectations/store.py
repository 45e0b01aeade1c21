"""The dq schema in the warehouse: one row per suite run, per expectation result and per offending row."""

from __future__ import annotations

import duckdb

DDL = (
    "create schema if not exists dq",
    """create table if not exists dq.validation_runs (
        run_id varchar not null, run_at timestamp not null, suite varchar not null, table_name varchar not null,
        severity varchar not null, success boolean not null, evaluated_expectations integer not null,
        failed_expectations integer not null, rows_checked bigint not null, rows_with_defects bigint not null
        )""",
    """create table if not exists dq.expectation_results (
        run_id varchar not null, suite varchar not null, expectation varchar not null, "column" varchar not null,
        severity varchar not null, success boolean not null, mostly double, element_count bigint not null,
        unexpected_count bigint not null, unexpected_percent double, observed_value varchar
        )""",
    """create table if not exists dq.defects (
        run_id varchar not null, suite varchar not null, table_name varchar not null, key varchar not null,
        "check" varchar not null, severity varchar not null, detail varchar
        )""",
)


def ensure_schema(con: duckdb.DuckDBPyConnection) -> None:
    for statement in DDL:
        con.execute(statement)


def insert_defects(con: duckdb.DuckDBPyConnection, run_id: str, suite, indicator_table: str) -> None:
    """Copy every offending row of every check straight from the indicator table (no round trip to Python),
    in one statement for all checks of the suite (one parallel pass instead of one insert per check).
    No primary keys on dq.*: index upkeep made million-row inserts ~10x slower; a key appears once per
    (run, suite, check) because the indicator table has one row per row of the checked table."""
    if not suite.checks:
        return
    offending = " union all ".join(
        f"select key, '{check.name}' as check_name, {check.detail_sql} as detail from {indicator_table} where {check.name}"
        for check in suite.checks
    )
    con.execute(
        f"insert into dq.defects select ?, ?, ?, key, check_name, ?, detail from ({offending})",
        [run_id, suite.name, suite.table, suite.severity],
    )


def insert_run(con: duckdb.DuckDBPyConnection, run_id: str, run_at, outcome) -> None:
    failed = sum(not r.success for r in outcome.results)
    con.execute(
        "insert into dq.validation_runs values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [run_id, run_at, outcome.suite.name, outcome.suite.table, outcome.suite.severity, outcome.success,
         len(outcome.results), failed, outcome.rows_checked, outcome.rows_with_defects],
    )
    con.executemany(
        "insert into dq.expectation_results values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        [[run_id, outcome.suite.name, r.expectation, r.column, outcome.suite.severity, r.success, r.mostly,
          r.element_count, r.unexpected_count, r.unexpected_percent, r.observed_value] for r in outcome.results],
    )


def defect_examples(con: duckdb.DuckDBPyConnection, run_id: str, suite_name: str, check: str,
                    limit: int) -> list[tuple[str, str]]:
    return con.execute(
        """select key, detail from dq.defects where run_id = ? and suite = ? and "check" = ?
           order by key limit ?""",
        [run_id, suite_name, check, limit],
    ).fetchall()
