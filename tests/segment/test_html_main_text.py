"""The lean trafilatura cascade, the parser and the pre-pruning select and extract what trafilatura itself does."""

from __future__ import annotations

import gzip
from copy import deepcopy
from pathlib import Path

import pytest
from lxml.etree import tostring
from trafilatura.baseline import html2txt
from trafilatura.core import trafilatura_sequence
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt
from trafilatura.xpaths import RAW_TREE_PRUNE_XPATH, REMOVE_COMMENTS_AND_LISTS_XPATH

from ingest.segment.html import drop_invisible, parse_html
from ingest.segment.html_main_text import MAIN_TEXT_OPTIONS, main_text_body, page_text_length, raw_tree_prune
from tests.conftest import BENCHMARK_DIR

BENCHMARK = BENCHMARK_DIR
# The first page runs the recall retry, the third measures the page text exactly (the cheap bound cannot
# settle it), the others settle the escalation check by the bound or never reach it.
BENCHMARK_SAMPLE = [
    "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856",
    "0d46122928b6f468cc4bbc694051d0dbae5702bc75a16dab82a99b58daf150a0",
    "5f9c5ed5d64dfe682d9bde13b9b4f032a3ebdbf165c06ec49c0705bcbe106e3b",
    "833caf3bdba53dcf48de273cf646370eebe9ac565744b0d0e941e298e1b79730",
    "d90bda7ed14df19574f4ca8b1ccde5752a78f40058af1393e81cc99adb3e8756",
]

ARTICLE = "".join(
    f"<p>Paragraph {n} of the report explains how the harbour authority plans to rebuild the old sea wall, "
    f"which storms damaged twice last winter, and what the works will cost the town.</p>"
    for n in range(1, 6)
)

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


def _trafilatura_raw_prune(tree, prune_comments=True):
    expressions = RAW_TREE_PRUNE_XPATH + (REMOVE_COMMENTS_AND_LISTS_XPATH if prune_comments else [])
    return list(dict.fromkeys(element for expression in expressions for element in expression(tree)))


def _benchmark_tree(page_id):
    with gzip.open(BENCHMARK / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as handle:
        return parse_html(handle.read())


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


PAGE_LENGTH_CASES = [
    f"<html><body><div id='main'>{ARTICLE}</div><footer><p>Footer text</p></footer></body></html>",
    "<html><body><div><p>One</p><p>Two</p></div>tail after div<aside>Aside</aside>tail after aside"
    "<div class='site-footer'>Footer div</div><div id='x' class='footer'>id first, class later</div>"
    "<div class='a' id='footer'>class first</div><span class='Cookie-Banner'>Cookies!</span>after cookie"
    "<ul><li>a</li><li>b</li></ul><br>x<hr>y<template><p>tpl</p></template>z</body></html>",
    "<html><body><h1>Title</h1><p>Text\u200bwith\x7fcontrol\u00adcharacters</p>  \n <div>  </div></body></html>",
    "<html><head><title>No body text</title></head><body></body></html>",
]


@pytest.mark.parametrize("html", PAGE_LENGTH_CASES)
def test_page_text_length_is_the_length_of_trafilaturas_html2txt(html):
    tree = parse_html(html)

    assert page_text_length(tree) == len(html2txt(tree))


def test_parse_html_builds_trafilaturas_tree_with_cheaper_element_classes():
    html = f"<!DOCTYPE html><html><head><title>t</title></head><body><form><input name='q'></form>{ARTICLE}</body></html>"

    ours, theirs = parse_html(html), load_html(html)

    assert tostring(ours) == tostring(theirs)
    assert ours.find(".//p").text_content().startswith("Paragraph 1")
    assert parse_html("") is None and parse_html("just some text") is None
    assert parse_html(html.encode("utf-8")) is not None


def test_drop_invisible_keeps_json_ld_and_the_text_after_removed_elements():
    tree = parse_html(
        "<html><head><script type='application/ld+json'>{\"@type\": \"NewsArticle\"}</script>"
        "<style>p {color: red}</style></head><body><p>Before<script>var x = 1;</script> after the script."
        "<svg><title>icon</title></svg> After the icon.</p></body></html>"
    )

    drop_invisible(tree)

    assert [element.get("type") for element in tree.iter("script")] == ["application/ld+json"]
    assert list(tree.iter("style", "svg")) == []
    assert tree.find(".//p").text_content() == "Before after the script. After the icon."


@pytest.mark.skipif(not BENCHMARK.exists(), reason="article-extraction benchmark not available")
@pytest.mark.parametrize("page_id", BENCHMARK_SAMPLE)
def test_main_text_body_matches_trafilatura_sequence_on_benchmark_pages(page_id):
    tree = _benchmark_tree(page_id)
    drop_invisible(tree)
    assert raw_tree_prune(tree) == _trafilatura_raw_prune(tree)
    assert page_text_length(tree) == len(html2txt(tree))

    expected, _, _, _ = trafilatura_sequence(deepcopy(tree), MAIN_TEXT_OPTIONS)
    ours = main_text_body(deepcopy(tree))

    assert xmltotxt(ours, include_formatting=False) == xmltotxt(expected, include_formatting=False)


@pytest.mark.parametrize(
    "html",
    [
        # Too short for the main extractor: the baseline rescue runs.
        "<html><body><div><span>Only a short note here.</span></div></body></html>",
        # A forum thread: comment containers are content there and are not pruned.
        "<html><head><script type='application/ld+json'>{\"@type\": \"DiscussionForumPosting\"}</script></head>"
        f"<body><div id='comments'>{ARTICLE}</div></body></html>",
    ],
)
def test_main_text_body_matches_trafilatura_sequence_on_edge_shapes(html):
    tree = parse_html(html)

    expected, _, _, _ = trafilatura_sequence(deepcopy(tree), MAIN_TEXT_OPTIONS)
    ours = main_text_body(deepcopy(tree))

    assert xmltotxt(ours, include_formatting=False) == xmltotxt(expected, include_formatting=False)
