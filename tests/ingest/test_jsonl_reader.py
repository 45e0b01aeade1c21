"""JSON Lines: field names, broken lines, truncated gzip."""

from __future__ import annotations

import gzip
import json
from datetime import datetime

from ingest.readers import jsonl
from ingest.record import RawPage, Reject


def write_lines(path, lines):
    data = "\n".join(line if isinstance(line, str) else json.dumps(line) for line in lines) + "\n"
    path.write_bytes(gzip.compress(data.encode()) if path.name.endswith(".gz") else data.encode())


def test_field_names_and_content_formats(tmp_path):
    path = tmp_path / "pages.jsonl"
    write_lines(
        path,
        [
            {"url": "https://a.example/1", "html": "<p>one</p>", "fetched_at": "2024-03-01T10:00:00Z"},
            {"link": "https://b.example/2", "text": "two", "timestamp": 1709287200},
            {"WARC-Target-URI": "https://c.example/3", "markdown": "# three", "crawled_at": "20240301100000"},
            {"uri": "https://d.example/4", "raw_html": "<p>four</p>", "text": "ignored when html exists"},
        ],
    )
    pages = list(jsonl.read(path, str(path)))
    assert [(page.url, page.content_format, page.body) for page in pages] == [
        ("https://a.example/1", "html", "<p>one</p>"),
        ("https://b.example/2", "text", "two"),
        ("https://c.example/3", "markdown", "# three"),
        ("https://d.example/4", "html", "<p>four</p>"),
    ]
    assert [page.fetched_at for page in pages[:3]] == [datetime(2024, 3, 1, 10, 0)] * 3
    assert pages[1].source_uri == f"{path}#line=2"


def test_url_and_date_from_nested_metadata(tmp_path):
    path = tmp_path / "fineweb.jsonl"
    write_lines(path, [{"text": "body", "metadata": {"url": "https://x.example/", "date": "2023-05-06"}}])
    page = next(jsonl.read(path, "f"))
    assert page.url == "https://x.example/" and page.fetched_at == datetime(2023, 5, 6)


def test_a_broken_line_is_rejected_with_its_number_and_others_load(tmp_path):
    path = tmp_path / "mixed.jsonl"
    write_lines(path, [{"text": "good one"}, '{"text": "broken', "", {"text": "good two"}, "[1, 2]", {"url": "u"}])
    items = list(jsonl.read(path, "mixed.jsonl"))
    assert [page.body for page in items if isinstance(page, RawPage)] == ["good one", "good two"]
    rejects = [(item.source_uri, item.reason) for item in items if isinstance(item, Reject)]
    assert rejects == [
        ("mixed.jsonl#line=2", "invalid_json"),
        ("mixed.jsonl#line=5", "invalid_record"),
        ("mixed.jsonl#line=6", "missing_content"),
    ]


def test_empty_content_is_rejected(tmp_path):
    path = tmp_path / "e.jsonl"
    write_lines(path, [{"text": "   "}])
    assert [item.reason for item in jsonl.read(path, "e")] == ["empty_record"]


def test_truncated_gzip_keeps_the_lines_before_the_damage(tmp_path):
    lines = [json.dumps({"url": f"https://s.example/{n}", "text": f"page {n} " * 50}) for n in range(400)]
    compressed = gzip.compress(("\n".join(lines) + "\n").encode())
    path = tmp_path / "cut.jsonl.gz"
    path.write_bytes(compressed[: len(compressed) * 2 // 3])
    items = list(jsonl.read(path, "cut.jsonl.gz"))
    pages = [item for item in items if isinstance(item, RawPage)]
    rejects = [item for item in items if isinstance(item, Reject)]
    assert 100 < len(pages) < 400
    assert [page.url for page in pages] == [f"https://s.example/{n}" for n in range(len(pages))]
    assert [reject.reason for reject in rejects] == ["truncated_gzip"]
    assert rejects[0].source_uri == f"cut.jsonl.gz#line={len(pages) + 1}"


def test_overlong_line_is_rejected_and_the_next_line_still_loads(tmp_path):
    path = tmp_path / "long.jsonl"
    write_lines(path, [{"text": "x" * 3_000_000}, {"text": "short"}])
    items = list(jsonl.read(path, "long.jsonl", max_page_bytes=1000))
    assert items[0].reason == "page_too_large" and items[0].source_uri == "long.jsonl#line=1"
    assert items[1].body == "short"


def test_empty_file_is_rejected(tmp_path):
    path = tmp_path / "none.jsonl"
    path.write_bytes(b"\n\n")
    assert [item.reason for item in jsonl.read(path, "none")] == ["empty_file"]


def test_a_timestamp_out_of_range_leaves_the_field_null_and_later_lines_load(tmp_path):
    path = tmp_path / "dates.jsonl"
    write_lines(path, [
        {"text": "first", "fetched_at": "2024-01-01T00:00:00Z"},
        {"text": "second", "fetched_at": "0001-01-01T00:00:00+05:00"},  # year 0 in UTC
        {"text": "third", "fetched_at": "9999-12-31T23:00:00-05:00"},  # year 10000 in UTC
        {"text": "fourth"},
    ])
    items = list(jsonl.read(path, "d"))
    assert [item.body for item in items] == ["first", "second", "third", "fourth"]
    assert [item.fetched_at for item in items] == [datetime(2024, 1, 1), None, None, None]


def test_an_empty_content_field_falls_through_to_the_next_one_with_content(tmp_path):
    path = tmp_path / "fall.jsonl"
    write_lines(path, [
        {"html": "", "text": "the text survives"},
        {"html": "   ", "text": None, "content": "from content"},
        {"html": "", "text": ""},
    ])
    items = list(jsonl.read(path, "f"))
    assert [(item.body, item.content_format) for item in items[:2]] == [
        ("the text survives", "text"), ("from content", "text")]
    assert isinstance(items[2], Reject) and items[2].reason == "empty_record"


def test_a_gzip_bomb_is_inflated_only_up_to_the_size_limit(tmp_path):
    import tracemalloc
    import zlib

    path = tmp_path / "bomb.jsonl.gz"
    deflater = zlib.compressobj(9, zlib.DEFLATED, 31)
    parts = [deflater.compress(b'{"text": "')]
    parts += [deflater.compress(b"a" * (1 << 20)) for _ in range(96)]  # 96 MB of text in one line
    parts += [deflater.compress(b'"}\n{"text": "after the bomb"}\n'), deflater.flush()]
    path.write_bytes(b"".join(parts))
    assert path.stat().st_size < 1 << 20
    tracemalloc.start()
    try:
        items = list(jsonl.read(path, "bomb", max_page_bytes=1 << 20))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [(item.source_uri, item.reason) for item in items[:1]] == [("bomb#line=1", "page_too_large")]
    assert items[1].body == "after the bomb"
    assert peak < 32 << 20  # a few chunks of 1 MB, never the 96 MB the line inflates to
