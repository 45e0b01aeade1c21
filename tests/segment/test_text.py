"""The text-dump extractor: the seed page end to end through segment_batch, and made-up variants."""

from __future__ import annotations

import pytest

from ingest.segment import segment_batch
from ingest.segment.text import extract_parts

# The seed's teasers in page order: (title start, why it is truncated or not). Echo: every snippet but
# "Look at this" starts with its own title followed by a capitalised word (a new sentence).
SEED_TEASERS = [
    ("Prince Harry's new heartbreak revealed", "bait: 'check first comment to continue reading' mid-snippet"),
    ("Look at this", None),  # 130-char caption-like snippet; 'Look at this and tell us' is not an echo
    ("King Charles Is Allowing", "cut_mid_word: ends 'at his coronati', not a word"),
    ("Prince William's 'cute six'", "cut_mid_sentence: ~900 chars ending '\"We do' without punctuation"),
    ("What Prince William and Katherine", "cut_mid_word: ends 'The Princ', a prefix of 'Prince' on the page"),
    ("DEADLY CRASH", "cut_mid_sentence: ends 'What force conspired', whole words, no punctuation"),
    ("Meghan Markle Just Received", "cut_entity: ends 'launching a &'"),
    ("Prince Louis received", "cut_mid_word: ends 'Not only tha', slang per wordfreq but far rarer than 'that'"),
    ("Meghan Markle Issue a Warning", "cut_mid_word: ends 'Markle’s mou', far rarer than 'mouth'"),
    ("The real reason Sarah Ferguson", "cut_mid_sentence: ends 'a vic'; 'vic' is common enough to be a word"),
]


@pytest.fixture(scope="module")
def seed_row(seed_text: str) -> dict:
    (row,) = segment_batch([{"page_id": "seed", "content_format": "text", "body": seed_text, "url": None}])
    return row


def test_seed_is_one_clean_article(seed_row: dict) -> None:
    assert seed_row["error"] is None
    assert seed_row["title"] == "Panic as Russia Drag's Another Neighbor to the Brink of War"
    body = seed_row["body"]
    assert "Brink of War" not in body
    dek_start = "Russian President Vladimir Putin is sending"
    if seed_row["dek"] is not None:
        assert seed_row["dek"].startswith(dek_start)
        assert body.startswith("Russia is sending as many as 9,000")
        assert dek_start not in body
    else:
        assert body.startswith(dek_start)
    assert body.endswith("to what is going on on Belarusian borders.")
    for not_article in ("Popular posts", "Comments", "Skip to main content", "heartbreak", "Look at this"):
        assert not_article not in body
    assert not seed_row["is_truncated"]
    assert seed_row["truncation_reason"] is None


def test_seed_pull_quote_kept_once_in_its_sentence(seed_row: dict) -> None:
    body = seed_row["body"]
    assert body.count("You just need to not go to the military office and hide the children") == 1
    assert "hide the children,” the mother said" in body
    # The paragraph glued under the pull quote (no blank line) is article text and stays.
    assert "The grouping includes “command and control bodies" in body
    # The repeated title and the pull quote.
    assert seed_row["removed_duplicates"] == 2


def test_seed_teasers(seed_row: dict) -> None:
    teasers = seed_row["teasers"]
    assert [teaser["title"][: len(start)] for teaser, (start, _) in zip(teasers, SEED_TEASERS)] == [
        start for start, _ in SEED_TEASERS
    ]
    assert len(teasers) == 10
    assert [teaser["position"] for teaser in teasers] == list(range(1, 11))
    assert {teaser["widget"] for teaser in teasers} == {"Popular posts from this blog"}
    assert [teaser["is_truncated"] for teaser in teasers] == [why is not None for _, why in SEED_TEASERS]
    assert [teaser["truncation_reason"] for teaser in teasers] == [
        why.split(":")[0] if why else None for _, why in SEED_TEASERS
    ]
    assert sum(teaser["has_title_echo"] for teaser in teasers) == 9
    look_at_this = teasers[1]
    assert not look_at_this["has_title_echo"]
    assert look_at_this["snippet"].startswith("Look at this and tell us what you realize")
    for teaser in teasers:
        if teaser["has_title_echo"]:
            assert not teaser["snippet"].casefold().startswith(teaser["title"].casefold())
            assert teaser["snippet"][0].isupper()
    # raw_snippet is as on the page: the Meghan snippet starts with no-break/ordinary spaces.
    assert teasers[6]["raw_snippet"].startswith("\u00a0 Meghan Markle Just Received")
    assert teasers[6]["snippet"].startswith("Meghan Markle’s estranged half-sister")
    assert teasers[9]["snippet"].startswith("There have been few friends")


def test_seed_segments_hold_the_page_chrome(seed_row: dict) -> None:
    segments = {(segment["kind"], segment["text"]) for segment in seed_row["segments"]}
    assert ("boilerplate", "Skip to main content") in segments
    assert ("widget_heading", "Comments") in segments
    assert ("widget_heading", "Popular posts from this blog") in segments
    assert not [segment for segment in seed_row["segments"] if segment["kind"] == "comment"]


ARTICLE = """Home
News
Sport
Weather

Council Votes to Rebuild the Old Harbour Bridge

By Jane Okafor

The city council voted on Tuesday to rebuild the old harbour bridge, ending a two-year debate about its future.

Engineers said the structure had reached the end of its safe life and would need to close within three years.

Residents who cross the bridge daily welcomed the decision but asked for a temporary ferry during the works.
"""


def test_menu_and_byline_are_boilerplate_and_no_widget_means_no_teasers() -> None:
    parts = extract_parts(ARTICLE)
    assert parts.title == "Council Votes to Rebuild the Old Harbour Bridge"
    assert parts.paragraphs[0].startswith("The city council voted") or parts.dek.startswith("The city council")
    assert parts.paragraphs[-1].startswith("Residents who cross")
    assert parts.teasers == []
    boilerplate = [segment.text for segment in parts.segments if segment.kind == "boilerplate"]
    assert {"Home", "News", "Sport", "Weather", "By Jane Okafor"} <= set(boilerplate)


@pytest.mark.parametrize("heading", ["Related posts", "YOU MAY ALSO LIKE", "Read next", "More from Harbour Times:"])
def test_other_widget_headings_start_teasers(heading: str) -> None:
    page = (
        ARTICLE
        + f"\n{heading}\n\nFerry timetable announced\n\nFerry timetable announced The new ferry will run every "
        "twenty minutes during the bridge works, the council said.\n\nHarbour fish market reopens\n\n"
        "The market reopened after repairs to its roof were finished ahead of schedule.\n"
    )
    parts = extract_parts(page)
    assert parts.paragraphs[-1].startswith("Residents who cross")
    assert [card.title for card in parts.teasers] == ["Ferry timetable announced", "Harbour fish market reopens"]
    assert {card.widget for card in parts.teasers} == {heading.rstrip(":")}
    assert parts.teasers[1].raw_snippet.startswith("The market reopened")


def test_comments_with_replies_become_comment_segments() -> None:
    page = (
        ARTICLE
        + "\n3 Comments\n\nMaria says:\nAbout time, the bridge has been closed to lorries for a year.\n\nReply\n\n"
        "Tom says:\nWho pays for the ferry?\n\nReply\n\nAnna replied:\nThe council does, according to the report.\n\n"
        "Leave a Reply\n\nYour email address will not be published. Required fields are marked *\n"
    )
    row = segment_batch([{"page_id": "p", "content_format": "text", "body": page, "url": None}])[0]
    assert row["body"].endswith("temporary ferry during the works.")
    comments = [segment["text"] for segment in row["segments"] if segment["kind"] == "comment"]
    assert comments == [
        "Maria says:\nAbout time, the bridge has been closed to lorries for a year.",
        "Tom says:\nWho pays for the ferry?",
        "Anna replied:\nThe council does, according to the report.",
    ]
    assert "Reply" not in row["body"] and row["teasers"] == []


def test_title_less_page_keeps_every_paragraph_in_the_body() -> None:
    page = (
        "The city council voted on Tuesday to rebuild the old harbour bridge, ending a two-year debate about its "
        "future and settling a question that divided the town.\n\n"
        "Engineers said the structure had reached the end of its safe life.\n"
    )
    row = segment_batch([{"page_id": "p", "content_format": "text", "body": page, "url": None}])[0]
    assert row["title"] is None
    assert row["body"].startswith("The city council voted") and row["body"].endswith("safe life.")


def test_hard_wrapped_lines_are_joined_into_one_paragraph() -> None:
    page = (
        "Bridge Rebuild Approved\n\nThe city council voted on Tuesday to rebuild the old harbour\n"
        "bridge, ending a two-year debate about its future.\nEngineers said the structure was unsafe.\n"
    )
    parts = extract_parts(page)
    assert parts.paragraphs == [
        "The city council voted on Tuesday to rebuild the old harbour bridge, ending a two-year debate about its "
        "future.",
        "Engineers said the structure was unsafe.",
    ]


def test_widget_heading_above_the_title_is_navigation_not_the_tail() -> None:
    page = "Trending\n\n" + ARTICLE
    parts = extract_parts(page)
    assert parts.title == "Council Votes to Rebuild the Old Harbour Bridge"
    assert parts.paragraphs[-1].startswith("Residents who cross")
    assert parts.teasers == []


NAV_HEAVY_PAGE = """Harbour Times

Trending

Ferry strike called off
Fish market reopens
Mayor on holiday

Council Votes to Rebuild the Old Harbour Bridge

Published 3 May 2024

The city council voted on Tuesday to rebuild the old harbour bridge, ending a two-year debate about its future.

Related

Bridge closure: what you need to know
Ferry timetable for the summer

Engineers said the structure had reached the end of its safe life and would need to close within three years.

Residents who cross the bridge daily welcomed the decision but asked for a temporary ferry during the works.

He declined to comment.

About the Harbour Times
Jobs
Archive
Contact the newsroom
Advertise
"""


def test_navigation_above_and_link_lists_below_the_article_are_not_body() -> None:
    parts = extract_parts(NAV_HEAVY_PAGE)
    assert parts.title == "Council Votes to Rebuild the Old Harbour Bridge"
    assert parts.paragraphs[0].startswith("The city council voted")
    # A short closing sentence is article text; the footer link list after it is not.
    assert parts.paragraphs[-1] == "He declined to comment."
    chrome = {segment.text for segment in parts.segments if segment.kind == "boilerplate"}
    assert {"Harbour Times", "Trending", "Ferry strike called off", "Archive", "Advertise"} <= chrome


def test_inline_widget_inside_the_article_does_not_end_the_body() -> None:
    parts = extract_parts(NAV_HEAVY_PAGE)
    assert any(paragraph.startswith("Residents who cross") for paragraph in parts.paragraphs)
    assert [(card.widget, card.title, card.raw_snippet) for card in parts.teasers] == [
        ("Related", "Bridge closure: what you need to know", None),
        ("Related", "Ferry timetable for the summer", None),
    ]
    assert not any("Ferry timetable" in paragraph for paragraph in parts.paragraphs)


@pytest.mark.parametrize(
    ("ending", "reason", "body_end"),
    [
        ("Engineers said the works would start in the spring and…", "ellipsis", "in the spring and…"),
        (
            "Subscribe to continue reading\n\nAlready a subscriber? Sign in",
            "paywall",
            "temporary ferry during the works.",
        ),
        ("", None, "temporary ferry during the works."),
    ],
)
def test_body_truncation_through_segment_batch(ending: str, reason: str | None, body_end: str) -> None:
    footer = "\n\nAbout us\nCareers\nArchive\nContact the newsroom\n"
    page = ARTICLE + "\n" + ending + footer
    row = segment_batch([{"page_id": "p", "content_format": "text", "body": page, "url": None}])[0]
    assert row["truncation_reason"] == reason
    assert row["is_truncated"] is (reason is not None)
    assert row["body"].endswith(body_end)


def test_teaser_cut_at_an_entity_and_a_look_at_this_style_snippet() -> None:
    page = (
        ARTICLE
        + "\nYou might also like\n\nSee this\n\nSee this and tell us what you notice about the old bridge\n\n"
        "Mayor answers critics\n\nMayor answers critics The mayor defended the cost of the new bridge, saying the "
        "council had compared offers from three builders and chosen the cheapest one that met the safety rules "
        "set out by the national roads agency, and promised to publish the contracts &\n"
    )
    teasers = segment_batch([{"page_id": "p", "content_format": "text", "body": page, "url": None}])[0]["teasers"]
    assert [(t["title"], t["has_title_echo"], t["truncation_reason"]) for t in teasers] == [
        ("See this", False, None),
        ("Mayor answers critics", True, "cut_entity"),
    ]
    assert teasers[0]["snippet"] == "See this and tell us what you notice about the old bridge"
    assert teasers[1]["snippet"].startswith("The mayor defended the cost")


def test_unspaced_script_prose_is_found() -> None:
    page = (
        "メニュー\n\n商品の改造が商標法違反に\n\n"
        "先日、不正に改造したスマートフォンを販売したとして、"
        "商標法違反の疑いで男性が逮捕されたというニュースを耳にしました。\n\n"
        "報道によると、今回販売されたのは、いわゆる脱獄した端末で、"
        "非公式のアプリを利用できるようになるとのことです。\n"
    )
    row = segment_batch([{"page_id": "p", "content_format": "text", "body": page, "url": None}])[0]
    assert row["title"] == "商品の改造が商標法違反に"
    assert row["body"].startswith("先日") and row["body"].endswith("とのことです。")
    assert not row["is_truncated"]


def test_article_that_goes_on_below_a_widget_heading_keeps_its_later_paragraphs() -> None:
    prose = [
        f"Paragraph {n} of the hearing report says the witness answered questions from both parties for hours."
        for n in range(1, 8)
    ]
    page = "\n\n".join(
        [
            "Witness describes the pressure campaign in detail",
            *prose[:2],
            "Watch live: the third witness takes the stand",
            "Seven key moments from the first hearing",
            "More in Impeachment Inquiry",
            "Key moments from the second day",
            "What the witness did not say",
            *prose[2:],
            "Comments",
            "Great report, thank you for covering this.",
        ]
    )
    parts = extract_parts(page)
    assert parts.paragraphs[:2] == prose[:2] and parts.paragraphs[-5:] == prose[2:]
    assert [segment.text for segment in parts.segments if segment.kind == "comment"] == [
        "Great report, thank you for covering this."
    ]
    assert "More in Impeachment Inquiry" in [s.text for s in parts.segments if s.kind == "widget_heading"]


LYNX_DUMP = """   [1]Skip to main content

   [2]Home [3]News [4]Sport [5]Weather

                       River floods close two bridges

   The [9]river authority said on Tuesday that water levels along the lower
   valley had risen faster than at any time since records began, forcing
   the closure of two bridges and the evacuation of several farms.

   [IMG] Engineers have been working through the night to reinforce the
   levees, which were last upgraded more than thirty years ago, and
   officials warned residents that further rain was expected.

Related posts

     * [6]Harbour wall repairs will take another year
     * [7]Farmers ask for help after the wettest spring on record
     * [8]New flood maps show hundreds more homes at risk

References

   1. https://news.example.com/#main
   2. https://news.example.com/
   3. https://news.example.com/news
   4. https://news.example.com/sport
   5. https://news.example.com/weather
   6. https://news.example.com/harbour-wall
   7. https://news.example.com/farmers
   8. https://news.example.com/flood-maps
   9. https://news.example.com/river-authority
"""


def test_text_browser_dump_loses_its_link_markers_and_teasers_get_their_links() -> None:
    row = segment_batch([{"page_id": "p", "content_format": "text", "body": LYNX_DUMP, "url": None}])[0]

    assert row["title"] == "River floods close two bridges"
    assert row["body"].startswith("The river authority said on Tuesday")
    assert "[" not in row["body"] and "https://" not in row["body"]
    assert [(teaser["title"], teaser["link_url"]) for teaser in row["teasers"]] == [
        ("Harbour wall repairs will take another year", "https://news.example.com/harbour-wall"),
        ("Farmers ask for help after the wettest spring on record", "https://news.example.com/farmers"),
        ("New flood maps show hundreds more homes at risk", "https://news.example.com/flood-maps"),
    ]
    assert {"kind": "boilerplate", "position": 4, "text": "References"} in row["segments"]


def test_lynx_link_list_split_into_visible_and_hidden_links_is_read_whole() -> None:
    """lynx -dump of a page with hidden links heads its list "References", then "Visible links:" and
    "Hidden links:": every part is the link list, so no [n] marker is left in the text."""
    visible, _, entries = LYNX_DUMP.partition("References\n\n")
    dump = visible + "References\n\n   Visible links:\n" + entries + "\n   Hidden links:\n  10. https://news.example.com/ad\n"

    row = segment_batch([{"page_id": "p", "content_format": "text", "body": dump, "url": None}])[0]

    assert row["body"].startswith("The river authority said on Tuesday")
    assert "[" not in row["body"] and "Visible links" not in row["body"]
    assert [teaser["link_url"] for teaser in row["teasers"]] == [
        "https://news.example.com/harbour-wall", "https://news.example.com/farmers", "https://news.example.com/flood-maps"
    ]


def test_lynx_link_list_entry_whose_url_holds_spaces_does_not_end_the_list() -> None:
    """lynx prints a url with spaces in its query string as it is; the entries after it are still the list."""
    visible, _, entries = LYNX_DUMP.partition("References\n\n")
    dump = visible + "References\n\n   0. https://bugs.example.org/list?title=Open bugs (all)&id=1\n" + entries

    row = segment_batch([{"page_id": "p", "content_format": "text", "body": dump, "url": None}])[0]

    assert "[" not in row["body"] and "https://" not in row["body"]
    assert [teaser["link_url"] for teaser in row["teasers"]] == [
        "https://news.example.com/harbour-wall", "https://news.example.com/farmers", "https://news.example.com/flood-maps"
    ]


FLOOD_TITLES = [
    "Harbour wall repairs will take another year",
    "Farmers ask for help after the wettest spring on record",
    "New flood maps show hundreds more homes at risk",
]


def _lynx_row(block: str, links: str = "") -> dict:
    """LYNX_DUMP with its "Related posts" section replaced by `block` and `links` added to its link list, segmented."""
    dump = LYNX_DUMP.split("Related posts")[0] + block + "\nReferences" + LYNX_DUMP.split("References")[1] + links
    return segment_batch([{"page_id": "p", "content_format": "text", "body": dump, "url": None}])[0]


def test_lynx_cards_are_links_and_a_link_without_words_belongs_to_the_title_next_to_it() -> None:
    """In a dump with a link list a teaser title is a link: a line of the widget that links nowhere (a box's
    heading, a form's label) is no card, and a link printed on a rank line ("* [6]1") is the title's below it."""
    related = """Related posts

     * [6]1
       Harbour wall repairs will take another year
     * [7]Farmers ask for help after the wettest spring on record
     * Share your own photos of the flooding with us
     * [8]New flood maps show hundreds more homes at risk
"""
    row = _lynx_row(related)

    assert [(teaser["title"], teaser["link_url"]) for teaser in row["teasers"]] == list(
        zip(FLOOD_TITLES, ["https://news.example.com/harbour-wall", "https://news.example.com/farmers",
                           "https://news.example.com/flood-maps"])
    )


def test_furniture_line_every_card_repeats_is_neither_card_nor_snippet() -> None:
    """A widget that prints one furniture line per card from a template ("in <categories> with <n> comments")
    gives cards of the title lines alone; the template is read off the page, in any language."""
    prose = [
        "The council met on Monday evening to discuss the new budget for the coming year in detail.",
        "Several members asked for more money for the roads, while others wanted to keep taxes low.",
        "In the end the budget was passed by a narrow majority after a long and heated debate.",
    ]
    cards = [
        ("Harbour wall repairs will take another year", "in Local, Roads with 12 comments"),
        ("Farmers ask for help after the wettest spring", "in Farming, Weather, Local with 3 comments"),
        ("New flood maps show hundreds more homes at risk", "in Weather with 40 comments"),
    ]
    page = "\n".join(["Budget passed after a long debate", "", *prose, "", "Popular Posts"])
    page += "\n" + "\n".join(line for card in cards for line in card) + "\n"

    parts = extract_parts(page)

    assert [(card.title, card.raw_snippet) for card in parts.teasers] == [(title, None) for title, _ in cards]


def test_cards_of_one_series_are_not_read_as_template_furniture() -> None:
    """Titles of one series ("Issue 105", "Issue 106") under each other with their dates are titles: a template
    line says something different on every card, and sits under a card's title."""
    prose = [
        "The council met on Monday evening to discuss the new budget for the coming year in detail.",
        "Several members asked for more money for the roads, while others wanted to keep taxes low.",
    ]
    page = "\n".join(
        ["Budget passed after a long debate", "", *prose, "", "Recent posts",
         "These Weeks in Firefox: Issue 106", "December 17, 2021", "These Weeks in Firefox: Issue 105",
         "December 7, 2021", "These Weeks in Firefox: Issue 104", "November 18, 2021"]
    )

    parts = extract_parts(page)

    assert [card.title for card in parts.teasers] == [
        "These Weeks in Firefox: Issue 106", "These Weeks in Firefox: Issue 105", "These Weeks in Firefox: Issue 104"
    ]


def test_lynx_sidebar_box_printed_as_a_list_item_over_linked_items_is_a_widget() -> None:
    """lynx prints a sidebar box as "* Recent Posts" (no link) over "+ [n]Title" items: the unlinked item heads a
    widget; a linked item over a nested menu ("* [2]News" over "+ [3]World") heads none."""
    sidebar = """     * [2]News
          + [3]World
          + [4]Local
     * Recent Posts
          + [6]Harbour wall repairs will take another year
          + [7]Farmers ask for help after the wettest spring on record
          + [8]New flood maps show hundreds more homes at risk
"""
    row = _lynx_row(sidebar)

    assert [(teaser["title"], teaser["widget"]) for teaser in row["teasers"]] == [
        (title, "Recent Posts") for title in FLOOD_TITLES
    ]


def test_lynx_links_in_a_row_to_stories_of_the_site_are_a_widget_without_a_heading() -> None:
    """A tabbed box prints its tabs as links and its titles as link items under no heading: three or more link
    items in a row whose links name stories of the site are teasers (a title printed twice, alt text and link,
    once); share buttons (all to the page itself) and categories with counts are not."""
    boxes = """     * [10]Popular
     * [11]Latest

     * [12]Harbour wall repairs will take another year [13]Harbour wall repairs will take another year
     * [14]Farmers ask for help after the wettest spring on record
     * [15]New flood maps show hundreds more homes at risk

     * [16]Click to share on Twitter (Opens in new window)
     * [17]Click to share on Facebook (Opens in new window)
     * [18]Click to email this to a friend (Opens in new window)

     * [19]River Flood Warnings And Alerts (12)
     * [20]Harbour Wall Repair Works Archive (4)
     * [21]Local Farming And Weather Reports (7)
"""
    links = """  10. https://news.example.com/popular/
  11. https://news.example.com/latest/
  12. https://news.example.com/2024/05/harbour-wall-repairs-another-year
  13. https://news.example.com/2024/05/harbour-wall-repairs-another-year
  14. https://news.example.com/2024/05/farmers-ask-for-help-wettest-spring
  15. https://news.example.com/2024/04/new-flood-maps-more-homes-at-risk
  16. https://news.example.com/2024/05/river-floods-close-two-bridges?share=twitter
  17. https://news.example.com/2024/05/river-floods-close-two-bridges?share=facebook
  18. https://news.example.com/2024/05/river-floods-close-two-bridges?share=email
  19. https://news.example.com/category/river-flood-warnings-alerts/
  20. https://news.example.com/category/harbour-wall-repair-works/
  21. https://news.example.com/category/local-farming-weather-reports/
"""
    row = _lynx_row(boxes, links)

    assert [(teaser["title"], teaser["link_url"]) for teaser in row["teasers"]] == [
        ("Harbour wall repairs will take another year", "https://news.example.com/2024/05/harbour-wall-repairs-another-year"),
        ("Farmers ask for help after the wettest spring on record",
         "https://news.example.com/2024/05/farmers-ask-for-help-wettest-spring"),
        ("New flood maps show hundreds more homes at risk", "https://news.example.com/2024/04/new-flood-maps-more-homes-at-risk"),
    ]


def test_lynx_line_whose_link_comes_after_its_own_words_is_no_card() -> None:
    """A teaser's title is its link: an item of a list that links only at its end ("… (Bug [9]1664)") is no card."""
    related = """Related posts

     * [6]Harbour wall repairs will take another year
     * [7]Farmers ask for help after the wettest spring on record
     * Fixed the harbour gate that would not close (bug [9]1664)
     * [8]New flood maps show hundreds more homes at risk
"""
    row = _lynx_row(related)

    assert [teaser["title"] for teaser in row["teasers"]] == FLOOD_TITLES


def test_lynx_card_printed_as_image_link_and_title_link_is_one_card() -> None:
    related = """Related posts

     * [6]Harbour wall repairs will take another year
       [6]Harbour wall repairs will take another year
     * [7]Farmers ask for help after the wettest spring on record
       [7]Farmers ask for help after the wettest spring on record
     * [8]New flood maps show hundreds more homes at risk
       [8]New flood maps show hundreds more homes at risk
"""
    row = _lynx_row(related)

    assert [teaser["title"] for teaser in row["teasers"]] == FLOOD_TITLES


def test_lynx_linked_titles_under_their_linked_images_are_a_widget_even_inside_the_body() -> None:
    """"* [6]thumbnail" over "[7]Title", both to one story: the image line is skipped, the titles make a run, and
    where the body ran on over them they leave it."""
    cards = """
   Done with this story? These ones are next:
     * [6]harbour-wall
       [7]Harbour wall repairs will take another year
     * [8]farmers
       [9]Farmers ask for help after the wettest spring on record
     * [10]flood-maps
       [11]New flood maps show hundreds more homes at risk

   Officials warned residents that the river would stay high for the rest of the week and that the
   bridges would reopen only after engineers had checked every pier and bearing again.
"""
    links = "".join(
        f"  {number}. https://news.example.com/2024/05/{slug}\n"
        for number, slug in [(6, "harbour-wall-repairs-another-year"), (7, "harbour-wall-repairs-another-year"),
                             (8, "farmers-ask-for-help-wettest-spring"), (9, "farmers-ask-for-help-wettest-spring"),
                             (10, "new-flood-maps-more-homes-at-risk"), (11, "new-flood-maps-more-homes-at-risk")]
    )
    dump = LYNX_DUMP.split("Related posts")[0] + cards + "\nReferences\n\n" + links

    row = segment_batch([{"page_id": "p", "content_format": "text", "body": dump, "url": None}])[0]

    assert [teaser["title"] for teaser in row["teasers"]] == FLOOD_TITLES
    assert "Harbour wall repairs" not in row["body"] and "Officials warned residents" in row["body"]


def test_bracketed_numbers_stay_when_the_dump_has_no_link_list() -> None:
    dump = LYNX_DUMP.split("References")[0]

    row = segment_batch([{"page_id": "p", "content_format": "text", "body": dump, "url": None}])[0]

    assert "The [9]river authority" in row["body"]
    assert [teaser["link_url"] for teaser in row["teasers"]] == [None, None, None]


SPANISH_DUMP = """Menú
Inicio
Noticias

El puente del puerto será reconstruido el próximo año

El ayuntamiento votó el martes reconstruir el viejo puente del puerto, poniendo fin a un debate de dos años sobre el futuro del cruce.

Los ingenieros dijeron que la estructura había llegado al final de su vida útil segura después de décadas de uso intensivo.

Las obras durarán dieciocho meses y el tráfico se desviará por el puente norte durante ese tiempo, según el plan aprobado.

Artículos relacionados

Nuevo horario de ferris a partir de mayo en todos los muelles
La plaza del mercado reabre tras las largas reparaciones
El nuevo horario empieza el lunes y durará todo el verano en los tres muelles del puerto.
El consejo aprueba el presupuesto para las obras del puerto

Política de privacidad
© 2024 Diario del Puerto
"""


def test_widget_after_the_article_is_found_by_its_shape_in_any_language():
    parts = extract_parts(SPANISH_DUMP)

    assert [card.title for card in parts.teasers] == [
        "Nuevo horario de ferris a partir de mayo en todos los muelles",
        "La plaza del mercado reabre tras las largas reparaciones",
        "El consejo aprueba el presupuesto para las obras del puerto",
    ]
    assert parts.teasers[1].raw_snippet.startswith("El nuevo horario empieza")
    assert {card.widget for card in parts.teasers} == {"Artículos relacionados"}
    assert len(parts.paragraphs) == 3
    assert ("widget_heading", "Artículos relacionados") in [(segment.kind, segment.text) for segment in parts.segments]


def test_short_link_lines_after_the_article_stay_page_chrome():
    dump = SPANISH_DUMP.split("Artículos relacionados")[0] + "Secciones\n\nPolítica\nEconomía\nDeportes y más\nCultura\n"

    parts = extract_parts(dump)

    assert parts.teasers == []


# A browser-rendered dump (innerText): no blank lines between a card's lines; each card carries a byline and a date.
RENDERED_CARDS_DUMP = """Menü
Start

Die Brücke am Hafen wird im nächsten Jahr neu gebaut

Der Stadtrat hat am Dienstag beschlossen, die alte Hafenbrücke neu zu bauen, und damit einen langen Streit beendet.

Die Ingenieure sagten, das Bauwerk habe nach Jahrzehnten starker Nutzung das Ende seiner sicheren Lebensdauer erreicht.

Die Arbeiten dauern achtzehn Monate, der Verkehr wird in dieser Zeit über die Nordbrücke umgeleitet, so der Plan.

Beliebt
Neuer Fahrplan für die Fähren ab Mai an allen Anlegern
Der neue Fahrplan beginnt am Montag und gilt den ganzen Sommer an allen drei Anlegern im Hafen.
Anna Weber
12. Mai 2024
Der Marktplatz öffnet nach langen Reparaturen wieder
Jonas Berg
3 Kommentare
Der Rat billigt das Budget für die Arbeiten am Hafen 14.05.2024
Weiterlesen →

Datenschutz
"""


def test_rendered_widget_cards_carry_furniture_lines_that_are_neither_cards_nor_snippets():
    parts = extract_parts(RENDERED_CARDS_DUMP)

    assert [card.title for card in parts.teasers] == [
        "Neuer Fahrplan für die Fähren ab Mai an allen Anlegern",
        "Der Marktplatz öffnet nach langen Reparaturen wieder",
        "Der Rat billigt das Budget für die Arbeiten am Hafen",
    ]
    assert parts.teasers[0].raw_snippet.startswith("Der neue Fahrplan beginnt")
    assert parts.teasers[1].raw_snippet is None and parts.teasers[2].raw_snippet is None
    assert {card.widget for card in parts.teasers} == {"Beliebt"}
    assert len(parts.paragraphs) == 3


def test_a_widget_heading_ending_a_run_of_menu_lines_still_heads_its_widget():
    dump = (
        SPANISH_DUMP.split("Artículos relacionados")[0]
        + "Archivo\nMeta\nAcceder\nRelated posts\n"
        + "Nuevo horario de ferris a partir de mayo en todos los muelles\n"
        + "La plaza del mercado reabre tras las largas reparaciones\n"
    )

    parts = extract_parts(dump)

    assert [card.title for card in parts.teasers] == [
        "Nuevo horario de ferris a partir de mayo en todos los muelles",
        "La plaza del mercado reabre tras las largas reparaciones",
    ]


def test_a_quantity_list_inside_the_article_is_not_a_widget():
    dump = SPANISH_DUMP.split("Artículos relacionados")[0].replace(
        "Las obras durarán",
        "Materiales\n4 toneladas de acero para las vigas nuevas\n2 grúas grandes en el muelle norte\n"
        "120 metros de barandilla de madera tratada\n3 semanas de pruebas de carga en el puente\n\nLas obras durarán",
    )

    parts = extract_parts(dump)

    assert parts.teasers == []
    assert parts.paragraphs[-1].startswith("Las obras durarán")


def test_calendar_rows_are_not_headlines():
    dump = SPANISH_DUMP.split("Artículos relacionados")[0] + "Agosto 2012\n1\t2\t3\t4\n5\t6\t7\t8\t9\t10\t11\n12\t13\t14\t15\n"

    assert extract_parts(dump).teasers == []


@pytest.mark.parametrize("dateline", ["Oct 24, 2012", "1:39 PM ET", "(Bild: Hersteller)"])
def test_a_dateline_or_photo_credit_between_headline_and_body_is_not_the_title(dateline: str) -> None:
    dump = SPANISH_DUMP.replace(
        "El puente del puerto será reconstruido el próximo año\n",
        f"El puente del puerto será reconstruido el próximo año\n{dateline}\n",
    )

    assert extract_parts(dump).title == "El puente del puerto será reconstruido el próximo año"


def test_unspaced_sentences_under_a_short_line_are_no_widget() -> None:
    dump = SPANISH_DUMP.split("Artículos relacionados")[0] + (
        "手順\n以下、その手順です。\nまずスタートメニューからプログラムを探します。\n"
        "表示されるメニューから設定をクリックします。\n最後に再起動して完了です。\n"
    )

    assert extract_parts(dump).teasers == []


def _wrapped_dump(paragraphs: list[str], width: int = 60, indent: str = "   ") -> str:
    """Paragraphs hard-wrapped as a text browser wraps them (greedy, at `width` columns), blank-line separated."""
    import textwrap

    return "\n\n".join(
        textwrap.fill(paragraph, width=width, initial_indent=indent, subsequent_indent=indent)
        for paragraph in paragraphs
    )


WRAPPED_PARAGRAPHS = [
    "The council voted on Tuesday to close the old harbour bridge to lorries after engineers found cracks in "
    "two of its piers, a decision that will send heavy traffic through the town centre for at least a year.",
    "Traders on the high street said they feared the noise and the fumes would keep shoppers away, while the "
    "council said a new ring road was planned and that the bridge would reopen once the repairs were done.",
    "Engineers will start work in the spring and expect the repairs to take eleven months if the weather holds "
    "and the steel for the new bearings arrives on time from the mill in the north of the country.",
]


def test_hard_wrapped_dump_has_its_width_found_and_its_paragraphs_joined() -> None:
    from ingest.segment.text import unwrapped, wrap_width

    dump = _wrapped_dump(WRAPPED_PARAGRAPHS * 2)
    assert wrap_width(dump.splitlines()) in range(55, 61)
    joined = [line.strip() for line in unwrapped(dump).splitlines() if line.strip()]
    assert joined == WRAPPED_PARAGRAPHS * 2


def test_a_short_line_under_a_wrapped_paragraph_is_not_joined_to_it() -> None:
    from ingest.segment.text import unwrapped

    # The next word would have fitted on the line above, so the line break is the author's, not the wrap's.
    dump = _wrapped_dump(WRAPPED_PARAGRAPHS * 2) + "\n   Related\n     * Bridge closed to lorries for a year\n"
    lines = [line.strip() for line in unwrapped(dump).splitlines() if line.strip()]
    assert lines[-2:] == ["Related", "* Bridge closed to lorries for a year"]


def test_rendered_text_with_long_paragraph_lines_is_not_unwrapped() -> None:
    from ingest.segment.text import unwrapped, wrap_width

    lines = ["Menu", "Home", *WRAPPED_PARAGRAPHS, "Short caption under a photo of the bridge", *WRAPPED_PARAGRAPHS]
    dump = "\n".join(lines)
    assert wrap_width(dump.splitlines()) is None
    assert unwrapped(dump) == dump


def test_dump_title_is_the_headline_the_body_agrees_with_not_the_nearest_short_line() -> None:
    # No <title> in a dump: the byline and the section name sit between the headline and the body; the headline
    # is the line whose words the opening paragraphs repeat, and the page prints it again (comment heading).
    dump = "\n".join([
        "Home", "World", "Sport", "Culture",
        "Harbour bridge closed to lorries after engineers find cracks in its piers",
        "Local news",
        "Anna Weber",
        "",
        WRAPPED_PARAGRAPHS[0],
        "",
        WRAPPED_PARAGRAPHS[1],
        "",
        WRAPPED_PARAGRAPHS[2],
        "",
        "3 responses to “Harbour bridge closed to lorries after engineers find cracks in its piers”",
        "Bob says:",
        "Finally someone noticed the cracks.",
    ])
    parts = extract_parts(dump)
    assert parts.title == "Harbour bridge closed to lorries after engineers find cracks in its piers"
    assert parts.paragraphs[0].startswith("The council voted on Tuesday")
    assert "Anna Weber" not in parts.paragraphs


def test_dump_title_agreement_in_an_unspaced_script() -> None:
    body = ["市議会は火曜日、橋脚にひびが見つかった港の古い橋をトラックが通行できないようにすることを決めた。"
            "技術者によると修理には少なくとも一年かかる見込みで、その間は大型車が町の中心部を通ることになる。"] * 2
    dump = "\n".join(["ホーム", "シェアする", "港の古い橋、ひびでトラック通行止めに", "ツイート", "", body[0], "", body[1]])
    assert extract_parts(dump).title == "港の古い橋、ひびでトラック通行止めに"


def test_a_list_of_titles_ends_where_the_next_sidebar_box_starts() -> None:
    # A recent-posts list of titles alone, then a sidebar box (heading + its blurb) with no blank line between:
    # the box's heading is no teaser, and neither are the lines of the boxes after it.
    dump = "\n".join([
        "Harbour bridge closed to lorries after engineers find cracks",
        "",
        *WRAPPED_PARAGRAPHS,
        "",
        "Recent Posts",
        "Harbour wall repairs will take another year",
        "Farmers ask for help after the wettest spring on record",
        "New flood maps show hundreds more homes at risk",
        "Ferry timetable changes for the winter season",
        "Follow Blog via Email",
        "Enter your email address to follow this blog and receive notifications of new posts by email.",
        "Join 14 other followers",
        "Blogroll",
        "Harbour Watch",
    ])
    titles = [card.title for card in extract_parts(dump).teasers]
    assert titles == [
        "Harbour wall repairs will take another year",
        "Farmers ask for help after the wettest spring on record",
        "New flood maps show hundreds more homes at risk",
        "Ferry timetable changes for the winter season",
    ]


def test_bulleted_one_to_three_word_items_under_a_widget_are_navigation_not_cards() -> None:
    dump = "\n".join([
        "Harbour bridge closed to lorries after engineers find cracks",
        "",
        *WRAPPED_PARAGRAPHS,
        "",
        "Related",
        "   * Harbour wall repairs will take another year",
        "   * Farmers ask for help after the wettest spring on record",
        "   * Code of Ethics",
        "   * Terms and Conditions",
        "   * Work for us",
        "   * New flood maps show hundreds more homes at risk",
    ])
    parts = extract_parts(dump)
    assert [card.title for card in parts.teasers] == [
        "Harbour wall repairs will take another year",
        "Farmers ask for help after the wettest spring on record",
        "New flood maps show hundreds more homes at risk",
    ]
    assert {"* Code of Ethics", "* Work for us"} <= {segment.text for segment in parts.segments}


def test_a_rail_of_headlines_above_the_article_is_a_widget_and_a_menu_there_is_not() -> None:
    rail = [
        "Harbour wall repairs will take another year",
        "Farmers ask for help after the wettest spring on record",
        "New flood maps show hundreds more homes at risk",
        "Ferry timetable changes for the winter season begin",
        "School roof fund doubled after the autumn storms",
        "Night buses return to the coast road from Monday",
    ]
    dump = "\n".join([
        "Home", "News", "Sport", "", "Latest", *rail, "",
        "Harbour bridge closed to lorries after engineers find cracks", "", *WRAPPED_PARAGRAPHS,
    ])
    parts = extract_parts(dump)
    assert [card.title for card in parts.teasers] == rail
    assert parts.title == "Harbour bridge closed to lorries after engineers find cracks"
    assert parts.paragraphs == WRAPPED_PARAGRAPHS
    # Fewer headlines above the article are not told from a menu or a site's promos by shape alone.
    assert extract_parts(dump.replace("\n".join(rail[3:]) + "\n", "")).teasers == []


def test_nested_menu_items_head_no_widget_and_image_file_names_leave_the_text() -> None:
    # lynx prints nested menus with "*", "+" and "o" bullets and an image without alt text by its file name.
    menu = "\n".join([
        "     * Shows",
        "          + Morning Joe",
        "               o Hardball with Chris Matthews tonight",
        "               o PoliticsNation with Al Sharpton live",
        "               o All In with Chris Hayes and guests",
        "",
        "Related posts",
    ])
    dump = LYNX_DUMP.replace("[IMG] Engineers", "[arrow.gif] Engineers").replace("Related posts", menu)

    row = segment_batch([{"page_id": "p", "content_format": "text", "body": dump, "url": None}])[0]

    assert [teaser["widget"] for teaser in row["teasers"]] == ["Related posts"] * 3
    assert "arrow.gif" not in row["body"] and "Engineers have been working" in row["body"]


def test_a_menu_line_that_starts_like_a_widget_heading_heads_no_widget() -> None:
    # "More about badges | Request a badge" matches the "More about …" heading words, but its separators make it a
    # menu line; the badge descriptions under it are no teasers.
    dump = "\n".join([
        "Harbour bridge closed to lorries after engineers find cracks", "", *WRAPPED_PARAGRAPHS, "",
        "More about badges | Request a badge", "",
        "Culture Connoisseur Badge", "",
        "Culture Connoisseurs consistently offer thoughtful, timely comments on the arts and entertainment.", "",
        "Fact Checker Badge", "",
        "Fact Checkers contribute questions, information and corrections to the stories they comment on.", "",
    ])
    assert extract_parts(dump).teasers == []


def _tail_dump(*tail: str) -> str:
    headline = "Harbour bridge closed to lorries after engineers find cracks"
    return "\n".join([headline, "", *WRAPPED_PARAGRAPHS, "", *tail])


def test_a_widget_section_ends_at_page_furniture_that_no_card_carries() -> None:
    # "Filed under: …" is page furniture, not a card's date or byline: the subscribe box after it is no widget's.
    dump = _tail_dump(
        "Related Posts:",
        "Harbour wall repairs will take another year",
        "Farmers ask for help after the wettest spring on record",
        "New flood maps show hundreds more homes at risk",
        "Filed under: Harbour News",
        "Subscribe to Harbour Watch",
        "Get Harbour Watch Updates in Your Reader",
        "Follow Harbour Watch on Twitter",
    )
    titles = [card.title for card in extract_parts(dump).teasers]
    assert titles == [
        "Harbour wall repairs will take another year",
        "Farmers ask for help after the wettest spring on record",
        "New flood maps show hundreds more homes at risk",
    ]


def test_cards_with_snippets_end_at_a_card_of_another_shape() -> None:
    # Three cards with a snippet and a date set the widget's shape; a heading with a one-line blurb and no date
    # (a newsletter box) and a list of names after it are not cards.
    cards = []
    for title, snippet in [
        ("Harbour wall repairs will take another year", "The council said the work on the sea wall will go on into "
         "next summer, since the storms of the winter damaged the new stones…"),
        ("Farmers ask for help after the wettest spring", "Fields near the coast have been under water since March "
         "and the farmers say they will lose most of this year's crops."),
        ("New flood maps show more homes at risk", "The agency published maps that add hundreds of streets in the "
         "lower town to the areas at risk of a flood once in a century."),
    ]:
        cards += [title, "", snippet, "", "12 May 2024"]
    dump = _tail_dump(
        "You might also like", *cards,
        "Love the harbour newsletter?", "Get our weekly letter and help us keep the harbour news free.",
        "Harbour Watch Centre for Studies", "Harbour Watch Media Institute", "Harbour Watch Forum Members",
    )
    parts = extract_parts(dump)
    assert [card.title for card in parts.teasers] == [title for title in cards[::5]]
    assert all(card.raw_snippet for card in parts.teasers)
    assert "Harbour Watch Forum Members" in {segment.text for segment in parts.segments}


def test_one_or_two_word_lines_end_a_widget_unless_they_sit_inside_its_list_of_titles() -> None:
    dump = _tail_dump(
        "Popular Posts",
        "Harbour wall repairs will take another year",
        "Ferry Review",  # two words between titles: a card of the list
        "Farmers ask for help after the wettest spring on record",
        "New flood maps show hundreds more homes at risk",
        "Login",
        "Forgot your password?",
        "Subscribe now to read every story",
    )
    assert [card.title for card in extract_parts(dump).teasers] == [
        "Harbour wall repairs will take another year",
        "Ferry Review",
        "Farmers ask for help after the wettest spring on record",
        "New flood maps show hundreds more homes at risk",
    ]


def test_a_tail_every_card_of_a_widget_carries_after_its_title_is_furniture() -> None:
    dump = _tail_dump(
        "Popular",
        "Harbour wall repairs will take another year 104 comments",
        "Farmers ask for help after the wettest spring 79 comments",
        "New flood maps show more homes at risk 3 comments",
        "Ferry timetable changes for Issue 85",
    )
    assert [card.title for card in extract_parts(dump).teasers] == [
        "Harbour wall repairs will take another year",
        "Farmers ask for help after the wettest spring",
        "New flood maps show more homes at risk",
        "Ferry timetable changes for Issue 85",  # its own figure, no tail the others share
    ]


def test_a_list_of_names_after_the_article_is_no_widget_but_ranked_headlines_are() -> None:
    names = ["Harbour Watch Centre for Studies", "Harbour Watch Media Institute", "Harbour Watch Film Festival",
             "Harbour Watch Forum for Members"]
    assert extract_parts(_tail_dump("Harbour Watch Network", *names)).teasers == []
    ranked = ["Harbour wall repairs will take another year", "Farmers ask for help after the wettest spring",
              "New flood maps show more homes at risk"]
    ranked_lines = [line for rank, title in enumerate(ranked, 1) for line in (f"* {rank}", title)]
    dump = _tail_dump("Most Read World", *ranked_lines)
    assert [card.title for card in extract_parts(dump).teasers] == ranked


def test_a_text_browser_dump_keeps_only_cards_whose_links_may_go_to_stories_of_its_site() -> None:
    # The list runs on into partner links (another site) and a section other links of the page go below.
    dump = LYNX_DUMP.replace(
        "     * [8]New flood maps show hundreds more homes at risk\n",
        "     * [8]New flood maps show hundreds more homes at risk\n"
        "     * [10]Read the River Times for our partner coverage\n"
        "     * [11]All the latest from our weather desk today\n",
    ) + "  10. https://rivertimes.example.org/\n  11. https://news.example.com/weather/\n"
    dump = dump.replace(
        "   5. https://news.example.com/weather\n", "   5. https://news.example.com/weather/today/rain-warning\n"
    )
    row = segment_batch([{"page_id": "p", "content_format": "text", "body": dump, "url": None}])[0]
    assert [teaser["title"] for teaser in row["teasers"]] == FLOOD_TITLES


def test_an_inline_widget_whose_cards_carry_a_byline_and_a_date_is_still_inline() -> None:
    """"Recommended" between two article paragraphs with three cards of title, author and date: the furniture lines
    do not count as links, so the widget is inline, its titles are teasers and the article goes on."""
    paragraphs = list(WRAPPED_PARAGRAPHS)
    cards = [
        ("Harbour wall repairs will take another year", "Mark Byrnes", "Jul 17, 2014"),
        ("Farmers ask for help after the wettest spring", "Tanvi Misra", "Mar 9, 2018"),
        ("New flood maps show more homes at risk", "Linda Poon", "Aug 23, 2017"),
    ]
    inline = ["Recommended", *(line for card in cards for line in card)]
    later = [
        "The engineers will report again in the spring, when the water has gone down and the piers can be seen.",
        "Until then the bridge stays closed to lorries, and buses will take the long way round through the town.",
    ]
    dump = "\n".join(["Harbour bridge closed to lorries after engineers find cracks", "", *paragraphs, "", *inline, "",
                      *later])

    parts = extract_parts(dump)

    assert [card.title for card in parts.teasers] == [title for title, _, _ in cards]
    assert parts.paragraphs[-2:] == later
    assert not {"Mark Byrnes", "Jul 17, 2014"} & set(parts.paragraphs)


def test_a_widget_heading_over_a_kicker_in_a_run_of_short_lines_heads_its_widget() -> None:
    """A rendered page has no blank line between "Expand Comments +", the heading and the first card's kicker: the
    run of short lines is no menu when a headline follows the heading past a kicker; the cards' bylines and dates,
    short lines too, are their furniture."""
    cards = []
    for kicker, title, author, date in [
        ("Transportation", "Harbour wall repairs will take another year", "Laura Bliss", "Apr 29, 2019"),
        ("Environment", "Farmers ask for help after the wettest spring", "John Metcalfe", "Oct 20, 2015"),
        ("Solutions", "New flood maps show more homes at risk", "Matt Simon", "Apr 26, 2019"),
    ]:
        cards += [kicker, title, f"The story of {title.lower()}, told by the people who live with it every day.",
                  author, date]
    dump = _tail_dump("Expand Comments +", "Most Popular", *cards)

    parts = extract_parts(dump)

    assert [card.title for card in parts.teasers] == [
        "Harbour wall repairs will take another year",
        "Farmers ask for help after the wettest spring",
        "New flood maps show more homes at risk",
    ]
    boilerplate = [segment.text for segment in parts.segments if segment.kind == "boilerplate"]
    assert "Laura Bliss" in boilerplate and len(boilerplate) == len(set(boilerplate))  # each line given out once


def test_a_mega_menu_whose_longer_entries_read_as_headlines_is_no_widget() -> None:
    """Product names of four words or more between many one-to-three-word entries: more short labels than
    headlines, or names that start alike, make a menu or a catalogue, not a teaser widget."""
    menu = ["Tablets", "Pad 300", "Pad Infinity", "Nook", "Nook HD", "Eee Pad MeMO 3D", "Eee Pad MeMO ME171",
            "Eee Pad MeMO ME370T", "Slider", "Flyer", "Hero", "Eee Pad Transformer Prime", "Dream", "Magic"]
    assert extract_parts(_tail_dump(*menu)).teasers == []
    catalogue = ["Phones", "Galaxy S Blaze 4G", "Galaxy S II Mini", "Galaxy S II Skyrocket", "Nexus",
                 "Galaxy S Relay 4G"]
    assert extract_parts(_tail_dump(*catalogue)).teasers == []


def test_a_box_heading_over_cards_that_all_have_snippets_is_no_card() -> None:
    """Under "More stories" a box's own heading ("Other Opinion Columns") stands over cards that all carry a
    snippet: a line without one before them is that heading, not a card."""
    cards = []
    for title in ("Harbour wall repairs will take another year", "Farmers ask for help after the wettest spring",
                  "New flood maps show more homes at risk", "Ferry timetable changes for the summer"):
        cards += [title, f"The story of {title.lower()}, told by the people who live with it every day."]
    parts = extract_parts(_tail_dump("More stories", "Other Opinion Columns", *cards))

    assert [card.title for card in parts.teasers] == cards[::2]


def test_comment_heads_and_recent_comments_are_no_cards() -> None:
    """A comment's head ("Anna Weber · March 10, 2017 at 1:26 AM") is no title once its date is off, and
    "Recent Comments" lists comments ("Anna on <post title>"), not teasers; "Next article <title>" is navigation."""
    comment = "The harbour wall has needed this work for years and I am glad the council finally agreed to it."
    parts = extract_parts(_tail_dump(
        "Related Posts", "Harbour wall repairs will take another year", comment,
        "Farmers ask for help after the wettest spring", comment, "New flood maps show more homes at risk", comment,
        "Anna Weber · March 10, 2017 at 1:26 AM", comment,
    ))
    assert [card.title for card in parts.teasers] == [
        "Harbour wall repairs will take another year", "Farmers ask for help after the wettest spring",
        "New flood maps show more homes at risk",
    ]
    parts = extract_parts(_tail_dump(
        "Next article These Weeks in the Harbour: Issue 86", "", "Recent Comments",
        "Anna Weber on These Weeks in the Harbour: Issue 85", "Jonas Berg on These Weeks in the Harbour: Issue 84",
        "Mark Byrnes on These Weeks in the Harbour: Issue 83",
    ))
    assert parts.teasers == []


def test_a_list_of_titles_after_the_comments_is_a_widget_but_a_list_of_categories_is_not() -> None:
    """innerText has no blank line to end the comments before the sidebar: a short heading over five or more
    titles alone is a widget there, while the comments stay comments; categories with their counts ("(12)") and
    table rows are no headlines."""
    titles = ["Harbour wall repairs will take another year", "Farmers ask for help after the wettest spring",
              "New flood maps show more homes at risk", "Ferry timetable changes for the coming summer",
              "Market square reopens after the long repairs"]
    comment = "The harbour wall has needed this work for years and I am glad the council finally agreed to it."
    parts = extract_parts(_tail_dump("2 Comments", "Anna says:", comment, "", "Popular", "Latest", *titles))
    assert [card.title for card in parts.teasers] == titles
    assert [segment.text for segment in parts.segments if segment.kind == "comment"] == [f"Anna says:\n{comment}"]

    categories = [f"{title} ({count})" for count, title in enumerate(titles, 3)]
    assert extract_parts(_tail_dump("2 Comments", "Anna says:", comment, "", "Categories", *categories)).teasers == []


def test_dump_title_is_the_headline_over_its_dek_not_the_dek() -> None:
    """A dek right under the headline repeats the article's words more than the headline does; the shorter line
    right above it that the page agrees with too is the headline."""
    dek = "Engineers found cracks in two piers of the old harbour bridge, and heavy traffic must now go through the town"
    dump = "\n".join(["Home", "World", "Sport", "Harbour bridge closed to lorries", dek, "Anna Weber", "",
                      *WRAPPED_PARAGRAPHS])
    parts = extract_parts(dump)
    assert parts.title == "Harbour bridge closed to lorries"
    assert parts.paragraphs[-1] == WRAPPED_PARAGRAPHS[-1]


def test_cards_that_each_repeat_a_show_name_and_a_play_mark_are_a_widget_not_a_menu() -> None:
    """A label every card repeats ("The Cycle") and a mark ("▶") are card furniture: they count once, not as the
    many short entries of a menu."""
    titles = ["Students pay the price in partisan standoff", "Obama meeting with advisors on the ouster",
              "Engel on the debate about the word coup", "Next steps for government after the ousting"]
    lines = [line for title in titles for line in ("▶", title, "The Cycle")]
    assert [card.title for card in extract_parts(_tail_dump("Latest Videos", *lines)).teasers] == titles


def test_a_long_list_of_headlines_with_only_an_author_box_after_it_ends_the_article() -> None:
    """The body's last sentences may be an author box under the widgets: a list of five or more headlines alone
    under a heading, with less prose after it than a run of the article, is a widget, and the article ends above
    it; a short list inside the article, with the article going on after it, stays the article's."""
    titles = ["Harbour wall repairs will take another year", "Farmers ask for help after the wettest spring",
              "New flood maps show more homes at risk", "Ferry timetable changes for the coming summer",
              "Market square reopens after the long repairs"]
    dump = "\n".join(["Harbour bridge closed to lorries after engineers find cracks", "", *WRAPPED_PARAGRAPHS, "",
                      "Weitere Artikel", *titles, "", "Anna Weber schreibt über die Stadt.", "Sie lebt am Hafen."])
    parts = extract_parts(dump)
    assert [card.title for card in parts.teasers] == titles
    assert parts.paragraphs == WRAPPED_PARAGRAPHS


def test_a_tag_line_without_a_colon_is_boilerplate_but_a_sentence_starting_alike_is_not() -> None:
    from ingest.segment.text import BOILERPLATE

    assert BOILERPLATE.fullmatch("Tagged jobs, stack overflow")
    assert BOILERPLATE.fullmatch("Tagged // appetizer, brunch, carrot, noodles")
    assert not BOILERPLATE.fullmatch("Tagged as a suspect early on, he was released by the police on Monday.")
