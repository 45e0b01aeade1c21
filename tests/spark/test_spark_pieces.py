"""The parts of ENGINE=spark that need no JVM: the build command, session settings and the shared union-find."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pyarrow as pa

from ingest.build import _command
from ingest.near_duplicates import near_duplicate_groups
from ingest.record import Reject, page_id_of
from ingest.spark.load import (
    PARTITION_BYTES,
    InputFile,
    _first_per_key,
    assign_partitions,
    file_items,
    partition_count,
    plan_inputs,
)
from ingest.spark.build import RAW_ROW_GROUP_ROWS, export_raw
from ingest.spark.session import _default_partitions, extra_settings


def test_components_root_is_the_smallest_id_across_batches():
    first = pa.table({"a": ["c", "x"], "b": ["d", "y"]})
    second = pa.table({"a": ["b", "a"], "b": ["c", "b"]})
    groups = dict(zip(*near_duplicate_groups([first, second]).to_pydict().values()))
    assert groups == {"a": "a", "b": "a", "c": "a", "d": "a", "x": "x", "y": "x"}


def test_no_pairs_no_groups():
    assert near_duplicate_groups([]).num_rows == 0


def test_spark_engine_runs_the_spark_dbt_step_with_its_lake_beside_the_published_file(tmp_path):
    staged = tmp_path / "w.duckdb.build" / "w.duckdb"
    command = _command("dbt", staged, [], ["--select", "+articles"], Path("dbt_project"), True, "spark",
                       tmp_path / "w.duckdb")
    assert command[1:3] == ["-m", "ingest.spark.build"]
    assert command[command.index("--lake") + 1] == str(tmp_path / "w.duckdb.spark")
    assert command[-2:] == ["--select", "+articles"]
    duckdb_command = _command("dbt", staged, [], [], Path("dbt_project"), True)
    assert Path(duckdb_command[0]).name == "dbt"


def test_local_mode_uses_two_shuffle_partitions_per_core():
    assert _default_partitions("local[2]") == 4
    assert _default_partitions("local[1]") == 2
    assert _default_partitions("spark://host:7077") == 200


def test_extra_settings_are_key_value_pairs():
    assert extra_settings("spark.executor.memory=8g, spark.executor.cores=4,bad") == {
        "spark.executor.memory": "8g", "spark.executor.cores": "4"}
    assert extra_settings(None) == {}


def test_spark_engine_runs_load_and_dbt_in_one_spark_process(tmp_path):
    staged = tmp_path / "w.duckdb.build" / "w.duckdb"
    both = _command("load", staged, ["a/*.html", "b"], ["--select", "+articles"], Path("dbt_project"), True,
                    "spark", tmp_path / "w.duckdb", with_dbt=True)
    assert both[1:3] == ["-m", "ingest.spark.build"]
    assert both[both.index("--load") + 1:both.index("--")] == ["a/*.html", "b"]
    assert both[-2:] == ["--select", "+articles"]
    load_only = _command("load", staged, ["a"], [], Path("dbt_project"), True, "spark", tmp_path / "w.duckdb")
    assert load_only[load_only.index("--load") + 1:load_only.index("--")] == ["a", "--no-dbt"]
    assert _command("load", staged, ["a"], [], Path("dbt_project"), True)[1:4] == ["-m", "ingest", "load"]


def test_files_go_largest_first_onto_the_emptiest_partition():
    files = [InputFile(index, f"f{index}", size) for index, size in enumerate([10, 1_000, 10, 10, 900, 10])]
    assigned = assign_partitions(files, 3)
    by_partition = {}
    for file, number in zip(files, assigned):
        by_partition.setdefault(number, []).append(file.size)
    # the two big files are alone on their partitions; the four small ones share the third
    assert sorted(by_partition.values(), key=sum) == [[10, 10, 10, 10], [900], [1_000]]
    assert sorted(assign_partitions(files[:2], 8)) == [0, 1]  # never more partitions than files


def test_partition_count_follows_cores_and_bytes_but_not_beyond_the_files():
    small = [InputFile(index, "f", 1_000) for index in range(100)]
    assert partition_count(small, cores=2) == 6
    big = [InputFile(index, "f", 100 * PARTITION_BYTES) for index in range(3)]
    assert partition_count(big, cores=2) == 3
    many = [InputFile(index, "f", PARTITION_BYTES) for index in range(40)]
    assert partition_count(many, cores=2) == 40


def test_listing_numbers_files_rejects_and_skips_in_input_order(tmp_path):
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "2.html").write_text("<p>two</p>")
    (tmp_path / "b" / ".hidden.html").write_text("<p>hidden</p>")
    (tmp_path / "1.html").write_text("<p>one</p>")
    files, met = plan_inputs([str(tmp_path / "1.html"), str(tmp_path / "b")])
    assert [Path(file.path).name for file in files] == ["1.html", "2.html"]
    assert [file.index for file in files] == [0, 2]
    assert [(index, type(entry).__name__) for index, entry in met] == [(1, "Skipped")]


def test_file_items_are_the_loaders_pages_rejects_and_notes_in_record_order(tmp_path):
    good = tmp_path / "pages.jsonl"
    good.write_text('{"url": "https://example.com/a", "html": "<p>a</p>"}\nnot json\n'
                    '{"url": "https://example.com/b", "html": "<p>b</p>"}\n')
    rows = pa.Table.from_batches(list(file_items(7, str(good), 1_000_000))).to_pylist()
    assert [(row["item_kind"], row["file_index"], row["item_index"]) for row in rows] == [
        ("page", 7, 0), ("reject", 7, 1), ("page", 7, 2)]
    assert rows[1]["reason"] == "invalid_json"
    page = rows[0]
    assert page["url"] == "https://example.com/a" and page["site"] == "example.com"
    assert page["body"] == "<p>a</p>" and page["byte_length"] == len(b"<p>a</p>")
    assert page["page_id"] == page_id_of(page["url"], page["content_sha256"])


def test_file_items_turn_a_bad_file_into_a_reject_and_count_skips(tmp_path):
    missing = pa.Table.from_batches(list(file_items(0, str(tmp_path / "gone.html"), 1_000))).to_pylist()
    assert [(row["item_kind"], row["reason"]) for row in missing] == [("reject", "unreadable")]
    large = tmp_path / "large.html"
    large.write_text("<p>" + "x" * 5_000 + "</p>")
    too_large = pa.Table.from_batches(list(file_items(1, str(large), 1_000))).to_pylist()
    assert [(row["item_kind"], row["reason"]) for row in too_large] == [("reject", "page_too_large")]


def test_first_reject_per_key_in_input_order_wins():
    rejects = [(2, 0, Reject("a", "x", "later")), (1, 5, Reject("a", "x", "first")), (1, 6, Reject("b", "x", "b"))]
    kept = _first_per_key(rejects, lambda reject: (reject.source_uri, reject.reason))
    assert [reject.detail for reject in kept] == ["first", "b"]


def test_exported_raw_pages_split_into_row_groups_spark_can_spread_over_tasks(tmp_path):
    # Spark cuts a Parquet file into tasks only between row groups: one row group of every page was one task.
    staged = tmp_path / "w.duckdb"
    with duckdb.connect(str(staged)) as connection:
        connection.execute("create schema raw")
        connection.execute("create table raw.pages as select 'p' || i as page_id, repeat('x', 100) as body "
                           "from range(5000) t(i)")
    exported = export_raw(staged, tmp_path / "lake")
    groups = duckdb.sql(f"select row_group_num_rows from parquet_metadata('{exported['pages']}/*.parquet') "
                        "group by file_name, row_group_id, row_group_num_rows").fetchall()
    assert sum(rows for (rows,) in groups) == 5000
    assert len(groups) >= 3 and max(rows for (rows,) in groups) <= RAW_ROW_GROUP_ROWS
