"""Run one stage as a child process and measure its wall time and the peak RSS of its whole process tree."""

from __future__ import annotations

import os
import subprocess
import time
from dataclasses import dataclass, field
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

    @property
    def ok(self) -> bool:
        return self.returncode == 0


def tree_rss(process: psutil.Process) -> int:
    """RSS of a process plus all its descendants (dbt's forkserver and segmentation workers included)."""
    total = 0
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    for member in members:
        try:
            total += member.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


def run(command: list[str], *, log: Path, env: dict[str, str] | None = None, cwd: Path | None = None) -> Measured:
    """Run `command`, polling its process tree; stdout and stderr go to `log`, the tail is kept for the report."""
    log.parent.mkdir(parents=True, exist_ok=True)
    environment = {**os.environ, **(env or {})}
    with log.open("wb") as sink:
        started = time.perf_counter()
        child = subprocess.Popen(command, stdout=sink, stderr=subprocess.STDOUT, env=environment, cwd=cwd)
        watched = psutil.Process(child.pid)
        peak = 0
        while child.poll() is None:
            peak = max(peak, tree_rss(watched))
            time.sleep(POLL_SECONDS)
        wall = time.perf_counter() - started
    tail = log.read_bytes()[-OUTPUT_TAIL_CHARS:].decode("utf-8", "replace")
    return Measured(command, child.returncode, wall, peak, tail)
