"""Fixtures for the dashboard tests: the app served on the sample warehouse (`sample_warehouse`, tests/conftest.py)
and a headless Chromium."""

from __future__ import annotations

import os

import pytest

from dashboard_server import WIDTH, served_dashboard
from devtools_browser import Browser, find_chromium


def pytest_configure(config):
    config.addinivalue_line("markers", "ui: drives the dashboard in headless Chromium (make test-ui)")


@pytest.fixture(scope="session")
def dashboard_url(sample_warehouse, tmp_path_factory):
    with served_dashboard(sample_warehouse, tmp_path_factory.mktemp("streamlit") / "streamlit.log") as url:
        yield url


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    executable = find_chromium()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("chromium is not installed; `make test-ui` installs Debian's chromium package")
        pytest.skip("chromium not found: run `make test-ui`, which installs Debian's chromium package")
    instance = Browser(executable, tmp_path_factory.mktemp("chromium-profile"), width=WIDTH)
    yield instance
    instance.close()
