"""The page scan's cheap marker test lets every marker through."""

from __future__ import annotations

from ingest.segment.html_scan import COMMENT_CLASSES, DEK_TOKENS, MARKER_CLASS_WORDS_RE, RELATED_CLASSES


def test_every_comment_widget_and_dek_class_marker_holds_a_marker_word():
    markers = {*COMMENT_CLASSES, "popularposts", *RELATED_CLASSES, *DEK_TOKENS}

    assert [marker for marker in markers if not MARKER_CLASS_WORDS_RE.search(marker)] == []
