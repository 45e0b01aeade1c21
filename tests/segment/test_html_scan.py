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
