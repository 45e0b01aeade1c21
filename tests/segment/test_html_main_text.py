"""The lean trafilatura cascade and the parser extract what trafilatura itself does."""

from __future__ import annotations

from copy import deepcopy

import pytest
from lxml.etree import tostring
from trafilatura.baseline import html2txt
from trafilatura.core import trafilatura_sequence
from trafilatura.utils import load_html
from trafilatura.xml import xmltotxt

from ingest.segment.html import drop_invisible, parse_html
from ingest.segment.html_main_text import MAIN_TEXT_OPTIONS, main_text_body, page_text_length
from tests.segment.conftest import ARTICLE, BENCHMARK_SAMPLE, benchmark_tree, needs_benchmark

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


@pytest.mark.parametrize(
    "html",
    [
        # repair_faulty_html's character removal, anywhere in the page, the beginning included.
        "\x00<html><body><p>Nul\x01 and\x1f control\x0b characters, non-characters \ufffe\uffff.</p></body></html>",
        "<!DOCTYPE\x0b html>\n<html \x1f/>\n<body><p>Control characters in the repaired beginning.</p></body>",
        # The beginning's own repairs: an XHTML doctype (also without a line break after it), a self-closing html.
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "http://www.w3.org/TR/xhtml1/DTD/x.dtd">\n'
        "<html><body><p>XHTML</p></body></html>",
        '<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Strict//EN" "x/y"><html><body><p>One line</p></body></html>',
        '<!doctype html>\n<html lang="en" />\n<body><p>Self-closing html</p></body>',
        # Pages lxml will not take as a string, and one that has no UTF-8 form.
        '<?xml version="1.0" encoding="utf-8"?><html><body><p>XML declaration</p></body></html>',
        "<html><body><p>A lone surrogate \ud800 here</p></body></html>",
        "\ufeff<html><head><meta charset='iso-8859-1'></head><body><p>BOM, caf\u00e9 \u2014 \U0001f600</p></body></html>",
    ],
)
def test_parse_html_repairs_and_parses_like_trafilatura(html):
    assert tostring(parse_html(html)) == tostring(load_html(html))


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


@needs_benchmark
@pytest.mark.parametrize("page_id", BENCHMARK_SAMPLE)
def test_main_text_body_matches_trafilatura_sequence_on_benchmark_pages(page_id):
    tree = benchmark_tree(page_id)
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


@pytest.mark.parametrize("html", PAGE_LENGTH_CASES)
def test_page_text_bound_is_never_below_the_exact_page_length(html):
    from ingest.segment.html_main_text import _page_text_bound

    tree = parse_html(html)
    body = tree.find(".//body")

    assert _page_text_bound(body if body is not None else tree) >= page_text_length(tree)


@needs_benchmark
@pytest.mark.parametrize("page_id", BENCHMARK_SAMPLE)
def test_page_text_bound_holds_on_benchmark_pages(page_id):
    from ingest.segment.html_main_text import _page_text_bound

    tree = benchmark_tree(page_id)

    assert _page_text_bound(tree.find(".//body")) >= page_text_length(tree)


@pytest.mark.parametrize("focus", ["balanced", "recall"])
@pytest.mark.parametrize("html", PAGE_LENGTH_CASES + [
    "<html><body><div><p>In a <a href='/x'>paragraph</a></p><a href='/y'>loose link</a>"
    "<table><tr><td><a href='/z'>cell link</a></td></tr></table><li><a href='/w'>item</a></li></div></body></html>",
    # trafilatura's walk for a tag stops after an element holding one of its own tag: the last aside stays.
    "<html><body><aside>a<aside>b</aside></aside><p>Text after.</p><aside>c</aside>tail<nav>n</nav></body></html>",
    # A form wrapping the page (kept as a div), a search form without text once its inputs are gone, a nested one.
    "<html><body><form><input name='q'><button>Go</button></form>between<form id='aspnetForm'><div><p>"
    "The whole article sits in this form, as on ASP.NET pages.</p><form><label>Name</label>inner</form>"
    "</div></form><form>Small</form></body></html>",
    # Only an empty form: nothing measured, the form goes and its tail stays.
    "<html><body><p>Text</p><form><input></form>tail</body></html>",
    # MathML turned into its TeX source; a figure holding a table and a layout table become divs.
    "<html><body><p>Formula <math alttext='x^2'><mi>x</mi></math> here.</p><figure><table><tr><td>1</td></tr>"
    "</table></figure><table role='presentation'><tr><td>layout</td></tr></table><figure>caption</figure></body></html>",
    # The head is left out of the copy: the text after it is kept as trafilatura keeps a deleted element's tail.
    "<html>\n <head><title>T</title><meta name='a' content='b'><noscript><link rel='x'></noscript></head>\n "
    "<body><p>Text</p></body></html>",
    "<html><head><title>T</title></head><body><p>Text</p><aside><aside>a</aside></aside><aside>b</aside></body></html>",
])
def test_cleaned_tree_is_trafilaturas_cleaning_and_tag_conversion(html, focus):
    from copy import copy

    from trafilatura.htmlprocessing import convert_tags, tree_cleaning

    from ingest.segment.html_main_text import _cleaned

    options = copy(MAIN_TEXT_OPTIONS)
    options.focus = focus
    tree = parse_html(html)
    expected = convert_tags(tree_cleaning(deepcopy(tree), options), options, None)
    before = tostring(tree)

    assert tostring(_cleaned(tree, options, None)) == tostring(expected)
    assert tostring(tree) == before


@needs_benchmark
@pytest.mark.parametrize("focus", ["balanced", "recall"])
@pytest.mark.parametrize("page_id", BENCHMARK_SAMPLE)
def test_tree_cleaning_is_trafilaturas_on_benchmark_pages(page_id, focus):
    from copy import copy

    from trafilatura.htmlprocessing import tree_cleaning as trafilatura_tree_cleaning

    from ingest.segment.html_main_text import tree_cleaning

    options = copy(MAIN_TEXT_OPTIONS)
    options.focus = focus
    tree = benchmark_tree(page_id)

    assert tostring(tree_cleaning(deepcopy(tree), options)) == tostring(trafilatura_tree_cleaning(deepcopy(tree), options))


@needs_benchmark
@pytest.mark.parametrize("page_id", BENCHMARK_SAMPLE)
def test_cleaned_tree_is_trafilaturas_on_benchmark_pages(page_id):
    from trafilatura.htmlprocessing import convert_tags
    from trafilatura.htmlprocessing import tree_cleaning as trafilatura_tree_cleaning

    from ingest.segment.html_main_text import _cleaned

    tree = benchmark_tree(page_id)
    expected = convert_tags(trafilatura_tree_cleaning(deepcopy(tree), MAIN_TEXT_OPTIONS), MAIN_TEXT_OPTIONS, None)

    assert tostring(_cleaned(tree, MAIN_TEXT_OPTIONS, None)) == tostring(expected)
