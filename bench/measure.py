"""Run one stage as a child process and measure its wall time and the peak RSS of its whole process tree."""

from __future__ import annotations

import json
import os
import subprocess
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

import psutil

POLL_SECONDS = 0.1
OUTPUT_TAIL_CHARS = 3000


@dataclass
class Measured:
    command: list[str]
    returncode: int
    wall_s: float
    peak_rss_bytes: int
    output_tail: str = field(repr=False)
    samples: list = field(default_factory=list, repr=False)  # bench.trace.Sample, when traced

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def tree_rss(process: psutil.Process) -> int:
    """RSS of a process plus all its descendants (dbt's forkserver and segmentation workers included)."""
    return tree_rss_parts(process)[0]


def tree_rss_parts(process: psutil.Process) -> tuple[int, int, int]:
    """(RSS of the tree, RSS of the root process alone, processes counted)."""
    total = root = counted = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0, 0, 0
    for member in members:
        try:
            rss = member.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
        total += rss
        counted += 1
        if member.pid == process.pid:
            root = rss
    return total, root, counted


def run(command: list[str], *, log: Path, env: dict[str, str] | None = None, cwd: Path | None = None,
        trace_every: float | None = None, trace_log: Path | None = None) -> Measured:
    """Run `command`, polling its process tree; stdout and stderr go to `log`, the tail is kept for the report.

    With `trace_every` (seconds), a bench.trace.Sample is also kept at that interval (see bench/trace.py), and
    appended to `trace_log` as a JSON line when given, so a run that is stopped still leaves its samples."""
    from bench.trace import Sample

    log.parent.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, **(env or {})}
    with log.open("wb") as sink:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=environment, cwd=cwd)
        watched = psutil.Process(child.pid)
        peak = 0
        samples: list[Sample] = []
        next_sample = started
        while child.poll() is None:
            total, root, counted = tree_rss_parts(watched)
            peak = max(peak, total)
            now = time.perf_counter()
            if trace_every and now >= next_sample and counted:
                samples.append(Sample(time.time(), total, root, counted))
                next_sample = now + trace_every
                if trace_log is not None:
                    with trace_log.open("a") as sink_samples:
                        sink_samples.write(json.dumps(asdict(samples[-1])) + "\n")
            time.sleep(POLL_SECONDS)
        wall = time.perf_counter() - started
    tail = log.read_bytes()[-OUTPUT_TAIL_CHARS:].decode("utf-8", "replace")
    return Measured(command, child.returncode, wall, peak, tail, samples)
