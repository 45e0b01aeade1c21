"""Contract and defect suites on real DuckDB data: clean marts pass, corrupted marts fail, counts add up."""

from __future__ import annotations

import pytest
import quality_marts
from quality_marts import execute, query

from expectations import cli, runner


def _counts(report: runner.RunReport) -> dict[str, int]:
    return {r.check: r.unexpected_count for o in report.outcomes for r in o.results}


def test_contract_suites_pass_on_clean_marts_and_results_land_in_dq(warehouse, gx_root):
    report = runner.run(warehouse, project_root=gx_root)

    assert report.success
    assert all(o.success for o in report.outcomes if o.suite.severity == "error")
    assert report.docs_index.is_file()
    runs = query(warehouse, "select suite, success from dq.validation_runs")
    assert {suite for suite, _ in runs} == {o.suite.name for o in report.outcomes}
    stored = dict(query(warehouse, 'select "column", unexpected_count from dq.expectation_results'))
    assert stored == _counts(report)


def test_defect_suites_count_the_injected_defects(warehouse, gx_root):
    expected = quality_marts.expected()

    counts = _counts(runner.run(warehouse, project_root=gx_root, build_docs=False))

    assert counts["repeat_sighting"] == expected.repeat_sightings
    assert counts["snippet_echoes_title"] == expected.echoes
    assert counts["snippet_cut"] == expected.cut_snippets
    assert counts["teaser_snippet_cut"] == expected.cut_teasers
    assert counts["repeated_across_sites"] == expected.cross_site_teasers
    assert counts["body_cut"] == expected.cut_bodies
    assert counts["body_far_below_site_median"] == expected.short_bodies
    assert counts["near_duplicate_body"] == expected.near_duplicates
    assert counts["snippet_bait"] == 0


def test_dq_defects_lists_each_offending_row_once_per_run(warehouse, gx_root):
    first = runner.run(warehouse, project_root=gx_root, build_docs=False)
    second = runner.run(warehouse, project_root=gx_root, build_docs=False)

    assert first.run_id != second.run_id
    per_run = query(warehouse, """select run_id, count(*), count(distinct (suite, key, "check"))
                                  from dq.defects group by run_id""")
    assert len(per_run) == 2
    assert all(rows == distinct for _, rows, distinct in per_run)
    echo_keys = query(warehouse, f"""select key from dq.defects where run_id = '{second.run_id}'
                                     and "check" = 'snippet_echoes_title' order by key""")
    echoing = [(f"{p}#{pos}",) for p, pos in query(
        warehouse, "select page_id, position from marts.teaser_sightings where has_title_echo order by 1, 2")]
    assert echo_keys == sorted(echoing)


def test_defects_are_detected_without_trusting_the_model_flags(warehouse, gx_root):
    before = _counts(runner.run(warehouse, project_root=gx_root, build_docs=False))
    execute(warehouse, """update marts.teaser_sightings set has_title_echo = false, is_truncated = false;
                          update marts.teasers set has_title_echo = false, is_truncated = false""")

    after = _counts(runner.run(warehouse, project_root=gx_root, build_docs=False))

    for check in ("snippet_echoes_title", "snippet_cut", "teaser_snippet_cut"):
        assert after[check] == before[check] > 0


def test_chunked_validation_merges_to_the_same_counts(warehouse, gx_root):
    whole = runner.run(warehouse, project_root=gx_root, build_docs=False)
    chunked = runner.run(warehouse, project_root=gx_root, build_docs=False, chunk_rows=3)

    assert _counts(chunked) == _counts(whole)
    merged = {r.check: r for o in chunked.outcomes for r in o.results}
    assert merged["snippet_cut"].element_count == quality_marts.expected().sightings
    assert 0 < len(merged["snippet_cut"].example_keys) <= 3


def test_body_sharing_a_paragraph_with_a_cut_teaser_snippet_is_not_a_leak(warehouse, gx_root):
    # Two articles may share a paragraph (a quote, an explainer); a teaser of the other article, cut mid-way, is
    # then a prefix of that paragraph. A leaked card would end a paragraph where the snippet was cut.
    shared = query(warehouse, """select s.raw_snippet from marts.teaser_sightings s join marts.teasers t using (teaser_id)
                                 where s.page_id = 'p2' and t.is_truncated order by s.position limit 1""")[0][0]
    execute(warehouse, f"""update marts.articles set body = body || chr(10) || chr(10) || '{shared.replace("'", "''")}'
                           || ' which goes on in the article for a few more words.' where article_id = 'a2'""")

    report = runner.run(warehouse, project_root=gx_root, build_docs=False)

    assert _counts(report)["body_contains_page_part"] == 0


CORRUPTIONS = [
    pytest.param(
        "insert into marts.teasers select 't1-copy', site, upper(title) || '!', snippet, has_title_echo,"
        " is_truncated, truncation_reason, 1, 1, null, null, null from marts.teasers where teaser_id = 't1'",
        "teasers__contract", "duplicate_site_title", "t1", id="duplicate-teaser-row"),
    pytest.param(
        "update marts.articles set body = (select raw_snippet from marts.teaser_sightings"
        " where page_id = 'p2' and position = 1) || chr(10) || chr(10) || body where article_id = 'a2'",
        "articles__contract", "body_contains_page_part", "a2", id="body-with-teaser-text"),
    pytest.param(
        "update marts.articles set body = body || chr(10) || chr(10) || 'What a disgrace, the whole thing"
        " should be investigated properly.' where article_id = 'a1'",
        "articles__contract", "body_contains_page_part", "a1", id="body-with-comment"),
    pytest.param(
        "update marts.articles set body = body || ' The minister said the rest…', is_truncated = false"
        " where article_id = 'a3'",
        "articles__contract", "truncated_body_not_flagged", "a3", id="truncated-body-not-flagged"),
    pytest.param(
        "update marts.articles set body = title || chr(10) || chr(10) || body where article_id = 'a5'",
        "articles__contract", "body_starts_with_title", "a5", id="body-starts-with-title"),
    pytest.param(
        "update marts.articles set body = body || chr(10) || chr(10) || split_part(body, chr(10) || chr(10), 2)"
        " where article_id = 'a8'",
        "articles__contract", "body_repeats_paragraph", "a8", id="repeated-paragraph"),
    pytest.param(
        "update marts.articles set body = body || chr(10) || chr(10) || '“ The ministry said the exercises would last"
        " until the end of the month. ”' where article_id = 'a1'",
        "articles__contract", "body_repeats_pull_quote", "a1", id="repeated-pull-quote"),
    pytest.param(
        "update marts.teasers set article_id = 'a-missing' where teaser_id = 't3'",
        "teasers__contract", "article_id_missing", "t3", id="dangling-article-id"),
]


@pytest.mark.parametrize(("corruption", "suite", "check", "key"), CORRUPTIONS)
def test_a_corrupted_mart_fails_the_run_naming_suite_expectation_and_row(
        warehouse, gx_root, capsys, corruption, suite, check, key):
    execute(warehouse, corruption)

    exit_code = cli.main(["run", "--db", str(warehouse), "--project", str(gx_root), "--no-docs"])

    assert exit_code == 1
    message = capsys.readouterr().err
    assert f"FAILED {suite}: expect_column_values_to_be_in_set(column={check})" in message
    assert f"key={key}:" in message
    failed = query(warehouse, 'select suite, "column" from dq.expectation_results where not success'
                              " and severity = 'error'")
    # Every corruption breaks exactly one promise.
    assert set(failed) == {(suite, check)}


def test_defect_suites_never_fail_the_run(warehouse, gx_root, capsys):
    execute(warehouse, "update marts.teaser_sightings set raw_snippet = raw_snippet || ' Continue reading'")

    exit_code = cli.main(["--db", str(warehouse), "--project", str(gx_root), "--no-docs"])

    assert exit_code == 0
    out = capsys.readouterr().out
    assert "teaser_sightings__defects" in out and "warn" in out
    assert query(warehouse, """select count(*) from dq.defects where "check" = 'snippet_bait'""") == [(10,)]


def test_missing_marts_exit_with_a_clear_message(tmp_path, gx_root, capsys):
    execute(tmp_path / "empty.duckdb", "create schema marts")

    exit_code = cli.main(["--db", str(tmp_path / "empty.duckdb"), "--project", str(gx_root)])

    assert exit_code == 2
    assert "marts.articles" in capsys.readouterr().err


def test_near_duplicate_openings_name_each_other(warehouse, gx_root):
    # Shared openings are grouped over the whole table while the bodies stream: each copy names the other.
    report = runner.run(warehouse, project_root=gx_root, build_docs=False)

    named = query(warehouse, f"""select key, detail from dq.defects where run_id = '{report.run_id}'
                                 and "check" = 'near_duplicate_body' order by key""")
    assert named == [("a5", "same opening as a6"), ("a6", "same opening as a5")]
