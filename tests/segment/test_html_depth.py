"""Deeply nested HTML: read past libxml2's default depth of 256, flagged (not silently emptied) past 2048."""

from __future__ import annotations

from ingest.segment import segment_batch

ARTICLE = "".join(f"<p>Paragraph {number} of the deeply nested story, with enough words to count.</p>"
                  for number in range(6))


def _nested(depth: int) -> str:
    return (f"<html><head><title>Deep story</title></head><body>{'<div>' * depth}"
            f"<article><h1>Deep story</h1>{ARTICLE}</article>{'</div>' * depth}</body></html>")


def test_an_article_nested_deeper_than_256_elements_is_read():
    [row] = segment_batch([{"page_id": "p", "content_format": "html", "body": _nested(400), "url": None}])
    assert row["error"] is None
    assert "Paragraph 5 of the deeply nested story" in (row["body"] or "")


def test_a_page_deeper_than_the_parser_limit_is_flagged_with_a_reason():
    [row] = segment_batch([{"page_id": "p", "content_format": "html", "body": _nested(2100), "url": None}])
    assert row["error"] is not None and "deeper than the HTML parser's limit" in row["error"]
    assert not row["body"]
