"""Texts the topic tests share: the benchmark's real news bodies and the seed page's article and teasers."""

import json
from pathlib import Path

import pytest

from ingest.topics.evaluate import resolve_ref

LABELLED = Path(__file__).parent / "labelled.jsonl"


@pytest.fixture(scope="session")
def benchmark_docs(shared_dir):
    ground_truth = json.loads((shared_dir / "corpora/article-extraction-benchmark/ground-truth.json").read_text())
    return [{"id": key, "text": value["articleBody"]} for key, value in sorted(ground_truth.items())]


@pytest.fixture(scope="session")
def seed_items(shared_dir):
    """The seed page's article and teasers, by their ids in labelled.jsonl."""
    cache = {}
    rows = [json.loads(line) for line in LABELLED.read_text().splitlines() if line.strip()]
    return {
        row["id"]: resolve_ref(row["ref"], shared_dir, cache)
        for row in rows
        if row.get("id", "").startswith("seed-")
    }
