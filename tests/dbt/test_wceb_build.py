"""End to end on real crawls: a small WCEB sample through load, the real `dbt build` and the real contract suites."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from ingest.segment import wceb

pytestmark = pytest.mark.integration

REPO = Path(__file__).resolve().parents[2]
PROJECT_DIR = REPO / "dbt_project"
DBT = Path(sys.executable).with_name("dbt")
# What the contract suites read; entities and topics are left out, and dbt's own data tests (covered by
# tests/dbt/test_dbt_build.py) are not run, to keep the run short: `dbt run` of these models, then the GX suites.
SELECT = ["--select", "+articles", "+teasers", "+teaser_sightings", "+int_page_segments"]
# Pages whose bodies broke the articles contract before the segmentation enforced it (title at the start,
# a repeated paragraph), besides one page of each half of every dataset.
KNOWN_OFFENDERS = {
    "cleaneval": ["final-700"],
    "dragnet": ["T169"],
    "l3s-gn1": ["224aa27e-f2e2-41fb-97d5-13dc6df57cd6", "ee69b3ed-1631-4f4f-85df-93b87c82300a"],
    "readability": ["ietf-1"],
}


def _run(arguments: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(arguments, capture_output=True, text=True, **kwargs)


@pytest.fixture(scope="module")
def wceb_warehouse(tmp_path_factory, shared_dir):
    corpus = shared_dir / "corpora" / "wceb"
    if not corpus.is_dir():
        pytest.fail(f"WCEB corpus not found at {corpus}")
    tmp = tmp_path_factory.mktemp("wceb_build")
    staged = tmp / "pages"
    for dataset_dir in wceb.dataset_dirs(corpus):
        ids = [*wceb.sample(dataset_dir, 1), *KNOWN_OFFENDERS.get(dataset_dir.name, [])]
        (staged / dataset_dir.name).mkdir(parents=True)
        for page_id in ids:
            (staged / dataset_dir.name / f"{page_id}.html.gz").symlink_to(dataset_dir / "html" / f"{page_id}.html.gz")
    warehouse = tmp / "warehouse.duckdb"
    loaded = _run([sys.executable, "-m", "ingest", "load", str(staged), "--db", str(warehouse)])
    assert loaded.returncode == 0, loaded.stderr[-3000:]
    environment = {**os.environ, "WAREHOUSE": str(warehouse), "DBT_PROFILES_DIR": str(PROJECT_DIR)}
    built = _run([str(DBT), "run", "--project-dir", str(PROJECT_DIR), "--target-path", str(tmp / "target"),
                  "--log-path", str(tmp / "logs"), *SELECT], env=environment)
    assert built.returncode == 0, built.stdout[-6000:]
    checked = _run([sys.executable, "-m", "expectations", "run", "--db", str(warehouse)], cwd=REPO)
    return {"warehouse": warehouse, "expectations": checked, "pages": sum(1 for _ in staged.rglob("*.html.gz"))}


def test_real_pages_build_and_keep_the_contracts(wceb_warehouse):
    checked = wceb_warehouse["expectations"]
    assert checked.returncode == 0, checked.stdout[-4000:] + checked.stderr[-2000:]
    with duckdb.connect(str(wceb_warehouse["warehouse"]), read_only=True) as con:
        pages, articles = con.execute("select (select count(*) from raw.pages), (select count(*) from marts.articles)").fetchone()
        contract_results = con.execute(
            "select suite, count(*), count(*) filter (where not success) from dq.expectation_results "
            "where severity = 'error' group by all order by 1"
        ).fetchall()
        contract_defects = con.execute("select count(*) from dq.defects where severity = 'error'").fetchone()[0]
    assert pages == wceb_warehouse["pages"]
    assert articles >= pages * 0.8
    assert [name for name, _, _ in contract_results] == ["articles__contract", "teasers__contract"]
    assert all(failed == 0 for _, _, failed in contract_results), contract_results
    assert contract_defects == 0
