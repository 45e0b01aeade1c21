"""Memory trace of one run: the RSS of a process tree every second, and the dbt models running at each sample.

`measure.run(..., trace_every=1.0)` records samples (UTC time, RSS of the whole tree, of the root process, of its
descendants). `attribute` joins them with the execute intervals of dbt's `run_results.json`, so each model gets the
RSS at its start, its peak and its growth; a model that ran beside another (dbt's 2 threads) is marked, as the peak
then belongs to both. `python -m bench.trace --out trace.json [--run-results run_results.json] -- COMMAND...`
traces any command; bench does it per dbt build with `--trace-memory`. Samples are also appended to a JSON-lines
file while the command runs (`<out>.samples.jsonl`; bench: `memory-samples.jsonl`), so a stopped run keeps them.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict, dataclass
from datetime import datetime
from pathlib import Path

MIB = 2**20


@dataclass
class Sample:
    at: float  # seconds since the epoch (UTC)
    tree_rss: int  # the root process and every descendant
    root_rss: int  # the root process alone (dbt's own process: DuckDB and the Python models run in it)
    processes: int


def _epoch(timestamp: str) -> float:
    """run_results.json times ('2026-12-03T12:40:01.123456Z') as seconds since the epoch."""
    return datetime.fromisoformat(timestamp.replace("Z", "+00:00")).timestamp()


def model_intervals(run_results: dict) -> list[dict]:
    """(name, start, end) of every model's execute phase; tests and seeds are left out."""
    intervals = []
    for result in run_results.get("results", []):
        if not result["unique_id"].startswith("model."):
            continue
        execute = next((t for t in result.get("timing", []) if t.get("name") == "execute"
                        and t.get("started_at") and t.get("completed_at")), None)
        if execute is None:
            continue
        intervals.append({"model": result["unique_id"].split(".")[-1], "status": result.get("status"),
                          "start": _epoch(execute["started_at"]), "end": _epoch(execute["completed_at"])})
    return sorted(intervals, key=lambda interval: interval["start"])


def attribute(samples: list[Sample], run_results: dict) -> list[dict]:
    """Per model: seconds, tree RSS at its start, peak tree and root RSS while it ran, and who ran beside it.

    A model shorter than the sampling interval may have no sample of its own: its peak is then the sample
    nearest its start (marked `sampled: false`)."""
    intervals = model_intervals(run_results)
    rows = []
    for interval in intervals:
        inside = [s for s in samples if interval["start"] <= s.at <= interval["end"]]
        before = [s for s in samples if s.at <= interval["start"]]
        start_rss = before[-1].tree_rss if before else (inside[0].tree_rss if inside else None)
        if not inside and samples:
            inside = [min(samples, key=lambda s: abs(s.at - interval["start"]))]
        beside = sorted({other["model"] for other in intervals if other is not interval
                         and other["start"] < interval["end"] and other["end"] > interval["start"]})
        rows.append({
            "model": interval["model"],
            "status": interval["status"],
            "seconds": round(interval["end"] - interval["start"], 2),
            "start_rss": start_rss,
            "peak_rss": max((s.tree_rss for s in inside), default=None),
            "peak_root_rss": max((s.root_rss for s in inside), default=None),
            "peak_processes": max((s.processes for s in inside), default=None),
            "sampled": any(interval["start"] <= s.at <= interval["end"] for s in samples),
            "beside": beside,
        })
    return rows


def running_at(samples: list[Sample], run_results: dict) -> list[list[str]]:
    """For each sample, the models whose execute phase covers it."""
    intervals = model_intervals(run_results)
    return [[i["model"] for i in intervals if i["start"] <= s.at <= i["end"]] for s in samples]


def write(path: Path, samples: list[Sample], run_results: dict | None, command: list[str]) -> dict:
    """The whole trace as JSON: samples (with the models running), and the per-model table."""
    run_results = run_results or {}
    trace = {
        "command": command,
        "samples": [{**asdict(s), "running": running} for s, running in zip(samples, running_at(samples, run_results))],
        "models": attribute(samples, run_results),
        "peak_rss": max((s.tree_rss for s in samples), default=None),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(trace, indent=1))
    return trace


def _mib(value: int | None) -> str:
    return "—" if value is None else f"{value / MIB:,.0f}"


def table(models: list[dict], top: int | None = None) -> list[str]:
    """Markdown rows, the highest peak first: model, seconds, RSS at start, peak (tree, dbt process), growth."""
    ranked = sorted((m for m in models if m["peak_rss"] is not None), key=lambda m: -m["peak_rss"])[:top]
    lines = ["| model | s | RSS at start MiB | peak MiB | peak of dbt's own process MiB | growth MiB | ran beside |",
             "|---|--:|--:|--:|--:|--:|---|"]
    for m in ranked:
        growth = m["peak_rss"] - m["start_rss"] if m["start_rss"] is not None else None
        lines.append(f"| {m['model']}{'' if m['sampled'] else ' (not sampled)'} | {m['seconds']:,.1f} | "
                     f"{_mib(m['start_rss'])} | {_mib(m['peak_rss'])} | {_mib(m['peak_root_rss'])} | "
                     f"{_mib(growth)} | {', '.join(m['beside']) or '—'} |")
    return lines


def main(argv: list[str] | None = None) -> int:
    from bench import measure

    parser = argparse.ArgumentParser(prog="python -m bench.trace", description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True, help="trace JSON to write")
    parser.add_argument("--run-results", type=Path, help="dbt's run_results.json, read after the command ends")
    parser.add_argument("--log", type=Path, help="the command's output (default: next to --out)")
    parser.add_argument("--every", type=float, default=1.0, help="seconds between samples (default %(default)s)")
    parser.add_argument("command", nargs=argparse.REMAINDER, help="-- then the command to run")
    arguments = parser.parse_args(argv)
    command = arguments.command[1:] if arguments.command[:1] == ["--"] else arguments.command
    if not command:
        parser.error("no command given")
    if arguments.run_results:
        arguments.run_results.unlink(missing_ok=True)
    samples_log = arguments.out.with_suffix(".samples.jsonl")
    samples_log.unlink(missing_ok=True)
    measured = measure.run(command, log=arguments.log or arguments.out.with_suffix(".log"), trace_every=arguments.every,
                           trace_log=samples_log)
    results = None
    if arguments.run_results and arguments.run_results.exists():
        results = json.loads(arguments.run_results.read_text())
    trace = write(arguments.out, measured.samples, results, command)
    print(f"exit {measured.returncode}, {measured.wall_s:.1f} s, peak RSS {_mib(measured.peak_rss_bytes)} MiB")
    print("\n".join(table(trace["models"])))
    return measured.returncode


if __name__ == "__main__":
    sys.exit(main())
