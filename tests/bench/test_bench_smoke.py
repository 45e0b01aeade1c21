"""The bench harness on a 20-page corpus: every stage runs, is measured and reported (no timing is asserted)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from bench import report

REPO = Path(__file__).resolve().parents[2]
PIPELINE_STAGES = ["load", "segmentation vs trafilatura", "build core (articles, quality)", "build entities+topics",
                   "quality suites"]
INCREMENTAL_STAGES = ["load", "build core (articles, quality)", "build entities+topics", "quality suites"]


@pytest.fixture(scope="module")
def bench_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("bench")
    doc = out / "benchmarks.md"
    doc.write_text(f"# Benchmarks\n\nintro\n\n{report.BEGIN}\nold numbers\n{report.END}\n\n"
                   "## What dominates\n\nhand-written\n")
    completed = subprocess.run(
        [sys.executable, "-m", "bench", "--sizes", "20", "--out-dir", str(out), "--doc", str(doc), "--no-real",
         "--reference-pages", "10", "--quality-teasers", "1000"],
        cwd=REPO, capture_output=True, text=True,
    )
    return completed, json.loads((out / "results.json").read_text()), doc.read_text(), out


@pytest.mark.integration
def test_every_stage_is_measured(bench_run):
    completed, results, _, _ = bench_run
    assert completed.returncode == 0, completed.stdout[-4000:] + completed.stderr[-4000:]
    stages = [(row["corpus"], row["stage"]) for row in results["rows"]]
    assert stages == ([("20", s) for s in PIPELINE_STAGES] + [("20 +1%", s) for s in INCREMENTAL_STAGES]
                      + [("synthetic", "quality suites, 1,000 synthetic teasers")])
    for row in results["rows"]:
        assert row["status"].startswith("ok"), row
        assert row["wall_s"] > 0 and row["peak_rss_bytes"] > 0, row
    build = next(r for r in results["rows"] if r["stage"] == "build core (articles, quality)")
    assert "int_pages_segmented" in {m["model"] for m in build["top_models"]}
    assert results["increment"]["pages"] == 1


@pytest.mark.integration
def test_report_has_every_stage_and_keeps_hand_written_text(bench_run):
    _, results, text, _ = bench_run
    assert "old numbers" not in text
    assert text.startswith("# Benchmarks\n\nintro\n") and text.endswith("## What dominates\n\nhand-written\n")
    for row in results["rows"]:
        assert f"| {row['corpus']} | {row['stage']} | {row['status']} |" in text
    for target in ("load ≥ 100 MB/s", "segmentation ≥ 1.0x trafilatura", "≥ 200 pages/s", "peak RSS at 100k",
                   "incremental +1% ≤ 10%", "1M teasers"):
        assert target in text


@pytest.mark.integration
def test_builds_of_one_warehouse_share_the_parsed_project(bench_run):
    *_, out = bench_run
    assert "saved manifest not found" in (out / "dbt/20-core/logs/dbt.log").read_text()
    assert "no changes found, skipping parsing" in (out / "dbt/20+1pct-core/logs/dbt.log").read_text()
