"""Benchmark: all suites over a synthetic warehouse of n teasers (with sightings, pages and articles)."""

from __future__ import annotations

import tempfile
import time
from pathlib import Path

import duckdb

from expectations import runner

# Per page: 30 teaser sightings; every teaser is seen 1.5 times on average (half of them twice).
SIGHTINGS_PER_PAGE = 30


def build_synthetic_warehouse(db_path: Path, n_teasers: int) -> None:
    """Marts shaped like the real ones, generated inside DuckDB (no Python rows)."""
    n_sightings = n_teasers + n_teasers // 2
    n_pages = max(1, n_sightings // SIGHTINGS_PER_PAGE)
    con = duckdb.connect(str(db_path))
    con.execute("set enable_progress_bar = false")
    con.execute(f"""
        create schema marts; create schema intermediate;
        create table marts.articles as
        select 'a' || i as article_id, 'p' || i as page_id, 'site' || (i % 50) || '.example' as site,
               'https://site' || (i % 50) || '.example/' || i as url,
               'Story number ' || i || ' about the harbour' as title, null::varchar as dek,
               'Story ' || i || ' opens with a sentence about the weather in town.' || chr(10) || chr(10) ||
               repeat('Officials said the work would continue for weeks. ', 5 + i % 20) ||
               case when i % 97 = 0 then 'The mayor said repairs would take until the' else 'Work ends soon.' end
                   as body,
               0 as word_count, timestamp '2023-01-01' + to_minutes(i) as fetched_at, null::timestamp as published_at,
               i % 97 = 0 as is_truncated, case when i % 97 = 0 then 'cut_mid_sentence' end as truncation_reason,
               null::varchar as duplicate_group_id, true as is_canonical
        from range({n_pages}) t(i);
        create table marts.teasers as
        select 't' || i as teaser_id, 'site' || (i % 50) || '.example' as site,
               'Teaser headline number ' || i as title,
               case when i % 3 = 0 then 'The full text of teaser ' || i || ' ends properly.'
                    else 'The text of teaser ' || i || ' goes on and on about the harbour and the sto' end as snippet,
               i % 3 <> 0 as has_title_echo, i % 3 <> 0 as is_truncated,
               case when i % 3 <> 0 then 'cut_mid_word' end as truncation_reason,
               1 + i % 2 as sighting_count, 1 + i % 2 as page_count,
               null::timestamp as first_seen_at, null::timestamp as last_seen_at,
               case when i % 10 = 0 then 'a' || (i % {n_pages}) end as article_id
        from range({n_teasers}) t(i);
        create table marts.teaser_sightings as
        with seen as (
            select i as teaser, 0 as copy from range({n_teasers}) t(i)
            union all select i, 1 from range(0, {n_teasers}, 2) t(i)
        ), numbered as (select teaser, copy, row_number() over (order by copy, teaser) - 1 as n from seen)
        select 't' || teaser as teaser_id, 'p' || (n % {n_pages}) as page_id,
               (n // {n_pages})::integer + 1 as position,
               case when teaser % 3 = 0 then 'The full text of teaser ' || teaser || ' ends properly.'
                    else 'Teaser headline number ' || teaser || ' The text of teaser ' || teaser ||
                         ' goes on and on about the harbour and the sto' end as raw_snippet,
               'Popular posts' as widget, teaser % 3 <> 0 as has_title_echo, teaser % 3 <> 0 as is_truncated,
               null::varchar as truncation_reason, null::varchar as link_url
        from numbered;
        create table intermediate.int_page_segments as
        select 'p' || i as page_id, 'comment' as kind, 1 as position, 'Reader comment number ' || i as text
        from range({n_pages}) t(i);
    """)
    con.close()


def run(n_rows: int = 1_000_000, build_docs: bool = False) -> dict[str, float]:
    """Build a synthetic warehouse with `n_rows` teasers, run every suite, return the timings in seconds."""
    with tempfile.TemporaryDirectory(prefix="dq-bench-") as scratch:
        db_path = Path(scratch) / "bench.duckdb"
        started = time.perf_counter()
        build_synthetic_warehouse(db_path, n_rows)
        built = time.perf_counter()
        report = runner.run(db_path, project_root=Path(scratch) / "gx", build_docs=build_docs)
        finished = time.perf_counter()
    return {
        "teasers": n_rows,
        "sightings": sum(o.rows_checked for o in report.outcomes if o.suite.table == "marts.teaser_sightings"),
        "generate_s": round(built - started, 2),
        "suites_s": round(finished - built, 2),
        "contracts_pass": report.success,
    }


def main(argv: list[str] | None = None) -> int:
    """`python -m expectations.bench [TEASERS] [--out FILE]`: the timings as JSON, on stdout or into FILE."""
    import argparse
    import json

    parser = argparse.ArgumentParser(prog="python -m expectations.bench", description=main.__doc__)
    parser.add_argument("teasers", type=int, nargs="?", default=1_000_000)
    parser.add_argument("--out", type=Path, help="write the timings here as JSON (default: print them)")
    arguments = parser.parse_args(argv)
    timings = run(arguments.teasers)
    if arguments.out:
        arguments.out.write_text(json.dumps(timings))
    else:
        print(json.dumps(timings))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
