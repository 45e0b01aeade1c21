"""Field names accepted in JSON Lines and Parquet inputs, and the mapping of one record to a page.

For each role the first name present in a record wins, in the order listed:

- url: ``url``, ``uri``, ``link``, ``WARC-Target-URI``
- HTML content (content_format 'html'): ``html``, ``raw_html``, ``content_html``
- text content (content_format 'text'): ``text``, ``content``, ``body``, ``markdown``
- fetch time (optional): ``fetched_at``, ``timestamp``, ``date``, ``crawled_at``
  as ISO 8601, an HTTP date, a 14-digit WARC stamp (20240131120000) or epoch seconds/milliseconds

HTML content wins over text content when a record has both; an empty or blank field falls through
to the next content field that has content. When a record has no url or fetch
time at the top level, a nested ``metadata`` object is searched with the same names (the layout
datatrove and FineWeb use). Content may be a string or, in Parquet, bytes (decoded like a file).
"""

from __future__ import annotations

from collections.abc import Mapping

from ingest.encoding import decode
from ingest.readers.base import parse_timestamp
from ingest.record import RawPage, Reject

URL_FIELDS = ("url", "uri", "link", "WARC-Target-URI")
HTML_FIELDS = ("html", "raw_html", "content_html")
TEXT_FIELDS = ("text", "content", "body", "markdown")
FETCHED_AT_FIELDS = ("fetched_at", "timestamp", "date", "crawled_at")
METADATA_FIELD = "metadata"
CONTENT_FIELDS = HTML_FIELDS + TEXT_FIELDS
ALL_FIELDS = URL_FIELDS + CONTENT_FIELDS + FETCHED_AT_FIELDS + (METADATA_FIELD,)


def page_from_record(record: Mapping, source_uri: str) -> RawPage | Reject:
    """The page one JSON object or Parquet row describes, or why it describes none."""
    content_field = _first_with_content(record, CONTENT_FIELDS) or _first_present(record, CONTENT_FIELDS)
    if content_field is None:
        return Reject(
            source_uri,
            "missing_content",
            f"no content field; expected one of {', '.join(CONTENT_FIELDS)}",
        )
    content = record[content_field]
    if isinstance(content, (bytes, bytearray)):
        if not bytes(content).strip():
            return Reject(source_uri, "empty_record", f"field '{content_field}' is empty")
        content = decode(bytes(content), source_uri)
        if isinstance(content, Reject):
            return content
    elif not isinstance(content, str):
        return Reject(
            source_uri, "invalid_record", f"field '{content_field}' holds a {type(content).__name__}, not text"
        )
    if not content.strip():
        return Reject(source_uri, "empty_record", f"field '{content_field}' is empty")

    metadata = record.get(METADATA_FIELD)
    metadata = metadata if isinstance(metadata, Mapping) else {}
    url = _text_value(record, URL_FIELDS) or _text_value(metadata, URL_FIELDS)
    fetched_at = _fetched_at(record) or _fetched_at(metadata)
    return RawPage(
        source_uri=source_uri,
        body=content,
        content_format="html" if content_field in HTML_FIELDS else "text",
        url=url,
        fetched_at=fetched_at,
    )


def _first_present(record: Mapping, names: tuple[str, ...]) -> str | None:
    for name in names:
        if record.get(name) is not None:
            return name
    return None


def _first_with_content(record: Mapping, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, (str, bytes, bytearray)) and value.strip():
            return name
    return None


def _text_value(record: Mapping, names: tuple[str, ...]) -> str | None:
    for name in names:
        value = record.get(name)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return None


def _fetched_at(record: Mapping):
    name = _first_present(record, FETCHED_AT_FIELDS)
    return parse_timestamp(record[name]) if name else None
