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
