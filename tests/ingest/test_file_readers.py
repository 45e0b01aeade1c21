"""One-page-per-file readers (.txt, .html) and their gzip variants."""

from __future__ import annotations

import gzip
import io

import pytest
from ingest_inputs import html_page

from ingest.readers import html, text
from ingest.readers.base import too_large
from ingest.record import RawPage, Reject


def only(items):
    items = list(items)
    assert len(items) == 1, items
    return items[0]


def test_text_file_is_one_text_page(tmp_path):
    path = tmp_path / "note.txt"
    path.write_text("First line.\n\nSecond paragraph, naïve café.", encoding="utf-8")
    page = only(text.read(path, "note.txt"))
    assert page == RawPage(source_uri="note.txt", body="First line.\n\nSecond paragraph, naïve café.", content_format="text")


def test_html_file_is_one_html_page_without_url(tmp_path):
    path = tmp_path / "a.html"
    path.write_text(html_page("Alpha"), encoding="utf-8")
    page = only(html.read(path, "a.html"))
    assert page.content_format == "html" and page.url is None and "<title>Alpha</title>" in page.body


def test_windows_1252_html_with_meta_charset(tmp_path):
    path = tmp_path / "legacy.htm"
    path.write_bytes('<html><head><meta charset="windows-1252"></head><body>Señor “Müller”</body></html>'.encode("cp1252"))
    assert "Señor “Müller”" in only(html.read(path, "legacy.htm")).body


def test_utf16_html_with_bom(tmp_path):
    path = tmp_path / "wide.html"
    path.write_bytes("<html><body>日本語のページ</body></html>".encode("utf-16"))
    assert only(html.read(path, "wide.html")).body == "<html><body>日本語のページ</body></html>"


@pytest.mark.parametrize("content", [b"", b"   \n\t  "])
def test_empty_file_is_rejected(tmp_path, content):
    path = tmp_path / "empty.txt"
    path.write_bytes(content)
    reject = only(text.read(path, "empty.txt"))
    assert isinstance(reject, Reject) and reject.reason == "empty_file"


def test_binary_junk_is_rejected(tmp_path):
    path = tmp_path / "image.html"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    reject = only(html.read(path, "image.html"))
    assert isinstance(reject, Reject) and reject.reason == "binary_content"


def test_gzipped_html_is_decompressed(tmp_path):
    path = tmp_path / "a.html.gz"
    path.write_bytes(gzip.compress(html_page("Zipped").encode("utf-8")))
    assert "<title>Zipped</title>" in only(html.read(path, "a.html.gz")).body


def test_gzip_is_recognised_by_content_even_without_gz_suffix(tmp_path):
    path = tmp_path / "mislabelled.txt"
    path.write_bytes(gzip.compress(b"plain words"))
    assert only(text.read(path, "mislabelled.txt")).body == "plain words"


def test_truncated_gzip_page_is_rejected_not_loaded_half(tmp_path):
    compressed = gzip.compress(html_page("Cut", paragraphs=400).encode("utf-8"))
    path = tmp_path / "cut.html.gz"
    path.write_bytes(compressed[: len(compressed) // 2])
    reject = only(html.read(path, "cut.html.gz"))
    assert isinstance(reject, Reject) and reject.reason == "truncated_gzip"
    assert "cut short" in reject.detail


def test_corrupt_gzip_is_rejected(tmp_path):
    compressed = bytearray(gzip.compress(html_page("Bad", paragraphs=50).encode("utf-8")))
    compressed[40:60] = b"\xff" * 20
    path = tmp_path / "bad.html.gz"
    path.write_bytes(bytes(compressed))
    reject = only(html.read(path, "bad.html.gz"))
    assert isinstance(reject, Reject) and reject.reason == "invalid_gzip"


def test_page_over_the_size_limit_is_rejected_without_reading_it_all(tmp_path):
    path = tmp_path / "big.html"
    path.write_bytes(b"<p>" + b"x" * 5000 + b"</p>")
    reject = only(html.read(path, "big.html", max_page_bytes=1000))
    assert isinstance(reject, Reject) and reject.reason == "page_too_large"
    assert "limit of 0.0009537 MB" in reject.detail
    assert only(html.read(path, "big.html", max_page_bytes=10_000)).content_format == "html"


def test_reader_accepts_an_open_stream():
    page = only(text.read(io.BytesIO("stream text".encode()), "stdin"))
    assert page.body == "stream text" and page.source_uri == "stdin"


def test_single_page_readers_pass_utf8_bytes_only_when_they_are_the_body_exactly(tmp_path):
    from ingest.readers import html as html_reader

    utf8_file = tmp_path / "u.html"
    utf8_file.write_bytes("<p>Grüße</p>".encode("utf-8"))
    latin_file = tmp_path / "l.html"
    latin_file.write_bytes('<meta charset="iso-8859-1"><p>Gr\xfc\xdfe</p>'.encode("latin-1"))
    bom_file = tmp_path / "b.html"
    bom_file.write_bytes(b"\xef\xbb\xbf<p>bom</p>")
    [utf8_page] = html_reader.read(utf8_file, "u")
    [latin_page] = html_reader.read(latin_file, "l")
    [bom_page] = html_reader.read(bom_file, "b")
    assert utf8_page.utf8 == utf8_page.body.encode("utf-8")
    assert latin_page.body.endswith("Grüße</p>") and latin_page.utf8 is None
    assert bom_page.body == "<p>bom</p>" and bom_page.utf8 is None


def test_the_size_limit_is_reported_in_the_unit_the_user_set():
    from ingest.writer import DEFAULT_MAX_PAGE_BYTES

    assert "limit of 10 MB " in too_large("p", DEFAULT_MAX_PAGE_BYTES).detail
    assert "limit of 2.5 MB " in too_large("p", int(2.5 * 1024 * 1024)).detail
