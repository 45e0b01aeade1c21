"""map_in_order: results in input order, in process and on a real pool."""

from __future__ import annotations

import pytest

from ingest.parallel import map_in_order, worker_count


def negate(value: int) -> int:
    return -value


@pytest.mark.parametrize("workers", [1, 2])
def test_results_come_back_in_input_order(workers: int) -> None:
    assert list(map_in_order(negate, iter(range(25)), workers)) == [-value for value in range(25)]


def test_worker_count_defaults_to_the_cores_available() -> None:
    assert worker_count(3) == 3
    assert worker_count(0) >= 1
