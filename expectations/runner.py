"""Run the suites: indicators in DuckDB, streamed in chunks through GX, merged, stored in the warehouse."""

from __future__ import annotations

import datetime as dt
import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from expectations import store, textsql, thresholds
from expectations.project import PROJECT_ROOT, Project
from expectations.suites import ALL_SUITES, ARTICLES, CLEANUP_SQL, CONTRACT, PREPARE_SQL, SOURCE_TABLES, Suite


# DuckDB's own memory while the suites compute their indicators (paragraphs and three-word windows of every body,
# joined); it spills to disk beyond it. Its default, 80% of RAM, let the suites of a 100k-page warehouse reach 6.1 GB.
MEMORY_LIMIT_ENV = "PAGEWAREHOUSE_DQ_MEMORY_LIMIT"
DEFAULT_MEMORY_LIMIT = "2GB"


class MissingTablesError(RuntimeError):
    """The warehouse lacks a table the suites read (run `make build` first)."""


@dataclass
class ExpectationOutcome:
    """One expectation's result merged over all chunks."""

    check: str
    expectation: str
    mostly: float
    success: bool = True
    element_count: int = 0
    missing_count: int = 0
    unexpected_count: int = 0
    example_keys: list[str] = field(default_factory=list)

    @property
    def column(self) -> str:
        return self.check

    @property
    def unexpected_percent(self) -> float | None:
        checked = self.element_count - self.missing_count
        return 100.0 * self.unexpected_count / checked if checked else None

    @property
    def observed_value(self) -> str:
        return f"{self.unexpected_count} of {self.element_count - self.missing_count} rows"

    def add_chunk(self, result: dict) -> None:
        self.element_count += result.get("element_count") or 0
        self.missing_count += result.get("missing_count") or 0
        self.unexpected_count += result.get("unexpected_count") or 0
        room = thresholds.EXAMPLE_ROWS - len(self.example_keys)
        if room > 0:
            self.example_keys += list(result.get("partial_unexpected_index_list") or [])[:room]

    def settle(self) -> None:
        """GX's rule for `mostly`, applied to the merged counts."""
        checked = self.element_count - self.missing_count
        self.success = checked == 0 or (checked - self.unexpected_count) / checked >= self.mostly


@dataclass
class SuiteOutcome:
    suite: Suite
    results: list[ExpectationOutcome]
    rows_checked: int = 0
    rows_with_defects: int = 0

    @property
    def success(self) -> bool:
        return all(r.success for r in self.results)

    @property
    def is_blocking_failure(self) -> bool:
        return self.suite.severity == CONTRACT and not self.success


@dataclass
class RunReport:
    run_id: str
    run_at: dt.datetime
    outcomes: list[SuiteOutcome]
    docs_index: Path | None
    failure_examples: dict[tuple[str, str], list[tuple[str, str]]]

    @property
    def success(self) -> bool:
        return not any(o.is_blocking_failure for o in self.outcomes)


def run(db_path: str | Path, *, project_root: Path = PROJECT_ROOT, suites: tuple[Suite, ...] = ALL_SUITES,
        chunk_rows: int = thresholds.CHUNK_ROWS, build_docs: bool = True) -> RunReport:
    """Validate `suites` against the warehouse at `db_path` and append the results to its dq schema."""
    run_at = dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    run_id = f"{run_at:%Y%m%dT%H%M%SZ}-{uuid.uuid4().hex[:8]}"
    project = Project(project_root)
    con = duckdb.connect(str(db_path), config={"memory_limit": os.environ.get(MEMORY_LIMIT_ENV, DEFAULT_MEMORY_LIMIT)})
    try:
        _require_tables(con)
        textsql.install(con)
        store.ensure_schema(con)
        for statement in PREPARE_SQL:
            con.execute(statement)
        outcomes, keys = [], []
        for suite in suites:
            outcome, result = _validate_suite(con, project, suite, run_id, chunk_rows)
            outcomes.append(outcome)
            keys.append(project.store_result(result, run_id, run_at.replace(tzinfo=None), suite.table))
            store.insert_run(con, run_id, run_at.replace(tzinfo=None), outcome)
        for statement in CLEANUP_SQL:
            con.execute(statement)
        examples = {
            (o.suite.name, r.check): store.defect_examples(con, run_id, o.suite.name, r.check, thresholds.EXAMPLE_ROWS)
            for o in outcomes for r in o.results if not r.success
        }
    finally:
        con.close()
    docs_index = project.build_docs(keys) if build_docs else None
    return RunReport(run_id, run_at, outcomes, docs_index, examples)


def _require_tables(con: duckdb.DuckDBPyConnection) -> None:
    present = {f"{schema}.{name}" for schema, name in con.sql(
        "select table_schema, table_name from information_schema.tables").fetchall()}
    missing = [table for table in SOURCE_TABLES if table not in present]
    if missing:
        raise MissingTablesError(f"warehouse lacks {', '.join(missing)}: build it first (make build)")


def _validate_suite(con, project: Project, suite: Suite, run_id: str, chunk_rows: int):
    indicator_table = f"dq_indicators_{suite.name}"
    batches = page_batches(con) if suite.pages_sql else [None]
    con.execute(suite.materialize_sql(indicator_table, batches[0]))
    for pages in batches[1:]:
        con.execute(suite.append_sql(indicator_table, pages))
    gx_suite = project.save_suite(suite.expectation_suite())
    # Examples come back as the frame's index: the indicator table's rowid, mapped back to keys below.
    # (GX's unexpected_index_column_names builds a dict per unexpected row: minutes at a million defects.)
    result_format = {"result_format": "SUMMARY", "partial_unexpected_count": thresholds.EXAMPLE_ROWS}
    checks = [c.name for c in suite.checks]
    merged = [ExpectationOutcome(c.name, "expect_column_values_to_be_in_set", thresholds.MOSTLY[c.name])
              for c in suite.checks]
    columns = ", ".join(["rowid as row_id", *checks])
    reader = con.sql(f"select {columns} from {indicator_table}").to_arrow_reader(chunk_rows)
    last_result = None
    for batch in reader:
        last_result = project.validate(gx_suite, batch.to_pandas().set_index("row_id").rename_axis(None), result_format)
        _merge(merged, last_result)
    if last_result is None:
        empty = con.sql(f"select {columns} from {indicator_table} limit 0").arrow().read_all().to_pandas()
        empty = empty.set_index("row_id").rename_axis(None)
        last_result = project.validate(gx_suite, empty, result_format)
        _merge(merged, last_result)
    for outcome in merged:
        outcome.settle()
        outcome.example_keys = _keys_of_rows(con, indicator_table, outcome.example_keys)
    any_defect = " or ".join(checks)
    rows_checked, rows_with_defects = con.sql(
        f"select count(*), count(*) filter (where {any_defect}) from {indicator_table}").fetchall()[0]
    store.insert_defects(con, run_id, suite, indicator_table)
    con.execute(f"drop table {indicator_table}")
    outcome = SuiteOutcome(suite, merged, rows_checked, rows_with_defects)
    return outcome, _as_merged_result(last_result, merged)


def page_batches(con, batch_chars: int | None = None) -> list[str | None]:
    """Predicates on page_id that split the articles into consecutive page_id ranges of about `batch_chars`
    characters of body each (a page longer than that is a batch of its own); every page, a null page_id too, is
    in exactly one. [None] (no predicate: the whole table) when one batch holds them all."""
    starts = [start for (start,) in con.execute(f"""
        select min(page_id) from (
            select page_id, sum(chars) over (order by page_id rows between unbounded preceding and current row) as upto
            from (select page_id, sum(coalesce(length(body), 0) + {thresholds.BATCH_ARTICLE_CHARS}) as chars
                  from {ARTICLES} where page_id is not null group by page_id))
        group by (upto - 1) // {int(batch_chars or thresholds.BATCH_BODY_CHARS)} order by 1""").fetchall()]
    if len(starts) <= 1:
        return [None]
    bounds = [textsql.sql_literal(start) for start in starts]
    batches = [f"page_id < {bounds[1]}"]
    batches += [f"page_id >= {low} and page_id < {high}" for low, high in zip(bounds[1:-1], bounds[2:])]
    batches.append(f"(page_id >= {bounds[-1]} or page_id is null)")
    return batches


def _keys_of_rows(con, indicator_table: str, row_ids: list[int]) -> list[str]:
    if not row_ids:
        return []
    return [key for (key,) in con.execute(
        f"select key from {indicator_table} where rowid in (select unnest(?::bigint[])) order by rowid",
        [[int(r) for r in row_ids]]).fetchall()]


def _merge(merged: list[ExpectationOutcome], suite_result) -> None:
    by_column = {r.expectation_config.kwargs["column"]: r for r in suite_result.results}
    for outcome in merged:
        outcome.add_chunk(by_column[outcome.check].result)


def _as_merged_result(suite_result, merged: list[ExpectationOutcome]):
    """Rewrite the last chunk's GX result with the merged counts, so Data Docs show the whole table."""
    by_column = {m.check: m for m in merged}
    for result in suite_result.results:
        outcome = by_column[result.expectation_config.kwargs["column"]]
        result.success = outcome.success
        result.result.update(
            element_count=outcome.element_count,
            missing_count=outcome.missing_count,
            unexpected_count=outcome.unexpected_count,
            unexpected_percent=outcome.unexpected_percent,
            unexpected_percent_nonmissing=outcome.unexpected_percent,
            partial_unexpected_index_list=outcome.example_keys,
        )
    successful = sum(m.success for m in merged)
    suite_result.success = successful == len(merged)
    suite_result.statistics.update(
        successful_expectations=successful,
        unsuccessful_expectations=len(merged) - successful,
        success_percent=100.0 * successful / len(merged) if merged else 100.0,
    )
    return suite_result
