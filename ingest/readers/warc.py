"""WARC files (.warc, .warc.gz) via FastWARC: HTML `response` records become pages.

url is WARC-Target-URI, fetched_at is WARC-Date, the charset comes from the HTTP Content-Type.
Responses that are not HTML or not 2xx are `Skipped` (counted, not errors), and so are request,
revisit, metadata and other record kinds, by their WARC-Type. Every item's source_uri is
"<file>#offset=<n>" (the record's offset in the file, compressed offset for .warc.gz, as in CDX
indexes). A record that cannot be parsed is rejected with its offset; the records before it load.
A chunked Transfer-Encoding and a gzip, deflate or br Content-Encoding are undone; a payload that
does not decode as its headers claim is kept as sent (servers mislabel; the page is usually plain).
"""

from __future__ import annotations

import io
import re
import zlib
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import BinaryIO

from fastwarc.stream_io import BrotliReader, GzipReader
from fastwarc.warc import ArchiveIterator, WarcRecordType

from ingest.encoding import DecodedPage, decode_page
from ingest.readers.base import ReadItem, Source, parse_timestamp, too_large
from ingest.readers.gzipstream import GZIP_MAGIC
from ingest.record import RawPage, Reject, Skipped

HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFF_BYTES = 1024
_HTTP_SCHEMES = ("http:", "https:")
_MAX_WARC_HEADER_BYTES = 1 << 16
_CONTENT_LENGTH = re.compile(rb"^content-length[ \t]*:[ \t]*(\d+)", re.IGNORECASE | re.MULTILINE)
_ZLIB_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


def read(source: Source, source_uri: str, *, max_page_bytes: int | None = None) -> Iterator[ReadItem]:
    opened = open(source, "rb") if isinstance(source, (str, Path)) else nullcontext(source)
    with opened as stream:
        warc_stream = GzipReader(stream) if _starts_with_gzip(stream) else stream
        records = ArchiveIterator(warc_stream, parse_http=False, stream_detect=False)
        last_start = None
        try:
            for record in records:
                _check_own_gzip_member(record, warc_stream)
                last_start = record.stream_pos
                record_uri = f"{source_uri}#offset={last_start}"
                try:
                    items = list(_items_from_record(record, record_uri, max_page_bytes))
                except Exception as error:  # a damaged payload can fail in the decompressor or the HTTP parser
                    items = [Reject(record_uri, "corrupt_record", f"unreadable record payload: {_describe(error)}")]
                yield from items
        except Exception as error:
            offset = _unreadable_record_offset(stream, warc_stream, last_start)
            yield Reject(
                f"{source_uri}#offset={offset}",
                "corrupt_record",
                f"not a readable WARC record ({_describe(error)}); records after it were not read",
            )
            return
    if last_start is None:
        yield Reject(source_uri, "empty_file", "no WARC records in the file")


def _starts_with_gzip(stream: BinaryIO) -> bool:
    head = stream.peek(2)[:2] if hasattr(stream, "peek") else _read_and_rewind(stream, 2)
    return head == GZIP_MAGIC


def _read_and_rewind(stream: BinaryIO, size: int) -> bytes:
    head = stream.read(size)
    stream.seek(-len(head), io.SEEK_CUR)
    return head


def _check_own_gzip_member(record, warc_stream) -> None:
    """Raise unless the record starts a gzip member: offsets into one gzip stream cannot be seeked to."""
    if isinstance(warc_stream, GzipReader) and record.stream_pos != warc_stream.frame_start_position():
        raise ValueError(
            "the file is one gzip stream, not one gzip member per record as .warc.gz requires "
            "(recompress it, e.g. with `warcio recompress`)"
        )


def _items_from_record(record, record_uri: str, max_page_bytes: int | None) -> Iterator[ReadItem]:
    item = _item_from_record(record, record_uri, max_page_bytes)
    if isinstance(item, DecodedPage):
        yield from item.notes
        yield RawPage(
            source_uri=record_uri,
            body=item.text,
            utf8=item.utf8,
            content_format="html",
            url=_target_uri(record) or None,
            fetched_at=parse_timestamp(record.headers.get("WARC-Date")),
        )
    else:
        yield item


def _target_uri(record) -> str:
    return (record.headers.get("WARC-Target-URI") or "").strip("<> ")


def _item_from_record(record, record_uri: str, max_page_bytes: int | None) -> DecodedPage | Reject | Skipped:
    """The decoded page of an HTML 2xx response; any other record is Skipped by its WARC-Type (counted, not lost)."""
    if record.record_type != WarcRecordType.response:
        return Skipped(record_uri, (record.headers.get("WARC-Type") or "untyped").strip().lower() or "untyped")
    url = _target_uri(record)
    if not url.startswith(_HTTP_SCHEMES):
        return Skipped(record_uri, "non_http_response")
    if record.content_length == 0:
        return Reject(record_uri, "empty_record", "the response record has no content")
    _parse_http(record)
    http_headers = record.http_headers
    status = http_headers.status_code  # None when the status line is garbled
    if status is None or not 200 <= status < 300:
        return Skipped(record_uri, "non_2xx_status")
    media_type, charset = _content_type(http_headers.get("Content-Type"))
    if media_type and media_type not in HTML_MEDIA_TYPES:
        return Skipped(record_uri, "non_html")

    sent = record.reader.read() if max_page_bytes is None else record.reader.read(max_page_bytes + 1)
    if max_page_bytes is not None and len(sent) > max_page_bytes:
        return too_large(record_uri, max_page_bytes)
    if len(sent) < record.content_length:
        return Reject(
            record_uri,
            "truncated_record",
            f"the record ends {record.content_length - len(sent)} bytes short of its Content-Length "
            "(file cut short?)",
        )
    data = _decoded_payload(sent, http_headers, max_page_bytes)
    if data is None:
        return too_large(record_uri, max_page_bytes)
    if not media_type and not _looks_like_html(data):
        return Skipped(record_uri, "non_html")
    if not data.strip():
        return Reject(record_uri, "empty_record", "the HTTP response has an empty body")
    return decode_page(data, record_uri, declared=charset)


def _parse_http(record) -> None:
    """Parse the HTTP headers of a response to an http(s) url."""
    # Some writers label HTTP responses with another Content-Type than application/http.
    record.is_http = True
    record.parse_http()


def _content_type(header: str | None) -> tuple[str | None, str | None]:
    """('text/html', 'utf-8') from 'text/html; charset="UTF-8"'; parts are None when absent."""
    if not header:
        return None, None
    media_type, *parameters = header.split(";")
    charset = None
    for parameter in parameters:
        name, _, value = parameter.partition("=")
        if name.strip().lower() == "charset":
            charset = value.strip().strip("\"'") or None
    return media_type.strip().lower() or None, charset


def _decoded_payload(sent: bytes, http_headers, max_bytes: int | None) -> bytes | None:
    """The payload without its transfer and content encodings; None when it decodes to more than max_bytes."""
    data = sent
    if (http_headers.get("Transfer-Encoding") or "").strip().lower() == "chunked":
        data = _dechunked(data)
    encoding = (http_headers.get("Content-Encoding") or "").strip().lower()
    if encoding in _ZLIB_WBITS or encoding == "br":
        limit = 0 if max_bytes is None else max_bytes + 1
        data = _decompressed(data, encoding, limit)
        if max_bytes is not None and len(data) > max_bytes:
            return None
    return data


def _dechunked(data: bytes) -> bytes:
    """The body of a chunked transfer encoding; from the first malformed chunk size on, the bytes as they are."""
    chunks = []
    position = 0
    while position < len(data):
        line_end = data.find(b"\r\n", position)
        try:
            size = int(data[position:line_end].split(b";")[0], 16) if line_end >= 0 else -1
        except ValueError:
            size = -1
        if size < 0:
            chunks.append(data[position:])
            break
        if size == 0:
            break
        chunks.append(data[line_end + 2 : line_end + 2 + size])
        position = line_end + 2 + size + 2
    return b"".join(chunks)


def _decompressed(data: bytes, encoding: str, limit: int) -> bytes:
    """`data` decompressed (at most `limit` bytes when limit > 0); `data` itself when it is not compressed so."""
    try:
        if encoding == "br":
            reader = BrotliReader(io.BytesIO(data))
            return reader.read(limit) if limit else reader.read()
        return _inflated(data, _ZLIB_WBITS[encoding], limit)
    except (OSError, zlib.error):
        if encoding == "deflate":
            # Servers often send raw deflate data (no zlib header) under this label.
            try:
                return _inflated(data, -zlib.MAX_WBITS, limit)
            except zlib.error:
                pass
        return data


def _inflated(data: bytes, wbits: int, limit: int) -> bytes:
    return zlib.decompressobj(wbits).decompress(data, limit)


def _looks_like_html(data: bytes) -> bool:
    head = data[:_SNIFF_BYTES].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _unreadable_record_offset(stream: BinaryIO, warc_stream, last_start: int | None) -> int:
    """Where the record that could not be read begins: right after the last record read (0 when none was)."""
    if last_start is None:
        return 0
    if isinstance(warc_stream, GzipReader):
        # Each record of a .warc.gz is its own gzip member; the reader stopped in the member it could not read.
        return warc_stream.frame_start_position() or last_start
    return _end_of_plain_record(stream, last_start)


def _end_of_plain_record(stream: BinaryIO, start: int) -> int:
    """The offset after the uncompressed record at `start`: header block, Content-Length bytes, CRLF CRLF.

    A stream that cannot seek back gives the record's own start instead.
    """
    if not stream.seekable():
        return start
    stream.seek(start)
    head = stream.read(_MAX_WARC_HEADER_BYTES)
    header_end = head.find(b"\r\n\r\n")
    length = _CONTENT_LENGTH.search(head, 0, max(header_end, 0))
    if header_end < 0 or length is None:
        return start
    return start + header_end + 4 + int(length.group(1)) + 4


def _describe(error: Exception) -> str:
    message = " ".join(str(error).split())[:200]
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
