"""End to end: load a real corpus with the ingest CLI, run the real `dbt build`, check the marts against the sample's truth."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections import Counter
from datetime import datetime
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
PROJECT_DIR = REPO / "dbt_project"
SEED_TITLE = "Panic as Russia Drag's Another Neighbor to the Brink of War"
SEED_TEASERS = 10
DBT = Path(sys.executable).with_name("dbt")
# Entity and topic models are tested by their own suites; leaving them out keeps these runs short. The IPTC
# teaser topics stay in: marts.teasers carries each teaser's primary topic.
OTHER_AREAS = ["--exclude", "tag:entities", "int_discovered_topic_models+"]
# First load: the seed page, HTML files and text dumps; the incremental run then adds JSONL, WARC and Markdown pages.
FIRST_INPUTS = ("html", "text")
LATER_INPUTS = ("jsonl", "warc", "markdown")
MARTS = ("articles", "teasers", "teaser_sightings", "sites", "page_segmentation")


def load(paths: list[Path], warehouse: Path) -> None:
    subprocess.run(
        [sys.executable, "-m", "ingest", "load", *map(str, paths), "--db", str(warehouse)],
        check=True,
        capture_output=True,
        text=True,
    )


def dbt(command: str, tmp: Path, warehouse: Path, *extra: str) -> None:
    environment = {**os.environ, "WAREHOUSE": str(warehouse), "DBT_PROFILES_DIR": str(PROJECT_DIR)}
    result = subprocess.run(
        [str(DBT), command, "--project-dir", str(PROJECT_DIR), "--target-path", str(tmp / "target"),
         "--log-path", str(tmp / "logs"), *OTHER_AREAS, *extra],
        env=environment,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-6000:]


def query(warehouse: Path, sql: str, parameters: list | None = None) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.execute(sql, parameters or []).fetchall()


@pytest.fixture(scope="module")
def built(tmp_path_factory, seed_page_path):
    """A warehouse built once, then grown by an incremental run; the marts of both states are kept."""
    tmp = tmp_path_factory.mktemp("dbt_build")
    sample = tmp / "sample"
    subprocess.run([sys.executable, "-m", "ingest", "sample", "--out", str(sample)], check=True, capture_output=True)
    warehouse = tmp / "warehouse.duckdb"

    load([seed_page_path, *(sample / name for name in FIRST_INPUTS)], warehouse)
    # small batches, so the process pool and the streamed output are exercised for real
    dbt("build", tmp, warehouse, "--vars", "{segment_batch_size: 8, segment_workers: 2}")
    first_build = shutil.copy(warehouse, tmp / "first_build.duckdb")

    load([sample / name for name in LATER_INPUTS], warehouse)
    dbt("run", tmp, warehouse)
    incremental = shutil.copy(warehouse, tmp / "incremental.duckdb")

    dbt("run", tmp, warehouse, "--full-refresh")
    return {
        "sample": sample,
        "seed_page": str(seed_page_path),
        "first_build": Path(first_build),
        "incremental": Path(incremental),
        "full_refresh": warehouse,
    }


def manifest_pages(sample: Path) -> list[dict]:
    with open(sample / "manifest.jsonl", encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def locate_pages(warehouse: Path, sample: Path) -> list[tuple[dict, str, str]]:
    """Each manifest page with its (page_id, site as the warehouse resolved it): matched by url, else by the
    file it was read from (several WARC and JSONL pages share one file, but they all carry their url)."""
    rows = query(
        warehouse,
        "select pages.page_id, pages.url, pages.source_uri, located.site "
        "from raw.pages as pages join intermediate.int_pages_located as located using (page_id)",
    )
    by_url = {url: (page_id, site) for page_id, url, _, site in rows if url}
    by_source = {source: (page_id, site) for page_id, _, source, site in rows}
    located = []
    for page in manifest_pages(sample):
        match = by_url.get(page["url"]) or by_source.get(str(sample / page["path"]))
        assert match, f"{page['url']} was not loaded"
        located.append((page, *match))
    return located


def test_markdown_captures_reach_the_marts_with_their_front_matter(built):
    """Markdown pages: url and fetch time from valid front matter, a note (not a lost page) for broken front matter,
    and the article title from the front matter or the first heading."""
    warehouse, sample = built["full_refresh"], built["sample"]
    captures = [page for page in manifest_pages(sample) if page["format"] == "markdown"]
    assert any(page["front_matter_valid"] for page in captures) and not all(p["front_matter_valid"] for p in captures)
    notes = {
        source for (source,) in query(warehouse, "select source_uri from raw.notes where kind = 'invalid_front_matter'")
    }
    for page in captures:
        source = str(sample / page["path"])
        rows = query(
            warehouse,
            "select pages.url, pages.fetched_at, pages.content_format, articles.title, articles.body "
            "from raw.pages as pages join marts.articles as articles using (page_id) where pages.source_uri = ?",
            [source],
        )
        assert len(rows) == 1, source
        url, fetched_at, content_format, title, body = rows[0]
        assert content_format == "markdown" and title == page["title"]
        assert page["body_first_words"] in body and "](" not in body and "Skip to main content" not in body
        if page["front_matter_valid"]:
            assert url == page["url"] and fetched_at == datetime.fromisoformat(page["fetched_at"])
            assert source not in notes
        else:
            assert url is None and fetched_at is None and source in notes


def test_marts_are_filled(built):
    for mart in MARTS:
        assert query(built["full_refresh"], f"select count(*) from marts.{mart}")[0][0] > 0, mart


def test_seed_page_gives_one_article_with_its_title_once_and_its_teasers(built):
    warehouse = built["full_refresh"]
    articles = query(
        warehouse,
        "select articles.title, articles.body, articles.page_id from marts.articles as articles "
        "join raw.pages as pages using (page_id) where pages.source_uri = ?",
        [built["seed_page"]],
    )
    assert len(articles) == 1
    title, body, page_id = articles[0]
    assert title == SEED_TITLE
    assert SEED_TITLE not in body
    teaser_positions = query(warehouse, "select position from marts.teaser_sightings where page_id = ?", [page_id])
    assert sorted(position for (position,) in teaser_positions) == list(range(1, SEED_TEASERS + 1))


def test_repeated_teasers_collapse_with_their_sighting_counts(built):
    warehouse, sample = built["full_refresh"], built["sample"]
    expected = Counter()
    for page, _, site in locate_pages(warehouse, sample):
        expected.update((site, teaser["title"].casefold()) for teaser in page["teasers"])
    # the seed page is not in the sample's manifest: its own sightings join the same counts
    seed_titles = query(
        warehouse,
        "select sightings.title from marts.teaser_sightings as sightings "
        "join raw.pages as pages using (page_id) where pages.source_uri = ?",
        [built["seed_page"]],
    )
    seed_site = query(
        warehouse,
        "select located.site from intermediate.int_pages_located as located "
        "join raw.pages as pages using (page_id) where pages.source_uri = ?",
        [built["seed_page"]],
    )[0][0]
    expected.update((seed_site, title.casefold()) for (title,) in seed_titles)

    counted = {
        (site, title.casefold()): (sightings, pages)
        for site, title, sightings, pages in query(
            warehouse, "select site, title, sighting_count, page_count from marts.teasers"
        )
    }
    assert max(expected.values()) > 1, "the sample should repeat teasers across pages"
    assert {key: counts[0] for key, counts in counted.items()} == dict(expected)
    assert all(pages <= sightings for sightings, pages in counted.values())


def test_sightings_carry_the_echo_and_truncation_the_sample_planted(built):
    """Every teaser card of the sample, in every format, against the generator's truth: title echo flagged and
    stripped, truncation flagged, complete snippets left alone."""
    warehouse, sample = built["full_refresh"], built["sample"]
    found = {
        (page_id, position): (title, has_echo, is_truncated, snippet)
        for page_id, position, title, has_echo, is_truncated, snippet in query(
            warehouse,
            "select page_id, position, title, has_title_echo, is_truncated, snippet from marts.teaser_sightings",
        )
    }
    checked = 0
    for page, page_id, _ in locate_pages(warehouse, sample):
        for position, teaser in enumerate(page["teasers"], start=1):
            title, has_echo, is_truncated, snippet = found[(page_id, position)]
            assert title == teaser["title"]
            assert has_echo == teaser["echoed"], (page["url"], title)
            assert is_truncated == teaser["truncated"], (page["url"], title)
            assert not (snippet or "").casefold().startswith(title.casefold() + " ") or not teaser["echoed"]
            checked += 1
    assert checked > 100


def test_syndicated_copies_share_a_duplicate_group_with_one_canonical_copy(built):
    warehouse, sample = built["full_refresh"], built["sample"]
    page_id_of_url = {page["url"]: page_id for page, page_id, _ in locate_pages(warehouse, sample)}
    copies = [page for page in manifest_pages(sample) if page["syndicated_of"]]
    assert copies, "the sample should hold syndicated copies"
    groups = dict(query(warehouse, "select page_id, duplicate_group_id from marts.articles"))
    for copy in copies:
        assert groups[page_id_of_url[copy["url"]]] == groups[page_id_of_url[copy["syndicated_of"]]]
    unrelated_groups = query(
        warehouse, "select count(distinct duplicate_group_id) from marts.articles where duplicate_group_size > 1"
    )[0][0]
    assert unrelated_groups == len(copies), "only syndicated copies should be grouped"
    canonical_per_group = query(
        warehouse, "select max(n) from (select count(*) filter (where is_canonical) as n "
        "from marts.articles group by duplicate_group_id)"
    )[0][0]
    assert canonical_per_group == 1


def test_teasers_link_to_the_articles_they_announce(built):
    warehouse, sample = built["full_refresh"], built["sample"]
    announced = {
        (site, teaser["title"].casefold())
        for page, _, site in locate_pages(warehouse, sample)
        for teaser in page["teasers"]
        if teaser["links_to_corpus_article"]
    }
    assert announced
    # a link may land on any copy of the story (a syndicated copy declares the original's canonical url)
    linked = query(
        warehouse,
        "select teasers.site, teasers.title, list(copies.title) from marts.teasers as teasers "
        "join marts.articles as linked using (article_id) "
        "join marts.articles as copies on linked.duplicate_group_id = copies.duplicate_group_id "
        "group by teasers.site, teasers.title",
    )
    story_titles = {(site, title.casefold()): {copy.casefold() for copy in copies} for site, title, copies in linked}
    assert announced <= story_titles.keys()
    for key in announced:
        assert key[1] in story_titles[key]


def test_incremental_run_segments_only_the_new_pages(built):
    first, incremental = built["first_build"], built["incremental"]
    first_runs = dict(query(first, "select page_id, segmentation_run_id from intermediate.int_pages_segmented"))
    after = query(incremental, "select page_id, segmentation_run_id from intermediate.int_pages_segmented")
    new_pages = {page_id for (page_id,) in query(incremental, "select page_id from raw.pages")} - first_runs.keys()
    assert new_pages
    assert {page_id for page_id, _ in after} == first_runs.keys() | new_pages
    for page_id, run_id in after:
        if page_id in first_runs:
            assert run_id == first_runs[page_id], "an already segmented page was segmented again"
    assert len({run_id for page_id, run_id in after if page_id in new_pages} - set(first_runs.values())) == 1
    hashed_before = query(first, "select count(distinct article_id) from intermediate.int_articles_minhashed")[0][0]
    hashed_after = query(incremental, "select count(distinct article_id) from intermediate.int_articles_minhashed")[0][0]
    assert hashed_after > hashed_before


def test_incremental_marts_equal_a_full_refresh(built):
    incremental, full_refresh = built["incremental"], built["full_refresh"]
    assert len(set(query(full_refresh, "select segmentation_run_id from intermediate.int_pages_segmented"))) == 1
    with duckdb.connect(str(full_refresh), read_only=True) as con:
        con.execute(f"attach '{incremental}' as incremental (read_only)")
        for mart in MARTS:
            columns = [
                name for (name,) in con.execute(
                    "select column_name from information_schema.columns "
                    "where table_schema = 'marts' and table_name = ? and table_catalog = current_database() "
                    "and column_name not in ('segmentation_run_id', 'segmented_at')",
                    [mart],
                ).fetchall()
            ]
            selected = ", ".join(f'"{name}"' for name in columns)
            differing = con.execute(
                f"select count(*) from ((select {selected} from marts.{mart} "
                f"except all select {selected} from incremental.marts.{mart}) "
                f"union all (select {selected} from incremental.marts.{mart} "
                f"except all select {selected} from marts.{mart}))"
            ).fetchall()[0][0]
            assert differing == 0, mart
