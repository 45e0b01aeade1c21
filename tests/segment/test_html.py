"""HTML extractor: teaser widgets, comments, boilerplate and metadata on real-shaped pages, plus benchmark pages."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pytest

from ingest.segment.evaluate import shingle_matching
from ingest.segment.html import extract_parts
from tests.conftest import BENCHMARK_DIR
from tests.segment.conftest import BENCHMARK_SAMPLE

BENCHMARK = BENCHMARK_DIR

ARTICLE_PARAGRAPHS = [
    "The river authority said on Tuesday that water levels along the lower valley had risen faster than at any time "
    "since records began, forcing the closure of two bridges and the evacuation of several farms near the delta.",
    "Engineers have been working through the night to reinforce the levees, which were last upgraded more than thirty "
    "years ago, and officials warned residents that further rain was expected over the coming weekend.",
    "Local businesses reported that deliveries had been delayed by up to three days, and the regional council has "
    "opened an emergency fund for households whose homes were damaged by the flooding this month.",
]


def _article_html(extra_after_article: str = "", head: str = "", before_article: str = "") -> str:
    paragraphs = "".join(f"<p>{text}</p>" for text in ARTICLE_PARAGRAPHS)
    return f"""<!DOCTYPE html><html><head><title>River floods close bridges | Valley Courier</title>{head}</head>
<body>
<a class="skip-link" href="#content">Skip to content</a>
<header><nav><ul><li><a href="/">Home</a></li><li><a href="/news">News</a></li><li><a href="/sport">Sport</a></li>
<li><a href="/about">About</a></li></ul></nav></header>
<div id="content">{before_article}
<article><h1>River floods close bridges</h1>{paragraphs}</article>
{extra_after_article}
</div>
<footer><ul><li><a href="/privacy">Privacy</a></li><li><a href="/terms">Terms</a></li><li><a href="/contact">Contact</a></li></ul>
<p>Copyright 2024 Valley Courier</p></footer>
</body></html>"""


BLOGGER_POPULAR_POSTS = """
<div class="widget PopularPosts" id="PopularPosts1"><h2>Popular Posts</h2>
<div class="widget-content popular-posts"><ul>
<li><div class="item-content"><div class="item-title"><a href="https://blog.example.com/2024/01/garden-frost.html">How to protect a winter garden from frost</a></div>
<div class="item-snippet">Cover tender plants with fleece before the first frost and water them in the morning so the soil keeps its heat...</div></div></li>
<li><div class="item-content"><div class="item-title"><a href="https://blog.example.com/2024/02/seed-swap.html">Our village seed swap returns in March</a></div>
<div class="item-snippet">Bring your spare seeds and take home something new for the vegetable patch this spring...</div></div></li>
<li><div class="item-content"><div class="item-title"><a href="/2024/03/compost.html">Five mistakes people make with compost heaps</a></div>
<div class="item-snippet">Too much grass, too little air: the usual reasons a compost heap turns slimy and smells...</div></div></li>
</ul></div></div>"""

JETPACK_RELATED = """
<div id="jp-relatedposts" class="jp-relatedposts"><h3 class="jp-relatedposts-headline"><em>Related</em></h3>
<div class="jp-relatedposts-items jp-relatedposts-items-visual">
<div class="jp-relatedposts-post jp-relatedposts-post0"><h4 class="jp-relatedposts-post-title"><a href="https://news.example.org/storm-warning/">Storm warning issued for the coast</a></h4>
<p class="jp-relatedposts-post-excerpt">Forecasters expect gusts of up to 90 km/h along exposed headlands on Friday.</p></div>
<div class="jp-relatedposts-post jp-relatedposts-post1"><h4 class="jp-relatedposts-post-title"><a href="https://news.example.org/dam-report/">Report questions the age of the valley dams</a></h4>
<p class="jp-relatedposts-post-excerpt">An independent review found that maintenance budgets had been cut three years running.</p></div>
<div class="jp-relatedposts-post jp-relatedposts-post2"><h4 class="jp-relatedposts-post-title"><a href="https://news.example.org/farm-aid/">Farmers ask for help after a wet spring</a></h4>
<p class="jp-relatedposts-post-excerpt">Growers say fields remain waterlogged weeks after the last storm passed.</p></div>
</div></div>"""

GENERIC_CARDS = """
<section class="more-stories"><h2>You may also like</h2>
<div class="card-grid">
<div class="card"><a href="/travel/alps-by-train"><span class="card-title">Crossing the Alps by night train in winter</span></a><p>A sleeper journey through the mountains.</p></div>
<div class="card"><a href="/food/bakery-revival"><span class="card-title">The small bakery that revived an old town square</span></a><p>How one oven changed a neighbourhood.</p></div>
<div class="card"><a href="/science/bees-in-cities"><span class="card-title">Why city rooftops are good news for wild bees</span></a><p>Researchers counted hives on 40 roofs.</p></div>
<div class="card"><a href="/culture/lost-film"><span class="card-title">A lost silent film turns up in a family attic</span></a><p>Archivists restored it frame by frame.</p></div>
</div></section>"""

COMMENTS = """
<div id="comments" class="comments-area"><h3 class="comments-title">2 thoughts on this story</h3>
<ol class="comment-list">
<li class="comment"><div class="comment-author">Maria</div><div class="comment-content"><p>We had to leave our house on Monday night, the water came up so quickly.</p></div></li>
<li class="comment"><div class="comment-author">Tom</div><div class="comment-content"><p>The levees should have been fixed years ago, everyone knew it.</p></div></li>
</ol></div>"""


def _body(parts) -> str:
    return "\n\n".join(parts.paragraphs)


def test_blogger_popular_posts_become_teasers_with_titles_snippets_and_absolute_links():
    parts = extract_parts(_article_html(BLOGGER_POPULAR_POSTS), url="https://blog.example.com/2024/04/floods.html")

    assert [card.title for card in parts.teasers] == [
        "How to protect a winter garden from frost",
        "Our village seed swap returns in March",
        "Five mistakes people make with compost heaps",
    ]
    assert parts.teasers[0].raw_snippet.startswith("Cover tender plants with fleece")
    assert {card.widget for card in parts.teasers} == {"Popular Posts"}
    assert parts.teasers[2].link_url == "https://blog.example.com/2024/03/compost.html"
    assert ("widget_heading", "Popular Posts") in [(segment.kind, segment.text) for segment in parts.segments]
    body = _body(parts)
    assert "seed swap" not in body and "Popular Posts" not in body
    assert ARTICLE_PARAGRAPHS[0] in body


def test_jetpack_related_posts_become_teasers():
    parts = extract_parts(_article_html(JETPACK_RELATED))

    assert [card.title for card in parts.teasers] == [
        "Storm warning issued for the coast",
        "Report questions the age of the valley dams",
        "Farmers ask for help after a wet spring",
    ]
    assert parts.teasers[1].raw_snippet == "An independent review found that maintenance budgets had been cut three years running."
    assert parts.teasers[0].link_url == "https://news.example.org/storm-warning/"
    assert parts.teasers[0].widget == "Related"
    assert "Storm warning" not in _body(parts)


def test_generic_card_list_under_a_teaser_heading_becomes_teasers():
    parts = extract_parts(_article_html(GENERIC_CARDS), url="https://magazine.example.net/news/floods")

    assert len(parts.teasers) == 4
    assert parts.teasers[0].title == "Crossing the Alps by night train in winter"
    assert parts.teasers[0].raw_snippet == "A sleeper journey through the mountains."
    assert parts.teasers[3].link_url == "https://magazine.example.net/culture/lost-film"
    assert {card.widget for card in parts.teasers} == {"You may also like"}
    body = _body(parts)
    assert "night train" not in body and "You may also like" not in body


def test_snippet_that_echoes_its_title_is_kept_whole_for_the_clean_up():
    echoing = GENERIC_CARDS.replace(
        "<p>A sleeper journey through the mountains.</p>",
        "<p>Crossing the Alps by night train in winter A sleeper journey through the mountains.</p>",
    )
    parts = extract_parts(_article_html(echoing), url="https://magazine.example.net/news/floods")

    assert parts.teasers[0].raw_snippet == "Crossing the Alps by night train in winter A sleeper journey through the mountains."
    assert [card.raw_snippet for card in parts.teasers[1:]] == [
        "How one oven changed a neighbourhood.",
        "Researchers counted hives on 40 roofs.",
        "Archivists restored it frame by frame.",
    ]


LINKED_CARDS = """
<section class="recirculation"><h2>More from the newsroom</h2><ul class="recirc-list">
<li class="recirc-item"><a href="/video/hearing-day-3"><span class="thumb"><img alt="still.jpg"/></span>
<h4 class="item__component-headline">Video</h4><h4 class="item__hed">Day 3 of the hearing: closing remarks</h4><p class="item__dek">Both chairs summed up a long day of testimony.</p>
<span class="item__date">8H ago</span></a></li>
<li class="recirc-item"><a href="/news/port-strike"><span class="story-title">Dock workers vote to end the port strike</span>
<span class="screen-reader-text">Dock workers vote to end the port strike</span></a></li>
<li class="recirc-item"><a href="/news/rail-fares"><span><span>Rail fares to rise by four percent in January</span>
<span class="entry-blurb">Commuters on the busiest lines will pay the most.</span></span></a></li>
</ul></section>"""

RECENT_COMMENTS = """
<aside class="sidebar-widget"><h2>Recent Comments</h2><ul class="recent-comments">
<li><a href="/2024/01/levees/#comment-1"><span class="author">Ben commented on </span>Why the levees failed this winter</a></li>
<li><a href="/2024/01/bridges/#comment-2"><span class="author">Ana commented on </span>Which bridges reopen first after the floods</a></li>
<li><a href="/2024/01/farms/#comment-3"><span class="author">Joe commented on </span>The farms that lost a whole season of crops</a></li>
</ul></aside>"""


def test_card_that_is_one_link_gives_its_headline_not_the_dek_date_or_screen_reader_copy():
    parts = extract_parts(_article_html(LINKED_CARDS), url="https://news.example.com/a/floods")

    assert [(card.title, card.raw_snippet) for card in parts.teasers] == [
        ("Day 3 of the hearing: closing remarks", "Both chairs summed up a long day of testimony."),
        ("Dock workers vote to end the port strike", None),
        ("Rail fares to rise by four percent in January", "Commuters on the busiest lines will pay the most."),
    ]
    assert parts.teasers[1].link_url == "https://news.example.com/news/port-strike"


def test_recent_comments_list_is_not_a_teaser_widget():
    parts = extract_parts(_article_html(RECENT_COMMENTS))

    assert parts.teasers == []


def test_nav_and_footer_link_lists_are_boilerplate_not_teasers():
    parts = extract_parts(_article_html())

    assert parts.teasers == []
    boilerplate = [segment.text for segment in parts.segments if segment.kind == "boilerplate"]
    assert "Skip to content" in boilerplate
    assert any("Home" in text and "Sport" in text for text in boilerplate)
    body = _body(parts)
    assert "Privacy" not in body and "Skip to content" not in body and "Sport" not in body
    assert [paragraph for paragraph in parts.paragraphs if paragraph in ARTICLE_PARAGRAPHS] == ARTICLE_PARAGRAPHS


def test_comments_are_segments_and_stay_out_of_the_body():
    parts = extract_parts(_article_html(COMMENTS))

    comments = [segment.text for segment in parts.segments if segment.kind == "comment"]
    assert comments == [
        "We had to leave our house on Monday night, the water came up so quickly.",
        "The levees should have been fixed years ago, everyone knew it.",
    ]
    body = _body(parts)
    assert "levees should have been fixed" not in body and "thoughts on this story" not in body


def test_metadata_from_meta_tags_and_title_without_site_suffix():
    head = """<meta property="og:title" content="River floods close bridges">
<meta property="og:site_name" content="Valley Courier">
<meta property="og:description" content="Summary used for sharing, not shown on the page.">
<meta name="author" content="Jane Rivers">
<meta property="article:published_time" content="2024-03-05T08:30:00Z">
<link rel="canonical" href="/news/2024/river-floods">"""
    parts = extract_parts(_article_html(head=head), url="https://courier.example.com/amp/river-floods")

    assert parts.title == "River floods close bridges"
    assert parts.author == "Jane Rivers"
    assert parts.published_at == "2024-03-05T08:30:00+00:00"
    assert parts.canonical_url == "https://courier.example.com/news/2024/river-floods"
    assert parts.dek is None


def test_metadata_from_json_ld_time_element_and_title_tag():
    head = """<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
{"@type": "WebSite", "name": "Valley Courier"},
{"@type": "NewsArticle", "headline": "River floods close bridges", "author": [{"@type": "Person", "name": "Sam Ortiz"}],
 "datePublished": "2024-03-05"}]}</script>"""
    parts = extract_parts(_article_html(head=head))

    assert parts.title == "River floods close bridges"
    assert parts.author == "Sam Ortiz"
    assert parts.published_at == "2024-03-05"

    plain = extract_parts(_article_html().replace("<h1>River floods close bridges</h1>", "<time datetime='2024-03-06'>6 March</time>"))
    assert plain.title == "River floods close bridges"
    assert plain.published_at == "2024-03-06"


def test_marked_up_subtitle_is_the_dek_and_not_in_the_body():
    dek = "Two bridges shut and farms evacuated as the lower valley sees record water levels."
    html = _article_html().replace("</h1>", f'</h1><p class="standfirst">{dek}</p>')
    parts = extract_parts(html)

    assert parts.dek == dek
    assert dek not in parts.paragraphs


def test_subheading_bar_of_the_site_header_is_not_the_dek():
    banner = '<header><div id="subHead" class="subHead"><a href="/subscribe">Subscribe</a> <a href="/help">Subscriber Services</a></div></header>'
    html = _article_html().replace("<body>", f"<body>{banner}")
    assert extract_parts(html).dek is None

    dek = "Two bridges shut and farms evacuated as the lower valley sees record water levels."
    in_article_header = html.replace("<h1>River floods close bridges</h1>", f'<header><h1>River floods close bridges</h1><p class="dek">{dek}</p></header>')
    assert extract_parts(in_article_header).dek == dek


def test_not_html_gives_empty_parts():
    parts = extract_parts("")

    assert parts.paragraphs == [] and parts.teasers == [] and parts.title is None


@pytest.mark.skipif(not BENCHMARK.exists(), reason="article-extraction benchmark not available")
@pytest.mark.parametrize("page_id", BENCHMARK_SAMPLE)
def test_benchmark_page_body_matches_ground_truth(page_id):
    truth = json.loads((BENCHMARK / "ground-truth.json").read_text(encoding="utf-8"))[page_id]["articleBody"]
    with gzip.open(BENCHMARK / "html" / f"{page_id}.html.gz", "rt", encoding="utf-8") as handle:
        parts = extract_parts(handle.read())

    tp, fp, fn = shingle_matching(truth, "\n\n".join(parts.paragraphs))
    assert 2 * tp / (2 * tp + fp + fn) >= 0.75
    assert parts.title


def _listing_page(card_links: list[str], summary: str) -> str:
    cards = "".join(
        f'<article class="post-card"><h2 class="entry-title"><a href="{link}">Story {n}: the harbour council '
        f'votes on the budget for the works</a></h2><div class="entry-summary"><p>{summary} Item {n} of the plan.</p>'
        f'</div><a class="more-link" href="{link}">Continue reading</a></article>'
        for n, link in enumerate(card_links, start=1)
    )
    return (f'<html><head><title>News | Harbour Gazette</title></head><body><header><nav><a href="/">Home</a>'
            f'<a href="/news">News</a></nav></header><main id="content"><h1>Category: News</h1>{cards}</main>'
            f'<footer>Harbour Gazette</footer></body></html>')


def test_listing_page_has_no_article_and_its_story_cards_are_teasers():
    summary = "The council met on Tuesday to discuss the budget for the harbour works, and residents asked questions."
    html = _listing_page([f"/2024/05/story-{n}" for n in range(1, 7)], summary)

    parts = extract_parts(html, url="https://gazette.example/category/news")

    assert parts.paragraphs == []
    assert len(parts.teasers) == 6
    assert parts.teasers[0].title == "Story 1: the harbour council votes on the budget for the works"
    assert parts.teasers[0].raw_snippet == f"{summary} Item 1 of the plan."
    assert parts.teasers[5].link_url == "https://gazette.example/2024/05/story-6"


def test_cards_linking_other_sites_or_a_declared_article_stay_an_article():
    summary = ARTICLE_PARAGRAPHS[0]
    external = _listing_page([f"https://elsewhere{n}.example/review" for n in range(1, 7)], summary)
    declared = _listing_page([f"/2024/05/story-{n}" for n in range(1, 7)], summary).replace(
        "<head>", '<head><meta property="og:type" content="article">')

    for html in (external, declared):
        parts = extract_parts(html, url="https://gazette.example/2024/05/best-of")

        assert parts.teasers == []
        assert any(ARTICLE_PARAGRAPHS[0] in paragraph for paragraph in parts.paragraphs)


# A theme's "related" block in German with no known plugin markup and no English heading words.
GERMAN_THEME_BLOCK = """
<div class="beitrag-unten"><div class="kasten-kopf">Verwandte Beiträge</div>
<ul class="liste">
<li class="eintrag"><a href="/2023/11/hochwasser-am-rhein/"><img src="a.jpg" alt=""></a>
<a href="/2023/11/hochwasser-am-rhein/">Hochwasser am Rhein: Pegel steigt weiter an</a><span class="datum">12. November 2023</span></li>
<li class="eintrag"><a href="/2023/10/neue-bruecke/"><img src="b.jpg" alt=""></a>
<a href="/2023/10/neue-bruecke/">Neue Brücke über die Mosel wird im Frühjahr eröffnet</a><span class="datum">3. Oktober 2023</span></li>
<li class="eintrag"><a href="/2023/09/deichbau/"><img src="c.jpg" alt=""></a>
<a href="/2023/09/deichbau/">Deichbau im Norden kostet mehr als geplant</a><span class="datum">21. September 2023</span></li>
</ul></div>"""

SIDEBAR_LINK_LISTS = """
<aside class="sidebar"><div class="box"><span>Kategorien</span><ul>
<li><a href="/kategorie/politik/">Politik</a></li><li><a href="/kategorie/sport/">Sport</a></li>
<li><a href="/kategorie/kultur/">Kultur</a></li><li><a href="/kategorie/wetter/">Wetter</a></li></ul></div>
<div class="box"><span>Blogroll</span><ul>
<li><a href="https://other-blog.example/post/one">A friend writes about river boats and old maps</a></li>
<li><a href="https://third.example/2023/rain">Notes on a very rainy autumn in the valley</a></li>
<li><a href="https://fourth.example/hikes">The best hikes along the lower Rhine valley</a></li></ul></div></aside>"""

PROSE_WITH_LINKS = """
<div class="further"><p>Background: the <a href="/2023/01/levee-report/">levee report of last January</a> found
weaknesses, the <a href="/2023/02/council-vote/">council vote in February on new funding</a> failed, and the
<a href="/2023/03/engineers-warning/">engineers' warning published in March this year</a> was ignored by
everybody who could have acted on it in time, as residents keep pointing out at every public meeting.</p></div>"""


def test_repeated_story_cards_are_teasers_by_their_shape_in_any_language():
    parts = extract_parts(_article_html(GERMAN_THEME_BLOCK), url="https://blog.example.de/2023/12/flut/")

    assert [card.title for card in parts.teasers] == [
        "Hochwasser am Rhein: Pegel steigt weiter an",
        "Neue Brücke über die Mosel wird im Frühjahr eröffnet",
        "Deichbau im Norden kostet mehr als geplant",
    ]
    assert {card.widget for card in parts.teasers} == {"Verwandte Beiträge"}
    assert parts.teasers[1].link_url == "https://blog.example.de/2023/10/neue-bruecke/"
    body = _body(parts)
    assert "Deichbau" not in body and ARTICLE_PARAGRAPHS[2] in body


def test_menus_links_to_other_sites_and_links_in_prose_are_not_teasers():
    parts = extract_parts(_article_html(SIDEBAR_LINK_LISTS + PROSE_WITH_LINKS), url="https://blog.example.de/2023/12/flut/")

    assert parts.teasers == []
    assert [segment for segment in parts.segments if segment.kind == "widget_heading"] == []


# A recent-posts block whose cards put a date and a "Read More" link (to the same story) after each excerpt.
CARDS_WITH_FURNITURE = """
<div class="recent-block"><h3 class="block-title">Recent Posts</h3>
<article class="post-card"><h4><a href="/2021/04/harbour-bridge/">The harbour bridge will be rebuilt next year</a></h4>
<div class="post-excerpt"><p>The council voted on Tuesday to rebuild the old harbour bridge. <a class="more-link" href="/2021/04/harbour-bridge/">Read More</a></p></div>
<p class="post-date">Posted on April 8, 2021</p></article>
<article class="post-card"><h4><a href="/2021/04/ferry-timetable/">A new ferry timetable starts in May for all piers</a></h4>
<div class="post-excerpt"><p>Boats will run every twenty minutes between the two piers, and the first crossi<span class="meta-date">Posted on April 2, 2021</span></p></div>
<p class="post-date">April 2, 2021</p></article>
<article class="post-card"><h4><a href="/2021/03/market-square/">Market square reopens after the long repairs</a></h4>
<div class="post-excerpt"><p>Stalls returned to the square on Saturday morning after eight months of works.</p></div>
<p class="post-date">March 27, 2021</p></article>
</div>"""


def test_dates_and_read_more_links_in_a_card_are_furniture_not_the_snippet_ending():
    from ingest.segment import segment_batch

    html = _article_html(CARDS_WITH_FURNITURE)
    [row] = segment_batch([{"page_id": "p", "content_format": "html", "body": html, "url": "https://town.example/x"}])

    snippets = [(teaser["raw_snippet"], teaser["is_truncated"]) for teaser in row["teasers"]]
    assert snippets == [
        ("The council voted on Tuesday to rebuild the old harbour bridge.", False),
        ("Boats will run every twenty minutes between the two piers, and the first crossi", True),
        ("Stalls returned to the square on Saturday morning after eight months of works.", False),
    ]


# News cards whose excerpt is itself a (longer) link to the story, followed by a "Mehr…" link.
LINKED_EXCERPT_CARDS = "".join(
    f"""<div class="anriss"><h3><a href="/news/{slug}.html">{title}</a></h3><a href="/news/{slug}.html"><img alt=""></a>
<p><a href="/news/{slug}.html">{excerpt}</a><a href="/news/{slug}.html"><span>Mehr…</span></a></p></div>"""
    for slug, title, excerpt in [
        ("updates", "Apple stopft Sicherheitslücken in iOS",
         "Apple hat mit den Updates vom Mittwoch ein Bündel an Security-Fixes mitgeliefert, auch für ältere Versionen."),
        ("watch", "Bestellungen können offenbar dauern",
         "Im deutschen und im britischen Online Store sind kurzzeitig Liefertermine für die Uhr aufgetaucht."),
        ("ssd", "Größere SSD im MacBook Air",
         "Wenn das MacBook an seine Grenzen stößt, brauchen Sie nicht unbedingt ein neues: Ersatz gibt es ab 170 Euro"),
    ]
)


def test_headline_in_a_heading_wins_over_a_longer_linked_excerpt():
    from ingest.segment import segment_batch

    html = _article_html(f'<div class="newsteaser"><h4>News</h4>{LINKED_EXCERPT_CARDS}</div>')
    [row] = segment_batch([{"page_id": "p", "content_format": "html", "body": html, "url": "https://mag.example/a"}])

    assert [teaser["title"] for teaser in row["teasers"]] == [
        "Apple stopft Sicherheitslücken in iOS", "Bestellungen können offenbar dauern", "Größere SSD im MacBook Air"]
    assert row["teasers"][0]["raw_snippet"].startswith("Apple hat mit den Updates")
    assert [teaser["is_truncated"] for teaser in row["teasers"]] == [False, False, True]


def test_numbered_card_classes_are_one_shape():
    cards = "".join(
        f'<article class="toi-80{n} num-{n}"><span>{n}</span><h2><a href="https://diario.example/20897{n}-nota">{title}</a></h2></article>'
        for n, title in enumerate(["Por qué Jerusalén está dividida en occidental y oriental",
                                   "Qué son los criptogatos y por qué valen tanto dinero",
                                   "La Boca: dos motochorros apuñalaron a un turista"], start=1)
    )
    parts = extract_parts(_article_html(f'<section id="ranking"><div class="techo">Las más leídas</div>{cards}</section>'),
                          url="https://diario.example/1256448-nota")

    assert [card.title for card in parts.teasers][2] == "La Boca: dos motochorros apuñalaron a un turista"
    assert {card.widget for card in parts.teasers} == {"Las más leídas"}


def _link_list(hrefs_and_titles, list_class="links") -> str:
    items = "".join(f'<li><a href="{href}">{title}</a></li>' for href, title in hrefs_and_titles)
    return f'<ul class="{list_class}">{items}</ul>'


BUG_LINKS = [
    ("https://bugzilla.example.org/1677080", "Bug 1677080 – Fullscreen window is affected by switching video source"),
    ("https://bugzilla.example.org/1677107", "Bug 1677107 – Add telemetry for tracking multiple window usage"),
    ("https://bugzilla.example.org/1678390", "Bug 1678390 – Prevent windows from opening on top of one another"),
]


def test_a_list_of_links_inside_the_story_is_not_a_widget_unless_marked_related():
    inline = f"<h3>Picture-in-Picture</h3>{_link_list(BUG_LINKS)}<p>{ARTICLE_PARAGRAPHS[1]}</p>"
    marked = f'<div class="related-links"><h3>Artículos Relacionados</h3>{_link_list(BUG_LINKS)}</div><p>{ARTICLE_PARAGRAPHS[1]}</p>'

    assert extract_parts(_article_html(before_article=inline), url="https://blog.example.org/2020/issue-85").teasers == []
    assert len(extract_parts(_article_html(before_article=marked), url="https://blog.example.org/2020/issue-85").teasers) == 3


def test_search_links_are_not_stories_and_the_site_is_inferred_from_the_page_links_without_a_url():
    searches = [(f"http://www.blog.example/?s=Series+{n}", f"The interview series number {n} of the year") for n in range(3)]
    elsewhere = [(f"https://other.example/2020/post-{n}", f"A post about something else on another site {n}") for n in range(3)]
    own = [(f"https://www.blog.example/2020/post-{n}", f"A post about rivers and bridges in the valley {n}") for n in range(3)]
    menu = "".join(f'<a href="https://www.blog.example/category/c{n}/">C{n}</a>' for n in range(8))
    html = _article_html(f"<div><h4>Series</h4>{_link_list(searches)}</div><div><h4>Friends</h4>{_link_list(elsewhere)}</div>"
                         f"<div><h4>Also here</h4>{_link_list(own)}</div><div>{menu}</div>")

    assert [card.widget for card in extract_parts(html).teasers] == ["Also here"] * 3


def test_one_link_cards_give_the_headline_of_a_ttl_element_not_the_source_and_date():
    cards = "".join(
        f'<li><a href="https://news.example.co.jp/hl?a={n}"><span class="rankNum">{n}</span><span class="cap">'
        f'<span class="ttl">{title}</span> <span class="source">ITmedia NEWS</span><span class="date">3/3(金) 11:32</span></span></a></li>'
        for n, title in enumerate(["「テレビで話題になってしまった茶碗」奈良大が分析", "稚内のスーパーがケーキを誤発注して完売",
                                   "客室乗務員による空の旅の知られざる真実"], start=1)
    )
    parts = extract_parts(_article_html(f'<div class="ranking"><h2>アクセスランキング</h2><ul>{cards}</ul></div>'),
                          url="https://rd.example.co.jp/a/1")

    assert [card.title for card in parts.teasers] == [
        "「テレビで話題になってしまった茶碗」奈良大が分析", "稚内のスーパーがケーキを誤発注して完売", "客室乗務員による空の旅の知られざる真実"]


def test_one_link_card_without_marked_headline_starts_with_its_headline_before_summary_and_furniture():
    cards = "".join(
        f'<li><a href="/article/{n}/story"><img src="x.jpg" alt=""/><strong>{title}</strong><span>{summary}</span>'
        f'<span class="comment_count">{n}</span><br/><em>1hr ago</em></a></li>'
        for n, (title, summary) in enumerate([
            ("Hero Academy delayed on Steam", "Hero Academy has been delayed on Steam due to a last-minute bug, but the team at..."),
            ("Two key developers leave the studio", "Two key developers on the delayed game have left the company."),
            ("A new studio rises from the ashes", "The new studio, made of the core group of the old one, opens in May..."),
        ], start=1)
    )
    parts = extract_parts(_article_html(f'<div class="box"><h3>Latest News</h3><ul>{cards}</ul></div>'),
                          url="https://games.example.com/article/9/x")

    assert [(card.title, card.raw_snippet[:20]) for card in parts.teasers] == [
        ("Hero Academy delayed on Steam", "Hero Academy has bee"),
        ("Two key developers leave the studio", "Two key developers o"),
        ("A new studio rises from the ashes", "The new studio, made"),
    ]
