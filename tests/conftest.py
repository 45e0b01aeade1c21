"""Shared test paths: the repo, and ../shared beside it (CI clones the repo with a copy of shared/ next to it)."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(os.environ.get("PAGEWAREHOUSE_SHARED", REPO_ROOT.parent / "shared"))
SEED_PAGE = SHARED_DIR / "seeds" / "000_c733fd2226c880bb.txt"
BENCHMARK_DIR = SHARED_DIR / "corpora" / "article-extraction-benchmark"
# Point at an already built sample warehouse to skip the few minutes of building one.
SAMPLE_WAREHOUSE_VARIABLE = "DASHBOARD_TEST_WAREHOUSE"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    if not SHARED_DIR.is_dir():
        pytest.fail(f"../shared not found at {SHARED_DIR}; set PAGEWAREHOUSE_SHARED")
    return SHARED_DIR


@pytest.fixture(scope="session")
def seed_page_path(shared_dir: Path) -> Path:
    return SEED_PAGE


@pytest.fixture(scope="session")
def seed_text(seed_page_path: Path) -> str:
    return seed_page_path.read_text(encoding="utf-8")


def run_checked(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return result


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """The bundled sample corpus built as `make build` builds it: `python -m ingest build` (load, dbt build and the
    quality suites, on a copy published at the end). Shared by the dashboard and the documented-queries tests."""
    if os.environ.get(SAMPLE_WAREHOUSE_VARIABLE):
        return Path(os.environ[SAMPLE_WAREHOUSE_VARIABLE]).resolve()
    tmp = tmp_path_factory.mktemp("sample_warehouse")
    warehouse = tmp / "warehouse.duckdb"
    run_checked([sys.executable, "-m", "ingest", "sample", "--out", str(tmp / "sample")])
    sample_inputs = [str(tmp / "sample" / name) for name in ("html", "text", "warc", "jsonl")]
    run_checked([sys.executable, "-m", "ingest", "build", *sample_inputs, "--db", str(warehouse),
                 "--no-docs", "--dbt-args", f"--target-path {tmp / 'target'} --log-path {tmp / 'logs'}"], cwd=REPO_ROOT)
    return warehouse
