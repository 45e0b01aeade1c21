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


def _title_of(head: str, body: str) -> str | None:
    from ingest.segment.html import parse_html

    tree = parse_html(f"<html><head>{head}</head><body>{body}<p>Text of the article.</p></body></html>")
    return html_metadata.read_metadata(tree, []).title


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        # The visible headline wins when a declared title repeats it (twitter:title here), whatever og:title says.
        ('<meta property="og:title" content="Twitter Lite se estrena en México y otros nueve países">'
         '<meta name="twitter:title" content="Twitter Lite se estrena en 11 países de América Latina">',
         "<h1>Twitter Lite se estrena en 11 países de América Latina</h1>",
         "Twitter Lite se estrena en 11 países de América Latina"),
        # ... or when <title> is the headline plus a site name, a date or a section.
        ("<title>Tite diz que errou ao levar taça a Lula - 21/12/2018 - Esporte - Folha</title>",
         "<h1></h1><h1>Tite diz que errou ao levar taça a Lula</h1>", "Tite diz que errou ao levar taça a Lula"),
        # An h1 that is the shorter part of <title> is the site's logo, not the headline.
        ('<title>September 2018 open thread | The GiveWell Blog</title>'
         '<meta property="og:title" content="September 2018 open thread">',
         "<h1>The GiveWell Blog</h1>", "September 2018 open thread"),
        # Nothing agrees: the declared title, without its site name.
        ('<meta property="og:title" content="Harbour bridge to be rebuilt | Valley Courier">'
         '<meta property="og:site_name" content="Valley Courier">',
         "<h1>Valley news</h1>", "Harbour bridge to be rebuilt"),
    ],
)
def test_title_is_chosen_by_agreement_between_the_h1_and_the_declared_titles(head, body, title):
    assert _title_of(head, body) == title


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        # A blog's h1 is its name; the post's headline is an h3 that <title> repeats after "Blog name: ".
        ("<title>Cool Cat Teacher Blog: Teach This! Lesson plans and ideas that rock</title>",
         '<h1>Cool Cat Teacher Blog</h1><h3 class="post-title">Teach This! Lesson plans and ideas that rock</h3>',
         "Teach This! Lesson plans and ideas that rock"),
        # A source in brackets after the headline, then the portal's name.
        ('<meta property="og:title" content="トレンドマイクロ、公衆無線LANを安全に使うためのアプリ「フリーWi-Fiプロテクション」（CNET Japan） - Yahoo!ニュース">',
         "<h1>トレンドマイクロ、公衆無線LANを安全に使うためのアプリ「フリーWi-Fiプロテクション」</h1>",
         "トレンドマイクロ、公衆無線LANを安全に使うためのアプリ「フリーWi-Fiプロテクション」"),
    ],
)
def test_title_agreement_reaches_blog_post_headings_and_bracketed_sources(head, body, title):
    assert _title_of(head, body) == title


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        # The h1 is the site's logo in another script; the headline is a plain element that <title> repeats.
        ("<title>엘제이-류화영 진흙탕 싸움, 공적인 사안으로 봐야하는 이유 - Entermedia</title>",
         "<h1>엔터 미디어</h1><dl><dt>엘제이-류화영 진흙탕 싸움, 공적인 사안으로 봐야하는 이유</dt></dl>",
         "엘제이-류화영 진흙탕 싸움, 공적인 사안으로 봐야하는 이유"),
        # A short h1 that is part of <title> is the headline, though the site's name is the longer part.
        ("<title>Noodlecakes  |  Cook Republic</title>", "<a href='/'>Cook Republic</a><h1>Noodlecakes</h1>",
         "Noodlecakes"),
        # A short h1 stays the title when the page does not show the <title>'s headline.
        ("<title>Harbour bridge to be rebuilt - Courier</title>", "<h1>Courier</h1>", "Courier"),
    ],
)
def test_a_short_logo_h1_gives_way_to_the_title_tags_headline_shown_on_the_page(head, body, title):
    assert _title_of(head, body) == title


@pytest.mark.parametrize(
    ("head", "body", "title"),
    [
        # The site name and a tagline after the headline outrun it: the heading that is the first part and links to
        # the post is the headline, not the longest part (the tagline).
        ("<title>Riding the wave of diversity | Lab – We are consultants with a passion for profit and innovation."
         "</title>",
         "<h3><a href='/'>Lab</a></h3><h3><a href='/blogs/2012/11/riding_wave'>Riding the wave of diversity</a></h3>",
         "Riding the wave of diversity"),
        # A heading that only links to the site's root is a logo: the longest part stays the headline.
        ("<title>Riding the wave of diversity | Lab – We are consultants with a passion for profit and innovation."
         "</title>",
         "<h3><a href='/'>Riding the wave of diversity</a></h3>",
         "We are consultants with a passion for profit and innovation."),
    ],
)
def test_a_linked_heading_that_is_the_title_tags_first_part_is_the_headline(head, body, title):
    assert _title_of(head, body) == title
