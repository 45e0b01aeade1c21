"""Connected components of verified near-duplicate pairs (union-find): each article's group is the smallest
article_id reachable. One implementation for both engines: the DuckDB build's Python model
`int_articles_near_duplicates` and the Spark build's table function (ingest/spark/functions.py) call it."""

from __future__ import annotations

from collections.abc import Iterable

import pyarrow as pa

GROUP_SCHEMA = pa.schema([pa.field("article_id", pa.string()), pa.field("duplicate_group_id", pa.string())])


def _find_root(parent: dict, article_id: str) -> str:
    root = article_id
    while parent[root] != root:
        root = parent[root]
    while parent[article_id] != root:
        parent[article_id], article_id = root, parent[article_id]
    return root


def near_duplicate_groups(pair_batches: Iterable[pa.RecordBatch | pa.Table]) -> pa.Table:
    """Batches of (article_id, duplicate_article_id) pairs, first two columns -> GROUP_SCHEMA, one row per article
    that is in any pair. Union-find keeps the smaller id as root, so a component's root is its smallest id."""
    parent: dict[str, str] = {}
    for batch in pair_batches:
        for left, right in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist()):
            parent.setdefault(left, left)
            parent.setdefault(right, right)
            left_root, right_root = _find_root(parent, left), _find_root(parent, right)
            if left_root != right_root:
                parent[max(left_root, right_root)] = min(left_root, right_root)
    article_ids = list(parent)
    return pa.table(
        [pa.array(article_ids, pa.string()),
         pa.array([_find_root(parent, article_id) for article_id in article_ids], pa.string())],
        schema=GROUP_SCHEMA,
    )
