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


def execute(path, sql: str) -> None:
    con = duckdb.connect(str(path))
    con.execute(sql)
    con.close()


def query(path, sql: str) -> list[tuple]:
    con = duckdb.connect(str(path), read_only=True)
    rows = con.sql(sql).fetchall()
    con.close()
    return rows
