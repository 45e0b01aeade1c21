"""Field names accepted in JSON Lines and Parquet inputs, and the mapping of one record to a page.

For each role the first name present in a record wins, in the order listed:

- url: ``url``, ``uri``, ``link``, ``WARC-Target-URI``
- HTML content (content_format 'html'): ``html``, ``raw_html``, ``content_html``
- Markdown content (content_format 'markdown'): ``markdown``, ``md``; or a text field when the record declares
  ``format`` / ``content_format`` / ``content_type`` as ``markdown``, ``md`` or ``text/markdown``
- text content (content_format 'text'): ``text``, ``content``, ``body``
- fetch time (optional): ``fetched_at``, ``timestamp``, ``date``, ``crawled_at``
  as ISO 8601, an HTTP date, a 14-digit WARC stamp (20240131120000) or epoch seconds/milliseconds

HTML content wins over Markdown, Markdown over text, when a record has several; an empty or blank field falls
through to the next content field that has content. The YAML front matter of Markdown content gives the url and
fetch time when the record has none (see ingest/frontmatter.py). When a record has no url or fetch
time at the top level, a nested ``metadata`` object is searched with the same names (the layout
datatrove and FineWeb use). Content may be a string or, in Parquet, bytes (decoded like a file).
"""

from __future__ import annotations

from collections.abc import Mapping

from ingest import frontmatter
from ingest.encoding import decode
from ingest.readers.base import parse_timestamp
from ingest.record import RawPage, Reject

URL_FIELDS = ("url", "uri", "link", "WARC-Target-URI")
HTML_FIELDS = ("html", "raw_html", "content_html")
MARKDOWN_FIELDS = ("markdown", "md")
TEXT_FIELDS = ("text", "content", "body")
FORMAT_FIELDS = ("format", "content_format", "content_type")
MARKDOWN_FORMATS = frozenset({"markdown", "md", "text/markdown", "text/x-markdown"})
FETCHED_AT_FIELDS = ("fetched_at", "timestamp", "date", "crawled_at")
METADATA_FIELD = "metadata"
CONTENT_FIELDS = HTML_FIELDS + MARKDOWN_FIELDS + TEXT_FIELDS
ALL_FIELDS = URL_FIELDS + CONTENT_FIELDS + FETCHED_AT_FIELDS + FORMAT_FIELDS + (METADATA_FIELD,)


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
    content_format = _content_format(record, content_field)
    if content_format == "markdown" and (url is None or fetched_at is None):
        meta = frontmatter.split(content)
        url = url or meta.url
        fetched_at = fetched_at or parse_timestamp(frontmatter.as_datetime(meta.fetched_at))
    return RawPage(
        source_uri=source_uri,
        body=content,
        content_format=content_format,
        url=url,
        fetched_at=fetched_at,
    )


def _content_format(record: Mapping, content_field: str) -> str:
    if content_field in HTML_FIELDS:
        return "html"
    if content_field in MARKDOWN_FIELDS:
        return "markdown"
    declared = _text_value(record, FORMAT_FIELDS)
    return "markdown" if declared and declared.lower() in MARKDOWN_FORMATS else "text"


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
