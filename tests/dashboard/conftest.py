"""Fixtures for the dashboard tests: a sample warehouse built the way `make build` builds one, and a served app."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request
from pathlib import Path

import pytest

from devtools_browser import poll

REPO = Path(__file__).resolve().parents[2]
DASHBOARD_DIR = REPO / "dashboard"
BIN = Path(sys.executable).parent
# Point at an already built sample warehouse to skip the few minutes of building one.
REUSE_VARIABLE = "DASHBOARD_TEST_WAREHOUSE"


def pytest_configure(config):
    config.addinivalue_line("markers", "ui: drives the dashboard in headless Chromium (make test-ui)")


def _run(command: list[str], **kwargs) -> None:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{' '.join(command)} failed:\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"


@pytest.fixture(scope="session")
def sample_warehouse(tmp_path_factory) -> Path:
    """The bundled sample corpus loaded, transformed by dbt and validated by the quality suites."""
    if os.environ.get(REUSE_VARIABLE):
        return Path(os.environ[REUSE_VARIABLE]).resolve()
    tmp = tmp_path_factory.mktemp("dashboard_warehouse")
    warehouse = tmp / "warehouse.duckdb"
    _run([sys.executable, "-m", "ingest", "sample", "--out", str(tmp / "sample")])
    _run([sys.executable, "-m", "ingest", "load", str(tmp / "sample"), "--db", str(warehouse)])
    _run([str(BIN / "dbt"), "build", "--project-dir", str(REPO / "dbt_project"), "--target-path", str(tmp / "target"),
          "--log-path", str(tmp / "logs")],
         env={**os.environ, "WAREHOUSE": str(warehouse), "DBT_PROFILES_DIR": str(REPO / "dbt_project")})
    _run([sys.executable, "-m", "expectations", "run", "--db", str(warehouse), "--no-docs"], cwd=REPO)
    return warehouse


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.read() == b"ok"
    except OSError:
        return False


@pytest.fixture(scope="session")
def dashboard_url(sample_warehouse, tmp_path_factory):
    """`streamlit run` in the dashboard folder (so its .streamlit/config.toml applies) on a free local port."""
    log_path = tmp_path_factory.mktemp("streamlit") / "streamlit.log"
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
            cwd=DASHBOARD_DIR, env={**os.environ, "WAREHOUSE": str(sample_warehouse)},
            stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        if not poll(lambda: server.poll() is not None or _healthy(url), timeout=90) or server.poll() is not None:
            pytest.fail(f"the dashboard did not become healthy:\n{log_path.read_text()[-4000:]}")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
