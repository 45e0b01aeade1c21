"""Markdown captures (.md, .markdown, optionally gzipped): one page with content_format 'markdown'.

The body keeps the capture exactly, front matter included (the segmenter reads the title and the published
date from it). The front matter's url and fetch time fill the page's columns. A front matter block that is
not valid YAML does not stop the page: it loads without them, and a note with reason
`invalid_front_matter` goes to raw.notes (the page itself is in raw.pages; nothing is rejected).
"""

from __future__ import annotations

from collections.abc import Iterator

from ingest import frontmatter
from ingest.readers.base import ReadItem, Source, parse_timestamp, read_single_page
from ingest.record import Note, RawPage

INVALID_FRONT_MATTER = "invalid_front_matter"


def read(source: Source, source_uri: str, *, max_page_bytes: int | None = None) -> Iterator[ReadItem]:
    for item in read_single_page(source, source_uri, "markdown", max_page_bytes):
        if isinstance(item, RawPage):
            yield from with_front_matter(item)
        else:
            yield item


def with_front_matter(page: RawPage) -> Iterator[ReadItem]:
    """The page with url and fetched_at from its front matter (where it has none yet), and a note when the front
    matter had to be ignored."""
    meta = frontmatter.split(page.body)
    if meta.error:
        yield Note(page.source_uri, INVALID_FRONT_MATTER, f"page loaded as Markdown without its front matter: {meta.error}")
    url = page.url or meta.url
    fetched_at = page.fetched_at or parse_timestamp(frontmatter.as_datetime(meta.fetched_at))
    if (url, fetched_at) == (page.url, page.fetched_at):
        yield page
        return
    yield RawPage(
        source_uri=page.source_uri,
        body=page.body,
        content_format=page.content_format,
        url=url,
        fetched_at=fetched_at,
        utf8=page.utf8,
    )
