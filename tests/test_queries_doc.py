"""docs/queries.md: every query in it runs on the sample warehouse and returns sane rows with the documented columns.

The queries and their column lists are read from the document itself, so the document and this test cannot drift;
what "sane" means for each is written here, per title.
"""

from __future__ import annotations

import math
import re
import shutil
import subprocess
import sys
from collections import defaultdict
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.integration

REPO_ROOT = Path(__file__).resolve().parents[1]
QUERIES_DOC = REPO_ROOT / "docs" / "queries.md"
SECTION = re.compile(r"^## (\d+)\. (.+?)\n(.*?)```sql\n(.*?)\n```\n\nColumns: (.+?)$", re.S | re.M)
TRUNCATION_REASONS = {"cut_mid_word", "cut_mid_sentence", "ellipsis", "read_more", "cut_entity", "bait", "paywall"}


def documented_queries() -> dict[str, tuple[str, list[str]]]:
    text = QUERIES_DOC.read_text(encoding="utf-8")
    sections = SECTION.findall(text)
    assert len(sections) == text.count("\n## "), "every section has one sql block and a Columns line"
    return {title: (sql, re.findall(r"`([^`]+)`", columns)) for _, title, _, sql, columns in sections}


QUERIES = documented_queries()


@pytest.fixture(scope="module")
def warehouse(sample_warehouse, tmp_path_factory) -> Path:
    """A copy of the sample warehouse with a few rejected inputs loaded (the sample itself has none)."""
    tmp = tmp_path_factory.mktemp("queries_doc")
    copy = tmp / sample_warehouse.name
    shutil.copyfile(sample_warehouse, copy)
    bad = tmp / "bad"
    bad.mkdir()
    (bad / "empty.html").write_bytes(b"")
    (bad / "broken.jsonl").write_text('{"url": "https://bad.example/a", "html": "<p>ok</p>"}\n{"url": \n',
                                      encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "ingest", "load", str(bad), "--db", str(copy)],
                            capture_output=True, text=True, cwd=REPO_ROOT)
    assert result.returncode == 0, result.stderr
    return copy


def run(warehouse: Path, title: str) -> list[dict]:
    sql, columns = QUERIES[title]
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        cursor = connection.execute(sql)
        names = [column[0] for column in cursor.description]
        rows = [dict(zip(names, row)) for row in cursor.fetchall()]
    assert names == columns, f"{title}: columns {names} differ from the documented {columns}"
    assert rows, f"{title}: no rows on the sample warehouse"
    return rows


def scalar(warehouse: Path, sql: str):
    with duckdb.connect(str(warehouse), read_only=True) as connection:
        return connection.execute(sql).fetchone()[0]


def test_the_document_has_the_ten_queries_of_the_issue():
    assert len(QUERIES) == 10
    assert set(QUERIES) == set(CHECKS), "each documented query has its checks below, and each check a query"


def check_articles_per_site_per_day(rows, warehouse):
    assert sum(row["articles"] for row in rows) == scalar(warehouse, "select count(*) from marts.articles")
    for row in rows:
        assert row["day"] is not None and row["site"]
        assert 0 <= row["truncated_articles"] <= row["articles"]
        assert 0 <= row["canonical_articles"] <= row["articles"]
    days = [row["day"] for row in rows]
    assert days == sorted(days, reverse=True)


def check_most_repeated_teasers(rows, warehouse):
    assert len(rows) <= 20
    sightings = [row["sightings"] for row in rows]
    assert sightings == sorted(sightings, reverse=True)
    for row in rows:
        assert row["sightings"] >= row["pages"] >= 1
        assert row["site_count"] == len(row["sites"].split(", "))
    assert any(row["site_count"] > 1 for row in rows), "the sample repeats teasers across sites"
    top = rows[0]
    assert top["sightings"] == scalar(
        warehouse, "select max(n) from (select sum(sighting_count) as n from marts.teasers group by lower(title))")


def check_teasers_echoing_their_title(rows, warehouse):
    assert len({(row["site"], row["title"]) for row in rows}) == len(rows), "one row per teaser"
    for row in rows:
        head = " ".join(row["title"].lower().split()[:3])
        assert head in row["raw_snippet"].lower(), f"the scraped snippet repeats the title: {row}"
        assert len(row["snippet_without_echo"]) < len(row["raw_snippet"])
        assert not row["snippet_without_echo"].lower().startswith(row["title"].lower())


def check_truncated_bodies(rows, warehouse):
    assert sum(row["truncated_articles"] for row in rows) == scalar(
        warehouse, "select count(*) from marts.articles where is_truncated")
    for row in rows:
        assert row["truncation_reason"] in TRUNCATION_REASONS
        assert 0 < row["percent_of_site_articles"] <= 100
        assert row["example_ending"]


def check_near_duplicates_across_sites(rows, warehouse):
    for row in rows:
        sites = row["sites"].split(", ")
        assert row["site_count"] == len(sites) >= 2
        assert row["copies"] >= row["site_count"]
        assert row["first_site"] is None or row["first_site"] in sites
        assert (row["first_site"] is None) == (row["first_seen_at"] is None)
    assert any(row["first_site"] for row in rows), "the sample has dated copies across sites"


def check_top_entities_this_week(rows, warehouse):
    assert len(rows) <= 20
    mentions = [row["mentions_this_week"] for row in rows]
    assert mentions == sorted(mentions, reverse=True) and mentions[-1] > 0
    for row in rows:
        assert row["change"] == row["mentions_this_week"] - row["mentions_week_before"]
        assert 0 <= row["articles_this_week"] <= row["mentions_this_week"]
        assert row["entity_type"] in {"PERSON", "ORG", "LOC"}


def check_entity_pairs(rows, warehouse):
    counts = [row["article_count"] for row in rows]
    assert counts == sorted(counts, reverse=True) and counts[-1] > 0
    assert all(row["entity_a"] != row["entity_b"] or row["type_a"] != row["type_b"] for row in rows)


def check_topic_mix_per_site(rows, warehouse):
    labels = {label for (label,) in duckdb.connect(str(warehouse), read_only=True)
              .execute("select label from marts.topics where taxonomy = 'iptc'").fetchall()}
    shares = defaultdict(float)
    for row in rows:
        assert row["topic"] in labels
        shares[row["site"]] += row["percent_of_site"]
    assert all(math.isclose(total, 100, abs_tol=0.6) for total in shares.values()), shares


def check_defect_rates(rows, warehouse):
    suites = scalar(warehouse, "select count(distinct suite) from dq.validation_runs")
    assert len({row["suite"] for row in rows}) == suites
    assert len({(row["suite"], row["check_name"]) for row in rows}) == len(rows)
    for row in rows:
        assert row["severity"] in {"error", "warn"}
        assert 0 <= row["rows_flagged"] <= row["rows_checked"]
        assert 0 <= row["percent_flagged"] <= 100
        assert row["success"] is (row["rows_flagged"] == 0) or row["severity"] == "warn"
    assert any(row["rows_flagged"] for row in rows), "the sample has measured defects"


def check_rejected_pages(rows, warehouse):
    by_reason = {row["reason"]: row for row in rows}
    assert {"empty_file", "invalid_json"} <= set(by_reason)
    assert by_reason["empty_file"]["example_input"].endswith("empty.html")
    assert by_reason["invalid_json"]["example_input"].startswith(str(warehouse.parent / "bad" / "broken.jsonl"))
    for row in rows:
        assert row["rejects"] >= row["inputs"] >= 1 and row["example_detail"]
    assert sum(row["rejects"] for row in rows) == scalar(warehouse, "select count(*) from raw.rejects")


CHECKS = {
    "Articles per site per day": check_articles_per_site_per_day,
    "The most repeated teasers and the sites that carry them": check_most_repeated_teasers,
    "Teasers whose snippet echoes their title": check_teasers_echoing_their_title,
    "Truncated bodies by reason": check_truncated_bodies,
    "Near-duplicate groups across sites, and who published first": check_near_duplicates_across_sites,
    "Top entities this week and their trend": check_top_entities_this_week,
    "Entity pairs": check_entity_pairs,
    "Topic mix per site": check_topic_mix_per_site,
    "Defect rates from the quality suites": check_defect_rates,
    "Pages rejected, and why": check_rejected_pages,
}


@pytest.mark.parametrize("title", list(CHECKS))
def test_documented_query(warehouse, title):
    CHECKS[title](run(warehouse, title), warehouse)
