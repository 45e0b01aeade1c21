"""Helpers of the dashboard's browser tests: the app served on a free local port, and the window width."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from devtools_browser import poll

DASHBOARD_DIR = Path(__file__).resolve().parents[2] / "dashboard"
WIDTH = 1400


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


@contextmanager
def served_dashboard(warehouse: Path, log_path: Path) -> Iterator[str]:
    """`streamlit run` in the dashboard folder (so its .streamlit/config.toml applies) on a free local port."""
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", "app.py", "--server.port", str(port)],
            cwd=DASHBOARD_DIR, env={**os.environ, "WAREHOUSE": str(warehouse)},
            stdout=log, stderr=subprocess.STDOUT,
        )
    try:
        if not poll(lambda: server.poll() is not None or _healthy(url), timeout=90) or server.poll() is not None:
            pytest.fail(f"the dashboard did not become healthy:\n{log_path.read_text()[-4000:]}")
        yield url
    finally:
        server.terminate()
        server.wait(timeout=20)
