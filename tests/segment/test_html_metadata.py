"""The metadata XPaths, written for libxml2's speed, select what their plain forms select."""

from __future__ import annotations

import pytest
from lxml.etree import XPath

from ingest.segment import html_metadata
from tests.segment.conftest import BENCHMARK_SAMPLE, benchmark_tree, needs_benchmark

PLAIN_FORMS = {
    "_META": "//head//meta[@content] | //body//meta[@content][@itemprop]",
    "_LD_JSON": "//script[@type='application/ld+json']/text()",
    "_TIME": "//body//time[@datetime]/@datetime",
    "_AUTHOR_LINKS": "//body//*[@rel='author' or @itemprop='author'] | //body//*[contains(@class,'byline')]//a",
}


@needs_benchmark
@pytest.mark.parametrize("page_id", BENCHMARK_SAMPLE)
def test_metadata_xpaths_select_what_their_plain_forms_select(page_id):
    tree = benchmark_tree(page_id)

    for name, plain in PLAIN_FORMS.items():
        assert getattr(html_metadata, name)(tree) == XPath(plain)(tree), name
