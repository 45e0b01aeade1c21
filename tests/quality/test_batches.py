"""The articles contract computed in batches of pages gives the same rows, verdicts and defects as in one pass."""

from __future__ import annotations

import duckdb
from quality_marts import execute, query
from test_suites import CORRUPTIONS

from expectations import runner, thresholds

ARTICLE_CORRUPTIONS = [param.values[0] for param in CORRUPTIONS if param.values[1] == "articles__contract"]
DEFECTS = """select suite, key, "check", detail from dq.defects where run_id = ? order by all"""


def _run(warehouse, gx_root):
    report = runner.run(warehouse, project_root=gx_root, build_docs=False)
    outcomes = {o.suite.name: (o.success, o.rows_checked, o.rows_with_defects,
                               [(r.check, r.unexpected_count) for r in o.results]) for o in report.outcomes}
    return outcomes, query(warehouse, DEFECTS.replace("?", f"'{report.run_id}'"))


def test_page_batches_cover_every_page_once_and_a_null_page_id(warehouse):
    execute(warehouse, "insert into marts.articles by name select 'a-orphan' as article_id, null as page_id, 'x' as body")
    con = duckdb.connect(str(warehouse))
    try:
        whole = runner.page_batches(con)
        batches = runner.page_batches(con, batch_chars=1)
        covered = [con.execute(f"select list(article_id order by article_id) from marts.articles where {pages}").fetchone()[0]
                   for pages in batches]
        every = con.execute("select list(article_id order by article_id) from marts.articles").fetchone()[0]
    finally:
        con.close()
    assert whole == [None]
    assert len(batches) == 8  # one per page of the fixture; the orphan goes with the last
    assert sorted(key for keys in covered for key in keys) == every
    assert "a-orphan" in covered[-1]


def test_batched_articles_contract_equals_one_pass(warehouse, gx_root, monkeypatch):
    for corruption in ARTICLE_CORRUPTIONS:
        execute(warehouse, corruption)
    one_pass, one_pass_defects = _run(warehouse, gx_root)
    monkeypatch.setattr(thresholds, "BATCH_BODY_CHARS", 1)  # every page a batch of its own

    batched, batched_defects = _run(warehouse, gx_root)

    assert batched == one_pass
    assert batched_defects == one_pass_defects
    failed = {check for check, count in one_pass["articles__contract"][3] if count}
    assert failed == {"body_contains_page_part", "truncated_body_not_flagged", "body_starts_with_title",
                      "body_repeats_paragraph", "body_repeats_pull_quote"}
