"""HTML extractor: parse once, read metadata and widgets, then hand the pruned tree to trafilatura for the body."""

from __future__ import annotations

import logging

from lxml.html import HtmlElement
from trafilatura.core import trafilatura_sequence
from trafilatura.settings import Extractor
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from ingest.segment.html_metadata import normalize_space, read_metadata
from ingest.segment.html_scan import scan_page
from ingest.segment.html_widgets import find_widgets
from ingest.segment.parts import PageParts

# fast: skip the readability/justext comparison (slow, and no better on the benchmark);
# comments off: we find comments ourselves and trafilatura then prunes any it still sees.
MAIN_TEXT_OPTIONS = Extractor(output_format="txt", fast=True, comments=False, tables=True)

# trafilatura logs every page it finds too short at WARNING; that is a normal outcome here.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


def parse_html(html: str | bytes) -> HtmlElement | None:
    """Parse a page the way trafilatura does (encoding sniffing, repairs); None when it is not HTML."""
    try:
        return load_html(html)
    except (TypeError, ValueError):
        return None


def main_text(tree: HtmlElement, url: str | None = None) -> list[str]:
    """Article paragraphs in page order. trafilatura prunes the tree it is given, so call this last."""
    try:
        body, _, _, _ = trafilatura_sequence(tree, MAIN_TEXT_OPTIONS, url)
    except (TypeError, ValueError):
        return []
    text = xmltotxt(body, include_formatting=False)
    return [line for line in (normalize_space(raw) for raw in text.split("\n")) if line]


def extract_parts(html: str | bytes, url: str | None = None) -> PageParts:
    """Split one HTML page into article parts, teaser cards and non-article segments."""
    tree = parse_html(html)
    if tree is None:
        return PageParts()
    index = scan_page(tree)
    metadata = read_metadata(tree, index.dek_candidates, url)
    widgets = find_widgets(index, metadata.canonical_url or url)
    for element in widgets.remove:
        if element.getparent() is not None:
            element.drop_tree()
    paragraphs = main_text(tree, url)
    if metadata.dek:
        paragraphs = [paragraph for paragraph in paragraphs if paragraph != metadata.dek]
    return PageParts(
        title=metadata.title,
        dek=metadata.dek,
        paragraphs=paragraphs,
        teasers=widgets.teasers,
        segments=widgets.segments,
        author=metadata.author,
        published_at=metadata.published_at,
        canonical_url=metadata.canonical_url,
    )
