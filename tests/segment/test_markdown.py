"""Segmentation of Markdown captures: front matter, title, body clean-up and widgets found by structure."""

from ingest.segment import segment_batch
from ingest.segment.markdown import blocks_of, extract_parts, find_widgets, inline_text

BLOGGER = """---
title: Counting Birds on a Windy Ridge
url: https://ridgebirds.blogspot.com/2024/05/counting-birds.html
source: Ridge Birds
date: 2024-05-02
fetch_date: 2024-06-01T10:11:12.5
---

# Counting Birds on a Windy Ridge

[Skip to main content](#main)

### Search This Blog

# [Ridge Birds](https://ridgebirds.blogspot.com/)

Notes from a weekend birder.

### Counting Birds on a Windy Ridge

* Get link
* Facebook
* X
* Email
* Other Apps

[May 02, 2024](https://ridgebirds.blogspot.com/2024/05/counting-birds.html "permanent link")

We walked up to the ridge before dawn and counted every raptor that passed over the [old quarry](https://example.org/quarry) in the first three hours.

[![](https://img.example/ridge.jpg)](https://img.example/ridge-large.jpg)

The wind came from the west all morning, which pushed the buzzards low along the slope where we could see them well.

By noon we had counted forty-one buzzards, six kestrels and a single **peregrine falcon** that stooped at a pigeon.

[birds](https://ridgebirds.blogspot.com/search/label/birds)

* Get link
* Facebook
* X
* Email
* Other Apps

### Comments

[Post a Comment](https://www.blogger.com/comment/fullpage/post/1/2)

### Beliebte Posts aus diesem Blog

### [Winter Ducks at the Reservoir](https://ridgebirds.blogspot.com/2023/01/winter-ducks.html)

[January 12, 2023](https://ridgebirds.blogspot.com/2023/01/winter-ducks.html "permanent link")

[![Image](https://img.example/ducks.jpg)](https://ridgebirds.blogspot.com/2023/01/winter-ducks.html)

Winter Ducks at the Reservoir. The reservoir froze at the edges in January and the ducks crowded into the open water near the dam, where we counted nine species in an hour and...

[Read more](https://ridgebirds.blogspot.com/2023/01/winter-ducks.html "Winter Ducks at the Reservoir")

### [A Year of Garden Feeders](https://ridgebirds.blogspot.com/2022/12/garden-feeders.html)

[December 30, 2022](https://ridgebirds.blogspot.com/2022/12/garden-feeders.html "permanent link")

Twelve months of notes from two feeders in a small town garden, with the sparrows winning every month.

[Read more](https://ridgebirds.blogspot.com/2022/12/garden-feeders.html "A Year of Garden Feeders")

[Powered by Blogger](https://www.blogger.com)
"""


def test_blogger_capture_title_body_and_teasers():
    row = segment_batch([{"page_id": "b", "content_format": "markdown", "body": BLOGGER, "url": None}])[0]
    assert row["error"] is None
    assert row["title"] == "Counting Birds on a Windy Ridge"
    assert row["published_at"] == "2024-05-02"
    assert row["canonical_url"] == "https://ridgebirds.blogspot.com/2024/05/counting-birds.html"
    body = row["body"]
    assert body.startswith("We walked up to the ridge before dawn")
    assert "old quarry in the first three hours" in body  # link reduced to its text
    assert "peregrine falcon that stooped" in body  # emphasis markup dropped
    for furniture in ("Skip to main content", "Facebook", "Get link", "](", "![", "**", "Read more", "Powered by"):
        assert furniture not in body
    teasers = row["teasers"]
    assert [teaser["title"] for teaser in teasers] == ["Winter Ducks at the Reservoir", "A Year of Garden Feeders"]
    assert [teaser["link_url"] for teaser in teasers] == [
        "https://ridgebirds.blogspot.com/2023/01/winter-ducks.html",
        "https://ridgebirds.blogspot.com/2022/12/garden-feeders.html",
    ]
    assert teasers[0]["widget"] == "Beliebte Posts aus diesem Blog"  # found by structure, not by its words
    assert teasers[0]["has_title_echo"] and teasers[0]["snippet"].startswith("The reservoir froze")
    assert teasers[0]["is_truncated"] and not teasers[1]["is_truncated"]
    for teaser in teasers:
        assert "2023" not in teaser["snippet"] and "Read more" not in teaser["snippet"]
    assert {"kind": "widget_heading", "position": 1, "text": "Beliebte Posts aus diesem Blog"}["text"] in [
        segment["text"] for segment in row["segments"] if segment["kind"] == "widget_heading"
    ]


WORDPRESS_LINK_LIST = """# Notes

Une longue phrase d'article qui raconte la sortie du club au bord du lac, avec assez de mots pour compter.

Une deuxième phrase d'article qui continue le récit de la journée au bord du lac, elle aussi assez longue.

**À lire aussi**

* [Le club organise une nouvelle sortie au printemps](https://club.example/sortie-printemps)
* [Comment choisir ses jumelles pour observer les oiseaux](https://club.example/jumelles)
* [Retour sur la fête annuelle du club et ses nouveaux membres](https://club.example/fete)
"""


def test_link_list_widget_in_any_language_without_title_in_front_matter():
    parts = extract_parts(WORDPRESS_LINK_LIST)
    assert parts.title == "Notes"  # no front matter: the first heading
    assert [card.title for card in parts.teasers] == [
        "Le club organise une nouvelle sortie au printemps",
        "Comment choisir ses jumelles pour observer les oiseaux",
        "Retour sur la fête annuelle du club et ses nouveaux membres",
    ]
    assert parts.teasers[1].link_url == "https://club.example/jumelles"
    assert all(card.widget == "À lire aussi" for card in parts.teasers)
    assert not any("jumelles" in paragraph for paragraph in parts.paragraphs)


def test_article_sections_with_links_are_not_a_widget():
    markdown = """# Guide

## First step

Read [the manual](https://a.example/manual) before you start, it explains the basics in a few pages of text.

## Second step

Then open the box and take out every part, checking them one by one against the list on the last page.

Keep the screws in a cup so that none of them rolls away while you work on the frame.
"""
    assert find_widgets(blocks_of(markdown)) == []
    parts = extract_parts(markdown)
    assert parts.teasers == []
    assert any("the manual before you start" in paragraph for paragraph in parts.paragraphs)


def test_unlinked_heading_cards_need_furniture():
    with_dates = """### Popular elsewhere

### First story title here

-

October 02, 2023

A snippet of the first story that runs for a sentence or two.

### Second story title here

-

August 31, 2026

A snippet of the second story that runs for a sentence or two.
"""
    assert [card.title for card in extract_parts(with_dates).teasers] == [
        "First story title here",
        "Second story title here",
    ]
    without_dates = "\n".join(line for line in with_dates.splitlines() if not line.startswith(("-", "Oct", "Aug")))
    assert extract_parts(without_dates).teasers == []


def test_inline_syntax_reduced_to_text():
    assert inline_text("See [the *docs*](https://x.example/a_(b) \"t\") and ![logo](l.png) `code` \\*") == (
        "See the docs and code *"
    )
    assert inline_text("[![img](a.png)](https://x.example)") == ""
    assert inline_text("<https://x.example/p> and <b>bold</b>") == "https://x.example/p and bold"


def test_broken_front_matter_is_ignored_not_fatal():
    markdown = "---\ntitle: [unclosed\nurl: https://x.example/p\n---\n\n# Real Heading Title\n\nSome article text that is long enough to count as a sentence of prose.\n"
    row = segment_batch([{"page_id": "x", "content_format": "markdown", "body": markdown, "url": None}])[0]
    assert row["error"] is None
    assert row["title"] == "Real Heading Title"
    assert row["canonical_url"] is None
    assert "unclosed" not in (row["body"] or "")


def test_wrapped_list_item_of_several_links_is_several_cards_and_toml_front_matter():
    markdown = """+++
title = "Waves"
upstream_url = "https://g.example/waves/"
+++
Some article text that goes on for a while so that it reads like a real paragraph of prose here.

### Related Posts:

- [Fisher's Wave of Advance & Hybrid
  Zones](https://g.example/a/) - [The Neandertal Genome &
  Us](https://g.example/b/) - [Culture and wave of
  advance](https://g.example/c/)
"""
    parts = extract_parts(markdown)
    assert parts.title == "Waves" and parts.canonical_url == "https://g.example/waves/"
    assert [(card.title, card.link_url) for card in parts.teasers] == [
        ("Fisher's Wave of Advance & Hybrid Zones", "https://g.example/a/"),
        ("The Neandertal Genome & Us", "https://g.example/b/"),
        ("Culture and wave of advance", "https://g.example/c/"),
    ]


def test_text_after_a_bare_link_list_is_not_a_snippet():
    markdown = """## Related posts

- [How we automated runner updates with a bot](https://d.example/a)
- [Faster builds with remote caches today](https://d.example/b)
- [Comparing two kinds of runners for faster builds](https://d.example/c)

Billy Batista

Software Engineer at Depot
"""
    parts = extract_parts(markdown)
    assert [card.raw_snippet for card in parts.teasers] == [None, None, None]


def test_pathological_brackets_do_not_break_the_page():
    # Link patterns have bounded repeats: before, this line took about 15 s (quadratic), now well under 1 s.
    row = segment_batch([{"page_id": "p", "content_format": "markdown", "body": "[" * 20000 + "](" * 20000, "url": None}])[0]
    assert row["error"] is None and row["teasers"] == []


STORY_PARAGRAPHS = "\n\n".join(
    f"Paragraph {n} of the report explains how the harbour authority plans to rebuild the old sea wall, which storms "
    "damaged twice last winter, and what the works will cost the town." for n in range(1, 5)
)


def test_link_structure_tells_a_widget_of_stories_from_a_blogroll_and_a_network_of_other_sites() -> None:
    markdown = f"""# Harbour wall to be rebuilt

{STORY_PARAGRAPHS}

## Related stories

* [Harbour wall repairs will take another year](https://harbour.example/2024/05/harbour-wall-repairs-another-year)
* [Farmers ask for help after the wettest spring](https://harbour.example/news/farmers-ask-for-help-wet-spring)
* [New flood maps show more homes at risk](https://news.harbour.example/article/88213)

## My Blog List

* [The Coastal Kitchen Diaries Blog](https://coastal-kitchen.example/)
* [Notes from a Windy Garden Plot](https://windy-garden.example/blog/)
* [A Year of Walking the Long Coast Path](https://walking.example/)

## Our Network

* [Harbour Watch Centre for Studies](https://studies.harbourwatch.example/en/)
* [Harbour Watch Media Institute Courses](https://training.harbourwatch.example/)
* [Harbour Watch Film Festival Programme](https://festival.harbourwatch.example/)
"""
    parts = extract_parts(markdown, url="https://harbour.example/2024/06/harbour-wall-rebuilt")
    assert [card.title for card in parts.teasers] == [
        "Harbour wall repairs will take another year",
        "Farmers ask for help after the wettest spring",
        "New flood maps show more homes at risk",
    ]


def test_a_link_to_a_section_is_no_story() -> None:
    from ingest.segment.markdown import section_paths
    from ingest.segment.story_links import links_a_story, names_a_story

    markdown = "[Sport](/sport/) [Cup final](/sport/football/cup-final-report-extra-time) [Tennis](/sport/tennis/)"
    sections = section_paths(markdown, "harbour.example")
    assert not links_a_story("/sport/", "harbour.example", sections)
    assert not links_a_story("https://other.example/a-long-story-slug", "harbour.example", sections)
    assert not links_a_story("https://harbour.example/", "harbour.example", sections)
    assert links_a_story("/sport/tennis/", "harbour.example", sections)  # a short path no other link goes below
    assert not names_a_story("/sport/tennis/", "harbour.example")
    assert names_a_story("/sport/football/cup-final-report-extra-time", "harbour.example")
    assert names_a_story("https://www.harbour.example/index.php?p=4521", "harbour.example")
    assert names_a_story("/archives/2217", "harbour.example") and not names_a_story("/archives/2019", "harbour.example")


ARTICLE = """# Der Markt am Samstag

Der Wochenmarkt zieht am Samstag wieder viele Besucher an, die frisches Gemüse und Brot kaufen wollen.

Die Händler kommen aus dem ganzen Umland und stehen schon früh am Morgen mit ihren Ständen bereit.
"""


def test_sidebar_box_heading_inside_a_list_item_heads_its_widget():
    markdown = ARTICLE + """
  * ## Neueste Beiträge

    * [Ein neuer Spielplatz für den Stadtpark](https://blog.example/2024/05/spielplatz-stadtpark/)
    * [Die Bibliothek öffnet am Sonntag](https://blog.example/2024/05/bibliothek-sonntag/)
    * [Was der Gemeinderat im Mai beschlossen hat](https://blog.example/2024/05/gemeinderat-mai/)
"""
    parts = extract_parts(markdown)
    assert [card.widget for card in parts.teasers] == ["Neueste Beiträge"] * 3
    assert parts.teasers[0].title == "Ein neuer Spielplatz für den Stadtpark"


def test_card_written_as_one_link_gives_title_snippet_and_furniture_apart():
    markdown = ARTICLE + """
### Lo último

  * [ ![Un puente nuevo para el barrio norte](https://n.example/i/1.jpg) **Un puente nuevo para el barrio norte** Las obras empezarán en verano y durarán casi dos años, según el ayuntamiento.](/noticias/12345/puente-barrio-norte)
  * [ ![Cierra la última librería del centro](https://n.example/i/2.jpg) **Cierra la última librería del centro** La dueña se jubila después de cuarenta años detrás del mostrador.](/noticias/12346/cierra-libreria)

### Más leídas

  1. [ 1 ![](https://n.example/i/t1.jpg) El tiempo del fin de semana trae lluvias ](/noticias/12347/tiempo-fin-de-semana)
  2. [ 2 ![](https://n.example/i/t2.jpg) 10 planes para los días de fiesta ](/noticias/12348/planes-fiesta)
  3. [ 3 ![](https://n.example/i/t3.jpg) Vuelve el tranvía a la avenida principal ](/noticias/12351/tranvia)

### Comentadas

  * [La feria del libro vuelve a la plaza mayor](/noticias/12349/feria-libro) _hace 2 días_
  * [El mercado de abastos cumple cien años](/noticias/12350/mercado-abastos) _hace 3 días_
"""
    cards = {card.title: card for card in extract_parts(markdown).teasers}
    assert list(cards) == [
        "Un puente nuevo para el barrio norte",
        "Cierra la última librería del centro",
        "El tiempo del fin de semana trae lluvias",
        "10 planes para los días de fiesta",  # the rank before the image goes, the title's own number stays
        "Vuelve el tranvía a la avenida principal",
        "La feria del libro vuelve a la plaza mayor",
        "El mercado de abastos cumple cien años",
    ]
    assert cards["Un puente nuevo para el barrio norte"].raw_snippet.startswith("Las obras empezarán")
    assert cards["La feria del libro vuelve a la plaza mayor"].raw_snippet is None


def test_a_count_after_a_link_is_no_card_furniture():
    markdown = ARTICLE + """
### Categorías

  * [Chiappa](https://g.example/category/chiappa/) (59)
  * [Colt](https://g.example/category/colt/) (87)
  * [Glock](https://g.example/category/glock/) (12)
"""
    assert extract_parts(markdown).teasers == []


def test_table_cells_bylines_and_unspaced_titles_make_cards():
    markdown = ARTICLE + """
関連記事

  * [![](https://n.example/i/1.jpg)](https://n.example/en-121106.html) | [ クリップボード拡張ソフトが公開されていたのでバージョンアップしてみた](https://n.example/en-121106.html)
---|---
  * [![](https://n.example/i/2.jpg)](https://n.example/en-130522.html) | [ 記事更新にライブライターを試してみる](https://n.example/en-130522.html)
---|---
  * [![](https://n.example/i/3.jpg)](https://n.example/en-120823.html) | [ 新しいパソコンにインストールしたら認証できなかった問題](https://n.example/en-120823.html)
---|---

Online eXtra
---
![](/images/dot.gif)
| [Bringing democracy to the island: chocolate and perks](/article/view/10361/)
by W. T. Whitney Jr., 12/22/06 13:57
![](/images/dot.gif)
| [Treatment of workers in meatpacking plants violates their rights](/article/view/10322/)
by Local 881 UFCW, 12/15/06 12:34
"""
    assert [card.title for card in extract_parts(markdown).teasers] == [
        "クリップボード拡張ソフトが公開されていたのでバージョンアップしてみた",
        "記事更新にライブライターを試してみる",
        "新しいパソコンにインストールしたら認証できなかった問題",
        "Bringing democracy to the island: chocolate and perks",
        "Treatment of workers in meatpacking plants violates their rights",
    ]


def test_bulleted_menus_and_share_buttons_are_no_widgets():
    markdown = ARTICLE + """
Connect
---
![](/images/dot.gif)
| [Subscribe Today](/subscribe/)
![](/images/dot.gif)
| [Support Us](/support/)
![](/images/dot.gif)
| [Contact the Editors](/contact/)

### Share this:

  * [Click to share on Twitter (Opens in new window)](https://blog.example/2024/05/der-markt/?share=twitter)
  * [Click to share on Facebook (Opens in new window)](https://blog.example/2024/05/der-markt/?share=facebook)
  * [Click to email this to a friend (Opens in new window)](https://blog.example/2024/05/der-markt/?share=email)
"""
    assert extract_parts(markdown, "https://blog.example/2024/05/der-markt/").teasers == []


def test_heading_linked_to_its_section_heads_a_widget_and_widgets_stay_out_of_the_body():
    markdown = ARTICLE + """
Am Nachmittag spielt eine Kapelle auf dem Platz vor dem Rathaus, und die Kinder dürfen auf das Karussell.

### [Wirtschaft](https://news.example/wirtschaft/)

  * [Die Preise für Brot steigen im Herbst wieder](https://news.example/wirtschaft/2024/brotpreise-herbst)
  * [Neue Halle für den Großmarkt am Hafen](https://news.example/wirtschaft/2024/grossmarkt-hafen)
  * [Bauern klagen über den trockenen Sommer](https://news.example/wirtschaft/2024/trockener-sommer)

Kommentare geben die Meinung der Leser wieder und nicht die der Redaktion, die sie nicht prüft.
"""
    parts = extract_parts(markdown, "https://news.example/lokales/2024/markt-samstag")
    assert [card.widget for card in parts.teasers] == ["Wirtschaft"] * 3
    assert not any("Brot steigen" in paragraph or paragraph == "Wirtschaft" for paragraph in parts.paragraphs)
    assert any("Kapelle" in paragraph for paragraph in parts.paragraphs)


def test_cards_without_a_heading_need_story_links_and_headline_titles():
    cards = """
Done with this post? You might also like these ones, picked for you by our editors:

  * [![thumb](https://blog.example/i/1.jpg)](https://blog.example/2012/10/23/royal-revolt-medieval-warfare/)

[Royal Revolt is the prettiest medieval warfare game](https://blog.example/2012/10/23/royal-revolt-medieval-warfare/)

  * [![thumb](https://blog.example/i/2.jpg)](https://blog.example/2011/11/14/defender-tower-defense/)

[Defender brings an active role to tower defense](https://blog.example/2011/11/14/defender-tower-defense/)

  * [![thumb](https://blog.example/i/3.jpg)](https://blog.example/2012/03/05/epic-defense-magical-twist/)

[Epic Defense is a magical twist on the genre](https://blog.example/2012/03/05/epic-defense-magical-twist/)
"""
    parts = extract_parts(ARTICLE + cards, "https://blog.example/2012/11/13/der-markt/")
    assert [card.title for card in parts.teasers] == [
        "Royal Revolt is the prettiest medieval warfare game",
        "Defender brings an active role to tower defense",
        "Epic Defense is a magical twist on the genre",
    ]
    sections = """
  * [News and politics today](https://blog.example/topics/news/)
  * [Apps and games reviewed](https://blog.example/topics/apps-games/)
  * [Tips and tutorials for all](https://blog.example/topics/tips/)
"""
    assert extract_parts(ARTICLE + sections, "https://blog.example/2012/11/13/der-markt/").teasers == []


def test_kicker_before_a_linked_title_is_not_the_title():
    markdown = ARTICLE + """
## Other Opinion Columns

####  **Editorial** [Fraser’s lasting legacy](/news/opinion/frasers-lasting-legacy/story-1227272078989)

A prime minister controversially installed, soundly elected and re-elected, a relentless reformer.

####  **Ikea challenge** [Good for some, but I’m not buying it](/news/opinion/ikea-challenge/story-1227271234567)

Flat-pack furniture tests the patience of even the calmest couples, our columnist finds.
"""
    assert [card.title for card in extract_parts(markdown).teasers] == [
        "Fraser’s lasting legacy",
        "Good for some, but I’m not buying it",
    ]


def test_headline_is_not_the_site_name_heading_linked_home():
    blog = """# [Cool Cat Blog](http://coolcat.example/)

## Monday, November 05, 2012

### Teach this: lesson plans and ideas that rock

The lesson plans this week come from teachers in three countries, and each of them was tried in a real class.

Every plan has a short list of materials and a few questions for the end of the lesson, so you can start tomorrow.
"""
    assert extract_parts(blog).title == "Teach this: lesson plans and ideas that rock"
    recipe = blog.replace("# [Cool Cat Blog](http://coolcat.example/)", "# [Noodlecakes](/recipes/noodlecakes/)")
    assert extract_parts(recipe).title == "Noodlecakes"  # a headline linked to its own page is the headline


def test_a_list_of_links_with_short_items_between_the_long_ones_is_a_menu():
    markdown = ARTICLE + """
  * #### More

    * [Register for Free](https://id.news.example/access/509b1a086458232f6e000002/register.html)
    * [Reprints](http://www.reprints.example/?mod=footer)
    * [Content Partnerships](http://news.example/partner/?mod=footer)
    * [Conferences](http://news.example/conferences?mod=footer)
"""
    assert extract_parts(markdown, "https://news.example/2024/05/der-markt-12345").teasers == []


def test_two_cards_with_linked_thumbnails_are_a_widget():
    markdown = ARTICLE + """
### Other People Are Reading

  * [![](https://www.example.com/i/a.jpg)](https://www.example.com/how-to_2092281_plant-terrarium-ideas.html)
  * [Plant Terrarium Ideas](https://www.example.com/how-to_2092281_plant-terrarium-ideas.html)
  * [![](https://www.example.com/i/b.jpg)](https://www.example.com/how-to_5178349_build-terrarium-succulent-plants.html)
  * [How to Build a Terrarium With Succulent Plants](https://www.example.com/how-to_5178349_build-terrarium-succulent-plants.html)
"""
    assert [card.title for card in extract_parts(markdown).teasers] == [
        "Plant Terrarium Ideas",
        "How to Build a Terrarium With Succulent Plants",
    ]
