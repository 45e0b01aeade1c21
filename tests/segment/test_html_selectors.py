"""The Python selections select what trafilatura's regex XPaths select, in the same order."""

from __future__ import annotations

from copy import copy

import pytest
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.xpaths import (
    BODY_XPATH,
    DISCARD_IMAGE_ELEMENTS,
    OVERALL_DISCARD_XPATH,
    RAW_TREE_PRUNE_XPATH,
    REMOVE_COMMENTS_AND_LISTS_XPATH,
    TEASER_DISCARD_XPATH,
)

from ingest.segment.html import parse_html
from ingest.segment.html_main_text import MAIN_TEXT_OPTIONS
from ingest.segment.html_selectors import content_frames, frame_sections, raw_tree_prune
from tests.segment.conftest import ARTICLE, BENCHMARK_SAMPLE, benchmark_tree, needs_benchmark

PRUNE_CASES = f"""<html><head><title>t</title></head><body>
<div id="main"><h1>Harbour wall to be rebuilt</h1>{ARTICLE}</div>
<div class="infinite-scroll"><article><h2>Next story</h2><p>Appended article text.</p></article></div>
<section id="infinite_scroll_wrap"><h1>A headline inside keeps it</h1><p>Kept.</p></section>
<aside class="mvp-post-add-box"><h1>Always pruned, h1 or not</h1></aside>
<div class="elementor-widget elementor-share-buttons--view-icon">Share</div>
<div id="comments"><p>A reader comment.</p></div>
<section class="post-comments"><p>Another comment.</p></section>
<details id="disqus_thread">Disqus</details>
<ol class="comment-list"><li>Listed comment</li></ol>
<ul id="dsq-comments"><li>Not pruned: disqus ids count for containers, not lists</li></ul>
<ul id="Comments-list"><li>Pruned list</li></ul>
<div class="commentary"><p>Commentary is content.</p></div>
<div class="footer-comments-wrap"><p>Not at the start of the class.</p></div>
</body></html>"""

# One page per BODY_XPATH rule, each also holding what a later rule would select.
FRAME_CASES = [
    f"<html><body><main><div class='Post'>x</div><section class='entry'>{ARTICLE}</section></main></body></html>",
    f"<html><body><div itemprop='articleBody'>{ARTICLE}</div><article>{ARTICLE}</article></body></html>",
    f"<html><body><div id='story-body-2'><p>x</p></div><article><p>y</p></article><div class='text'>{ARTICLE}</div>"
    "</body></html>",
    f"<html><body><section class='Fulltext-wrap'>{ARTICLE}</section><div id='content'>z</div></body></html>",
    f"<html><body><div class='page-Content'>{ARTICLE}</div><main>{ARTICLE}</main></body></html>",
    f"<html><body><div id='x-Main-Content'>{ARTICLE}</div></body></html>",
    f"<html><body><div role='mainframe'>{ARTICLE}</div><main><p>m</p></main></body></html>",
    f"<html><body><div class='sidebar'>{ARTICLE}</div></body></html>",
]

# The markers of OVERALL_DISCARD_XPATH, DISCARD_IMAGE_ELEMENTS and TEASER_DISCARD_XPATH, nested ones and near
# misses ("hidden" counts in whichever of id and style comes first; "Caption" and "TEASER" are not lowercased).
SECTION_CASES = f"""<html><body><div id="frame">{ARTICLE}
<div data-lp-replacement-content="">Replaced</div><span role="mainNav">Menu</span>
<p data-component="MostPopularStoriesList">Most popular</p>
<div class="cookie-bar" id="x">Class first</div><div id="notice" class="cookie-bar">Id first</div>
<section id="share-tools">Share</section><div class="post-meta"><span class="byline">By us</span></div>
<div class="sidebar widget"><div class="related-links"><p>Nested</p></div></div>
<h3 class="comments-title">Comments</h3><a id="reply-1" href="#r">Reply</a>
<b style="color: red" id="hidden-note">Style first</b><i id="hidden-note" style="color: red">Id first</i>
<em style="display:none">Hidden</em><strong aria-hidden="true">Hidden too</strong>
<div class="photo-caption">Caption</div><span id="Caption">Not lowercase</span>
<div class="article-Teaser">Teaser</div><p id="TEASER-box">Upper-case teaser</p><li class="teaser">Not a section tag</li>
</div></body></html>"""


def _trafilatura_raw_prune(tree, prune_comments=True):
    expressions = RAW_TREE_PRUNE_XPATH + (REMOVE_COMMENTS_AND_LISTS_XPATH if prune_comments else [])
    return list(dict.fromkeys(element for expression in expressions for element in expression(tree)))


def _trafilatura_frames(tree):
    frames = (next((element for element in expression(tree) if element is not None), None) for expression in BODY_XPATH)
    return [frame for frame in frames if frame is not None]


def _trafilatura_sections(frame):
    def selected(expressions):
        return list(dict.fromkeys(element for expression in expressions for element in expression(frame)))

    return selected(OVERALL_DISCARD_XPATH), selected(DISCARD_IMAGE_ELEMENTS), selected(TEASER_DISCARD_XPATH)


def _cleaned(tree):
    return convert_tags(tree_cleaning(copy(tree), MAIN_TEXT_OPTIONS), MAIN_TEXT_OPTIONS)


def test_raw_tree_prune_selects_what_trafilaturas_xpaths_select():
    tree = parse_html(PRUNE_CASES)

    selected = raw_tree_prune(tree)

    assert selected == _trafilatura_raw_prune(tree)
    texts = [" ".join(element.text_content().split()) for element in selected]
    assert "Appended article text." in texts[0]
    assert any("Pruned list" in text for text in texts)
    assert not any("Commentary is content" in text or "A headline inside keeps it" in text for text in texts)


def test_raw_tree_prune_keeps_comment_threads_when_asked():
    tree = parse_html(PRUNE_CASES)

    selected = raw_tree_prune(tree, prune_comments=False)

    assert selected == _trafilatura_raw_prune(tree, prune_comments=False)
    assert not any("reader comment" in element.text_content() for element in selected)


@pytest.mark.parametrize("html", FRAME_CASES)
def test_content_frames_are_the_first_elements_of_each_body_xpath_rule(html):
    tree = parse_html(html)

    assert list(content_frames(tree)) == _trafilatura_frames(tree)


def test_frame_sections_select_what_the_three_xpaths_select():
    frame = parse_html(SECTION_CASES).get_element_by_id("frame")

    sections = frame_sections(frame)

    assert tuple(sections) == _trafilatura_sections(frame)
    assert [len(selected) for selected in sections] == [15, 1, 1]


@needs_benchmark
@pytest.mark.parametrize("page_id", BENCHMARK_SAMPLE)
def test_selections_match_trafilaturas_xpaths_on_benchmark_pages(page_id):
    tree = benchmark_tree(page_id)
    assert raw_tree_prune(tree) == _trafilatura_raw_prune(tree)

    cleaned = _cleaned(tree)
    frames = list(content_frames(cleaned))

    assert frames == _trafilatura_frames(cleaned)
    for frame in [cleaned, *frames]:
        assert tuple(frame_sections(frame)) == _trafilatura_sections(frame)


@pytest.mark.parametrize(
    ("attribute", "value"),
    [
        ("id", "comments"), ("id", "Comment-3"), ("id", "comol-7"), ("id", "disqus_thread"), ("id", "dsq-comments"),
        ("class", "comment-list"), ("class", "post-comments wide"), ("class", "article-comments"),
        ("class", "elementor-share-buttons"), ("id", "mvp-post-add-box"), ("class", "infinite-scroll"),
        ("class", "infinitescroll"),
    ],
)
def test_the_raw_prune_hint_lets_every_marked_element_through(attribute, value):
    # The hint is a shortcut: wherever trafilatura's expressions select an element, the hint must not skip it.
    html = f"<html><body><div {attribute}='{value}'><p>Marked block</p></div><p>Story</p></body></html>"
    tree = parse_html(html)

    expected = _trafilatura_raw_prune(tree)

    assert expected, "the case must be one trafilatura prunes"
    assert raw_tree_prune(tree) == expected


def test_remembered_attribute_verdicts_are_forgotten_at_each_batch():
    from ingest.segment import segment_batch
    from ingest.segment.html_selectors import _BOILERPLATE_CLASS

    segment_batch([{"page_id": "p", "content_format": "html", "url": None,
                    "body": "<html><body><div class='sidebar'><p>x</p></div><article><p>Story text</p></article></body></html>"}])
    _BOILERPLATE_CLASS("sidebar")
    assert _BOILERPLATE_CLASS.cache_info().currsize > 0

    segment_batch([])

    assert _BOILERPLATE_CLASS.cache_info().currsize == 0
