"""Teaser widgets found by their structure on real-shaped pages: where they sit, how their cards vary, and the link
lists that look like them (archives, category trees, shops)."""

from __future__ import annotations

from ingest.segment.html import extract_parts

ARTICLE = (
    "<p>The river authority said on Tuesday that water levels along the lower valley had risen faster than at any "
    "time since records began, forcing the closure of two bridges and the evacuation of several farms.</p>"
    "<p>Engineers have been working through the night to reinforce the levees, which were last upgraded more than "
    "thirty years ago, and officials warned residents that further rain was expected over the weekend.</p>"
)
HEADLINES = [
    "Council approves new flood barriers for the harbour",
    "Farmers count the cost of the wettest spring in decades",
    "Why the valley's levees were never finished",
    "Rail line reopens after three weeks of repairs",
]


def _page(inside_article: str = "", after_article: str = "", footer: str = "") -> str:
    return (
        "<html><head><title>River floods close bridges | Valley Courier</title>"
        "<link rel='canonical' href='https://courier.example.com/news/2024/river-floods'></head><body>"
        "<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/news'>News</a></li>"
        "<li><a href='/sport'>Sport</a></li></ul></nav></header>"
        f"<main><article><h1>River floods close bridges</h1>{ARTICLE}{inside_article}</article>{after_article}</main>"
        f"<footer>{footer}<p>Copyright 2024 Valley Courier</p></footer></body></html>"
    )


def _links(headlines: list[str]) -> list[str]:
    return [f"<a href='/news/2024/story-{n}'>{headline}</a>" for n, headline in enumerate(headlines)]


def _titles(html: str) -> list[str]:
    return [teaser.title for teaser in extract_parts(html).teasers]


def test_related_links_in_the_articles_own_footer_are_teasers():
    items = "".join(f"<li>{link}</li>" for link in _links(HEADLINES))
    html = _page(inside_article=f"<footer><div class='more-links'><h4>Also on the Courier:</h4><ul>{items}</ul>"
                                f"</div></footer>")

    assert _titles(html) == HEADLINES


def test_recent_posts_in_the_site_footer_are_teasers_and_its_link_list_is_not():
    items = "".join(f"<li>{link}</li>" for link in _links(HEADLINES))
    site_links = "<ul><li><a href='/about'>About us</a></li><li><a href='/contact'>Contact</a></li>" \
                 "<li><a href='/privacy'>Privacy policy</a></li></ul>"
    html = _page(footer=f"<div class='widget'><div class='widget-title'>Neueste Beiträge</div><ul>{items}</ul></div>"
                        f"{site_links}")

    assert _titles(html) == HEADLINES


def test_cards_grouped_under_short_labels_are_one_widget():
    # A "network posts" list: each site's name is an item of its own before that site's card.
    items = "".join(
        f"<li><h3>Blog {n}</h3></li><li><img src='/i/{n}.jpg'><h4>{link}</h4><p>What happened next on the river, "
        f"told by the people who live along it.</p></li>"
        for n, link in enumerate(_links(HEADLINES))
    )
    html = _page(after_article=f"<aside><div class='widget'><ul class='network-posts'>{items}</ul></div></aside>")

    assert _titles(html) == HEADLINES


def test_category_lists_with_post_counts_are_not_teasers():
    names = ["Flood defences and levees", "Farming in the lower valley", "Rail and road works news",
             "Letters from our readers"]
    counted = "".join(f"<li class='cat-item'><a href='/category/{n}/'>{name}</a> ({n + 3})</li>"
                      for n, name in enumerate(names))
    glued = "".join(f"<li><a href='/category/{n}/'>{name}({n + 3})</a></li>" for n, name in enumerate(names))

    assert _titles(_page(after_article=f"<aside><ul>{counted}</ul></aside>")) == []
    assert _titles(_page(after_article=f"<aside><ul>{glued}</ul></aside>")) == []


def test_a_category_tree_is_not_a_teaser_widget():
    branches = "".join(
        f"<li class='cat-item'><a href='/category/{n}/'>{name} news and reviews</a><ul class='children'>"
        f"<li class='cat-item'><a href='/category/{n}-a/'>{name} pistols and rifles</a></li>"
        f"<li class='cat-item'><a href='/category/{n}-b/'>{name} revolvers and rimfire</a></li></ul></li>"
        for n, name in enumerate(["Ruger", "Chiappa", "Taurus", "Umarex"])
    )

    assert _titles(_page(after_article=f"<aside><ul>{branches}</ul></aside>")) == []


def test_a_shops_product_list_is_not_a_teaser_widget():
    prices = ["$19.99", "24,90 €", "£7.50", "¥1,200"]
    products = "".join(
        f"<li><a href='/shop/item-{n}'>{headline}</a><span class='price'>{price}</span></li>"
        for n, (headline, price) in enumerate(zip(HEADLINES, prices, strict=True))
    )
    assert _titles(_page(after_article=f"<aside><ul>{products}</ul></aside>")) == []

    # A headline may name a sum: only a price beside the headline marks a product.
    sums = ["Council approves $40 million for flood barriers", *HEADLINES[1:]]
    stories = "".join(f"<li>{link}</li>" for link in _links(sums))
    assert _titles(_page(after_article=f"<aside><ul>{stories}</ul></aside>")) == sums


def test_a_box_marked_related_gives_its_story_cards_whatever_their_shape():
    # Two cards, the second with a label and a summary: too few and too unlike for a repeated-card search.
    box = (
        "<aside class='related-articles'><h3>Related</h3>"
        "<article><div class='image-container'><a href='/future/story/like-me-weapon'><img src='/a.jpg' alt=''></a>"
        "</div><a href='/future/story/like-me-weapon'><h5>Building the like me weapon</h5></a></article>"
        "<article class='news'><div class='header'><span>In the news:</span></div>"
        "<a href='/news/technology-16415007'><img src='/b.jpg' alt=''></a><div class='content'>"
        "<a href='/news/technology-16415007'><h5>Weapon wish list revealed</h5></a>"
        "<p>An alleged military wish list of real and conceptual weapons has been published online.</p></div>"
        "</article><a href='/future/related'>Read more »</a></aside>"
    )
    parts = extract_parts(_page(inside_article=box))

    assert [teaser.title for teaser in parts.teasers] == ["Building the like me weapon", "Weapon wish list revealed"]
    assert parts.teasers[1].raw_snippet.startswith("An alleged military wish list")
    assert {teaser.widget for teaser in parts.teasers} == {"Related"}


def test_boxes_marked_related_that_hold_topics_or_other_sites_are_not_teasers():
    topics = "".join(f"<a href='/topic/{word}'>{word}</a> " for word in ("Floods", "Farming", "Rail", "Weather"))
    elsewhere = "".join(f"<li><a href='https://other.example.net/{n}'>{headline}</a></li>"
                        for n, headline in enumerate(HEADLINES))

    assert _titles(_page(inside_article=f"<div class='related-tags'>{topics}</div>")) == []
    assert _titles(_page(inside_article=f"<div id='related'><ul>{elsewhere}</ul></div>")) == []


def test_a_list_under_a_comments_heading_is_not_a_teaser_widget():
    # Each entry links the post a reader commented on: story-shaped, but the list is of comments.
    entries = "".join(f"<li><span class='author'>Reader {n}</span> on {link}</li>"
                      for n, link in enumerate(_links(HEADLINES)))
    for heading in ("Recent Comments", "Neueste Kommentare"):
        html = _page(after_article=f"<aside><div class='widget'><h2>{heading}</h2><ul>{entries}</ul></div></aside>")
        assert _titles(html) == []

    stories = "".join(f"<li>{link}</li>" for link in _links(HEADLINES))
    most_commented = _page(after_article=f"<aside><div class='widget'><h2>Most commented</h2><ul>{stories}</ul></div></aside>")
    assert _titles(most_commented) == HEADLINES


def test_a_read_also_line_between_paragraphs_is_a_one_card_box_in_any_language():
    first, second = ARTICLE.split("</p>", 1)
    for lead_in in ("Lire aussi :", "Leia também:", "Read more:"):
        line = f"<p><strong>{lead_in}</strong> <a href='/news/2024/levees'>{HEADLINES[2]}</a></p>"
        parts = extract_parts(_page(inside_article=f"{first}</p>{line}{second}").replace(ARTICLE, "", 1))

        assert [teaser.title for teaser in parts.teasers] == [HEADLINES[2]]
        assert all(HEADLINES[2] not in paragraph for paragraph in parts.paragraphs)


def test_a_colon_line_at_the_storys_edge_or_linking_elsewhere_is_not_a_box():
    first, second = ARTICLE.split("</p>", 1)
    next_post = f"<p>Next post: <a href='/news/2024/levees'>{HEADLINES[2]}</a></p>"
    elsewhere = f"<p>Read more: <a href='https://other.example.net/levees'>{HEADLINES[2]}</a></p>"

    assert _titles(_page(inside_article=next_post)) == []
    assert _titles(_page(inside_article=f"{first}</p>{elsewhere}{second}").replace(ARTICLE, "", 1)) == []


def test_a_widget_is_read_once_when_a_heading_further_up_also_covers_it():
    # A box the markup calls related-posts, then a second heading higher up whose scope holds the same list.
    items = "".join(f"<li>{link}</li>" for link in _links(HEADLINES))
    html = _page(after_article=f"<div class='below'><h3>You might also like</h3><div class='related-posts'><ul>{items}"
                               f"</ul></div></div>")

    assert _titles(html) == HEADLINES


def test_a_comment_count_inside_the_headline_link_is_not_part_of_the_title():
    items = "".join(
        f"<li><a href='/news/2024/story-{n}'>{headline} <span class='comments'><span class='comments-count'>{n}k"
        f"</span></span></a></li>"
        for n, headline in enumerate(HEADLINES, start=2)
    )
    html = _page(after_article=f"<aside><div class='widget'><h3>Trending</h3><ul>{items}</ul></div></aside>")

    assert _titles(html) == HEADLINES


def test_story_promos_in_a_dropdown_menu_are_not_teasers():
    items = "".join(f"<li>{link}</li>" for link in _links(HEADLINES))
    mega_menu = f"<div class='menu absolute'><div class='trending'><ul>{items}</ul></div></div>"
    html = _page().replace("<main>", f"<div class='masthead'><a href='/news/'>News</a>{mega_menu}</div><main>")

    assert _titles(html) == []


def test_topic_links_set_between_dashes_are_not_headlines():
    # Three words or fewer each, but five tokens with the dashes: enough for a headline when the dashes count.
    topics = ["Flood defence plan", "Valley levee works", "Rail line repairs", "Harbour wall"]
    items = "".join(f"<li><a href='/list/{n}'>- {topic} -</a></li>" for n, topic in enumerate(topics))

    assert _titles(_page(after_article=f"<aside><div class='box'><ul>{items}</ul></div></aside>")) == []


def test_links_to_the_sites_listings_and_forum_threads_are_not_teasers():
    threads = "".join(f"<li><a href='/forums/showthread.php?t={n}'>{headline}</a></li>"
                      for n, headline in enumerate(HEADLINES))
    searches = "".join(f"<li><a href='/search/label/{n}'>{headline}</a></li>" for n, headline in enumerate(HEADLINES))
    months = "".join(f"<li><a href='/2024/{month:02d}/'>{name} 2024</a></li>"
                     for month, name in enumerate(["January", "February", "March", "April"], start=1))

    for links in (threads, searches, months):
        assert _titles(_page(after_article=f"<aside><div class='box'><ul>{links}</ul></div></aside>")) == []


def test_post_navigation_marked_with_arrows_is_not_a_teaser_widget():
    navigation = (
        f"<div class='post-nav'><div><a href='/news/2024/story-1'>« {HEADLINES[0]}</a></div>"
        f"<div><a href='/news/home'>Valley Courier news home</a></div>"
        f"<div><a href='/news/2024/story-2'>{HEADLINES[1]} »</a></div></div>"
    )

    assert _titles(_page(after_article=navigation)) == []


def test_headlines_with_their_comment_counts_are_teasers_and_the_counts_are_furniture():
    items = "".join(f"<li><a href='/news/2024/story-{n}'>{headline} ({40 - n})</a></li>"
                    for n, headline in enumerate(HEADLINES))
    html = _page(after_article=f"<aside><div class='widget'><h3>Most Commented</h3><ul>{items}</ul></div></aside>")

    assert _titles(html) == HEADLINES


def test_a_card_whose_snippet_sits_in_an_unnamed_element_beside_its_headline_line():
    # Headline on a line of its own, the summary in a div with no snippet class: a card, not running text.
    cards = "".join(
        f"<div class='box'><div><a href='/news/2024/story-{n}'>{headline}</a></div><div class='b4'>What the river "
        f"authority and the farmers said after a week of flooding along the lower valley.</div></div>"
        for n, headline in enumerate(HEADLINES)
    )
    # Bylines and blog names linked inside each card are furniture, not stories of their own.
    bylined = "".join(
        f"<li><span><a href='/blogs/story-{n}'>{headline}</a></span><span class='blog-title'><a href='/blogs/river'>"
        f"River Watch blog</a></span><span class='blog-byline'>| <a href='/staff/ann-lee-{n}'>Ann Lee Morgan</a>"
        f"</span></li>"
        for n, headline in enumerate(HEADLINES)
    )

    more_story = "<p>" + " ".join(["The council will meet again next week to decide on the barriers."] * 8) + "</p>"
    html = _page(inside_article=more_story, after_article=f"<aside><h3>Around the valley</h3>{cards}</aside>")
    assert _titles(html) == HEADLINES
    assert _titles(_page(after_article=f"<aside><h3>From our blogs</h3><ul>{bylined}</ul></aside>")) == HEADLINES


def test_links_inside_running_text_are_still_prose():
    sentences = "".join(
        f"<li>Readers wrote in about <a href='/news/2024/story-{n}'>{headline}</a> and asked the council what it "
        f"would do before the next winter storms reach the harbour.</li>"
        for n, headline in enumerate(HEADLINES)
    )

    assert _titles(_page(after_article=f"<aside><ul>{sentences}</ul></aside>")) == []


def test_a_line_of_the_story_that_is_only_a_link_to_another_story_is_a_one_card_box():
    first, second = ARTICLE.split("</p>", 1)
    for line in (f"<p class='interstitial'><i>[<a href='/news/2024/levees'>{HEADLINES[2]}</a>]</i></p>",
                 f"<p>» <a href='/news/2024/levees'>{HEADLINES[2]}</a></p>"):
        parts = extract_parts(_page(inside_article=f"{first}</p>{line}{second}").replace(ARTICLE, "", 1))

        assert [teaser.title for teaser in parts.teasers] == [HEADLINES[2]]
        assert all(HEADLINES[2] not in paragraph for paragraph in parts.paragraphs)


def test_a_lone_link_line_to_a_document_elsewhere_or_at_the_storys_edge_is_not_a_box():
    first, second = ARTICLE.split("</p>", 1)
    document = "<p><a href='/files/flood-report-2024.pdf'>The river authority's full flood report</a></p>"
    elsewhere = f"<p>[<a href='https://other.example.net/levees'>{HEADLINES[2]}</a>]</p>"
    for line in (document, elsewhere):
        assert _titles(_page(inside_article=f"{first}</p>{line}{second}").replace(ARTICLE, "", 1)) == []
    assert _titles(_page(inside_article=f"<p>[<a href='/news/2024/levees'>{HEADLINES[2]}</a>]</p>")) == []


def test_feature_blocks_whose_links_are_calls_to_action_stay_in_the_body():
    # A product page's feature list: each block's heading stands apart from its "Learn more" link.
    names = ["Page Inspector", "Web Console", "Network Monitor", "Style Editor"]
    blocks = "".join(
        f"<li class='feature'><a href='/video/{n}'><img src='/i/{n}.jpg' alt=''></a><h2>{name}</h2>"
        f"<p>Examine and change what the {name.lower()} shows you about any page, as it runs.</p>"
        f"<a href='/docs/tools/{n}' class='more'>Learn more about {name}</a></li>"
        for n, name in enumerate(names)
    )
    parts = extract_parts(_page(inside_article=f"<section><h2>Features and tools</h2><ul>{blocks}</ul></section>"))

    assert parts.teasers == []
    assert any("network monitor shows you" in paragraph for paragraph in parts.paragraphs)

    # The same cards with their headings linked are teasers.
    linked = "".join(
        f"<li class='feature'><a href='/video/{n}'><img src='/i/{n}.jpg' alt=''></a>"
        f"<h2><a href='/docs/tools/{n}'>{headline}</a></h2><p>What happened next on the river.</p></li>"
        for n, headline in enumerate(HEADLINES)
    )
    assert _titles(_page(after_article=f"<section><h2>Features and tools</h2><ul>{linked}</ul></section>")) == HEADLINES


def test_cards_that_all_link_one_page_are_the_pages_own_list():
    # Audition dates: every card links the same sign-up page.
    venues = "".join(
        f"<li><a href='/account/register'><h3>{city} <small>June {n + 9}, 2018</small></h3></a>"
        f"<p>Festival Hall {n}, 600 East Grand Avenue, {city}</p></li>"
        for n, city in enumerate(["Chicago, Illinois", "Atlanta, Georgia", "Dallas, Texas", "Salt Lake City, Utah"])
    )
    parts = extract_parts(_page(inside_article=f"<div><h2>2018 Open Call Auditions</h2><ul class='dates'>{venues}</ul></div>"))

    assert parts.teasers == []
    assert any("Atlanta, Georgia" in paragraph for paragraph in parts.paragraphs)


SHORT_TITLES = ["Stuck in the Mud", "City Hopping", "Determined to Climb", "Juanita the Ice Maiden", "A Smooth Drake?"]


def test_a_list_of_short_post_titles_is_a_widget_when_its_links_are_stories():
    # Under four words a headline on average: read by the story addresses (a date, an id or a long slug) they link.
    dated = "".join(f"<li><a href='/2024/0{n + 1}/post-{n}.html'>{title}</a></li>"
                    for n, title in enumerate(SHORT_TITLES))
    numbered = "".join(f"<li><a href='/archives/00{6900 + n}.shtml'>{title}</a></li>"
                       for n, title in enumerate(SHORT_TITLES))
    slugged = "".join(f"<li><a href='/{title.lower().replace(' ', '-').strip('?')}-and-more/'>{title}</a></li>"
                      for title in SHORT_TITLES)

    for items in (dated, numbered, slugged):
        assert _titles(_page(after_article=f"<aside><div class='box'><ul>{items}</ul></div></aside>")) == SHORT_TITLES


def test_a_list_of_short_link_texts_to_sections_and_pages_is_not_a_widget():
    sections = ["Premiership News", "Scottish News", "Italian News", "Spanish News", "Site Map", "Contact Us"]
    paths = ["/english_premiership/", "/scottish_news/", "/italian_news/", "/spanish_news/", "/sitemap",
             "/page?id=3068843"]
    items = "".join(f"<li><a href='{path}'>{name}</a></li>" for path, name in zip(paths, sections, strict=True))

    assert _titles(_page(after_article=f"<aside><div class='box'><ul>{items}</ul></div></aside>")) == []


def test_a_widgets_more_link_marked_with_an_arrow_is_not_a_teaser():
    items = "".join(f"<li>{link}</li>" for link in _links(HEADLINES))
    more = "<li><a href='/news/'>Courier news home »</a></li><li><a href='/news/all'>More...</a></li>"
    html = _page(after_article=f"<aside><h3>Related stories</h3><ul>{items}{more}</ul></aside>")

    assert _titles(html) == HEADLINES
    # « » are quotation marks too: a headline that ends on a quote keeps it.
    quoted = ["Le maire : « Nous reconstruirons le pont »", *HEADLINES[1:]]
    html = _page(after_article=f"<aside><h3>Related stories</h3><ul>"
                               f"{''.join(f'<li>{link}</li>' for link in _links(quoted))}</ul></aside>")
    assert _titles(html) == quoted


def test_the_link_the_markup_calls_the_title_is_the_headline_and_the_longer_one_the_snippet():
    summaries = [f"{headline} was the talk of the valley this week, as the river authority and the farmers met "
                 f"to count the damage." for headline in HEADLINES]
    cards = "".join(
        f"<li><p>January {n + 3}, 2024</p><p class='digest-title'><a href='/news/2024/story-{n}'>{headline}</a></p>"
        f"<ul><li class='list-content'><a href='/news/2024/story-{n}'>{summary}</a></li></ul></li>"
        for n, (headline, summary) in enumerate(zip(HEADLINES, summaries, strict=True))
    )
    more_story = "<p>" + " ".join(["The council will meet again next week to decide on the barriers."] * 12) + "</p>"
    html = _page(inside_article=more_story, after_article=f"<aside><h3>News digest</h3><ul>{cards}</ul></aside>")
    teasers = extract_parts(html).teasers

    assert [teaser.title for teaser in teasers] == HEADLINES
    assert [teaser.raw_snippet for teaser in teasers] == summaries


def test_a_headline_with_inline_markup_is_read_whole():
    # "<em>Zelda</em> Meets <em>WarioWare</em>": words between the inline elements belong to the same headline.
    marked = [" ".join(f"<em>{word}</em>" if index in (0, 2) else word for index, word in enumerate(headline.split()))
              for headline in HEADLINES]
    cards = "".join(
        f"<li><div class='text'><span class='stamp'>9:55 AM</span><a class='story' href='/news/2024/story-{n}'>"
        f"<span class='txt'>{headline}</span></a></div></li>"
        for n, headline in enumerate(marked)
    )

    assert _titles(_page(after_article=f"<aside><h3>Newer stories</h3><ul>{cards}</ul></aside>")) == HEADLINES


def test_a_kicker_or_a_duration_set_before_the_headline_text_in_its_link_is_furniture():
    # <a><div>Biology</div>Headline<div class='date'>…</div></a>; <a><span>1:41</span><span>Headline</span></a>
    kickers = "".join(
        f"<li><a href='/news/2024/story-{n}'><div class='kicker'>Valley</div>{headline}"
        f"<div class='related-date'>December {n + 20}, 2023 04:46 PM</div></a></li>"
        for n, headline in enumerate(HEADLINES)
    )
    durations = "".join(
        f"<li><a href='/video/2024/story-{n}'><span class='runtime'>{n + 1}:41</span><span>{headline}</span></a></li>"
        for n, headline in enumerate(HEADLINES)
    )

    assert _titles(_page(after_article=f"<aside><h3>Related stories</h3><ul>{kickers}</ul></aside>")) == HEADLINES
    assert _titles(_page(after_article=f"<aside><h3>Watch now</h3><ul>{durations}</ul></aside>")) == HEADLINES


def test_a_date_inside_the_headline_element_is_furniture():
    cards = "".join(
        f"<li><article><a href='/news/2024/story-{n}'><div class='story-body'><h2 class='headline'>"
        f"<span class='title'>{headline}</span><time class='dateline'>NOV. {n + 7}, 2010</time></h2></div></a>"
        f"</article></li>"
        for n, headline in enumerate(HEADLINES)
    )

    assert _titles(_page(after_article=f"<aside><header><h2>Related Coverage</h2></header><ul>{cards}</ul></aside>")) \
        == HEADLINES


def test_wiki_category_pages_are_listings_not_stories():
    names = ["Archipelagoes of the Pacific Ocean", "Countries in Australasia and Polynesia",
             "Member states of the Commonwealth of Nations", "Island countries of the southern seas"]
    items = "".join(f"<li><a href='/wiki/Category:{name.replace(' ', '_')}'>{name}</a></li>" for name in names)

    assert _titles(_page(after_article=f"<div class='catlinks'><ul>{items}</ul></div>")) == []


def test_under_a_widget_heading_links_to_other_sites_listings_and_single_words_are_not_teasers():
    other_brands = "".join(f"<li><a href='https://www.other-brand-{n}.example.net/2024/story-{n}'>{headline}</a></li>"
                           for n, headline in enumerate(HEADLINES))
    html = _page(after_article=f"<aside><h3>More from our partners</h3><ul>{other_brands}</ul></aside>")
    assert _titles(html) == []

    # Two one-word page links and a tracking fragment after a story's own path.
    mixed = "".join(f"<li>{link}</li>" for link in _links(HEADLINES[:3])) + (
        f"<li><a href='https://courier.example.com/news/2024/story-9/#new_tab'>{HEADLINES[3]}</a></li>"
        "<li><a href='/about'>About</a></li><li><a href='/archives'>Archives</a></li>"
    )
    html = _page(after_article=f"<aside><h3>Recent posts</h3><ul>{mixed}</ul></aside>")
    assert _titles(html) == HEADLINES


def test_rank_numbers_or_counts_before_every_title_of_a_widget_are_furniture():
    ranked = "".join(f"<li><a href='/news/2024/story-{n}'>{n + 1}- {headline}</a></li>"
                     for n, headline in enumerate(HEADLINES))
    counted = "".join(f"<li><a href='/news/2024/story-{n}'>({5000 - n}){headline}</a></li>"
                      for n, headline in enumerate(HEADLINES))
    # One headline that starts with a number is a headline.
    numbered = ["5. Council approves new flood barriers", *HEADLINES[1:]]
    plain = "".join(f"<li>{link}</li>" for link in _links(numbered))

    for items, expected in ((ranked, HEADLINES), (counted, HEADLINES), (plain, numbered)):
        assert _titles(_page(after_article=f"<aside><h3>Most read posts</h3><ul>{items}</ul></aside>")) == expected


def test_list_items_styled_apart_are_cards_of_the_same_list():
    # <li class="last"> or <li class="nobor">: the last item styled apart, a card all the same.
    classes = [""] * (len(HEADLINES) - 1) + [" class='last'"]
    items = "".join(f"<li{styled}><a href='/news/2024/03/story-{n}'>{headline}</a></li>"
                    for n, (styled, headline) in enumerate(zip(classes, HEADLINES, strict=True)))
    html = _page(after_article=f"<aside><div class='box'><h4>Around the valley</h4><ul>{items}</ul></div></aside>")

    assert _titles(html) == HEADLINES

    # A link to a person's page styled apart beside a list of dated stories is not one of its stories.
    person = "<li class='name'><a href='/people/ann-lee-morgan'>Ann Lee Morgan</a></li>" + "".join(
        f"<li><a href='/news/2024/03/story-{n}'>{headline}</a></li>" for n, headline in enumerate(HEADLINES))
    html = _page(after_article=f"<aside><div class='box'><ul>{person}</ul></div></aside>")

    assert _titles(html) == HEADLINES


def test_a_pop_up_of_story_links_inside_a_sentence_of_the_story_is_not_a_widget():
    links = "".join(f"<a class='people-articles' href='/news/2024/03/story-{n}'>{headline}</a> "
                    for n, headline in enumerate(HEADLINES))
    sentence = (
        "<p>The council leader <span class='rollover'><a href='/people/ann-lee'>Ann Lee</a><span class='block'>"
        f"<span>{links}</span></span></span> said on Tuesday that the barriers would be built before the winter, and "
        "that the cost would be shared with the river authority over the next ten years.</p>"
    )

    parts = extract_parts(_page(inside_article=sentence))
    assert parts.teasers == []
    # The pop-up is no part of the sentence either.
    assert not any(headline in paragraph for paragraph in parts.paragraphs for headline in HEADLINES)
    assert any("said on Tuesday that the barriers would be built" in paragraph for paragraph in parts.paragraphs)


def test_short_link_texts_to_one_pages_tabs_or_to_ads_are_not_a_widget():
    tabs = ["Stickiness Index", "VOD Sales", "DVD Sales", "DVD Rentals"]
    tabbed = "".join(f"<li><a href='/wp-content/plugins/top-ten/top-ten-view-ajax.php?s={n}'>{name}</a></li>"
                     for n, name in enumerate(tabs))
    ads = "".join(f"<li><a href='/ads/{9314720 + n}/index.html'>{name}</a></li>" for n, name in enumerate(tabs))

    for items in (tabbed, ads):
        assert _titles(_page(after_article=f"<aside><div class='box'><ul>{items}</ul></div></aside>")) == []


def test_comment_permalinks_under_a_widget_heading_further_down_are_not_teasers():
    comments = "".join(
        f"<li class='comment'><cite><a href='https://reader{n}.example.org/'>Reader {n}</a></cite> says: "
        f"<a href='/news/2024/river-floods#comment-{n}'>October {n + 24}, 2024 at 3:1{n} am</a><p>Thanks, I was "
        f"there when the water came up the street.</p></li>"
        for n in range(4)
    )
    html = _page(after_article=f"<div><ol class='commentlist'>{comments}</ol><h2>Popular posts by category</h2>"
                               f"<p>Nothing here yet.</p></div>")

    assert _titles(html) == []


def test_short_link_texts_to_the_pages_they_name_are_not_stories():
    # A roster or a "popular shows" list: the address holds an id, but its slug is the link text itself.
    names = ["Scott Alexander", "Pedro Baez", "Walker Buehler", "Tony Cingrani"]
    roster = "".join(f"<li><a href='/player/{518397 + n}/{name.lower().replace(' ', '-')}'>{name}</a></li>"
                     for n, name in enumerate(names))
    pages = ["About Valley Courier Online", "Privacy Policy", "Contact Valley Courier Online",
             "Advertise on Valley Courier"]
    footer = "".join(f"<li><a href='/{name.lower().replace(' ', '-')}/'>{name}</a></li>" for name in pages)

    for items in (roster, footer):
        assert _titles(_page(after_article=f"<aside><div class='box'><ul>{items}</ul></div></aside>")) == []
