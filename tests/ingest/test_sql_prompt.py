"""The interactive SQL prompt (`make sql` = `python -m ingest sql`, harlequin) driven in a real terminal under tmux:
it opens the warehouse read-only, completes table names, runs a multi-line statement, cuts wide text in its results
and records the statement in its history."""

from __future__ import annotations

import os
import re
import shutil
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

from ingest_inputs import REPO_ROOT

pytestmark = pytest.mark.integration

LONG_BODY = " ".join(f"word{number}" for number in range(400))
STARTUP_SECONDS = 180  # harlequin starts in 5-30 s, slower on a busy machine


@pytest.fixture
def terminal(tmp_path):
    if shutil.which("tmux") is None:
        if os.environ.get("CI"):
            pytest.fail("tmux is not installed; `make test` installs it (target `terminal`)")
        pytest.skip("tmux not found: `make terminal` installs it")
    warehouse = tmp_path / "warehouse.duckdb"
    with duckdb.connect(str(warehouse)) as connection:
        connection.execute("create schema marts")
        connection.execute("create table marts.articles as select * from (values "
                           "('a.example', 'First title', ?), ('b.example', 'Second title', 'short')) "
                           "as t(site, title, body)", [LONG_BODY])
    home = tmp_path / "home"
    home.mkdir()
    session = Terminal(tmp_path / "tmux.sock", warehouse, home)
    try:
        yield session
    finally:
        session.close()


class Terminal:
    """A 200x50 terminal on a tmux server of its own (its own socket), running `python -m ingest sql`."""

    def __init__(self, socket: Path, warehouse: Path, home: Path):
        self.tmux = ["tmux", "-S", str(socket)]
        self.warehouse, self.home = warehouse, home
        command = f"{sys.executable} -m ingest sql --db {warehouse}"
        # COLUMNS and LINES (pytest's terminal) would override the terminal's real size in the prompt.
        environment = {name: value for name, value in os.environ.items() if name not in ("COLUMNS", "LINES")}
        subprocess.run([*self.tmux, "new-session", "-d", "-s", "sql", "-x", "200", "-y", "50", "-c", str(REPO_ROOT),
                        "-e", f"HOME={home}", "-e", "LANG=C.UTF-8", "-e", "TERM=xterm-256color", command],
                       check=True, env=environment)

    def screen(self) -> str:
        return subprocess.run([*self.tmux, "capture-pane", "-p", "-t", "sql"], capture_output=True, text=True).stdout

    def keys(self, *keys: str) -> None:
        subprocess.run([*self.tmux, "send-keys", "-t", "sql", *keys], check=True)

    def type(self, *lines: str) -> None:
        """Type lines; between two, Escape closes any completion list and Enter starts a new line. (A literal
        newline would be Ctrl+J, which runs the query; Escape right before Enter would read as Alt+Enter.)"""
        for number, line in enumerate(lines):
            if number:
                self.new_line()
            subprocess.run([*self.tmux, "send-keys", "-t", "sql", "-l", line], check=True)

    def new_line(self, timeout: float = 10) -> None:
        """Escape, then Enter, until the editor shows one more numbered line. On a loaded machine the app can read
        a key late or while a completion list is still open, which swallows the Enter ("bodyfrom" on one line)."""
        lines_before = self.editor_lines()
        for _ in range(3):
            self.escape()
            self.keys("Enter")
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                if self.editor_lines() > lines_before:
                    return
                time.sleep(0.3)
        raise AssertionError(f"Enter did not start a new line; the screen shows:\n{self.screen()}")

    def editor_lines(self) -> int:
        """How many numbered lines the query editor shows (its gutter: a border, the line number, two spaces)."""
        return len(re.findall(r"│ {1,3}\d+  ", self.screen()))

    def escape(self) -> None:
        self.keys("Escape")
        time.sleep(0.5)

    def wait_for(self, text: str, timeout: float = 60) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if text in screen:
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"{text!r} did not appear; the screen shows:\n{screen}")
            time.sleep(0.5)

    def wait_for_completion(self, entry: str, last_typed: str, timeout: float = 90) -> str:
        """The completion list shows `entry`. Harlequin loads the catalog in the background, so until it does,
        retype the last character typed, which recomputes the list."""
        deadline = time.monotonic() + timeout
        while True:
            try:
                return self.wait_for(entry, timeout=5)
            except AssertionError:
                if time.monotonic() > deadline:
                    raise
                self.keys("BSpace")
                time.sleep(0.3)
                subprocess.run([*self.tmux, "send-keys", "-t", "sql", "-l", last_typed], check=True)

    def wait_closed(self, timeout: float = 30) -> bool:
        deadline = time.monotonic() + timeout
        while subprocess.run([*self.tmux, "has-session", "-t", "sql"], capture_output=True).returncode == 0:
            if time.monotonic() > deadline:
                return False
            time.sleep(0.5)
        return True

    def close(self) -> None:
        subprocess.run([*self.tmux, "kill-server"], capture_output=True)


def test_prompt_completes_runs_multi_line_sql_cuts_wide_text_and_keeps_history(terminal):
    terminal.wait_for("Query Editor", timeout=STARTUP_SECONDS)
    terminal.wait_for("warehouse db")

    terminal.type("select site, title, body", "from warehouse.marts.")
    time.sleep(3)  # naming the database and schema makes harlequin load their tables for completion
    terminal.type("arti")
    terminal.wait_for_completion("…ticles t", last_typed="i")  # the table (t), its typed part shown as …
    terminal.type("cles", "order by site")
    terminal.escape()
    terminal.keys("C-j")
    screen = terminal.wait_for("Query Results (2 Records)")
    assert "2  from warehouse.marts.articles" in screen and "3  order by site" in screen, "one statement, three lines"
    assert "First title" in screen and "Second title" in screen
    assert "word0 word1" in screen and "word399" not in screen, "a wide text cell is cut for display"

    terminal.keys("C-q")
    assert terminal.wait_closed(), "Ctrl+Q quits"
    assert "from warehouse.marts.articles" in " ".join(history_statements(terminal.home)), "kept in the history"


def history_statements(home: Path) -> list[str]:
    """Every text value in harlequin's query history (a SQLite file it shares with its `hsql` command)."""
    history = home / ".local" / "state" / "harlequin" / "history.db"
    with sqlite3.connect(history) as connection:
        tables = [name for (name,) in connection.execute("select name from sqlite_master where type = 'table'")]
        return [value for table in tables for row in connection.execute(f'select * from "{table}"')
                for value in row if isinstance(value, str)]


def test_prompt_is_read_only(terminal):
    terminal.wait_for("Query Editor", timeout=STARTUP_SECONDS)
    terminal.type("delete from marts.articles")
    terminal.keys("C-j")
    terminal.wait_for("read-only")
    with duckdb.connect(str(terminal.warehouse), read_only=True) as connection:
        assert connection.execute("select count(*) from marts.articles").fetchone()[0] == 2
