"""Pages our main extractor alone gets wrong: markup fragments without <html>, and extractions that are all menus."""

from __future__ import annotations

import pytest

from ingest.segment import segment_batch
from ingest.segment.html import parse_html
from ingest.segment.wceb import load_page

_SENTENCE = "The council voted on Tuesday to keep the old library open for at least another two years."


def _body(html: str) -> str:
    row = segment_batch([{"page_id": "p", "content_format": "html", "body": html, "url": None}])[0]
    assert row["error"] is None
    return row["body"] or ""


def test_a_wrapped_markup_fragment_is_read_as_a_page():
    # a dataset's or scraper's stored page body: no <html>, no head, a wrapper element first
    fragment = '<text id="http://example.org/a" encoding="unset">\n<div><h2>Library stays</h2>' + "".join(
        f"<p>{_SENTENCE} Paragraph {i} adds its own detail about the budget.</p>" for i in range(4)
    ) + "</div>"
    assert parse_html(fragment) is not None
    assert _SENTENCE in _body(fragment)


@pytest.mark.parametrize("text", ["just a line of plain text, no markup at all", "<b>one</b> tag only"])
def test_text_without_block_markup_is_still_not_a_page(text):
    assert parse_html(text) is None


# (dataset, page id, a sentence of the article): real pages whose main extraction was a menu or a score table
# (tuning half of WCEB; see docs/benchmarks.md), now checked against readability/justext as trafilatura does.
REAL_PAGES = [
    ("l3s-gn1", "f49c5334-d529-4c79-bdc9-8d127af1d3f3", "Michael Owen will be handed the Newcastle captain's armband"),
    ("dragnet", "R574", "we've enjoyed a whole suite of entertainment services"),
    ("cleaneval", "final-326", "The care of all the different species of trees is essentially the same."),
]


@pytest.mark.parametrize(("dataset", "page_id", "sentence"), REAL_PAGES)
def test_a_menu_extraction_is_replaced_by_the_article(shared_dir, dataset, page_id, sentence):
    html = load_page(shared_dir / "corpora" / "wceb" / dataset, page_id)
    assert sentence in _body(html)
