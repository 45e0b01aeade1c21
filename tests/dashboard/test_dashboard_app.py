"""The dashboard's pages run headless (Streamlit's AppTest, no browser): a warehouse without marts gets
"not built yet" notices instead of errors, and filters that match nothing get "no data" notices."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
from streamlit.testing.v1 import AppTest

APP = Path(__file__).resolve().parents[2] / "dashboard" / "app.py"
PAGES = ["pages/articles.py", "pages/entities.py", "pages/topics.py", "pages/quality.py", "pages/teasers.py"]


def run_pages(warehouse: Path, monkeypatch) -> dict[str, AppTest]:
    monkeypatch.setenv("WAREHOUSE", str(warehouse))
    monkeypatch.chdir(APP.parent)
    app = AppTest.from_file(str(APP), default_timeout=60)
    app.run()
    shown = {}
    for page in PAGES:
        app.switch_page(page).run()
        shown[page] = {"exceptions": [e.value for e in app.exception], "errors": [e.value for e in app.error],
                       "infos": [i.value for i in app.info], "tables": [len(d.value) for d in app.dataframe],
                       "titles": [t.value for t in app.title]}
    return shown


def test_a_warehouse_without_marts_shows_not_built_notices(tmp_path, monkeypatch):
    empty = tmp_path / "empty.duckdb"
    duckdb.connect(str(empty)).close()
    for page, shown in run_pages(empty, monkeypatch).items():
        assert not shown["exceptions"] and not shown["errors"], (page, shown)
        assert shown["infos"] and all("Not built yet: run `make build`" in info for info in shown["infos"]), page
        assert shown["tables"] == [], page


def test_a_missing_warehouse_file_says_how_to_build_it(tmp_path, monkeypatch):
    monkeypatch.setenv("WAREHOUSE", str(tmp_path / "absent.duckdb"))
    monkeypatch.chdir(APP.parent)
    app = AppTest.from_file(str(APP), default_timeout=60).run()
    assert not app.exception
    assert any("Not built yet" in info.value and "absent.duckdb" in info.value for info in app.info)


@pytest.mark.integration
def test_every_page_shows_data_on_the_sample_warehouse(sample_warehouse, monkeypatch):
    for page, shown in run_pages(sample_warehouse, monkeypatch).items():
        assert not shown["exceptions"] and not shown["errors"], (page, shown)
        assert not shown["infos"], (page, shown["infos"])
        assert shown["tables"] and all(rows > 0 for rows in shown["tables"]), (page, shown["tables"])
