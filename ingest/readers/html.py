"""HTML files (.html, .htm, .xhtml, optionally gzipped): the whole file is one page with content_format 'html'."""

from __future__ import annotations

from collections.abc import Iterator

from ingest.readers.base import ReadItem, Source, read_single_page


def read(source: Source, source_uri: str, *, max_page_bytes: int | None = None) -> Iterator[ReadItem]:
    yield from read_single_page(source, source_uri, "html", max_page_bytes)
