"""Parquet: same field names as JSON Lines, read in batches, bad files rejected."""

from __future__ import annotations

from datetime import UTC, datetime

import pyarrow as pa
import pyarrow.parquet as pq

from ingest.readers import parquet
from ingest.record import RawPage, Reject


def test_rows_become_pages_with_row_numbers(tmp_path):
    path = tmp_path / "pages.parquet"
    table = pa.table(
        {
            "url": ["https://a.example/", None, "https://c.example/"],
            "html": ["<p>a</p>", None, None],
            "text": [None, "bee", "   "],
            "crawled_at": pa.array(
                [datetime(2024, 1, 2, 3, 4, 5, tzinfo=UTC), None, None], pa.timestamp("us", tz="UTC")
            ),
            "unrelated": [1, 2, 3],
        }
    )
    pq.write_table(table, path, row_group_size=2)
    items = list(parquet.read(path, "p"))
    assert items[0] == RawPage("p#row=0", "<p>a</p>", "html", "https://a.example/", datetime(2024, 1, 2, 3, 4, 5))
    assert (items[1].body, items[1].content_format, items[1].url) == ("bee", "text", None)
    assert isinstance(items[2], Reject) and items[2].reason == "empty_record" and items[2].source_uri == "p#row=2"


def test_binary_content_column_is_decoded_like_a_file(tmp_path):
    path = tmp_path / "bin.parquet"
    pq.write_table(pa.table({"raw_html": [b'<meta charset="cp1252"><p>caf\xe9</p>']}), path)
    [page] = parquet.read(path, "b")
    assert "café" in page.body


def test_file_without_a_content_column_is_rejected_once(tmp_path):
    path = tmp_path / "nocontent.parquet"
    pq.write_table(pa.table({"url": ["https://a.example/"] * 5}), path)
    assert [item.reason for item in parquet.read(path, "n")] == ["missing_content"]


def test_not_a_parquet_file_is_rejected(tmp_path):
    path = tmp_path / "fake.parquet"
    path.write_bytes(b"PAR1 but not really")
    assert [item.reason for item in parquet.read(path, "f")] == ["invalid_parquet"]


def test_many_rows_stream_in_order(tmp_path):
    path = tmp_path / "many.parquet"
    pq.write_table(pa.table({"text": [f"row {n}" for n in range(2000)]}), path, row_group_size=300)
    bodies = [item.body for item in parquet.read(path, "m")]
    assert bodies == [f"row {n}" for n in range(2000)]


def test_a_timestamp_python_cannot_hold_is_null_and_every_other_row_loads(tmp_path):
    path = tmp_path / "dates.parquet"
    year_zero_micros = -62_135_596_800_000_000 - 5 * 3600 * 1_000_000  # 0001-01-01T00:00:00+05:00
    rows = 599
    stamps = [year_zero_micros if row == 1 else 1_700_000_000_000_000 for row in range(rows)]
    pq.write_table(pa.table({
        "text": [f"page {row}" for row in range(rows)],
        "fetched_at": pa.array(stamps, pa.timestamp("us", tz="UTC")),
    }), path)
    items = list(parquet.read(path, "d"))
    assert all(isinstance(item, RawPage) for item in items) and len(items) == rows
    assert items[1].fetched_at is None and items[0].fetched_at == items[rows - 1].fetched_at is not None
