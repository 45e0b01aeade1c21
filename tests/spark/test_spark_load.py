"""An ENGINE=spark load (the readers in Spark tasks) stores the same raw tables as the DuckDB load (issue #20).

Inputs: a folder of bad and awkward files (empty, broken gzip, unsupported, a FIFO, a junk Parquet file, JSON Lines
with bad records, a truncated WARC, pages over the size cap, a hidden file, NUL bytes, a non-UTF-8 page, copies of
sample pages) named first, then the bundled sample corpus. The copies and the truncated WARC repeat sample pages,
so which copy is stored (the first in input order) is compared too.

The DuckDB side is `python -m ingest load`; the Spark side is `python -m ingest build --engine spark --steps
load,dbt` (what `make build ENGINE=spark` runs: the load and the dbt step in one Spark session, local[2]) on an
empty warehouse, its dbt step cut to the staging models, which read raw.* on Spark. Compared: raw.pages (every
column but load_id and loaded_at), raw.rejects and raw.notes (all but load_id and the timestamps), and the counters
of raw.loads. Then the same inputs are loaded again through `python -m ingest build --steps load` with each engine:
nothing is stored twice, and the tables and that run's counters are still equal.
"""

from __future__ import annotations

import gzip
import os
import shutil
import sys
from pathlib import Path

import duckdb
import pytest

from tests.conftest import REPO_ROOT, run_checked
from tests.spark.requirements import require_spark

pytestmark = [pytest.mark.integration, pytest.mark.spark]

MAX_PAGE_MB = 10  # the loaders' default cap (--max-page-mb), which the build uses
PAGE_COLUMNS = "page_id, url, site, source_uri, fetched_at, content_format, body, content_sha256, byte_length"
REJECT_COLUMNS = "source_uri, reason, detail"
NOTE_COLUMNS = "source_uri, kind, detail"
SPARK_ENVIRONMENT = {**os.environ, "SPARK_MASTER": "local[2]"}
LOAD_COUNTERS = ("inputs, pages_seen, pages_inserted, pages_skipped_duplicate, inputs_rejected, records_skipped, "
                 "status")


def write_bad_inputs(directory: Path, sample: Path) -> None:
    directory.mkdir()
    (directory / "empty.html").write_bytes(b"")
    (directory / "broken.html.gz").write_bytes(b"\x1f\x8b\x08\x00" + b"this is not deflate data" * 10)
    (directory / "report.pdf").write_bytes(b"%PDF-1.4 not a page")
    (directory / ".hidden.html").write_text("<p>hidden, skipped</p>")
    (directory / "nul.html").write_bytes(b"<html><body><p>a stray \x00 byte in the text</p></body></html>")
    (directory / "latin1.html").write_bytes("<html><body><p>Caf\u00e9 cr\u00e8me, \u00e0 la fran\u00e7aise, "
                                            "d\u00e9j\u00e0 vu.</p></body></html>".encode("latin-1"))
    (directory / "junk.parquet").write_bytes(b"PAR1 this is not a parquet file PAR1")
    (directory / "large.html").write_text("<p>" + "x" * int(MAX_PAGE_MB * 1024 * 1024 * 1.5) + "</p>")
    (directory / "records.jsonl").write_text(
        '{"url": "https://bad.example/a", "html": "<p>first</p>", "fetched_at": "2024-01-31T12:00:00Z"}\n'
        "{not json\n"
        "[1, 2]\n"
        '{"url": "https://bad.example/a", "html": "<p>first</p>", "fetched_at": "2025-01-01T00:00:00Z"}\n'
        '{"url": "https://bad.example/big", "text": "' + "y" * int(MAX_PAGE_MB * 1024 * 1024 * 1.2) + '"}\n'
        '{"url": "https://bad.example/b", "text": "second page"}\n'
    )
    warc = sorted((sample / "warc").rglob("*.warc*"))[0]
    data = warc.read_bytes()
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    (directory / "truncated.warc").write_bytes(data[: len(data) // 2])
    copies = directory / "copies"
    copies.mkdir()
    for page in sorted((sample / "html").rglob("*.html"))[:3]:
        shutil.copy(page, copies / page.name)
    os.mkfifo(directory / "pipe.html")


@pytest.fixture(scope="module")
def loads(tmp_path_factory):
    require_spark()
    tmp = tmp_path_factory.mktemp("spark_load")
    sample = tmp / "sample"
    run_checked([sys.executable, "-m", "ingest", "sample", "--out", str(sample)])
    write_bad_inputs(tmp / "bad", sample)
    inputs = [str(tmp / "bad"), *(str(sample / name) for name in ("html", "text", "warc", "jsonl", "markdown"))]
    duck, spark_db = tmp / "duckdb" / "warehouse.duckdb", tmp / "spark" / "warehouse.duckdb"
    duck.parent.mkdir()
    spark_db.parent.mkdir()
    run_checked([sys.executable, "-m", "ingest", "load", *inputs, "--db", str(duck)])
    run_checked([sys.executable, "-m", "ingest", "build", *inputs, "--db", str(spark_db), "--steps", "load,dbt",
                 "--engine", "spark", "--dbt-args",
                 "--select path:models/staging --indirect-selection cautious "
                 f"--target-path {tmp / 'target'} --log-path {tmp / 'logs'}"],
                cwd=REPO_ROOT, env=SPARK_ENVIRONMENT)
    return {"duckdb": duck, "spark": spark_db, "inputs": inputs, "tmp": tmp}


def _rows(database: Path, sql: str) -> list[tuple]:
    with duckdb.connect(str(database), read_only=True) as connection:
        return sorted(connection.execute(sql).fetchall(), key=repr)


def test_same_pages_every_column(loads):
    duck = _rows(loads["duckdb"], f"select {PAGE_COLUMNS} from raw.pages")
    spark = _rows(loads["spark"], f"select {PAGE_COLUMNS} from raw.pages")
    assert len(duck) > 60, "the sample and the bad folder should give more than 60 pages"
    assert len(spark) == len(duck)
    assert spark == duck


def test_repeated_pages_keep_the_first_copy_in_input_order(loads):
    bad = str(loads["tmp"] / "bad")
    for engine in ("duckdb", "spark"):
        from_bad_folder = _rows(loads[engine], f"select source_uri from raw.pages where source_uri like '{bad}/%'")
        names = {Path(uri.split("#")[0]).name for (uri,) in from_bad_folder}
        # the copies and the truncated WARC repeat sample pages; named first, they are the ones stored
        assert {"truncated.warc", "records.jsonl", "nul.html", "latin1.html"} <= names, engine
        assert sum(1 for (uri,) in from_bad_folder if "/copies/" in uri) == 3, engine
    stored = _rows(loads["spark"], "select fetched_at from raw.pages where url = 'https://bad.example/a'")
    assert [str(fetched_at) for (fetched_at,) in stored] == ["2024-01-31 12:00:00"]


def test_same_rejects_and_notes(loads):
    duck = _rows(loads["duckdb"], f"select {REJECT_COLUMNS} from raw.rejects")
    spark = _rows(loads["spark"], f"select {REJECT_COLUMNS} from raw.rejects")
    assert spark == duck
    reasons = {reason for _, reason, _ in spark}
    assert {"empty_file", "unsupported_format", "not_a_regular_file", "page_too_large", "invalid_json",
            "invalid_record"} <= reasons, reasons
    assert any(Path(uri).name == "junk.parquet" for uri, _, _ in spark)
    assert any(Path(uri).name == "broken.html.gz" for uri, _, _ in spark)
    duck_notes = _rows(loads["duckdb"], f"select {NOTE_COLUMNS} from raw.notes")
    spark_notes = _rows(loads["spark"], f"select {NOTE_COLUMNS} from raw.notes")
    assert spark_notes == duck_notes
    assert {kind for _, kind, _ in spark_notes} >= {"nul_removed"}


def test_same_load_counters(loads):
    duck = _rows(loads["duckdb"], f"select {LOAD_COUNTERS} from raw.loads")
    spark = _rows(loads["spark"], f"select {LOAD_COUNTERS} from raw.loads")
    assert spark == duck
    (inputs, seen, inserted, duplicates, rejected, skipped, status), = spark
    assert inputs == loads["inputs"]
    assert duplicates > 0 and rejected > 0 and skipped > 0 and status == "completed_with_rejects"
    assert seen == inserted + duplicates


def test_spark_reads_the_pages_it_loaded_and_the_staging_views_see_them(loads):
    lake_pages = Path(f"{loads['spark']}.spark") / "raw" / "pages"
    written = sorted(path.name for path in lake_pages.glob("*.parquet"))
    assert written and all(name.startswith("part-") for name in written), written  # Spark's files, not re-exported
    with duckdb.connect() as connection:
        in_lake = connection.execute(f"select count(*) from read_parquet('{lake_pages}/*.parquet')").fetchone()[0]
    assert _rows(loads["spark"], "select count(*) from raw.pages") == [(in_lake,)]
    assert _rows(loads["spark"], "select count(*) from staging.stg_raw__pages") == [(in_lake,)]


def test_a_second_load_through_the_build_stores_nothing_twice_as_the_duckdb_load(loads):
    before = _rows(loads["spark"], "select count(*) from raw.pages")[0][0]
    for engine in ("duckdb", "spark"):
        run_checked([sys.executable, "-m", "ingest", "build", *loads["inputs"], "--db", str(loads[engine]),
                     "--steps", "load", "--engine", engine], cwd=REPO_ROOT, env=SPARK_ENVIRONMENT)
    for table, columns in (("pages", PAGE_COLUMNS), ("rejects", REJECT_COLUMNS), ("notes", NOTE_COLUMNS)):
        assert _rows(loads["spark"], f"select {columns} from raw.{table}") == \
            _rows(loads["duckdb"], f"select {columns} from raw.{table}"), table
    assert _rows(loads["spark"], "select count(*), count(distinct page_id) from raw.pages") == [(before, before)]
    last = f"select {LOAD_COUNTERS} from raw.loads order by started_at desc limit 1"
    assert _rows(loads["spark"], last) == _rows(loads["duckdb"], last)
    (_, seen, inserted, duplicates, *_), = _rows(loads["spark"], last)
    assert inserted == 0 and duplicates == seen > 0
