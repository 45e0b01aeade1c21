"""The main extractor, for our options, extracts and prunes what trafilatura's own does."""

from __future__ import annotations

from copy import copy, deepcopy

import pytest
from lxml.etree import Element, tostring
from trafilatura.htmlprocessing import convert_tags, delete_by_link_density, tree_cleaning
from trafilatura.main_extractor import extract_content as trafilatura_extract_content
from trafilatura.main_extractor import recover_wild_text
from trafilatura.xml import xmltotxt

from ingest.segment.html import parse_html
from ingest.segment.html_main_extractor import _POTENTIAL_TAGS, _delete_link_lists, _recover_wild_text, extract_content
from ingest.segment.html_main_text import MAIN_TEXT_OPTIONS
from tests.segment.conftest import ARTICLE, BENCHMARK_SAMPLE, benchmark_tree, needs_benchmark

RECALL_OPTIONS = copy(MAIN_TEXT_OPTIONS)
RECALL_OPTIONS.focus = "recall"

LINKS = "".join(f"<li><a href='/story/{n}'>Story number {n}</a></li>" for n in range(8))
EDGE_SHAPES = [
    # Too little paragraph text in the frame: divs count as text, the wild text recovery runs.
    "<html><body><article><div>Only a short note here.</div><div>And a second one.</div></article></body></html>",
    # Boilerplate holding nearly all the frame's text stays, and the frame's lead text leads.
    f"<html><body><div class='entry-content'>Lead text.<div class='sidebar'>{ARTICLE}</div><p>Closing words.</p>"
    "</div></body></html>",
    # Share buttons, link lists, captions, teasers and a link table go.
    f"<html><body><div class='post-content'><div class='share-buttons'><a href='/s'>Share</a></div>{ARTICLE}"
    f"<div><p><a href='/a'>A link</a> <a href='/b'>Another</a></p><ul>{LINKS}</ul></div>"
    "<div class='wp-caption'>A caption</div><div class='teaser'>A teaser</div>"
    "<table><tr><td><a href='/t'>" + "Table link text " * 20 + "</a></td></tr></table></div></body></html>",
]


def _cleaned(tree, options):
    return convert_tags(tree_cleaning(copy(tree), options), options)


def _assert_same_extraction(cleaned, options):
    ours_body, ours_text = extract_content(deepcopy(cleaned), options)
    theirs_body, theirs_text = trafilatura_extract_content(deepcopy(cleaned), options)

    assert ours_text == theirs_text
    assert xmltotxt(ours_body, include_formatting=False) == xmltotxt(theirs_body, include_formatting=False)


@pytest.mark.parametrize("options", [MAIN_TEXT_OPTIONS, RECALL_OPTIONS], ids=["balanced", "recall"])
@pytest.mark.parametrize("html", EDGE_SHAPES)
def test_extract_content_matches_trafilatura_on_edge_shapes(html, options):
    _assert_same_extraction(_cleaned(parse_html(html), options), options)


@needs_benchmark
@pytest.mark.parametrize("options", [MAIN_TEXT_OPTIONS, RECALL_OPTIONS], ids=["balanced", "recall"])
@pytest.mark.parametrize("page_id", BENCHMARK_SAMPLE)
def test_extract_content_matches_trafilatura_on_benchmark_pages(page_id, options):
    _assert_same_extraction(_cleaned(benchmark_tree(page_id), options), options)


@needs_benchmark
@pytest.mark.parametrize("page_id", BENCHMARK_SAMPLE)
def test_link_density_passes_delete_what_trafilaturas_delete(page_id):
    # The whole page, not just its article frame: many more link lists, nested in each other.
    ours = _cleaned(benchmark_tree(page_id), MAIN_TEXT_OPTIONS)
    theirs = deepcopy(ours)

    _delete_link_lists(ours)
    for _ in range(2):
        for tag in ("div", "list", "p"):
            delete_by_link_density(theirs, tag, backtracking=tag == "div")

    assert tostring(ours) == tostring(theirs)


@needs_benchmark
@pytest.mark.parametrize("options", [MAIN_TEXT_OPTIONS, RECALL_OPTIONS], ids=["balanced", "recall"])
@pytest.mark.parametrize("page_id", BENCHMARK_SAMPLE)
def test_wild_text_recovery_recovers_what_trafilaturas_does(page_id, options):
    # Over the whole page, with its first paragraph already in the body (so not recovered twice).
    cleaned = _cleaned(benchmark_tree(page_id), options)
    body = Element("body")
    body.append(deepcopy(cleaned.find(".//p")))

    ours = _recover_wild_text(deepcopy(cleaned), deepcopy(body), options, set(_POTENTIAL_TAGS), set())
    theirs = recover_wild_text(deepcopy(cleaned), deepcopy(body), options, set(_POTENTIAL_TAGS), set())

    assert tostring(ours) == tostring(theirs)
