"""The dashboard as a person sees it: every page opened in headless Chromium renders its charts and tables
with data, shows scraped `<script>` text as text, and is saved as a screenshot under build/screenshots/."""

from __future__ import annotations

import urllib.parse
from dataclasses import dataclass
from pathlib import Path

import pytest

from dashboard_server import WIDTH
from devtools_browser import Browser, poll

pytestmark = pytest.mark.ui

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "build" / "screenshots"
XSS_PROBE = "<script>alert(1)</script>"


@dataclass(frozen=True)
class Page:
    path: str
    title: str
    charts: int
    tables: int


PAGES = [
    Page("", "Articles", charts=1, tables=2),
    Page("entities", "Entities", charts=2, tables=1),
    Page("topics", "Topics", charts=2, tables=1),
    Page("quality", "Quality", charts=2, tables=1),
    Page("teasers", "Teasers", charts=0, tables=1),
]

# What the page shows, read from the DOM. A chart counts the data marks Vega drew (bars, lines, areas,
# cells: not axes or legends); a table counts the rows of its grid's accessible cells.
PAGE_STATE = """(() => {
  const all = (selector, root = document) => [...root.querySelectorAll(selector)];
  const dataMarks = chart => all('g.role-mark > *', chart).length;
  const tableRows = table => new Set(all('[data-testid^="glide-cell-"]', table)
    .filter(cell => /^glide-cell-\\d+-\\d+$/.test(cell.dataset.testid) && cell.textContent.trim())
    .map(cell => cell.dataset.testid.split('-')[3])).size;
  return {
    running: all('[data-testid="stStatusWidget"]').length > 0,
    titles: all('[data-testid="stMain"] h1').map(h => h.innerText.trim()),
    charts: all('[data-testid="stVegaLiteChart"]').map(dataMarks),
    tables: all('[data-testid="stDataFrame"]').map(tableRows),
    alerts: all('[data-testid="stAlert"]').map(a => a.innerText),
    exceptions: all('[data-testid="stException"]').map(e => e.innerText),
    texts: all('[data-testid="stText"]').map(t => t.innerText),
    scriptsWithProbe: all('script').filter(s => s.textContent.includes('alert(1)')).length,
    contentHeight: document.querySelector('[data-testid="stMainBlockContainer"]')?.scrollHeight || 0,
  };
})()"""


def settled(browser: Browser, title: str, charts: int, tables: int) -> dict:
    """The page state once the script run is over and every expected element is drawn (or the last seen)."""
    last: dict = {}

    def done():
        nonlocal last
        last = browser.evaluate(PAGE_STATE)
        return (not last["running"] and title in last["titles"] and len(last["charts"]) == charts
                and len(last["tables"]) == tables and all(last["charts"]) and all(last["tables"])) or last["exceptions"]

    poll(done, timeout=90, interval=0.5)
    return last


def open_page(browser: Browser, url: str, page: Page) -> dict:
    browser.resize(WIDTH, 1000)
    browser.navigate(url)
    state = settled(browser, page.title, page.charts, page.tables)
    # Grow the viewport to the content so one screenshot holds the whole page, then let it redraw.
    browser.resize(WIDTH, max(1000, state["contentHeight"] + 200))
    return settled(browser, page.title, page.charts, page.tables)


def assert_rendered_with_data(state: dict, page: Page) -> None:
    assert not state["exceptions"], f"{page.title}: exception shown: {state['exceptions']}"
    assert not state["alerts"], f"{page.title}: notices instead of data: {state['alerts']}"
    assert page.title in state["titles"]
    assert len(state["charts"]) == page.charts, f"{page.title}: charts {state['charts']}"
    assert all(marks > 0 for marks in state["charts"]), f"{page.title}: chart without marks {state['charts']}"
    assert len(state["tables"]) == page.tables, f"{page.title}: tables {state['tables']}"
    assert all(rows > 0 for rows in state["tables"]), f"{page.title}: empty table {state['tables']}"


@pytest.mark.parametrize("page", PAGES, ids=[p.title.lower() for p in PAGES])
def test_page_renders_every_chart_and_table_with_data(browser, dashboard_url, page):
    state = open_page(browser, f"{dashboard_url}/{page.path}", page)
    browser.screenshot(SCREENSHOTS / f"dashboard-{page.title.lower()}.png")
    assert_rendered_with_data(state, page)
    assert not browser.dialogs, f"a page ran a JavaScript dialog: {browser.dialogs}"


def test_scraped_script_tag_is_shown_as_text(browser, dashboard_url):
    articles = PAGES[0]
    state = open_page(browser, f"{dashboard_url}/?q={urllib.parse.quote('<script>')}", articles)
    browser.screenshot(SCREENSHOTS / "dashboard-script-tag-as-text.png")
    assert_rendered_with_data(state, articles)
    assert any(XSS_PROBE in text for text in state["texts"]), "the article holding the probe is not shown"
    assert state["scriptsWithProbe"] == 0, "scraped <script> became a script element"
    assert not browser.dialogs, f"scraped script ran: {browser.dialogs}"
