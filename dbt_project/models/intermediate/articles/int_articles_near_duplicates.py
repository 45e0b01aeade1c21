"""Connected components of the verified near-duplicate pairs: each article's group is the smallest article_id reachable
(ingest.near_duplicates; the Spark build's model of the same name calls the same function, see spark/)."""

from ingest.near_duplicates import near_duplicate_groups

PAIR_BATCH_ROWS = 100_000


def model(dbt, session):
    pairs = dbt.ref("int_article_duplicate_pairs").select("article_id, duplicate_article_id")
    return near_duplicate_groups(pairs.to_arrow_reader(PAIR_BATCH_ROWS))
