"""Connected components of the verified near-duplicate pairs: each article's group is the smallest article_id reachable."""

import pyarrow as pa

PAIR_BATCH_ROWS = 100_000


def find_root(parent, article_id):
    root = article_id
    while parent[root] != root:
        root = parent[root]
    while parent[article_id] != root:
        parent[article_id], article_id = root, parent[article_id]
    return root


def model(dbt, session):
    pairs = dbt.ref("int_article_duplicate_pairs").select("article_id, duplicate_article_id")

    # union-find keeps the smaller id as root, so a component's root is its smallest article_id
    parent = {}
    for batch in pairs.to_arrow_reader(PAIR_BATCH_ROWS):
        for left, right in zip(batch.column(0).to_pylist(), batch.column(1).to_pylist()):
            parent.setdefault(left, left)
            parent.setdefault(right, right)
            left_root, right_root = find_root(parent, left), find_root(parent, right)
            if left_root != right_root:
                parent[max(left_root, right_root)] = min(left_root, right_root)

    article_ids = list(parent)
    return pa.table(
        {
            "article_id": pa.array(article_ids, pa.string()),
            "duplicate_group_id": pa.array([find_root(parent, article_id) for article_id in article_ids], pa.string()),
        }
    )
