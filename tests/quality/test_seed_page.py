"""The canonical seed page through the real segmenter into marts-shaped tables, then the suites."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest
import quality_marts
from quality_marts import query

from expectations import runner
from tests.conftest import SEED_PAGE

SEED = SEED_PAGE
segment = pytest.importorskip("ingest.segment")


@pytest.fixture
def seed_warehouse(tmp_path):
    if not SEED.is_file():
        pytest.skip(f"seed page not found at {SEED}")
    page = segment.segment_batch([{"page_id": "seed", "content_format": "text", "body": SEED.read_text(),
                                   "url": None}])[0]
    path = tmp_path / "seed.duckdb"
    con = duckdb.connect(str(path))
    con.execute(quality_marts.DDL)
    con.execute("insert into marts.articles values ('seed-article', 'seed', 'seed.example', null, ?, ?, ?, null,"
                " null, null, ?, ?, null, true)",
                [page["title"], page["dek"], page["body"], page["is_truncated"], page["truncation_reason"]])
    for teaser in page["teasers"]:
        teaser_id = f"seed-teaser-{teaser['position']}"
        con.execute("insert into marts.teasers values (?, 'seed.example', ?, ?, ?, ?, ?, 1, 1, null, null, null)",
                    [teaser_id, teaser["title"], teaser["snippet"], teaser["has_title_echo"],
                     teaser["is_truncated"], teaser["truncation_reason"]])
        con.execute("insert into marts.teaser_sightings values (?, 'seed', ?, ?, ?, ?, ?, ?, ?)",
                    [teaser_id, teaser["position"], teaser["raw_snippet"], teaser["widget"],
                     teaser["has_title_echo"], teaser["is_truncated"], teaser["truncation_reason"],
                     teaser["link_url"]])
    con.executemany("insert into intermediate.int_page_segments values ('seed', ?, ?, ?)",
                    [[s["kind"], s["position"], s["text"]] for s in page["segments"]])
    con.close()
    return path


def test_seed_page_has_ten_teasers_nine_cut_nine_echoing_and_keeps_its_contracts(seed_warehouse, gx_root):
    report = runner.run(seed_warehouse, project_root=gx_root, build_docs=False)

    assert report.success
    sightings = {r.check: r for o in report.outcomes if o.suite.name == "teaser_sightings__defects"
                 for r in o.results}
    assert sightings["snippet_cut"].element_count == 10
    assert sightings["snippet_cut"].unexpected_count == 9
    assert sightings["snippet_echoes_title"].unexpected_count == 9
    flagged = query(seed_warehouse, """select distinct d.key from dq.defects d
                                       where d.suite = 'teaser_sightings__defects'
                                         and d."check" in ('snippet_cut', 'snippet_echoes_title')""")
    look_at_this = query(seed_warehouse, """select s.page_id || '#' || s.position from marts.teaser_sightings s
                                            join marts.teasers t using (teaser_id) where t.title = 'Look at this'""")
    assert len(look_at_this) == 1 and look_at_this[0] not in flagged
    assert len(flagged) == 9
