"""Page metadata: the XPaths written for libxml2's speed select what their plain forms select; bylines cut to names."""

from __future__ import annotations

import pytest
from lxml.etree import XPath

from ingest.segment import html_metadata
from ingest.segment.html_metadata import clean_byline
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


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        ("By TOM KRISHER, AP Auto Writer", "Tom Krisher"),
        ("By MEG KINNARD and ERRIN HAINES, Associated Press", "Meg Kinnard and Errin Haines"),
        ("Bryan DeArdo @BryanDeArdo Nov 18, 2019 at 9:24 pm ET • 2 min read", "Bryan DeArdo"),
        ("Madeline Fry | November 18, 2019 12:01 PM Print this article", "Madeline Fry"),
        ("Analysis by Chris Cillizza, CNN Editor-at-large", "Chris Cillizza"),
        ("By Paul Takahashi, Staff writer", "Paul Takahashi"),
        ("Jo Bloggs 2019-11-18", "Jo Bloggs"),
        ("Sam Ortiz, Jr.", "Sam Ortiz, Jr."),
        ("Maria de la Cruz", "Maria de la Cruz"),
        ("Jean-Luc Picard", "Jean-Luc Picard"),
        ("PMJS", "PMJS"),
        ("Nov 18, 2019", None),
        ("", None),
    ],
)
def test_byline_is_cut_to_the_names(byline, names):
    assert clean_byline(byline) == names
