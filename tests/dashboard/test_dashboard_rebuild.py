"""A rebuild while the dashboard is open in a browser and a BI tool holds the warehouse: the build succeeds, the
BI tool's open connection keeps working, and the same dashboard process shows the new pages on the next load."""

from __future__ import annotations

import shutil
import subprocess
import sys
import urllib.parse
from pathlib import Path

import pytest

from dashboard_server import served_dashboard
from devtools_browser import poll
from test_dashboard_browser import PAGE_STATE, SCREENSHOTS

pytestmark = pytest.mark.ui

REPO = Path(__file__).resolve().parents[2]
SEARCH_TERM = "Quillmere"
NEW_TITLE = "Quillmere harbour opens a night ferry to the islands"
NO_DATA = "No data for the chosen sites and dates."


def new_pages(directory: Path) -> Path:
    directory.mkdir()
    paragraphs = "".join(
        f"<p>{sentence}</p>" for sentence in (
            "The harbour board of Quillmere voted on Tuesday to run a night ferry to the outer islands from June.",
            "Board member Dana Whitfield said the late sailing would let island workers reach the town's hospital "
            "shifts without staying overnight, and bring visitors to the summer markets.",
            "The first sailings wait on a new landing stage, which the maritime authority inspects in May.",
        ))
    (directory / "quillmere-ferry.html").write_text(
        f'<!doctype html><html><head><meta charset="utf-8"><title>{NEW_TITLE}</title>'
        '<meta property="og:type" content="article">'
        '<link rel="canonical" href="https://quillmere-courier.example/news/night-ferry"></head>'
        f"<body><article><h1>{NEW_TITLE}</h1>{paragraphs}</article></body></html>", encoding="utf-8")
    return directory


class HeldConnection:
    """A BI tool: another process with a read-only connection open for the whole test."""

    SCRIPT = ("import duckdb, sys\nconnection = duckdb.connect(sys.argv[1], read_only=True)\n"
              "for sql in sys.stdin:\n    print(connection.execute(sql).fetchall()[0][0], flush=True)\n")

    def __init__(self, warehouse: Path):
        self.process = subprocess.Popen([sys.executable, "-c", self.SCRIPT, str(warehouse)],
                                        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)

    def pages(self) -> int:
        self.process.stdin.write("select count(*) from raw.pages\n")
        self.process.stdin.flush()
        return int(self.process.stdout.readline())

    def close(self) -> None:
        self.process.communicate("", timeout=30)


def search_result(browser, url: str) -> dict:
    """The Articles page searched for SEARCH_TERM, once it shows either the article or the no-data notice."""
    browser.navigate(f"{url}/?q={urllib.parse.quote(SEARCH_TERM)}")
    last: dict = {}

    def answered():
        nonlocal last
        last = browser.evaluate(PAGE_STATE)
        shown = any(NEW_TITLE in text for text in last["texts"]) or NO_DATA in last["alerts"]
        drawn = bool(last["tables"]) and all(last["tables"])  # grids drawn with their rows, for the screenshot
        return (not last["running"] and "Articles" in last["titles"] and shown and drawn) or last["exceptions"]

    poll(answered, timeout=90, interval=0.5)
    return last


def test_rebuild_while_open_shows_the_new_pages_without_a_restart(browser, sample_warehouse, tmp_path):
    warehouse = tmp_path / "live" / sample_warehouse.name
    warehouse.parent.mkdir()
    shutil.copyfile(sample_warehouse, warehouse)
    with served_dashboard(warehouse, tmp_path / "streamlit.log") as url:
        before = search_result(browser, url)
        assert not before["exceptions"], before["exceptions"]
        assert NO_DATA in before["alerts"], f"the new article is not there before the build: {before}"

        bi_tool = HeldConnection(warehouse)
        try:
            pages_before = bi_tool.pages()
            build = subprocess.run(
                [sys.executable, "-m", "ingest", "build", str(new_pages(tmp_path / "new")), "--db", str(warehouse),
                 "--no-docs", "--lock-timeout", "5",
                 "--dbt-args", f"--target-path {tmp_path / 'target'} --log-path {tmp_path / 'logs'}"],
                capture_output=True, text=True, cwd=REPO)
            assert build.returncode == 0, f"{build.stdout[-3000:]}\n{build.stderr[-3000:]}"
            assert "build: published" in build.stdout
            assert bi_tool.pages() == pages_before, "the open connection keeps reading the file it opened"
        finally:
            bi_tool.close()

        after = search_result(browser, url)
        browser.screenshot(SCREENSHOTS / "dashboard-after-rebuild.png")
        assert not after["exceptions"], after["exceptions"]
        assert any(NEW_TITLE in text for text in after["texts"]), f"the new article is not shown: {after}"
        assert not browser.dialogs
