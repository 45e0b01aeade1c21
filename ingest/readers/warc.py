"""WARC files (.warc, .warc.gz) via warcio: HTML `response` records become pages.

url is WARC-Target-URI, fetched_at is WARC-Date, the charset comes from the HTTP Content-Type.
Responses that are not HTML or not 2xx are `Skipped` (counted, not errors); request, metadata
and other record kinds are not pages and are passed over silently. Every item's source_uri is
"<file>#offset=<n>" (the record's offset in the file, compressed offset for .warc.gz, as in CDX
indexes). A record that cannot be parsed is rejected with its offset; the records before it load.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import nullcontext
from pathlib import Path

from warcio.archiveiterator import ArchiveIterator

from ingest.encoding import decode_page
from ingest.readers.base import ReadItem, Source, parse_timestamp, too_large
from ingest.record import RawPage, Reject, Skipped

HTML_MEDIA_TYPES = frozenset({"text/html", "application/xhtml+xml"})
_SNIFF_BYTES = 1024


def read(source: Source, source_uri: str, *, max_page_bytes: int | None = None) -> Iterator[ReadItem]:
    opened = open(source, "rb") if isinstance(source, (str, Path)) else nullcontext(source)
    with opened as stream:
        records = ArchiveIterator(stream)
        seen_any = False
        try:
            for record in records:
                seen_any = True
                record_uri = f"{source_uri}#offset={records.offset}"
                if not record.format.startswith("warc"):
                    # warcio falls back to the old ARC layout for any line it cannot read as WARC.
                    raise ValueError("the data is not a WARC record header")
                try:
                    item = _item_from_record(record, record_uri, max_page_bytes)
                except Exception as error:  # warcio raises many types for a damaged payload
                    item = Reject(record_uri, "corrupt_record", f"unreadable record payload: {_describe(error)}")
                if item is not None:
                    yield item
        except Exception as error:
            yield Reject(
                f"{source_uri}#offset={records.offset}",
                "corrupt_record",
                f"not a readable WARC record ({_describe(error)}); records after it were not read",
            )
            return
    if not seen_any:
        yield Reject(source_uri, "empty_file", "no WARC records in the file")


def _item_from_record(record, record_uri: str, max_page_bytes: int | None) -> ReadItem | None:
    if record.rec_type != "response" or record.http_headers is None:
        return None
    status = record.http_headers.get_statuscode() or ""
    if not status.startswith("2"):
        return Skipped(record_uri, "non_2xx_status")
    media_type, charset = _content_type(record.http_headers.get_header("Content-Type"))
    if media_type and media_type not in HTML_MEDIA_TYPES:
        return Skipped(record_uri, "non_html")

    payload = record.content_stream()
    data = payload.read() if max_page_bytes is None else payload.read(max_page_bytes + 1)
    if max_page_bytes is not None and len(data) > max_page_bytes:
        return too_large(record_uri, max_page_bytes)
    if record.raw_stream.limit:
        return Reject(
            record_uri,
            "truncated_record",
            f"the record ends {record.raw_stream.limit} bytes short of its Content-Length (file cut short?)",
        )
    if not media_type and not _looks_like_html(data):
        return Skipped(record_uri, "non_html")
    if not data.strip():
        return Reject(record_uri, "empty_record", "the HTTP response has an empty body")
    decoded = decode_page(data, record_uri, declared=charset)
    if isinstance(decoded, Reject):
        return decoded
    body, utf8 = decoded
    return RawPage(
        source_uri=record_uri,
        body=body,
        utf8=utf8,
        content_format="html",
        url=(record.rec_headers.get_header("WARC-Target-URI") or "").strip("<> ") or None,
        fetched_at=parse_timestamp(record.rec_headers.get_header("WARC-Date")),
    )


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


def _looks_like_html(data: bytes) -> bool:
    head = data[:_SNIFF_BYTES].lstrip().lower()
    return head.startswith((b"<!doctype html", b"<html")) or b"<body" in head


def _describe(error: Exception) -> str:
    message = " ".join(str(error).split())[:200]
    return f"{type(error).__name__}: {message}" if message else type(error).__name__
