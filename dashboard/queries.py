"""Every SQL query the dashboard runs: read-only DuckDB, results cached until the warehouse file changes."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import duckdb
import pandas as pd
import streamlit as st

DEFAULT_WAREHOUSE = Path(__file__).resolve().parents[1] / "warehouse.duckdb"

# The day an article belongs to; undated pages (plain-text dumps) have neither timestamp.
ARTICLE_DAY = "cast(coalesce(published_at, fetched_at) as date)"


@dataclass(frozen=True)
class Filters:
    """The sidebar's choices; an empty `sites` means every site."""

    sites: tuple[str, ...]
    start: date
    end: date
    include_undated: bool

    def params(self) -> dict:
        return {"sites": list(self.sites), "start": self.start, "end": self.end,
                "include_undated": self.include_undated}


SITE_MATCHES = "(len($sites) = 0 or list_contains($sites, {column}))"
DAY_MATCHES = "({column} between $start and $end or ({column} is null and $include_undated))"
FILTERED_ARTICLES = f"""
    select *, {ARTICLE_DAY} as day from marts.articles
    where {SITE_MATCHES.format(column="site")} and {DAY_MATCHES.format(column=ARTICLE_DAY)}
"""


def warehouse_path() -> Path:
    return Path(os.environ.get("WAREHOUSE") or DEFAULT_WAREHOUSE)


def warehouse_version(path: Path) -> tuple[int, ...]:
    """Identity of the file and its write-ahead log: a build swaps in a new file (new inode), and a write in place
    changes a size or a modification time."""
    wal = path.with_name(path.name + ".wal")
    version = [path.stat().st_ino, path.stat().st_size, path.stat().st_mtime_ns]
    if wal.exists():
        version += [wal.stat().st_size, wal.stat().st_mtime_ns]
    return tuple(version)


@st.cache_data(show_spinner=False, max_entries=256)
def _run(path: str, version: tuple[int, ...], sql: str, params: dict | None) -> pd.DataFrame:
    # A connection per query: it never keeps a build out, and it opens whichever file is published now.
    with duckdb.connect(path, read_only=True) as con:
        return con.sql(sql, params=params).df()


class Warehouse:
    """The queries behind each section, over one warehouse file at one version."""

    def __init__(self, path: Path):
        self.path = path
        self.version = warehouse_version(path)

    def _query(self, sql: str, params: dict | None = None) -> pd.DataFrame:
        return _run(str(self.path), self.version, sql, params)

    def _filtered(self, sql: str, filters: Filters, **extra) -> pd.DataFrame:
        # DuckDB rejects named parameters that the statement does not use.
        params = {name: value for name, value in {**filters.params(), **extra}.items()
                  if re.search(rf"\${name}\b", sql)}
        return self._query(sql, params)

    def tables(self) -> frozenset[str]:
        frame = self._query("""select table_schema || '.' || table_name as name from information_schema.tables
                               where table_schema in ('marts', 'dq')""")
        return frozenset(frame["name"])

    def missing(self, *tables: str) -> list[str]:
        present = self.tables()
        return [table for table in tables if table not in present]

    def site_names(self) -> list[str]:
        return self._query("select site from marts.sites order by article_count desc, site")["site"].tolist()

    def date_bounds(self) -> tuple[date, date] | None:
        """First and last day with an article or a teaser sighting."""
        frame = self._query(f"""
            with days as (
                select {ARTICLE_DAY} as day from marts.articles
                union all select cast(first_seen_at as date) from marts.teasers
                union all select cast(last_seen_at as date) from marts.teasers
            )
            select min(day) as first_day, max(day) as last_day from days""")
        first, last = frame.iloc[0]
        return None if pd.isna(first) else (pd.Timestamp(first).date(), pd.Timestamp(last).date())

    def articles_per_day(self, filters: Filters) -> pd.DataFrame:
        return self._filtered(f"""
            select day, site, count(*) as articles from ({FILTERED_ARTICLES})
            where day is not null group by all order by day, site""", filters)

    def sites(self, filters: Filters) -> pd.DataFrame:
        return self._filtered(f"""
            select * from marts.sites where {SITE_MATCHES.format(column="site")}
            order by article_count desc, site""", filters)

    def search_articles(self, filters: Filters, term: str, limit: int = 200) -> pd.DataFrame:
        """Articles whose title or body holds `term` (case-insensitive, literal), newest first."""
        return self._filtered(f"""
            select article_id, site, day, title, dek, body, author, word_count, is_truncated, url
            from ({FILTERED_ARTICLES})
            where $term = '' or contains(lower(title), lower($term)) or contains(lower(body), lower($term))
            order by day desc nulls last, site, title limit $limit""", filters, term=term, limit=limit)

    def top_entities(self, filters: Filters, limit: int) -> pd.DataFrame:
        return self._filtered(f"""
            select e.entity_id, e.name, e.entity_type, count(distinct a.article_id) as articles,
                   sum(ae.mention_count) as mentions, array_to_string(e.aliases, ', ') as aliases
            from ({FILTERED_ARTICLES}) a
            join marts.article_entities ae using (article_id)
            join marts.entities e using (entity_id)
            group by all order by articles desc, mentions desc, e.name limit $limit""", filters, limit=limit)

    def entity_trend(self, filters: Filters, entity_ids: list[str]) -> pd.DataFrame:
        """Articles per day mentioning each entity; from article_entities so the site filter applies."""
        return self._filtered(f"""
            select a.day, e.name, count(distinct a.article_id) as articles
            from ({FILTERED_ARTICLES}) a
            join marts.article_entities ae using (article_id)
            join marts.entities e using (entity_id)
            where a.day is not null and list_contains($entity_ids, e.entity_id)
            group by all order by a.day, e.name""", filters, entity_ids=entity_ids)

    def taxonomies(self) -> list[str]:
        return self._query("select distinct taxonomy from marts.topics order by taxonomy")["taxonomy"].tolist()

    def topic_mix_per_site(self, filters: Filters, taxonomy: str) -> pd.DataFrame:
        """Articles per site and primary topic of one taxonomy."""
        return self._filtered(f"""
            select a.site, t.label as topic, count(distinct a.article_id) as articles
            from ({FILTERED_ARTICLES}) a
            join marts.article_topics topic_links using (article_id)
            join marts.topics t using (topic_id)
            where topic_links.is_primary and t.taxonomy = $taxonomy
            group by all order by a.site, articles desc""", filters, taxonomy=taxonomy)

    def topic_trend(self, filters: Filters, taxonomy: str) -> pd.DataFrame:
        return self._filtered(f"""
            select day, label as topic, sum(articles) as articles from marts.topic_daily
            where taxonomy = $taxonomy and {SITE_MATCHES.format(column="site")}
              and day between $start and $end
            group by all order by day, topic""", filters, taxonomy=taxonomy)

    def topics(self, taxonomy: str) -> pd.DataFrame:
        return self._query("""
            select label, article_count, array_to_string(top_terms, ', ') as top_terms, topic_id
            from marts.topics where taxonomy = $taxonomy order by article_count desc, label""",
                           {"taxonomy": taxonomy})

    def defect_rates_per_site(self, filters: Filters) -> pd.DataFrame:
        """Share of each site's checked rows that every check of each suite's latest run flagged."""
        return self._filtered(f"""
            with latest_runs as (
                select run_id, suite, table_name from dq.validation_runs
                qualify row_number() over (partition by suite order by run_at desc) = 1
            ),
            checks as (
                select r.run_id, r.suite, r.table_name, x."column" as check_name
                from latest_runs r join dq.expectation_results x using (run_id, suite)
            ),
            -- dq.defects keys rows the way each suite's indicator query does
            checked_rows as (
                select 'marts.articles' as table_name, article_id as key, site from marts.articles
                union all
                select 'marts.teasers', teaser_id, site from marts.teasers
                union all
                select 'marts.teaser_sightings', s.page_id || '#' || s.position, t.site
                from marts.teaser_sightings s join marts.teasers t using (teaser_id)
            )
            select c.suite, c.check_name, r.site, count(f.key) as flagged_rows, count(*) as checked_rows,
                   count(f.key) / count(*) as flagged_share
            from checks c
            join checked_rows r on r.table_name = c.table_name
            left join dq.defects f on f.run_id = c.run_id and f.suite = c.suite
                                  and f."check" = c.check_name and f.key = r.key
            where {SITE_MATCHES.format(column="r.site")}
            group by all order by c.suite, c.check_name, r.site""", filters)

    def latest_suite_runs(self) -> pd.DataFrame:
        return self._query("""
            select suite, table_name, severity, success, failed_expectations, evaluated_expectations,
                   rows_checked, rows_with_defects, run_at, run_id
            from dq.validation_runs
            qualify row_number() over (partition by suite order by run_at desc) = 1
            order by severity, suite""")

    def most_repeated_teasers(self, filters: Filters, limit: int) -> pd.DataFrame:
        """Teasers seen during the date range, most sightings first, with the article each one links to."""
        return self._filtered(f"""
            select t.site, t.title, t.snippet, t.sighting_count, t.page_count, t.has_title_echo,
                   t.is_truncated, t.truncation_reason, a.title as article_title, a.url as article_url,
                   cast(t.first_seen_at as date) as first_seen, cast(t.last_seen_at as date) as last_seen
            from marts.teasers t left join marts.articles a using (article_id)
            where {SITE_MATCHES.format(column="t.site")}
              and ((cast(t.first_seen_at as date) <= $end and cast(t.last_seen_at as date) >= $start)
                   or (t.first_seen_at is null and $include_undated))
            order by t.sighting_count desc, t.page_count desc, t.site, t.title limit $limit""",
                              filters, limit=limit)
