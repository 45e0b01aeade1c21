"""Fixtures: a DuckDB warehouse holding small clean marts, and a throwaway GX project."""

from __future__ import annotations

import duckdb
import pytest
import quality_marts


@pytest.fixture(scope="session")
def gx_root(tmp_path_factory):
    return tmp_path_factory.mktemp("gx")


@pytest.fixture
def warehouse(tmp_path):
    path = tmp_path / "warehouse.duckdb"
    con = duckdb.connect(str(path))
    quality_marts.build(con)
    con.close()
    return path
