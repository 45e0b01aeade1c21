"""map_in_order and worker_count (the process-pool path runs for real in the dbt integration test, where the
segmentation model maps batches over two workers)."""

from __future__ import annotations

from ingest.parallel import map_in_order, worker_count


def test_results_come_back_in_input_order_in_process() -> None:
    assert list(map_in_order(abs, iter(range(-5, 20)), 1)) == [abs(value) for value in range(-5, 20)]


def test_worker_count_defaults_to_the_cores_available() -> None:
    assert worker_count(3) == 3
    assert worker_count(0) >= 1
