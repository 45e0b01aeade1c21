"""`pagewarehouse sql` / `python -m ingest sql`: one statement on a read-only connection, as a table, CSV or JSON lines."""

from __future__ import annotations

import csv
import io
import json
import shlex
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from ingest_inputs import REPO_ROOT, run_cli

from ingest import summary
from ingest.sql import interactive_command, one_line

LONG_BODY = "word " * 200 + "\nsecond line"


@pytest.fixture
def small_warehouse(db_path: Path) -> Path:
    """A real DuckDB file with a marts.articles table holding long, multi-line text, numbers, dates and nulls."""
    with duckdb.connect(str(db_path)) as connection:
        connection.execute("create schema marts")
        connection.execute("""
            create table marts.articles as
            select * from (values
                ('a.example', 'First, with a comma', ?, 120, 0.123456, date '2024-03-01', ['x', 'y']),
                ('b.example', 'Second "quoted"', 'short body', 7, null, null, []),
                ('a.example', 'Third', 'ünïcode bödy', 1234567, 2.5, date '2024-03-02', ['z'])
            ) as t(site, title, body, word_count, score, published_date, tags)""", [LONG_BODY])
    return db_path


def test_table_aligns_columns_cuts_wide_text_and_counts_rows(small_warehouse):
    result = run_cli("sql", "--db", str(small_warehouse),
                     "select site, title, body, word_count from marts.articles order by title")
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    header, rule, *rows, footer = lines
    assert [cell.strip() for cell in header.split("|")] == ["site", "title", "body", "word_count"]
    assert footer == "(3 rows)"
    assert len(rows) == 3
    # every row's separators sit under the header's: the columns are aligned
    separators = [index for index, char in enumerate(header) if char == "|"]
    for row in rows:
        assert [index for index, char in enumerate(row) if char == "|"] == separators
    assert [index for index, char in enumerate(rule) if char == "+"] == separators
    first = rows[0].split(" | ")
    assert first[2].rstrip().endswith("…") and len(first[2].rstrip()) == 60, "the long body is cut to 60 characters"
    assert "\n" not in first[2]
    assert first[3].strip() == "120" and first[3].startswith(" "), "numbers are right-aligned"
    assert "ünïcode bödy" in result.stdout


def test_max_width_zero_keeps_whole_text_on_one_line(small_warehouse):
    result = run_cli("sql", "--db", str(small_warehouse), "--max-width", "0",
                     "select body from marts.articles where word_count = 120")
    assert result.returncode == 0, result.stderr
    assert ("word " * 200 + "second line").strip() in result.stdout


def test_csv_round_trips_values_with_commas_quotes_and_nulls(small_warehouse):
    result = run_cli("sql", "--db", str(small_warehouse), "--format", "csv",
                     "select title, body, score, published_date, tags from marts.articles order by title")
    assert result.returncode == 0, result.stderr
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert [row["title"] for row in rows] == ["First, with a comma", 'Second "quoted"', "Third"]
    assert rows[0]["body"] == LONG_BODY, "CSV is never cut"
    assert rows[1]["score"] == "" and rows[1]["published_date"] == ""
    assert rows[0]["published_date"] == "2024-03-01"
    assert json.loads(rows[0]["tags"]) == ["x", "y"]


def test_jsonl_gives_one_object_per_row_with_typed_values(small_warehouse):
    result = run_cli("sql", "--db", str(small_warehouse), "--format", "jsonl",
                     "select title, word_count, score, published_date, tags from marts.articles order by title")
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(records) == 3
    assert records[0] == {"title": "First, with a comma", "word_count": 120, "score": 0.123456,
                          "published_date": "2024-03-01", "tags": ["x", "y"]}
    assert records[1]["score"] is None and records[1]["tags"] == []


def test_sql_error_exits_one_with_a_single_line(small_warehouse):
    result = run_cli("sql", "--db", str(small_warehouse), "select * from marts.artcles")
    assert result.returncode == 1
    assert result.stdout == ""
    message = result.stderr.strip()
    assert "\n" not in message
    assert "Table with name artcles does not exist" in message and "articles" in message
    assert "LINE 1" not in message


@pytest.mark.parametrize("statement", ["select 1; select 2", "", "-- only a comment"])
def test_anything_but_one_statement_is_refused(small_warehouse, statement):
    result = run_cli("sql", "--db", str(small_warehouse), statement)
    assert result.returncode == 1
    assert "give exactly one SQL statement" in result.stderr


def test_connection_is_read_only(small_warehouse):
    result = run_cli("sql", "--db", str(small_warehouse), "delete from marts.articles")
    assert result.returncode == 1 and "read-only" in result.stderr
    with duckdb.connect(str(small_warehouse), read_only=True) as connection:
        assert connection.execute("select count(*) from marts.articles").fetchone()[0] == 3


def test_missing_warehouse_exits_two(tmp_path):
    result = run_cli("sql", "--db", str(tmp_path / "none.duckdb"), "select 1")
    assert result.returncode == 2 and "no warehouse at" in result.stderr and "make build" in result.stderr


def test_db_defaults_to_the_warehouse_variable(small_warehouse):
    result = subprocess.run([sys.executable, "-m", "ingest", "sql", "select count(*) as n from marts.articles"],
                            capture_output=True, text=True, cwd=REPO_ROOT,
                            env={"PATH": "/usr/bin:/bin", "WAREHOUSE": str(small_warehouse)})
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[2].strip() == "3"


def test_console_script_runs_the_same_command(small_warehouse):
    script = Path(sys.executable).with_name("pagewarehouse")
    result = subprocess.run([str(script), "sql", "--db", str(small_warehouse), "--format", "csv",
                             "select count(*) as n from marts.articles"], capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert result.stdout == "n\n3\n"


def test_runs_while_another_process_holds_the_warehouse_open(small_warehouse):
    holder = subprocess.Popen(
        [sys.executable, "-c", "import duckdb, sys; c = duckdb.connect(sys.argv[1], read_only=True); "
         "print('open', flush=True); sys.stdin.read()", str(small_warehouse)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        result = run_cli("sql", "--db", str(small_warehouse), "--format", "csv", "select count(*) as n from marts.articles")
        assert result.returncode == 0, result.stderr
        assert result.stdout == "n\n3\n"
    finally:
        holder.communicate("", timeout=30)


def test_build_summary_hint_is_a_command_that_works(small_warehouse, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    line = summary.query_hint(small_warehouse)
    command = line.removeprefix("query it: ").split("  |  ")[0]
    assert "make sql" in line
    result = subprocess.run(shlex.split(command), capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "a.example" in result.stdout and "(2 rows)" in result.stdout


def test_one_line_drops_the_statement_echo():
    message = 'Catalog Error: Table with name x does not exist!\nDid you mean "y"?\n\nLINE 1: select * from x\n   ^'
    assert one_line(message) == 'Catalog Error: Table with name x does not exist! Did you mean "y"?'


def test_interactive_prompt_is_harlequin_read_only_unless_asked(tmp_path):
    warehouse = tmp_path / "warehouse.duckdb"
    read_only = interactive_command(warehouse)
    assert Path(read_only[0]).name == "harlequin" and "--read-only" in read_only and read_only[-1] == str(warehouse)
    assert "--read-only" not in interactive_command(warehouse, write=True)


def test_output_cut_short_by_the_reader_is_not_an_error(small_warehouse):
    script = Path(sys.executable).with_name("pagewarehouse")
    pipeline = subprocess.run(
        f"{script} sql --db {small_warehouse} --format csv 'select * from range(500000)' | head -2; "
        "exit ${PIPESTATUS[0]}", shell=True, executable="/bin/bash", capture_output=True, text=True)
    assert pipeline.returncode == 0, pipeline.stderr
    assert pipeline.stdout == "range\n0\n" and pipeline.stderr == ""
