"""WARC files (.warc, .warc.gz) via FastWARC: HTML `response` records become pages.

url is WARC-Target-URI, fetched_at is WARC-Date, the charset comes from the HTTP Content-Type.
Responses that are not HTML or not 2xx are `Skipped` (counted, not errors), and so are request,
revisit, metadata and other record kinds, by their WARC-Type. Every item's source_uri is
"<file>#offset=<n>" (the record's offset in the file, compressed offset for .warc.gz, as in CDX
indexes). Damage costs only the damaged record (see `warcframe`): a corrupt record, junk between
records or a wrong Content-Length is rejected with its offset and the records after it load; a
truncated .warc.gz keeps what was readable and ends with a `truncated_gzip` reject. A .warc.gz
written as one gzip stream loads from the decompressed stream, each record's source_uri adding
"&uncompressed_offset=<n>", with a `not_record_addressable` note.
A chunked Transfer-Encoding and a gzip, deflate or br Content-Encoding are undone; a payload that
does not decode as its headers claim is kept as sent (servers mislabel; the page is usually plain).
"""

from __future__ import annotations

import io
import zlib
from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path
from typing import BinaryIO

from fastwarc.stream_io import BrotliReader
from fastwarc.warc import ArchiveIterator, WarcRecordType

from ingest.encoding import DecodedPage, decode_page
from ingest.readers.base import ReadItem, Source, parse_timestamp, too_large
from ingest.readers.gzipstream import GZIP_MAGIC
from ingest.readers.warcframe import Damage, Frame, GzipMembers, frames
from ingest.record import Note, RawPage, Reject, Skipped

HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFF_BYTES = 1024
_HTTP_SCHEMES = ("http:", "https:")
_HTTP_HEADER_BYTES = 1 << 16
_ONE_STREAM_NOTE = (
    "the file is one gzip stream, not one gzip member per record, so its records cannot be seeked to; they were "
    "read from the decompressed stream and each source_uri adds the record's uncompressed offset "
    "(`warcio recompress` rewrites the file one member per record)"
)
_ZLIB_WBITS = {"gzip": 16 + zlib.MAX_WBITS, "x-gzip": 16 + zlib.MAX_WBITS, "deflate": zlib.MAX_WBITS}


def read(source: Source, source_uri: str, *, max_page_bytes: int | None = None) -> Iterator[ReadItem]:
    # A block is kept up to the page limit plus room for its HTTP headers; what lies beyond is read past.
    keep_bytes = None if max_page_bytes is None else max_page_bytes + _HTTP_HEADER_BYTES
    opened = open(source, "rb") if isinstance(source, (str, Path)) else nullcontext(source)
    with opened as stream:
        buffered = stream if hasattr(stream, "peek") else io.BufferedReader(stream)
        if buffered.peek(2)[:2] == GZIP_MAGIC:
            items = _gzip_items(buffered, source_uri, max_page_bytes, keep_bytes)
        else:
            items = _plain_items(buffered, source_uri, max_page_bytes, keep_bytes)
        found = False
        for item in items:
            found = True
            yield item
    if not found:
        yield Reject(source_uri, "empty_file", "no WARC records in the file")


def _plain_items(stream: BinaryIO, source_uri: str, max_page_bytes: int | None, keep_bytes: int | None):
    for event in frames(stream, keep_bytes):
        yield from _items(event, f"{source_uri}#offset={event.offset}", max_page_bytes)


def _gzip_items(stream: BinaryIO, source_uri: str, max_page_bytes: int | None, keep_bytes: int | None):
    """Records of a .warc.gz; one addressed by its member's offset when it starts the member (as it should)."""
    members = GzipMembers(stream)
    noted = False
    for member in members:
        yield from _skipped_gzip_bytes(members, source_uri)
        for event in frames(io.BufferedReader(member), keep_bytes):
            if isinstance(event, Damage) and event.reason == "truncated_record" and member.damage:
                continue  # the gzip damage below says where the record was cut
            address = f"{source_uri}#offset={member.offset}"
            if event.offset:
                address += f"&uncompressed_offset={event.offset}"
                if not noted:
                    noted = True
                    yield Note(source_uri, "not_record_addressable", _ONE_STREAM_NOTE)
            yield from _items(event, address, max_page_bytes)
        if member.damage:
            yield Reject(f"{source_uri}#offset={member.offset}", *member.damage)
    yield from _skipped_gzip_bytes(members, source_uri)


def _skipped_gzip_bytes(members: GzipMembers, source_uri: str) -> Iterator[Reject]:
    while members.skipped:
        offset, length = members.skipped.pop(0)
        yield Reject(
            f"{source_uri}#offset={offset}", "corrupt_record",
            f"{length} bytes that are not a gzip member (one per record); skipped to the next member",
        )


def _items(event: Frame | Damage, address: str, max_page_bytes: int | None) -> Iterator[ReadItem]:
    if isinstance(event, Damage):
        yield Reject(address, event.reason, event.detail)
        return
    try:
        record = next(iter(ArchiveIterator(io.BytesIO(event.data), parse_http=False, stream_detect=False)), None)
        if record is None:
            yield Reject(address, "corrupt_record", "the record header could not be parsed")
            return
        items = list(_items_from_record(record, address, max_page_bytes))
    except Exception as error:  # a damaged payload can fail in the decompressor or the HTTP parser
        items = [Reject(address, "corrupt_record", f"unreadable record: {_describe(error)}")]
    yield from items


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


def _describe(error: Exception) -> str:
    message = " ".join(str(error).split())[:200]
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
