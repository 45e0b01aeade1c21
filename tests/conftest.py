"""Shared test paths: the repo, and ../shared beside it (CI clones the repo with a copy of shared/ next to it)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO_ROOT = Path(__file__).resolve().parents[1]
SHARED_DIR = Path(os.environ.get("PAGEWAREHOUSE_SHARED", REPO_ROOT.parent / "shared"))
SEED_PAGE = SHARED_DIR / "seeds" / "000_c733fd2226c880bb.txt"
BENCHMARK_DIR = SHARED_DIR / "corpora" / "article-extraction-benchmark"


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
