"""WARC: HTML responses only, skipped records counted, corrupt and truncated records rejected with offsets."""

from __future__ import annotations

from datetime import datetime

import pytest
from ingest_inputs import html_page, warc_bytes

from ingest.readers import warc
from ingest.record import RawPage, Reject, Skipped

RECORDS = [
    {"url": "https://news.example/a", "body": html_page("A").encode(), "content_type": "text/html; charset=utf-8",
     "date": "2024-02-03T04:05:06Z"},
    {"url": "https://news.example/logo.png", "body": b"\x89PNG\r\n\x1a\n" + bytes(64), "content_type": "image/png"},
    {"url": "https://news.example/gone", "body": b"<html>not found</html>", "content_type": "text/html",
     "status": "404 Not Found"},
    {"url": "https://news.example/b", "body": "<html><body>Größe</body></html>".encode("iso-8859-1"),
     "content_type": "text/html; charset=ISO-8859-1"},
    {"url": "https://news.example/b", "body": b"GET /b", "record_type": "request"},
]


@pytest.mark.parametrize("gzipped", [False, True])
def test_html_responses_become_pages_and_others_are_skipped(tmp_path, gzipped):
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(warc_bytes(RECORDS, gzipped=gzipped))
    items = list(warc.read(path, "crawl"))
    pages = [item for item in items if isinstance(item, RawPage)]
    assert [(page.url, page.content_format) for page in pages] == [
        ("https://news.example/a", "html"),
        ("https://news.example/b", "html"),
    ]
    assert pages[0].fetched_at == datetime(2024, 2, 3, 4, 5, 6)
    assert "Größe" in pages[1].body
    assert sorted(item.reason for item in items if isinstance(item, Skipped)) == ["non_2xx_status", "non_html"]
    assert not [item for item in items if isinstance(item, Reject)]
    offsets = [int(item.source_uri.split("#offset=")[1]) for item in items]
    assert offsets[0] == 0 and offsets == sorted(set(offsets))


@pytest.mark.parametrize("gzipped", [False, True])
def test_corrupt_record_is_rejected_with_its_offset_after_the_good_ones_load(tmp_path, gzipped):
    good = warc_bytes(RECORDS[:1], gzipped=gzipped)
    path = tmp_path / "broken.warc"
    path.write_bytes(good + b"THIS IS NOT A WARC RECORD\r\n\r\n" * 3 + warc_bytes(RECORDS[3:4], gzipped=gzipped))
    items = list(warc.read(path, "broken.warc"))
    assert isinstance(items[0], RawPage) and items[0].url == "https://news.example/a"
    rejects = [item for item in items if isinstance(item, Reject)]
    assert [reject.reason for reject in rejects] == ["corrupt_record"]
    assert rejects[0].source_uri == f"broken.warc#offset={len(good)}"


def test_truncated_record_is_rejected_not_loaded_short(tmp_path):
    data = warc_bytes(RECORDS[:1] + [{**RECORDS[0], "url": "https://news.example/long",
                                      "body": html_page("Long", paragraphs=300).encode()}], gzipped=False)
    path = tmp_path / "cut.warc"
    path.write_bytes(data[:-2000])
    items = list(warc.read(path, "cut.warc"))
    assert [type(item).__name__ for item in items] == ["RawPage", "Reject"]
    assert items[1].reason == "truncated_record"


def test_oversized_response_is_rejected(tmp_path):
    path = tmp_path / "big.warc"
    path.write_bytes(warc_bytes(RECORDS[:1], gzipped=False))
    [item] = warc.read(path, "big.warc", max_page_bytes=50)
    assert isinstance(item, Reject) and item.reason == "page_too_large"


def test_file_that_is_not_a_warc_is_rejected(tmp_path):
    path = tmp_path / "fake.warc"
    path.write_bytes(b"just some text, not a WARC at all\n")
    [item] = warc.read(path, "fake.warc")
    assert isinstance(item, Reject) and item.reason == "corrupt_record" and item.source_uri == "fake.warc#offset=0"


def test_empty_warc_is_rejected(tmp_path):
    path = tmp_path / "empty.warc.gz"
    path.write_bytes(b"")
    assert [item.reason for item in warc.read(path, "empty")] == ["empty_file"]
