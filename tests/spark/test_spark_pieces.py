"""The parts of ENGINE=spark that need no JVM: the build command, session settings and the shared union-find."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa

from ingest.build import _command
from ingest.near_duplicates import near_duplicate_groups
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
