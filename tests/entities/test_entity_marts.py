"""The entity marts on a real DuckDB warehouse: seed acceptance, incremental recognition, full-refresh parity."""

import os
import shutil
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

pytestmark = pytest.mark.integration

REPO_ROOT = Path(__file__).resolve().parents[2]
DBT = Path(sys.executable).with_name("dbt")
ENTITY_MODELS = "+path:models/marts/entities"
ENTITY_LAYER = ("path:models/intermediate/entities", "path:models/marts/entities")
# Upstream models are built here only to feed the entity layer; their own tests belong to other suites.
UPSTREAM_TESTS = ("resource_type:test,path:models/staging", "resource_type:test,path:models/intermediate/articles",
                  "resource_type:test,path:models/marts/articles", "resource_type:test,path:models/marts/topics")
MARTS = ("entities", "entity_mentions", "article_entities", "entity_pairs", "entity_daily")

SECOND_PAGE = """Skip to main content

Chancellor Olaf Scholz Meets Emmanuel Macron in Berlin

Chancellor Olaf Scholz met French President Emmanuel Macron in Berlin on Tuesday, the German government said.

Scholz and Macron discussed support for Ukraine and the energy crisis, a spokesman for NATO told Reuters.

Macron later flew to Warsaw to meet Polish leaders.
"""


def dbt(warehouse: Path, target: Path, *args: str) -> None:
    env = {**os.environ, "WAREHOUSE": str(warehouse), "DBT_PROFILES_DIR": str(REPO_ROOT / "dbt_project")}
    result = subprocess.run(
        [str(DBT), *args, "--target-path", str(target / "target"), "--log-path", str(target / "logs")],
        cwd=REPO_ROOT / "dbt_project", env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, result.stdout[-4000:]


def load(raw: Path, warehouse: Path) -> None:
    subprocess.run([sys.executable, "-m", "ingest", "load", str(raw), "--db", str(warehouse)], check=True,
                   capture_output=True)


def query(warehouse: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(warehouse), read_only=True) as con:
        return con.sql(sql).fetchall()


@pytest.fixture(scope="module")
def warehouses(tmp_path_factory, seed_text):
    work = tmp_path_factory.mktemp("entity_marts")
    raw, warehouse = work / "raw", work / "warehouse.duckdb"
    raw.mkdir()
    (raw / "seed.txt").write_text(seed_text, encoding="utf-8")
    load(raw, warehouse)
    dbt(warehouse, work, "run", "--select", ENTITY_MODELS)
    first_recognition = query(warehouse, "select doc_key, recognized_at from intermediate.int_entity_documents_recognized")
    seed_entities = query(warehouse, "select name, entity_type from marts.entities")

    (raw / "second.txt").write_text(SECOND_PAGE, encoding="utf-8")
    load(raw, warehouse)
    dbt(warehouse, work, "build", "--select", ENTITY_MODELS, "--exclude", *UPSTREAM_TESTS)

    refreshed = work / "refreshed.duckdb"
    shutil.copy(warehouse, refreshed)
    dbt(refreshed, work, "run", "--full-refresh", "--select", *ENTITY_LAYER)
    return {"incremental": warehouse, "refreshed": refreshed, "first_recognition": first_recognition,
            "seed_entities": set(seed_entities)}


def test_seed_page_entities_in_the_mart(warehouses):
    entities = warehouses["seed_entities"]
    for person in ("Vladimir Putin", "Alexander Lukashenko", "Valery Revenko", "Roman Kostenko",
                   "Kenneth Yalowitz", "Viktor Khrenin", "Sviatlana Tsikhanouskaya"):
        assert (person, "PERSON") in entities
    for place in ("Russia", "Belarus", "Ukraine", "Kyiv", "Poland"):
        assert (place, "LOC") in entities
    assert ("The Daily Beast", "ORG") in entities
    assert not any(name in {"Putin", "President Vladimir Putin"} for name, _ in entities)


def test_rebuild_recognises_only_the_new_article(warehouses):
    before = dict(warehouses["first_recognition"])
    after = dict(query(warehouses["incremental"],
                       "select doc_key, recognized_at from intermediate.int_entity_documents_recognized"))
    assert all(after[key] == recognized_at for key, recognized_at in before.items())
    new_articles = [key for key in set(after) - set(before) if key.startswith("article:")]
    assert len(new_articles) == 1
    names = {row[0] for row in query(warehouses["incremental"], "select name from marts.entities")}
    assert {"Olaf Scholz", "Emmanuel Macron", "Berlin"} <= names


def test_incremental_marts_match_a_full_refresh(warehouses):
    for mart in MARTS:
        incremental = sorted(query(warehouses["incremental"], f"select * from marts.{mart}"), key=repr)
        refreshed = sorted(query(warehouses["refreshed"], f"select * from marts.{mart}"), key=repr)
        assert incremental == refreshed, mart


def test_counts_use_canonical_articles_only(warehouses):
    counted = query(warehouses["incremental"], """
        select count(*) from marts.article_entities as article_entities
        inner join marts.articles as articles using (article_id)
        where not articles.is_canonical
    """)
    assert counted == [(0,)]
