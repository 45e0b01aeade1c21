"""The page scan's cheap marker tests let every marker through."""

from __future__ import annotations

from ingest.segment.html_scan import (
    COMMENT_CLASSES,
    DEK_TOKENS,
    HEADING_CLASS_RE,
    MARKER_CLASS_WORDS_RE,
    RELATED_CLASSES,
    _has_any_class_word,
)


def test_every_comment_widget_and_dek_class_marker_holds_a_marker_word():
    markers = {*COMMENT_CLASSES, "popularposts", *RELATED_CLASSES, *DEK_TOKENS}

    assert [marker for marker in markers if not MARKER_CLASS_WORDS_RE.search(marker)] == []


def test_the_substring_prefilter_finds_exactly_the_heading_and_marker_words():
    words = [*HEADING_CLASS_RE.pattern.split("|"), *MARKER_CLASS_WORDS_RE.pattern.split("|")]
    values = [*words, *(f"post {word}-box" for word in words), "entry-content", "sb-title2", "su b", "de k", "", "x"]

    for value in values:
        expected = HEADING_CLASS_RE.search(value) is not None or MARKER_CLASS_WORDS_RE.search(value) is not None
        assert _has_any_class_word(value) is expected, value


def test_colon_pieces_are_the_text_nodes_ending_in_a_colon_in_document_order():
    from lxml.etree import XPath

    from ingest.segment.html import parse_html
    from ingest.segment.html_scan import scan_page

    html = (
        "<html><body>Root:<div>A: <b>B：<i>C:</i>D: </b>E:<p>Time 10:30 and F:</p></div>G:"
        "<ul><li>Read also:<a href='/x'>Story</a></li></ul>H: <span>not a colon</span></body></html>"
    )
    index = scan_page(parse_html(html))
    expected = [
        (piece.getparent(), piece.is_tail)
        for piece in XPath(".//text()")(index.root) if piece.rstrip().endswith((":", "："))
    ]

    assert index.colon_pieces == expected
    assert [(element.tag, is_tail) for element, is_tail in index.colon_pieces] == [
        ("body", False), ("div", False), ("b", False), ("i", False), ("i", True), ("b", True), ("p", False),
        ("div", True), ("li", False), ("ul", True),
    ]
