"""The memory trace: samples of a real child process, and their attribution to dbt models by run_results timings."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from bench import measure
from bench.trace import Sample, attribute, running_at, table

REPO = Path(__file__).resolve().parents[2]
T0 = 1_800_000_000.0  # 2027-01-15T08:00:00Z


def _iso(seconds_after: float) -> str:
    from datetime import datetime, timezone

    return datetime.fromtimestamp(T0 + seconds_after, timezone.utc).strftime("%Y-%m-%dT%H:%M:%S.%fZ")


def _result(model: str, start: float, end: float) -> dict:
    return {"unique_id": f"model.pagewarehouse.{model}", "status": "success",
            "timing": [{"name": "compile", "started_at": _iso(start - 0.5), "completed_at": _iso(start)},
                       {"name": "execute", "started_at": _iso(start), "completed_at": _iso(end)}]}


RUN_RESULTS = {"results": [
    _result("small_first", 0.0, 3.5),
    _result("grows", 4.0, 10.5),
    _result("beside_grows", 6.5, 8.5),
    _result("short", 11.2, 11.4),
    {"unique_id": "test.pagewarehouse.not_null_x", "status": "pass",
     "timing": [{"name": "execute", "started_at": _iso(5), "completed_at": _iso(6)}]},
]}
MIB = 2**20
SAMPLES = [Sample(T0 + second, tree_rss=rss * MIB, root_rss=rss * MIB // 2, processes=1 + (second > 5))
           for second, rss in enumerate([100, 110, 120, 115, 100, 300, 900, 700, 650, 400, 200, 150, 140])]


def test_each_model_gets_the_peak_of_the_samples_while_it_ran():
    models = {m["model"]: m for m in attribute(SAMPLES, RUN_RESULTS)}
    assert set(models) == {"small_first", "grows", "beside_grows", "short"}  # the data test is left out
    assert models["small_first"]["peak_rss"] == 120 * MIB
    assert models["grows"]["start_rss"] == 100 * MIB and models["grows"]["peak_rss"] == 900 * MIB
    assert models["grows"]["peak_root_rss"] == 450 * MIB and models["grows"]["peak_processes"] == 2
    assert models["beside_grows"]["peak_rss"] == 700 * MIB  # samples at 7 and 8 s
    assert models["grows"]["beside"] == ["beside_grows"] and models["small_first"]["beside"] == []
    # shorter than the interval: no sample inside it, so the nearest one stands in and it is marked
    assert models["short"]["sampled"] is False and models["short"]["peak_rss"] == 150 * MIB


def test_samples_know_which_models_were_running():
    running = running_at(SAMPLES, RUN_RESULTS)
    assert running[0] == ["small_first"] and running[4] == ["grows"] and running[11] == []
    assert running[7] == ["grows", "beside_grows"]


def test_table_ranks_models_by_peak():
    lines = table(attribute(SAMPLES, RUN_RESULTS))
    assert lines[2].startswith("| grows | 6.5 | 100 | 900 | 450 | 800 | beside_grows |")
    assert lines[-1].startswith("| small_first ")


def test_a_real_child_is_sampled_every_interval_and_its_growth_seen(tmp_path):
    # the child holds 200 MiB for about 1.5 s after a short start; sampled every 0.2 s
    code = "import time; time.sleep(0.6); b = bytearray(200 * 2**20); b[::4096] = b'x' * len(b[::4096]); time.sleep(1.5)"
    measured = measure.run([sys.executable, "-c", code], log=tmp_path / "child.log", trace_every=0.2)
    assert measured.ok and len(measured.samples) >= 5
    assert [s.at for s in measured.samples] == sorted(s.at for s in measured.samples)
    first, peak = measured.samples[0].tree_rss, max(s.tree_rss for s in measured.samples)
    assert peak - first > 150 * MIB and peak <= measured.peak_rss_bytes
    assert all(s.root_rss == s.tree_rss for s in measured.samples)  # no descendants


def test_command_line_traces_a_command_and_reads_run_results(tmp_path):
    run_results = tmp_path / "run_results.json"
    # the traced command writes run_results.json itself (as dbt does), one model covering its whole run
    code = ("import json, sys, time; from datetime import datetime, timezone; "
            "now = lambda: datetime.now(timezone.utc).strftime('%Y-%m-%dT%H:%M:%S.%fZ'); start = now(); "
            "time.sleep(1.2); json.dump({'results': [{'unique_id': 'model.p.m', 'status': 'success', "
            "'timing': [{'name': 'execute', 'started_at': start, 'completed_at': now()}]}]}, open(sys.argv[1], 'w'))")
    completed = subprocess.run(
        [sys.executable, "-m", "bench.trace", "--out", str(tmp_path / "trace.json"), "--run-results", str(run_results),
         "--every", "0.2", "--", sys.executable, "-c", code, str(run_results)],
        cwd=REPO, capture_output=True, text=True)
    assert completed.returncode == 0, completed.stderr
    trace = json.loads((tmp_path / "trace.json").read_text())
    assert [m["model"] for m in trace["models"]] == ["m"] and trace["models"][0]["sampled"]
    assert any(sample["running"] == ["m"] for sample in trace["samples"])
    assert "| m |" in completed.stdout
    live = [json.loads(line) for line in (tmp_path / "trace.samples.jsonl").read_text().splitlines()]
    assert [s["at"] for s in live] == [s["at"] for s in trace["samples"]]
