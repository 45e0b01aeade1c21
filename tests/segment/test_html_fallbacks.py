"""Pages our main extractor alone gets wrong: markup fragments without <html>, and extractions that are all menus."""

from __future__ import annotations

import pytest

from ingest.segment import segment_batch
from ingest.segment.html import parse_html
from ingest.segment.wceb import load_page

_SENTENCE = "The council voted on Tuesday to keep the old library open for at least another two years."


def _body(html: str) -> str:
    row = segment_batch([{"page_id": "p", "content_format": "html", "body": html, "url": None}])[0]
    assert row["error"] is None
    return row["body"] or ""


def test_a_wrapped_markup_fragment_is_read_as_a_page():
    # a dataset's or scraper's stored page body: no <html>, no head, a wrapper element first
    fragment = '<text id="http://example.org/a" encoding="unset">\n<div><h2>Library stays</h2>' + "".join(
        f"<p>{_SENTENCE} Paragraph {i} adds its own detail about the budget.</p>" for i in range(4)
    ) + "</div>"
    assert parse_html(fragment) is not None
    assert _SENTENCE in _body(fragment)


@pytest.mark.parametrize("text", ["just a line of plain text, no markup at all", "<b>one</b> tag only"])
def test_text_without_block_markup_is_still_not_a_page(text):
    assert parse_html(text) is None


# (dataset, page id, a sentence of the article): real pages whose main extraction was a menu or a score table
# (tuning half of WCEB; see docs/benchmarks.md), now checked against readability/justext as trafilatura does.
REAL_PAGES = [
    ("l3s-gn1", "f49c5334-d529-4c79-bdc9-8d127af1d3f3", "Michael Owen will be handed the Newcastle captain's armband"),
    ("dragnet", "R574", "we've enjoyed a whole suite of entertainment services"),
    ("cleaneval", "final-326", "The care of all the different species of trees is essentially the same."),
]


@pytest.mark.parametrize(("dataset", "page_id", "sentence"), REAL_PAGES)
def test_a_menu_extraction_is_replaced_by_the_article(shared_dir, dataset, page_id, sentence):
    html = load_page(shared_dir / "corpora" / "wceb" / dataset, page_id)
    assert sentence in _body(html)


# Real pages (tuning half of WCEB) where trafilatura's own comparison with readability finds the article that the
# main extractor missed: a short part of a long page, and a table layout whose menu cells came along.
def test_a_much_longer_readability_article_replaces_a_short_extraction(shared_dir):
    html = load_page(shared_dir / "corpora" / "wceb" / "cleaneval", "final-756")
    assert "The best is to look directly at someone's brow chakra" in _body(html)


def test_a_table_layout_extraction_is_replaced_without_its_menu_cells(shared_dir):
    html = load_page(shared_dir / "corpora" / "wceb" / "l3s-gn1", "d6b20c9f-8611-42fd-a6b3-bc90d70e7f8a")
    body = _body(html)
    assert "The sophisticated yet small MESSENGER probe prepares to fly by the hemisphere" in body
    assert "Other News in Science" not in body
    assert "E-mail To A Friend" not in body


def _article(paragraphs: int) -> str:
    return "".join(f"<p>{_SENTENCE} Paragraph {i} adds its own detail about the budget.</p>" for i in range(paragraphs))


def test_readability_is_not_asked_when_the_extraction_is_most_of_the_page():
    from lxml.etree import Element, SubElement

    from ingest.segment.html_main_text import _may_have_missed_article, _PageLength

    page = parse_html(f"<html><body><nav><a href='/'>Home</a></nav><article>{_article(6)}</article></body></html>")
    body = Element("body")
    for index in range(6):
        SubElement(body, "p").text = f"{_SENTENCE} Paragraph {index} adds its own detail about the budget."
    text = " ".join(body.itertext())
    assert not _may_have_missed_article(body, text, _PageLength(page))
    # the same extraction on a page holding six times its text: readability might find five times as much
    longer = parse_html(f"<html><body><article>{_article(36)}</article></body></html>")
    assert _may_have_missed_article(body, text, _PageLength(longer))


def test_a_widget_holding_most_of_the_page_stays_for_the_main_extractor():
    from ingest.segment.html import _beside_the_content

    page = parse_html(
        f"<html><body><div id='entries'>{_article(16)}</div><div id='related'>{_article(2)}</div>"
        f"<div id='comments'>{_article(4)}</div></body></html>"
    )
    entries, related, comments = (page.get_element_by_id(name) for name in ("entries", "related", "comments"))
    # the entries are more than half of the page: the content itself; a comment thread always leaves, whatever its size
    assert _beside_the_content(page, [entries, related, comments], {comments}) == [related, comments]
    # a comment thread bigger than the rest of the page still leaves
    thread = parse_html(f"<html><body><div id='post'>{_article(2)}</div><div id='thread'>{_article(9)}</div></body></html>")
    assert _beside_the_content(thread, [thread.get_element_by_id("thread")], {thread.get_element_by_id("thread")}) == [
        thread.get_element_by_id("thread")
    ]


def test_a_real_archive_page_keeps_its_entries(shared_dir):
    # a "Recent Articles" heading over the page's own entries read as a widget of cards around the article
    html = load_page(shared_dir / "corpora" / "wceb" / "cleaneval", "final-228")
    assert "King Camera has just completed" in _body(html)


def test_collapsed_article_text_behind_a_read_more_toggle_is_kept():
    rest = "".join(f"<p>The rest of the story, part {i}, explains how the library budget was saved in the end.</p>" for i in range(3))
    html = (
        f"<html><body><div class='article-body'>{_article(3)}<a href='#'>Continue reading</a>"
        f"<div class='toggle-group hideOnInit'>{rest}</div>"
        "<div style='display:none'><p>Share</p><p>Close this dialog</p></div></div></body></html>"
    )
    body = _body(html)
    assert "The rest of the story, part 2, explains" in body
    assert "Close this dialog" not in body


def test_a_statistics_table_is_article_and_a_layout_table_is_not():
    from lxml.etree import Element, SubElement

    from ingest.segment.html_main_text import _is_table_layout

    def body_with(rows: int, columns: int, tables: int) -> Element:
        body = Element("body")
        SubElement(body, "p").text = _SENTENCE
        for _ in range(tables):
            table = SubElement(body, "table")
            for _ in range(rows):
                row = SubElement(table, "row")
                for column in range(columns):
                    SubElement(row, "cell").text = f"cell {column}"
        return body

    assert not _is_table_layout(body_with(rows=8, columns=5, tables=3))  # a score sheet under one paragraph
    assert not _is_table_layout(body_with(rows=8, columns=2, tables=3))  # key-value facts (nutrients and amounts)
    assert _is_table_layout(body_with(rows=2, columns=1, tables=3))  # menu and header cells of a table layout
    assert not _is_table_layout(body_with(rows=2, columns=1, tables=1))  # as many tables as paragraphs


def test_a_layout_grid_is_no_data_table_for_its_spacer_cells_or_its_paragraphs():
    from lxml.etree import Element, SubElement

    from ingest.segment.html_main_text import _is_data_table

    def table(rows: list[list[str]]) -> Element:
        element = Element("table")
        for cells in rows:
            row = SubElement(element, "row")
            for text in cells:
                SubElement(row, "cell").text = text
        return element

    # rows four cells wide, one of them with text: the grid's spacers around a menu or the article
    assert not _is_data_table(table([["Home", "", "", ""], [_SENTENCE, "", "", ""], ["", "", "", ""], ["Contact", "", "", ""]]))
    # two cells a row, but the second holds the page's paragraphs (an icon or date column beside the text)
    assert not _is_data_table(table([["12 May", _SENTENCE]] * 4))
    # a few rows of values among many of prose: the header rows of a layout
    assert not _is_data_table(table([["Date", "Title"]] * 3 + [["12 May", _SENTENCE]] * 6))
    assert _is_data_table(table([["Calories", "550"], ["Total Fat", "29 g"], ["Sodium", "970 mg"], ["Sugars", "9 g"]]))


def test_hard_wrapped_source_lines_are_one_paragraph_and_survive_the_repeat_checks():
    # A hand-written page wraps its text in the source; a browser shows each block as one paragraph. Read line by
    # line, a wrapped line that repeats a sentence of an earlier paragraph was cut as a pull quote.
    first = ("The river authority said on Tuesday that water levels had risen faster than at any time since records "
             "began. Two bridges were closed and several farms near the old mill were evacuated.")
    wrapped = ("Engineers worked through the night to reinforce the levees\n"
               "      before the next storm. Two bridges were closed and several farms\n"
               "      near the old mill were evacuated.")
    code = "<pre><code>for level in readings:\n    print(level)</code></pre>"
    html = (
        "<html><body><article><h1>Floods</h1>"
        f"<div>\n      {first}\n    </div><h2>Levees</h2><div>\n      {wrapped}\n    </div>{code}</article></body></html>"
    )
    paragraphs = _body(html).split("\n\n")

    assert first in paragraphs
    assert " ".join(wrapped.split()) in paragraphs
    # Code keeps its lines, in one paragraph.
    assert "for level in readings:\nprint(level)" in paragraphs


def test_sections_under_linked_headings_are_no_listing_cards(shared_dir):
    # A handbook chapter whose sections are list items under linked headings: "cards" of several paragraphs each.
    html = load_page(shared_dir / "corpora" / "wceb" / "cleaneval", "final-770")
    assert "Many people like animals. But, as pet owners can attest" in _body(html)


def test_a_short_extraction_of_a_long_page_is_checked_against_justext(shared_dir):
    # A memorial page: the main extractor reads the table layout's intro cells; the guestbook in a marquee, most of
    # the page and all of its ground truth, is found by justext, which trafilatura's default mode runs beside the
    # recall retry.
    html = load_page(shared_dir / "corpora" / "wceb" / "cleaneval", "dev-34")
    assert "I loved her from the day she was born, my beautiful grand-daughter" in _body(html)


def test_running_text_after_headings_outside_paragraphs_is_kept(shared_dir):
    # An old hand-written page: "<h2>The Concept</h2>Text...<p>Text...", the text after each heading in no element.
    body = _body(load_page(shared_dir / "corpora" / "wceb" / "cleaneval", "final-452"))
    assert "Time traveler's chess is played exactly like standard chess except that chessmen can travel" in body
    assert "In time traveler's chess, there is only one world, and time travel is always continuous." in body


def test_an_extraction_inside_a_layout_table_is_compared_with_readability(shared_dir):
    # A policy manual set in the cells of a layout table: the main extractor takes the grid's first cells, menu
    # and header; readability reads the whole text.
    body = _body(load_page(shared_dir / "corpora" / "wceb" / "cleaneval", "final-779"))
    assert "Dependent Term Life: Group term life insurance equal to $5,000" in body


def test_a_recall_retry_that_takes_in_a_consent_vendor_list_is_refused(shared_dir):
    # A lyrics page: the retry for recall, on a page with a consent dialog's list of ad vendors, returns ten times
    # the text, all of it short lines of vendor names and addresses.
    body = _body(load_page(shared_dir / "corpora" / "wceb" / "google-trends-2017", "gt_153"))
    assert "I don't dance now, I make money move" in body
    assert "privacy-policy" not in body


def test_a_recall_retry_of_a_layout_grid_does_not_displace_readability_s_article(shared_dir):
    # A news page in a table layout: readability's article replaces the grid's cells; the page is short beside the
    # rest of the page, so the retry for recall runs, reads the whole grid again (menu cells, blog links, the
    # footer) and, 1.5 times longer, used to replace the article. Now it is compared with readability first, as
    # trafilatura's retry is.
    body = _body(load_page(shared_dir / "corpora" / "wceb" / "l3s-gn1", "5079a96d-ee69-4238-9a9e-41c6c0532ae1"))
    assert "Oregon running back Jonathan Stewart will pass up his senior season" in body
    assert "Eyewitness News Blogs" not in body
    assert "Text Size" not in body


def test_a_layout_grid_with_spacer_cells_is_compared_with_readability(shared_dir):
    # Rows four cells wide with one cell of text each made the page's grid a "data table", so the extraction (menu
    # and header cells, market box, footer) was never compared with readability's article.
    body = _body(load_page(shared_dir / "corpora" / "wceb" / "l3s-gn1", "18a04371-9d3c-4f66-b69c-bb2f4ac0520e"))
    assert "Lukla Airport, the gateway to the world's highest peak Mt. Everest" in body
    assert "Make ET your home page" not in body


def test_a_widget_that_holds_the_headline_is_the_article_container():
    from ingest.segment.html import _beside_the_content

    page = parse_html(
        "<html><body><div id='article'><h1>Library stays open</h1>" + _article(3)
        + "<ul><li><a href='/a'>Source: the council</a></li><li><a href='/b'>Comments RSS</a></li></ul></div>"
        "<div id='related'><h2>Related</h2>" + _article(2) + "</div></body></html>"
    )
    article, related = page.get_element_by_id("article"), page.get_element_by_id("related")
    assert _beside_the_content(page, [article, related], set(), "Library stays open") == [related]
    # another page's headline, or no title: the finder's verdict stands
    assert _beside_the_content(page, [article, related], set(), "Budget vote delayed") == [article, related]
    assert _beside_the_content(page, [article, related], set(), None) == [article, related]


def test_a_real_article_container_taken_for_a_widget_is_read(shared_dir):
    # A games-news article whose container also holds a source link and a comments feed, read as cards.
    body = _body(load_page(shared_dir / "corpora" / "wceb" / "l3s-gn1", "693c707d-eeab-4486-97d0-2f3d286d1a0e"))
    assert "The highly respected publication has awarded the top score of 40/40" in body


def test_a_code_block_is_one_paragraph_and_keeps_its_repeated_lines():
    # Command output repeats lines ("updating to branch default"); read line by line, each line was a paragraph and
    # the clean-up cut the second copy of every long one as a repeated paragraph.
    output = "0 files updated, 0 files merged, 0 files removed, 0 files unresolved"
    code = f"$ hg clone public test-repo\nupdating to branch default\n{output}\n$ hg clone test-repo dev-repo\n{output}"
    html = (
        f"<html><body><article><h1>Sharing</h1><p>{_SENTENCE}</p><pre><code>{code}</code></pre>"
        "<p>Then run <code>hg pull</code> in the second copy, and both repositories hold the same changesets.</p>"
        "</article></body></html>"
    )
    paragraphs = _body(html).split("\n\n")
    assert paragraphs[1] == code
    assert paragraphs[2] == "Then run hg pull in the second copy, and both repositories hold the same changesets."


def test_repeated_lines_of_a_real_code_listing_are_kept(shared_dir):
    # The Mercurial evolve guide: each example's shell session prints the same status line.
    body = _body(load_page(shared_dir / "corpora" / "wceb" / "readability", "mercurial"))
    assert body.count("0 files updated, 0 files merged, 0 files removed, 0 files unresolved") == 2  # as printed
