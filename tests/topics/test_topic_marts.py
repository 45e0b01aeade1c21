"""The topic marts on real DuckDB data: real pages loaded, segmented and built by dbt, then rebuilt."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO_ROOT

pytestmark = pytest.mark.integration

BENCHMARK_PAGES = 15
TOPIC_MODELS = "+article_topics +teasers +teaser_sightings +topic_daily"
CONFLICT, POLITICS = "medtop:16000000", "medtop:11000000"
DISASTER, HUMAN_INTEREST, ARTS = "medtop:03000000", "medtop:08000000", "medtop:01000000"


def dbt(warehouse: Path, work: Path, *args: str) -> None:
    env = dict(os.environ, WAREHOUSE=str(warehouse), DBT_PROFILES_DIR=str(REPO_ROOT / "dbt_project"))
    command = [str(Path(sys.executable).with_name("dbt")), *args, "--target-path", str(work / "target"),
               "--log-path", str(work / "logs")]
    completed = subprocess.run(command, cwd=REPO_ROOT / "dbt_project", env=env, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stdout[-4000:]


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.sql(sql).fetchall()


def discovered_topics(warehouse: Path) -> list[tuple]:
    return query(warehouse, "select topic_id, label, top_terms from marts.topics where taxonomy = 'discovered' order by 1")


@pytest.fixture(scope="module")
def warehouse(tmp_path_factory, shared_dir, seed_page_path):
    work = tmp_path_factory.mktemp("topic_marts")
    pages = work / "pages"
    pages.mkdir()
    shutil.copy(seed_page_path, pages)
    for page in sorted((shared_dir / "corpora/article-extraction-benchmark/html").iterdir())[:BENCHMARK_PAGES]:
        shutil.copy(page, pages)
    warehouse = work / "warehouse.duckdb"
    subprocess.run([sys.executable, "-m", "ingest", "load", str(pages), "--db", str(warehouse)], check=True,
                   cwd=REPO_ROOT, capture_output=True)
    dbt(warehouse, work, "build", "--select", TOPIC_MODELS, "--indirect-selection", "cautious")
    return warehouse, work


def test_seed_article_primary_topic_is_conflict(warehouse):
    db, _ = warehouse
    ranked = [topic_id for (topic_id,) in query(db, """
        select article_topics.topic_id
        from marts.article_topics
        inner join marts.articles using (article_id)
        where articles.title ilike '%Russia Drag%' and article_topics.taxonomy = 'iptc'
        order by article_topics.score desc""")]
    assert ranked[0] == CONFLICT or ranked[:2] == [POLITICS, CONFLICT]


def test_seed_teasers_get_their_topics(warehouse):
    db, _ = warehouse
    primaries = dict(query(db, """
        select teasers.title, teaser_topics.topic_id
        from marts.teaser_topics
        inner join marts.teasers using (teaser_id)
        where teaser_topics.is_primary"""))
    assert primaries == dict(query(db, "select title, primary_topic_id from marts.teasers where primary_topic_id is not null"))
    seed_titles = {title for (title,) in query(db, """
        select distinct teasers.title
        from marts.teasers
        inner join marts.teaser_sightings using (teaser_id)
        inner join raw.pages as pages using (page_id)
        where pages.source_uri like '%.txt'""")}
    assert len(seed_titles) == 10
    primaries = {title: topic for title, topic in primaries.items() if title in seed_titles}
    crash = [topic for title, topic in primaries.items() if title.startswith("DEADLY CRASH")]
    # The other eight headline teasers are about the royal family (one of them, a prince's gift from a tennis
    # champion at Wimbledon, carries a lot of sport vocabulary); "Look at this" is not a story.
    royal = [topic for title, topic in primaries.items() if not title.startswith(("DEADLY CRASH", "Look at this"))]
    assert crash == [DISASTER]
    assert len(royal) == 8
    assert all(topic in {HUMAN_INTEREST, ARTS} for topic in royal), primaries


def test_topics_mart_has_both_taxonomies(warehouse):
    db, _ = warehouse
    counts = dict(query(db, "select taxonomy, count(*) from marts.topics group by taxonomy"))
    assert counts["iptc"] == 17 and counts["discovered"] >= 2
    dated_primaries = query(db, """
        select count(*)
        from marts.article_topics
        inner join marts.articles using (article_id)
        where article_topics.taxonomy = 'iptc' and article_topics.is_primary
            and coalesce(try_cast(articles.published_at as date), articles.fetched_at) is not null""")
    assert dated_primaries[0][0] > 0
    assert query(db, "select sum(articles) from marts.topic_daily where taxonomy = 'iptc'") == dated_primaries


def test_incremental_build_keeps_and_full_refresh_reproduces_topic_ids(warehouse):
    db, work = warehouse
    before = discovered_topics(db)
    dbt(db, work, "run", "--select", "int_discovered_topic_models+")
    assert query(db, "select max(model_version) from intermediate.int_discovered_topic_models") == [(1,)]
    assert discovered_topics(db) == before
    dbt(db, work, "run", "--full-refresh", "--select", "int_discovered_topic_models+")
    assert discovered_topics(db) == before


def article_topic_rows(warehouse: Path) -> list[tuple]:
    return query(warehouse, """
        select article_id, topic_id, taxonomy, round(score, 9), is_primary, discovered_model_version
        from marts.article_topics order by all""")


def test_article_topics_score_new_articles_only_and_match_a_full_refresh(warehouse, shared_dir, tmp_path):
    db, work = warehouse
    scored_before = dict(query(db, "select article_id, max(discovered_model_version) from marts.article_topics group by 1"))
    more = tmp_path / "more"
    more.mkdir()
    pages = sorted((shared_dir / "corpora/article-extraction-benchmark/html").iterdir())
    for page in pages[BENCHMARK_PAGES:BENCHMARK_PAGES + 5]:
        shutil.copy(page, more)
    subprocess.run([sys.executable, "-m", "ingest", "load", str(more), "--db", str(db)], check=True, cwd=REPO_ROOT,
                   capture_output=True)
    dbt(db, work, "build", "--select", TOPIC_MODELS, "--indirect-selection", "cautious")
    incremental = article_topic_rows(db)
    articles = {article_id for (article_id,) in query(db, "select article_id from marts.articles")}
    assert {row[0] for row in incremental} == articles and len(articles) > len(scored_before)
    dbt(db, work, "run", "--full-refresh", "--select", "article_topics")
    assert article_topic_rows(db) == incremental

    latest_version = "select max(model_version) from intermediate.int_discovered_topic_models"
    [(version,)] = query(db, latest_version)
    dbt(db, work, "run", "--select", "int_discovered_topic_models+", "--vars", "{topics_rediscover: true}")
    versions = query(db, "select distinct discovered_model_version from marts.article_topics")
    assert versions == query(db, latest_version) == [(version + 1,)]


def test_adapted_classifier_is_fitted_once_and_every_article_rescored_with_it(warehouse):
    db, work = warehouse
    assert query(db, "select count(*) from intermediate.int_iptc_topic_models") == [(0,)]  # < 500 articles: lexicon
    fit = "{topics_refit: true, topics_min_fit_articles: 10}"
    dbt(db, work, "run", "--select", "int_iptc_topic_models+", "--vars", fit)
    assert query(db, "select distinct iptc_model_version from marts.article_topics") == [(1,)]
    priors = query(db, "select sum(prior) from (select distinct topic_id, prior from intermediate.int_iptc_topic_models)")
    assert priors[0][0] == pytest.approx(1.0)
    per_article = query(db, """
        select count(*), sum(score), count(*) filter (where is_primary)
        from marts.article_topics where taxonomy = 'iptc' group by article_id""")
    # An article with no term the model knows has all 17 scores 0 and no primary.
    assert per_article and all(
        rows == 17 and ((total == pytest.approx(1.0) and primaries == 1) or (total == 0 and primaries == 0))
        for rows, total, primaries in per_article
    ), per_article
    before = article_topic_rows(db)
    dbt(db, work, "run", "--select", "int_iptc_topic_models+", "--vars", "{topics_min_fit_articles: 10}")
    assert query(db, "select max(model_version) from intermediate.int_iptc_topic_models") == [(1,)]
    assert article_topic_rows(db) == before
