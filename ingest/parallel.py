"""Map a function over batches on a process pool, in input order, with bounded memory."""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

Batch = TypeVar("Batch")
Result = TypeVar("Result")


def map_in_order(function: Callable[[Batch], Result], batches: Iterable[Batch], workers: int) -> Iterator[Result]:
    """`function` over `batches` on `workers` processes, results in input order, at most two batches per worker
    in flight so a large input never sits in memory (Executor.map would read the whole input up front)."""
    if workers <= 1:
        yield from map(function, batches)
        return
    # forkserver: forking a dbt process would copy DuckDB's threads and locks into the workers. Like spawn, it
    # re-imports the main module in each worker: dbt's own entry point is guarded; a script that calls dbtRunner
    # needs the usual `if __name__ == "__main__":` guard.
    context = multiprocessing.get_context("forkserver")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        in_flight = deque()
        for batch in batches:
            in_flight.append(pool.submit(function, batch))
            if len(in_flight) >= 2 * workers:
                yield in_flight.popleft().result()
        while in_flight:
            yield in_flight.popleft().result()


def worker_count(configured: int) -> int:
    """`configured` when above 0, else one worker per core this process may run on."""
    if configured > 0:
        return configured
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1
