"""From read items to raw rows: a page's stored bytes, hash and id, and the Arrow columns of pages, rejects, notes.

Pure (no I/O). The DuckDB loader (ingest.writer) and an ENGINE=spark load (ingest.spark.load, in Spark's Python
workers) both turn every RawPage into a row with prepare_page and build their Arrow tables with the functions
below, so a page gets the same page_id, body and reject in either engine.
"""

from __future__ import annotations

import array
import hashlib
import itertools
import re
from dataclasses import dataclass
from datetime import datetime, timedelta

from ingest.readers.base import megabytes
from ingest.record import Note, RawPage, Reject, page_id_of, site_of

PAGE_COLUMNS = ("page_id", "url", "site", "source_uri", "fetched_at", "content_format", "body", "content_sha256")
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")
_EPOCH = datetime(1970, 1, 1)
_MICROSECOND = timedelta(microseconds=1)


@dataclass(frozen=True, slots=True)
class PreparedPage:
    """A page as raw.pages stores it (without the load's columns): `body` is its UTF-8 bytes."""

    page_id: str
    url: str | None
    site: str | None
    source_uri: str | None
    fetched_at: datetime | None
    content_format: str
    body: bytes
    content_sha256: str


def prepare_page(page: RawPage, max_page_bytes: int) -> PreparedPage | Reject:
    """The stored form of a page (encoded, hashed, its id and site), or a `page_too_large` Reject."""
    encoded = page.utf8 if page.utf8 is not None else utf8(page.body)
    if len(encoded) > max_page_bytes:
        return Reject(
            page.source_uri,
            "page_too_large",
            f"page body is {megabytes(len(encoded))}, over the limit of "
            f"{megabytes(max_page_bytes)} (raise --max-page-mb to load it)",
        )
    sha256_hex = hashlib.sha256(encoded).hexdigest()
    url = storable(page.url)
    return PreparedPage(
        page_id=page_id_of(url, sha256_hex),
        url=url,
        site=site_of(url),
        source_uri=storable(page.source_uri),
        fetched_at=page.fetched_at,
        content_format=page.content_format,
        body=encoded,
        content_sha256=sha256_hex,
    )


def add_page_columns(columns: dict[str, list], page: PreparedPage) -> None:
    """Append one page to column lists keyed by PAGE_COLUMNS (what pages_table takes)."""
    for name in PAGE_COLUMNS:
        columns[name].append(getattr(page, name))


def pages_table(columns: dict[str, list]):
    import pyarrow as pa

    bodies = columns["body"]  # already UTF-8 bytes (needed for the hash)
    return pa.table(
        {
            "page_id": string_array(columns["page_id"]),
            "url": string_array(columns["url"]),
            "site": string_array(columns["site"]),
            "source_uri": string_array(columns["source_uri"]),
            "fetched_at": timestamp_array(columns["fetched_at"]),
            "content_format": string_array(columns["content_format"]),
            "body": string_array(bodies),
            "content_sha256": string_array(columns["content_sha256"]),
            "byte_length": int64_array([len(body) for body in bodies]),
        }
    )


def rejects_table(rejects: list[Reject]):
    import pyarrow as pa

    return pa.table(
        {
            "source_uri": string_array([reject.source_uri for reject in rejects]),
            "reason": string_array([reject.reason for reject in rejects]),
            "detail": string_array([reject.detail for reject in rejects]),
        }
    )


def notes_table(notes: list[Note]):
    import pyarrow as pa

    return pa.table(
        {
            "source_uri": string_array([note.source_uri for note in notes]),
            "kind": string_array([note.kind for note in notes]),
            "detail": string_array([note.detail for note in notes]),
        }
    )


# Arrays are assembled from their buffers: pa.array() on a Python list first imports pandas (a third of a
# second and 50 MB, to look for pandas types) and is no faster.


def string_array(values: list[str | bytes | None]):
    import pyarrow as pa

    encoded = [utf8(value) if isinstance(value, str) else value for value in values]
    offsets = array.array("q", [0, *itertools.accumulate(0 if value is None else len(value) for value in encoded)])
    data = b"".join(value for value in encoded if value is not None)
    return pa.LargeStringArray.from_buffers(len(values), pa.py_buffer(offsets), pa.py_buffer(data), _validity(values))


def timestamp_array(values: list[datetime | None]):
    import pyarrow as pa

    micros = array.array("q", (0 if value is None else (value - _EPOCH) // _MICROSECOND for value in values))
    return pa.Array.from_buffers(pa.timestamp("us"), len(values), [_validity(values), pa.py_buffer(micros)])


def int64_array(values: list[int]):
    import pyarrow as pa

    return pa.Array.from_buffers(pa.int64(), len(values), [None, pa.py_buffer(array.array("q", values))])


def _validity(values: list):
    """Arrow's validity bitmap (bit i set when values[i] is not None); None when no value is missing."""
    import pyarrow as pa

    if all(value is not None for value in values):
        return None
    bitmap = bytearray((len(values) + 7) // 8)
    for index, value in enumerate(values):
        if value is not None:
            bitmap[index >> 3] |= 1 << (index & 7)
    return pa.py_buffer(bitmap)


def utf8(body: str) -> bytes:
    try:
        return body.encode("utf-8")
    except UnicodeEncodeError:
        # Lone surrogates (half an emoji cut by a JSON producer) cannot be stored; show them as U+FFFD.
        return _LONE_SURROGATE.sub("\ufffd", body).encode("utf-8")


def storable(text: str | None) -> str | None:
    """`text` with lone surrogates (a cut character in a url, an undecodable file name) shown as U+FFFD."""
    if text is None or not _LONE_SURROGATE.search(text):
        return text
    return _LONE_SURROGATE.sub("\ufffd", text)
