"""WARC: HTML responses only, skipped records counted, corrupt and truncated records rejected with offsets."""

from __future__ import annotations

import gzip
import io
import re
import zlib
from datetime import datetime

import pytest
from ingest_inputs import html_page, warc_bytes

from ingest.readers import warc
from ingest.record import RawPage, Reject, Skipped

PAGE = html_page("Encoded", paragraphs=20).encode()
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
    assert sorted(item.reason for item in items if isinstance(item, Skipped)) == ["non_2xx_status", "non_html", "request"]
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


def chunked(data: bytes) -> bytes:
    half = len(data) // 2
    return b"".join(b"%x\r\n%s\r\n" % (len(part), part) for part in (data[:half], data[half:])) + b"0\r\n\r\n"


@pytest.mark.parametrize(
    ("sent", "headers"),
    [
        (gzip.compress(PAGE), [("Content-Encoding", "gzip")]),
        (zlib.compress(PAGE), [("Content-Encoding", "deflate")]),
        (zlib.compress(PAGE)[2:-4], [("Content-Encoding", "deflate")]),  # raw deflate, as many servers send it
        (chunked(PAGE), [("Transfer-Encoding", "chunked")]),
        (chunked(gzip.compress(PAGE)), [("Transfer-Encoding", "chunked"), ("Content-Encoding", "gzip")]),
        (PAGE, [("Content-Encoding", "gzip")]),  # mislabelled: kept as sent
        (PAGE, [("Transfer-Encoding", "chunked")]),
    ],
)
def test_transfer_and_content_encodings_are_undone(tmp_path, sent, headers):
    path = tmp_path / "encoded.warc.gz"
    record = {"url": "https://news.example/e", "body": sent, "content_type": "text/html", "headers": headers}
    path.write_bytes(warc_bytes([record], gzipped=True))
    [page] = warc.read(path, "encoded")
    assert isinstance(page, RawPage) and page.body == PAGE.decode()


def test_a_response_without_an_http_status_line_is_skipped_like_any_non_2xx_one(tmp_path):
    path = tmp_path / "garbled.warc"
    block = b"NOT HTTP AT ALL\r\n\r\n<html></html>"
    header = (
        b"WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://news.example/g\r\n"
        b"Content-Type: application/http; msgtype=response\r\nContent-Length: %d\r\n\r\n" % len(block)
    )
    path.write_bytes(header + block + b"\r\n\r\n" + warc_bytes(RECORDS[:1], gzipped=False))
    items = list(warc.read(path, "garbled.warc"))
    assert [type(item).__name__ for item in items] == ["Skipped", "RawPage"]
    assert items[0].reason == "non_2xx_status" and items[0].source_uri == "garbled.warc#offset=0"


def test_a_warc_gzipped_as_one_stream_loads_every_record_with_a_note(tmp_path):
    path = tmp_path / "one-stream.warc.gz"
    plain = warc_bytes([RECORDS[0], RECORDS[1], RECORDS[3]], gzipped=False)
    path.write_bytes(gzip.compress(plain))
    items = list(warc.read(path, "one-stream.warc.gz"))
    assert [type(item).__name__ for item in items] == ["RawPage", "Note", "Skipped", "RawPage"]
    assert [page.url for page in items if isinstance(page, RawPage)] == ["https://news.example/a", "https://news.example/b"]
    assert items[1].kind == "not_record_addressable" and "warcio recompress" in items[1].detail
    second = plain.index(b"WARC/1.", 1)
    assert items[2].source_uri == f"one-stream.warc.gz#offset=0&uncompressed_offset={second}"


def _record(name: str, gzipped: bool) -> bytes:
    return warc_bytes([{"url": f"https://news.example/{name}", "body": html_page(name.upper()).encode(),
                        "content_type": "text/html"}], gzipped=gzipped)


def _loaded_and_rejected(path, uri):
    items = list(warc.read(path, uri))
    pages = [item.url.rsplit("/", 1)[1] for item in items if isinstance(item, RawPage)]
    return pages, [(item.source_uri, item.reason) for item in items if isinstance(item, Reject)]


@pytest.mark.parametrize("gzipped", [False, True])
@pytest.mark.parametrize("damage", ["junk", "flipped_bytes", "length_too_long", "length_too_short", "no_length"])
def test_a_damaged_record_between_good_ones_is_one_reject_and_every_good_record_loads(tmp_path, gzipped, damage):
    first, last = _record("a", gzipped), _record("c", gzipped)
    middle = _record("b", gzipped)
    plain_middle = _record("b", False)
    length = int(re.search(rb"Content-Length: (\d+)", plain_middle).group(1))
    damaged = {
        "junk": b"garbage that is no record\x00\r\n" * 20,
        # in a .warc.gz the member no longer inflates; in a .warc the version line is unreadable
        "flipped_bytes": middle[:3] + bytes(byte ^ 0x5A for byte in middle[3:40]) + middle[40:],
        "length_too_long": plain_middle.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length + 300)),
        "length_too_short": plain_middle.replace(b"Content-Length: %d" % length, b"Content-Length: %d" % (length - 7)),
        "no_length": plain_middle.replace(b"Content-Length: %d\r\n" % length, b""),
    }[damage]
    if gzipped and damage not in ("junk", "flipped_bytes"):
        damaged = gzip.compress(damaged)
    path = tmp_path / ("damaged.warc.gz" if gzipped else "damaged.warc")
    path.write_bytes(first + damaged + last)
    pages, rejects = _loaded_and_rejected(path, "d")
    assert pages == ["a", "c"]
    assert len(rejects) == 1 and rejects[0][0] == f"d#offset={len(first)}"


def test_a_truncated_warc_gz_keeps_what_was_readable_and_says_where_it_stopped(tmp_path):
    records = [_record(name, True) for name in "abc"]
    path = tmp_path / "cut.warc.gz"
    path.write_bytes(records[0] + records[1] + records[2][: len(records[2]) // 2])
    pages, rejects = _loaded_and_rejected(path, "cut")
    assert pages == ["a", "b"]
    assert rejects == [(f"cut#offset={len(records[0]) + len(records[1])}", "truncated_gzip")]


def test_a_truncated_one_stream_warc_gz_keeps_the_records_before_the_cut(tmp_path):
    compressed = gzip.compress(b"".join(_record(name, False) for name in "abcd"))
    path = tmp_path / "cut-stream.warc.gz"
    path.write_bytes(compressed[: int(len(compressed) * 0.8)])
    pages, rejects = _loaded_and_rejected(path, "cs")
    assert pages[:2] == ["a", "b"] and "d" not in pages
    assert rejects == [("cs#offset=0", "truncated_gzip")]


def test_a_record_longer_than_the_limit_is_read_past_and_the_next_one_loads(tmp_path):
    big = warc_bytes([{"url": "https://news.example/big", "body": html_page("Big", paragraphs=2000).encode(),
                       "content_type": "text/html"}], gzipped=False)
    path = tmp_path / "big.warc"
    path.write_bytes(big + _record("small", False))
    items = list(warc.read(path, "big", max_page_bytes=20_000))
    assert [(type(item).__name__, getattr(item, "reason", None)) for item in items] == [
        ("Reject", "page_too_large"), ("RawPage", None)]


@pytest.mark.parametrize("gzipped", [False, True])
def test_revisit_and_other_non_response_records_are_counted_as_skipped(tmp_path, gzipped):
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=gzipped)
    writer.write_record(writer.create_warcinfo_record("crawl.warc", {"software": "test"}))
    writer.write_record(writer.create_revisit_record(
        "https://news.example/a", digest="sha1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
        refers_to_uri="https://news.example/a", refers_to_date="2024-01-01T00:00:00Z"))
    path = tmp_path / ("crawl.warc.gz" if gzipped else "crawl.warc")
    path.write_bytes(buffer.getvalue() + warc_bytes(RECORDS[:1], gzipped=gzipped))
    items = list(warc.read(path, "crawl"))
    assert [(type(item).__name__, getattr(item, "reason", None)) for item in items] == [
        ("Skipped", "warcinfo"), ("Skipped", "revisit"), ("RawPage", None)]
