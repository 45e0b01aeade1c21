"""Pure, batch-shaped segmentation of raw pages into article, teasers and other parts (no I/O)."""

from __future__ import annotations

import sys
from collections.abc import Iterable, Mapping

import pyarrow as pa

SEGMENT_FIELDS_ON_ERROR = {
    "title": None,
    "dek": None,
    "body": None,
    "author": None,
    "published_at": None,
    "canonical_url": None,
    "is_truncated": False,
    "truncation_reason": None,
    "removed_duplicates": 0,
    "teasers": [],
    "segments": [],
}

TEASER_TYPE = pa.struct(
    [
        pa.field("position", pa.int32()),
        pa.field("widget", pa.string()),
        pa.field("title", pa.string()),
        pa.field("raw_snippet", pa.string()),
        pa.field("snippet", pa.string()),
        pa.field("has_title_echo", pa.bool_()),
        pa.field("is_truncated", pa.bool_()),
        pa.field("truncation_reason", pa.string()),
        pa.field("link_url", pa.string()),
    ]
)

SEGMENT_TYPE = pa.struct(
    [
        pa.field("kind", pa.string()),
        pa.field("position", pa.int32()),
        pa.field("text", pa.string()),
    ]
)

SEGMENT_SCHEMA = pa.schema(
    [
        pa.field("page_id", pa.string()),
        pa.field("title", pa.string()),
        pa.field("dek", pa.string()),
        pa.field("body", pa.string()),
        pa.field("author", pa.string()),
        pa.field("published_at", pa.string()),
        pa.field("canonical_url", pa.string()),
        pa.field("is_truncated", pa.bool_()),
        pa.field("truncation_reason", pa.string()),
        pa.field("removed_duplicates", pa.int32()),
        pa.field("teasers", pa.list_(TEASER_TYPE)),
        pa.field("segments", pa.list_(SEGMENT_TYPE)),
        pa.field("error", pa.string()),
    ]
)

INPUT_COLUMNS = ("page_id", "content_format", "body", "url")


def segment_batch(rows: Iterable[Mapping]) -> list[dict]:
    """One output dict per input row, in order; a page that fails gets a row with `error` set."""
    from ingest.segment.truncation import load_dictionary

    load_dictionary()
    # Attribute verdicts remembered by the HTML selectors, if HTML was segmented before in this process.
    selectors = sys.modules.get("ingest.segment.html_selectors")
    if selectors is not None:
        selectors.forget_attribute_values()
    return [_segment_page(row) for row in rows]


def segment_table(table: pa.Table | pa.RecordBatch) -> pa.Table:
    """`segment_batch` over an Arrow table or record batch, returned as an Arrow table in SEGMENT_SCHEMA."""
    present = [name for name in INPUT_COLUMNS if name in table.schema.names]
    rows = table.select(present).to_pylist()
    return pa.Table.from_pylist(segment_batch(rows), schema=SEGMENT_SCHEMA)


def _segment_page(row: Mapping) -> dict:
    page_id = row.get("page_id")
    try:
        parts = _extract_parts(row.get("content_format"), row.get("body") or "", row.get("url"))
        from ingest.segment.clean import finish

        return {"page_id": page_id, **finish(parts), "error": None}
    except Exception as error:  # one bad page must not stop the batch
        return {"page_id": page_id, **SEGMENT_FIELDS_ON_ERROR, "error": f"{type(error).__name__}: {error}"}


def _extract_parts(content_format: str | None, body: str, url: str | None):
    # Extractors are imported here so a missing or broken one only fails the pages that need it.
    if content_format == "text":
        from ingest.segment.text import extract_parts

        return extract_parts(body)
    if content_format == "html":
        from ingest.segment.html import extract_parts

        return extract_parts(body, url)
    if content_format == "markdown":
        from ingest.segment.markdown import extract_parts

        return extract_parts(body, url)
    raise ValueError(f"unsupported content_format {content_format!r}")
