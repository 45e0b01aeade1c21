"""Non-article parts of a parsed HTML page: teaser widgets, reader comments and boilerplate samples."""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import islice
from urllib.parse import urljoin, urlsplit

from lxml.etree import XPath, tostring

from ingest.segment.html_metadata import normalize_space
from ingest.segment.html_scan import PageIndex
from ingest.segment.parts import Segment, TeaserCard
from ingest.segment.truncation import without_more_prompt

TEASER_HEADING_RE = re.compile(
    r"^\W*(?:popular|related|recent|recommended|trending|most (?:read|popular|viewed|shared)|read next|up next"
    r"|you (?:may|might) (?:also )?(?:like|enjoy)|more (?:from|on|in|stories|articles|posts|news|like this)"
    r"|also (?:on|read)|further reading|see also|top (?:stories|posts|articles)|editor'?s picks|latest (?:posts|news|stories))",
    re.IGNORECASE,
)
# Known widget markup: (PageIndex list, card-title xpath, snippet xpath, heading xpath), xpaths widget-relative.
KNOWN_WIDGETS = [
    (
        "popular_posts",
        ".//*[contains(@class,'item-title')]//a",
        ".//*[contains(@class,'item-snippet')]",
        ".//h2 | .//h3",
    ),
    (
        "jetpack_related",
        ".//*[contains(@class,'jp-relatedposts-post-title')]//a",
        ".//*[contains(@class,'jp-relatedposts-post-excerpt')]",
        ".//*[contains(@class,'jp-relatedposts-headline')]",
    ),
    (
        "related_posts",
        ".//*[contains(@class,'title')]//a | .//a[contains(@class,'title')] | .//h3//a | .//h4//a",
        ".//*[contains(@class,'excerpt') or contains(@class,'snippet') or contains(@class,'summary')]",
        ".//h2 | .//h3[not(.//a)] | .//h4[not(.//a)] | .//*[contains(@class,'headline')][not(.//a)]",
    ),
]
_KNOWN_WIDGETS = [(name, *(XPath(expression) for expression in xpaths)) for name, *xpaths in KNOWN_WIDGETS]
# libxml2 tests a predicate on every element ".//*[contains(@class,'x')]" at about twice the cost of stepping to the
# class attributes and back to their elements, ".//*/@class[contains(.,'x')]/..", which selects the same elements.
_SNIPPET = XPath(".//*/@class[contains(.,'excerpt') or contains(.,'snippet') or contains(.,'summary')"
                 " or contains(.,'desc') or contains(.,'blurb')]/.. | .//p")
# Card furniture set in elements of its own inside a snippet: dates, bylines, comment counts, tags, buttons.
FURNITURE_TAGS = {"time", "button"}
FURNITURE_CLASS_RE = re.compile(
    r"(?:^|[\s_-])(?:\w*date|\w*time|\w*meta|byline|author|comments?|\w*more|read\w*|tags?|categor\w*|share\w*)(?:$|[\s_-])"
)
MORE_LINK_MAX_WORDS = 4
# A snippet has a few words; a short line with a date in it is a dateline.
SNIPPET_MIN_WORDS = 4
DATE_LINE_MAX_WORDS = 8
DATE_RE = re.compile(r"\b\d{4}\b|\b\d{1,2}[./-]\d{1,2}[./-]\d{2,4}\b|\b\d{1,2}:\d{2}\b")
# Inside a card that is one big link: the element holding the headline, by tag or by a class token.
_HEADING_TAGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_TITLE_CLASS_TOKEN_RE = re.compile(r"(?:^|[-_])(?:title|headline|hed|ttl|titel|titre|titulo|titolo)$")
# Block elements inside a link end a piece of its text: a kicker in a div before the headline is a piece of its own.
PIECE_BREAK_TAGS = frozenset({"div", "p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "figure",
                              "figcaption", "header", "footer", "section", "article", "table", "tr", "td", "dl", "dt",
                              "dd", "blockquote"})
# Text for screen readers only: a copy of what the card shows.
_SCREEN_READER_RE = re.compile(r"screen-reader|sr-only|visually-hidden|visuallyhidden|a11y")
_LINKS = XPath(".//a[@href]")
# Plain strings: the hosts of a page's links are counted without an element for each.
_LINK_HREFS = XPath(".//a/@href", smart_strings=False)
# Links inside a heading, or holding one. Written as a union of name steps, which libxml2 runs faster than a test
# of every element's name: ".//*[self::h1 or self::h2 or self::h3 or self::h4]//a[@href]
# | .//a[@href][.//h1 or .//h2 or .//h3 or .//h4]".
_HEADLINE_LINK = XPath(
    "(.//h1 | .//h2 | .//h3 | .//h4)//a[@href]"
    " | .//a[@href][descendant::h1 or descendant::h2 or descendant::h3 or descendant::h4]"
)
_HEADLINE_LINK_HEADINGS = ("h1", "h2", "h3", "h4")


def _headline_links(element) -> list:
    """_HEADLINE_LINK(element); most elements (menu items, paragraphs, cards without a heading) hold no heading, and
    are settled without the XPath."""
    if next(element.iterdescendants(_HEADLINE_LINK_HEADINGS), None) is None:
        return []
    return _HEADLINE_LINK(element)
# Cards of a listing: most members of the repeated group must each link a story.
LISTING_CARD_SHARE = 0.75
_COMMENT_BODIES = XPath(  # the attribute form, as _SNIPPET
    ".//*/@class[contains(.,'comment-content') or contains(.,'comment-body') or contains(.,'comment-text')"
    " or contains(.,'comment-block')]/.."
)
_WITHOUT_DIGITS = str.maketrans("", "", "0123456789")
_WORD_CHARACTER_RE = re.compile(r"[^\W_]")
_PUNCTUATION_TOKEN_RE = re.compile(r"(?<!\S)[^\w\s]+(?!\S)")
_UNSPACED_CHARACTER_RE = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
_SKIP_LINK_RE = re.compile(r"^skip (?:to|navigation)", re.IGNORECASE)
CHROME_TAGS = {"nav", "header", "footer"}
# Class tokens of a menu's own box (whole tokens: "menu-item" is an entry of a menu, "widget_nav_menu" a sidebar box
# that may hold story links).
MENU_CLASS_TOKENS = frozenset({"menu", "submenu", "sub-menu", "dropdown", "dropdown-menu", "mega-menu", "megamenu",
                               "navbar", "nav", "navigation"})
MIN_CARDS = 3
# A story card is small and shows one story: a headline link of several words, maybe a picture, a snippet and
# furniture (date, byline, category, comment count).
MAX_CARD_CHARS = 700
CARD_HEADLINE_MIN_WORDS = 2
# Elements cards are made of (paragraphs, spans and table cells are text, not cards).
CARD_TAGS = {"li", "div", "article", "section", "a", "h2", "h3", "h4", "h5", "tr", "dd", "figure", "aside"}
_CARD_TAG_NAMES = tuple(sorted(CARD_TAGS))
# Headlines are sentences of several words; menus, tag clouds and section links are a word or two.
GROUP_HEADLINE_MIN_WORDS = 4
# Short post titles (a sidebar list) are read as headlines when their links have the addresses of stories.
SHORT_HEADLINE_MIN_WORDS = 2
STORY_DATE_PATH_RE = re.compile(
    r"/(?:19|20)\d\d/(?:0?[1-9]|1[0-2]|[a-z]{3})/(?:(?:0?[1-9]|[12]\d|3[01])/)?[^/?#]", re.IGNORECASE)
STORY_ID_MIN_DIGITS = 5
STORY_ID_RE = re.compile(r"(?:^|[/_.=-])\d{%d,}(?=$|[/_.-])" % STORY_ID_MIN_DIGITS)
STORY_SLUG_MIN_WORDS = 4
SLUG_SEPARATOR_RE = re.compile(r"[-_+]|%20")
_LINK_WORD_RE = re.compile(r"[^\W\d_]+")
# Without a snippet element of its own, the headline is most of the card: a link inside running text is prose.
CARD_HEADLINE_MIN_SHARE = 0.5
# Share of their container's text the cards of a group found by shape alone must make up.
CARDS_MIN_SHARE = 0.8
MAX_PAGE_SHARE = 0.5
# A paragraph this long after a group of links means the article goes on below it.
PROSE_MIN_CHARS = 100
# A heading over a group of cards is a short line of its own.
MAX_HEADING_CHARS = 80
# The heading is looked for before the group, this many levels up.
HEADING_LOOKUP_LEVELS = 3
MAX_WIDGET_CHARS = 8000
# A heading that names readers' comments ("Recent comments", "Neueste Kommentare"); "Most commented" names stories.
COMMENTS_HEADING_RE = re.compile(
    r"\b(?:comments?|kommentare?|comentarios?|commentaires?|commenti|coment[aá]rios|komment[aá]ře|kommentarer|reacties"
    r"|talkback|комментарии|коментари|コメント|댓글|评论|留言)(?!\w)",
    re.IGNORECASE,
)
# A line of the story that links other stories behind a short lead-in: "Lire aussi : <link>".
INLINE_BOX_MAX_LINKS = 3
INLINE_LINE_TAGS = {"p", "h4", "h5", "h6", "li", "div"}
INLINE_BLOCK_TAGS = {"p", "div", "ul", "ol", "table", "section", "article", "aside"}
# Text pieces ending in a colon are filed by the page scan; the reader passes over those of the scope element itself
# and of scripts and styles.
_NOT_TEXT_TAGS = ("script", "style")
# Levels between a link and its line: <p><strong><a>, <p><span><em><a>.
INLINE_LINK_MAX_DEPTH = 3
INLINE_BOX_MAX_CHARS = 400
INLINE_LEAD_IN_MAX_WORDS = 4
INLINE_HEADLINE_MIN_WORDS = 3
INLINE_LINK_SHARE = 0.8
# Boxes called related that hold no stories: tags, searches, categories, topics, products.
NOT_STORIES_MARKER_RE = re.compile(r"tag|search|categor|topic|keyword|product|shop|video-related|comment")
# Headlines of a related box are a few words each on average (a topic link is one or two).
MARKED_HEADLINE_MIN_WORDS = 3
# Paths of the site's listings and forums, not of stories: a path segment naming one (in the URL conventions of
# blog, CMS, wiki ("Category:Islands") and forum software, whatever the page's language; an ad's page is none
# either), or a date alone (a year's, month's or day's archive).
LISTING_PATH_RE = re.compile(
    r"(?:^|/)(?:tags?|category|categories|label|labels|search|topics?|forums?|threads?|showthread\.php|ads|adverts?"
    r"|viewtopic\.php|forumdisplay\.php)(?:[/?.#:]|$)",
    re.IGNORECASE,
)
ARCHIVE_PATH_RE = re.compile(
    r"(?:^|/)(?:(?:19|20)\d\d(?:/\d{1,2}){0,2}/?(?:index\.\w+|page/\d+/?)?|\d{4}_\d{2}(?:_\d{2})?_archive\.html)"
    r"(?:[?#].*)?$"
)
FILE_PATH_RE = re.compile(r"\.(?:pdf|docx?|xlsx?|pptx?|zip|jpe?g|png|gif|mp3|mp4)(?:[?#].*)?$", re.IGNORECASE)
# A link text that is a month and a year, or a year alone: an entry of a blog's archive ("July 2012", "2019").
ARCHIVE_ANCHOR_RE = re.compile(r"^(?:[^\W\d_]{3,12}\.?,?\s+)?\d{4}$")
# Arrows around a link text: post navigation or pagination ("« Older post", "Next »").
NAVIGATION_ARROWS = ("«", "»", "‹", "›", "←", "→", "<", ">")
# A rank or a count set before a headline: "1- ", "2. ", "3) ", "#4 ", "(134551)".
RANK_PREFIX_RE = re.compile(r"(?:#?\d{1,3}\s*(?:[.:](?!\d)|[)\-–—])|\(\d+\)|#\d{1,3})\s*(?=\S)")
# Arrows that are also quotation marks, as pairs (French and Russian « », German » «).
QUOTE_PAIRS = (("«", "»"), ("‹", "›"))
# An archive or category entry: a name and the number of posts under it, "Travel (12)", "2019 [4]".
ENTRY_COUNT_RE = re.compile(r"[(\[]\s*\d+\s*[)\]]$")
COUNTED_HEADLINE_MIN_WORDS = 6
# A price: a currency sign or code beside a number ("$19.99", "19,99 €", "¥1,200", "R$ 10", "1 200 руб").
PRICE_RE = re.compile(
    r"(?:[$€£¥₹₽₩₺₫₴]|\b(?:R\$|US\$|USD|EUR|GBP|CHF|JPY|INR|Rs\.?)\s?)\s?\d"
    r"|\d(?:[\d.,\s]*\d)?\s?(?:[€£¥₹₽₩₺₫₴]|\b(?:EUR|USD|GBP|CHF|zł|Kč|kr|руб|лв|Ft|lei)\b)"
)
# Share of a group's cards that show a price, beyond which it is a shop's product list.
PRODUCT_CARD_SHARE = 0.5
MIN_WIDGET_SHARE = 0.5
MAX_BOILERPLATE_SAMPLES = 3


@dataclass(slots=True)
class PageWidgets:
    """Everything found outside the article, plus the elements to drop before main-text extraction."""

    teasers: list[TeaserCard] = field(default_factory=list)
    segments: list[Segment] = field(default_factory=list)
    remove: list = field(default_factory=list)


# While one pass reads an unchanging tree, the texts it has serialised, by element: the widget passes read the same
# cards, links and containers several times over.
_page_texts: ContextVar[dict | None] = ContextVar("_page_texts", default=None)


def _text(element) -> str:
    texts = _page_texts.get()
    if texts is None:
        return _serialised_text(element)
    text = texts.get(element)
    if text is None:
        text = texts[element] = _serialised_text(element)
    return text


@contextmanager
def _texts_remembered():
    """Within the block, `_text` serialises each element once: the tree must not change inside it."""
    token = _page_texts.set({})
    try:
        yield
    finally:
        _page_texts.reset(token)


def _serialised_text(element) -> str:
    # The same string as element.text_content(), which is XPath string(): both take libxml2's node content
    # (every text descendant, in order). The text serialisation skips setting up an XPath evaluation, which
    # is a third of the call on a heading.
    return normalize_space(tostring(element, method="text", encoding=str, with_tail=False))


def word_count(text: str) -> int:
    """Words separated by spaces, a token of punctuation alone ("-", "»", "|") not counted; in scripts written
    without spaces (Chinese, Japanese), two characters a word."""
    spaced = len(text.split()) - len(_PUNCTUATION_TOKEN_RE.findall(text))
    return spaced + len(_UNSPACED_CHARACTER_RE.findall(text)) // 2


def _has_words(text: str, words: int) -> bool:
    """word_count(text) >= words, without the searches when the spaced tokens are too few or plainly enough."""
    tokens = len(text.split())
    if tokens >= words and _PUNCTUATION_TOKEN_RE.search(text) is None:
        return True
    return word_count(text) >= words


def _is_in_chrome(element) -> bool:
    """True inside site navigation or the site's header: menus (a nav element or role, or an element whose class
    names it a menu: a dropdown mega-menu that embeds story promos) and mastheads. The site's footer is not: story
    cards sit there too (a "recent posts" column), and its link lists (about, contact, privacy) do not read as
    headlines. A header inside an article is the article's own (its headline and byline)."""
    in_article = False
    for node in (*reversed(list(element.iterancestors())), element):
        tag = node.tag
        if tag == "article":
            in_article = True
        elif tag == "nav" or node.get("role") in ("navigation", "banner") or tag == "header" and not in_article:
            return True
        elif _names_a_menu(node.get("class")):
            return True
    return False


@lru_cache(maxsize=4096)
def _names_a_menu(classes: str | None) -> bool:
    return bool(classes) and not MENU_CLASS_TOKENS.isdisjoint(classes.lower().split())


def _is_menu(element) -> bool:
    """Site navigation (a nav element or role), where story-like links are menu entries."""
    return element.tag == "nav" or element.get("role") == "navigation"


def _signature(element) -> tuple[str, str]:
    """Tag and first class token, numbers left out: cards are often numbered ("toi-801", "post-2")."""
    return element.tag, _first_class_token(element.get("class"))


@lru_cache(maxsize=4096)
def _first_class_token(classes: str | None) -> str:
    # Pages repeat their class attributes: each distinct one is split once.
    tokens = (classes or "").split()
    return tokens[0].translate(_WITHOUT_DIGITS) if tokens else ""


def _same_shaped_children(container, tags=("*",)) -> list[list]:
    """The element children of `container` (those with one of `tags`) grouped by tag and first class, each group in
    document order."""
    groups: dict[tuple[str, str], list] = {}
    for child in container.iterchildren(*tags):
        key = (child.tag, _first_class_token(child.get("class")))
        group = groups.get(key)
        if group is None:  # not setdefault: that builds a list for every child
            groups[key] = [child]
        else:
            group.append(child)
    return list(groups.values())


def _card_group(container) -> list:
    """The largest group (>= MIN_CARDS) of same-shaped children of `container` that each hold a link."""
    best = max(_same_shaped_children(container), key=len, default=[])
    if len(best) < MIN_CARDS:
        return []
    if all(child.tag == "a" and child.get("href") or _LINKS(child) for child in best):
        return best
    return []


def _find_cards(scope, taken: set = frozenset()) -> list:
    """The first repeated card list under `scope`, in document order (the scope itself included), outside the
    widgets already `taken`: a heading whose scope holds a widget read before must not read its cards again."""
    for element in scope.iter():
        if isinstance(element.tag, str) and len(element) >= MIN_CARDS:
            cards = _card_group(element)
            if cards and (not taken or element not in taken and taken.isdisjoint(element.iterancestors())):
                return cards
    return []


def _card(card, title_xpath, snippet_xpath, base_url: str | None, widget: str | None) -> TeaserCard | None:
    """One teaser card: its headline link, and a snippet when the card shows one."""
    title_links = title_xpath(card) if title_xpath is not None else []
    # A link in (or holding) a heading is the headline, even when a snippet linked to the story is longer.
    links = title_links or ([card] if card.tag == "a" else (_headline_links(card) or _LINKS(card)))
    titled = [(link, _text(link)) for link in links]
    titled = [(link, text) for link, text in titled if text]
    if not titled:
        return None
    link, title = max(titled, key=lambda pair: len(pair[1])) if not title_links else titled[0]
    # When the markup names another link to the same story the title, the longer one is the card's snippet.
    linked_snippet = None
    if not title_links and link is not card:
        longest = title
        link, title = _titled_twin(link, title, titled, card)
        linked_snippet = longest if title != longest else None
    pieces: list[str] = []
    if not title_links:
        headline = _headline_in_link(link)
        if headline is None and (link.text or "").strip() and _holds_furniture(link):
            # The headline is the link's own text, furniture set in elements inside it (a comment count, a date).
            headline = _snippet_text(link, []) or None
        elif headline is None:
            # No marked-up headline: a link that holds the headline, a summary and furniture in elements of their
            # own starts with the headline.
            pieces = _text_pieces(link)
            # A one-word kicker ("Biology", "Video") may come first: the headline is the first piece of words.
            first = next(
                (index for index, piece in enumerate(pieces) if word_count(piece) >= CARD_HEADLINE_MIN_WORDS), 0)
            pieces = pieces[first:]
            headline = pieces[0] if pieces and (len(pieces) > 1 or _holds_furniture(link) or first) else None
        title = headline or title
    href = link.get("href")
    more_links = _more_links(card, link, href)
    snippet, snippet_element = None, None
    for element in (snippet_xpath(card) if snippet_xpath is not None else []) or _SNIPPET(card):
        text = _snippet_text(element, more_links)
        # The snippet may echo the title (that is for the clean-up to strip); only the title's own element,
        # or one wrapping it, is not a snippet.
        if text and text != title and not any(inner is link for inner in element.iter()) and _reads_as_snippet(text):
            snippet, snippet_element = text, element
            break
    if snippet is None and len(pieces) > 1 and _reads_as_snippet(pieces[1]):
        snippet = pieces[1]
    if snippet is None and linked_snippet and _reads_as_snippet(linked_snippet):
        snippet = linked_snippet
    if snippet and title.endswith(" " + snippet):
        # The whole card is the link: its text is the headline followed by the snippet.
        title = title[: -len(snippet) - 1]
    if (count := ENTRY_COUNT_RE.search(title)) and not _is_counted_entry(title):
        title = title[: count.start()].rstrip()  # a comment count after the headline
    return TeaserCard(title=_once(title), raw_snippet=snippet, widget=widget,
                      link_url=_joined_url(base_url or "", href) if href else None,
                      has_more_link=snippet_element is not None and _any_after(card, snippet_element, more_links))


def _titled_twin(link, title: str, titled: list, card) -> tuple:
    """Of the card's links to the same story as `link` (the longest text: a headline, or a snippet that is a link
    too), the one the markup calls the title (a title class on it or around it within the card), else `link`."""
    href = link.get("href")
    twins = [(other, text) for other, text in titled
             if other is not link and other.get("href") == href and _title_classed(other, card)]
    if not twins or _title_classed(link, card):
        return link, title
    return max(twins, key=lambda pair: len(pair[1]))


def _title_classed(element, card) -> bool:
    """Whether the element, or one of its ancestors inside the card, has a title class token ("digest-title")."""
    while element is not None and element is not card:
        if any(_TITLE_CLASS_TOKEN_RE.search(token) for token in (element.get("class") or "").lower().split()):
            return True
        element = element.getparent()
    return False


def _text_pieces(link) -> list[str]:
    """The texts of the link's innermost text-holding elements, in order, card furniture left out. Running text
    with inline markup ("<em>Zelda</em> Meets <em>WarioWare</em>") is one piece, up to a block element inside it
    (a kicker set in a div before the headline's own text)."""
    pieces: list[str] = []
    _collect_pieces(link, pieces)
    return pieces


def _collect_pieces(element, pieces: list[str]) -> None:
    if _has_mixed_text(element):
        _collect_running_text(element, pieces)
        return
    for child in element:
        if isinstance(child.tag, str) and not _is_furniture(child):
            _element_pieces(child, pieces)


def _element_pieces(element, pieces: list[str]) -> None:
    if len(element) and (_has_mixed_text(element) or any(child.text and child.text.strip() for child in element)):
        _collect_pieces(element, pieces)  # the pieces are its children
        return
    _add_piece(_text(element), pieces)


def _collect_running_text(element, pieces: list[str]) -> None:
    run = [element.text or ""]
    for child in element:
        if isinstance(child.tag, str) and not _is_furniture(child):
            if child.tag in PIECE_BREAK_TAGS:
                _add_piece(normalize_space("".join(run)), pieces)
                run = []
                _element_pieces(child, pieces)
            else:
                run.append(_snippet_text(child, []))
        run.append(child.tail or "")
    _add_piece(normalize_space("".join(run)), pieces)


def _add_piece(text: str, pieces: list[str]) -> None:
    if text and not text.isdigit():
        pieces.append(text)


def _has_mixed_text(element) -> bool:
    """Words between the element's children: running text with inline markup, not a stack of separate pieces."""
    return any(_has_word_character(child.tail) for child in element) or (
        len(element) > 0 and _has_word_character(element.text))


def _holds_furniture(link) -> bool:
    return any(_is_furniture(element) for element in link.iterdescendants("*"))


def _any_after(card, element, others: list) -> bool:
    """Whether one of `others` comes at or after `element` in the card (a kicker above the snippet does not)."""
    if not others:
        return False
    position = {node: index for index, node in enumerate(card.iter())}
    return any(position.get(other, -1) > position[element] for other in others)


def _more_links(card, headline_link, href: str | None) -> list:
    """Short links of the card, besides its headline, to the same story: "Read more", "Weiterlesen", "→" (a share
    or picture link without words is not one)."""
    if not href or card is headline_link:
        return []
    return [
        link for link in _LINKS(card)
        if link is not headline_link and link.get("href") == href and 0 < len(_text(link).split()) <= MORE_LINK_MAX_WORDS
        and not any(inner is headline_link for inner in link.iter()) and next(link.iterdescendants("img"), None) is None
    ]


def _snippet_text(element, more_links: list) -> str:
    """The snippet element's text without the card furniture inside it: dates, bylines, comment counts and
    read-more links set in elements of their own."""
    if len(element) == 0:
        return _text(element)
    pieces: list[str] = []
    _collect_text(element, set(more_links), pieces)
    return normalize_space("".join(pieces))


def _collect_text(element, skipped: set, pieces: list[str]) -> None:
    if element.text:
        pieces.append(element.text)
    for child in element:
        if isinstance(child.tag, str) and child not in skipped and not _is_furniture(child):
            _collect_text(child, skipped, pieces)
        if child.tail:
            pieces.append(child.tail)


def _is_furniture(element) -> bool:
    if element.tag in FURNITURE_TAGS:
        return True
    classes = element.get("class")
    return bool(classes) and FURNITURE_CLASS_RE.search(classes.lower()) is not None


def _reads_as_snippet(text: str) -> bool:
    """Words enough to be a summary: a date, a byline or a comment count alone is furniture."""
    words = text.split()
    if len(words) < SNIPPET_MIN_WORDS:
        return False
    return not (len(words) <= DATE_LINE_MAX_WORDS and DATE_RE.search(text))


def _headline_in_link(link) -> str | None:
    """The text of the headline element inside a link that also holds a snippet, a date or a duration: a
    heading, or an element with a title class token ("story-title", "item__hed"); the longest when there are
    several (a section label such as "Popular" is marked up as a headline too); None when there is none."""
    headlines = []
    for element in link.iterdescendants("*"):
        classes = (element.get("class") or "").lower()
        if _SCREEN_READER_RE.search(classes):
            continue
        if element.tag in _HEADING_TAGS or any(_TITLE_CLASS_TOKEN_RE.search(token) for token in classes.split()):
            # A date or a comment count set inside the heading element (<h2><span>…</span><time>…</time></h2>)
            # is furniture.
            headlines.append(_snippet_text(element, []) if len(element) else _text(element))
    return max(headlines, key=len, default=None) or None


def _once(title: str) -> str:
    """A headline shown twice in one link (the visible copy and a screen-reader copy) is kept once."""
    words = title.split()
    half = len(words) // 2
    # Three words at least: "Walla Walla" and "New York, New York" are names.
    if half >= 3 and len(words) % 2 == 0 and words[:half] == words[half:]:
        return " ".join(words[:half])
    return title


def listing_cards(tree, base_url: str | None) -> list[TeaserCard]:
    """The story cards of a listing page (a home, section, tag or search page): the largest group of three or more
    same-shaped siblings that each hold a headline linking to another page of the same site. [] when none."""
    with _texts_remembered():
        return _listing_cards(tree, base_url)


def _listing_cards(tree, base_url: str | None) -> list[TeaserCard]:
    body = tree.find("body")
    best: list = []
    for element in (body if body is not None else tree).iter("*"):
        if len(element) < MIN_CARDS:
            continue
        for group in _same_shaped_children(element):
            # Its cards are some of its members: a group no larger than the best one cannot replace it.
            if len(group) < MIN_CARDS or len(group) <= len(best):
                continue
            # A member longer than a card is a section of the page's own text under a linked heading.
            cards = [child for child in group if _links_a_story(child, base_url) and len(_text(child)) <= MAX_CARD_CHARS]
            if len(cards) > len(best) and len(cards) >= LISTING_CARD_SHARE * len(group):
                best = cards
    if len(best) < MIN_CARDS:
        return []
    return [teaser for teaser in (_card(card, _HEADLINE_LINK, None, base_url, None) for card in best) if teaser]


def _links_a_story(card, base_url: str | None) -> bool:
    """Whether the card's headline (a heading holding a link, or a link holding a heading) links within the site."""
    links = _headline_links(card)
    if not links:
        return False
    href = (links[0].get("href") or "").strip()
    if not href or href.startswith("#"):
        return False
    host = urlsplit(urljoin(base_url or "", href)).hostname
    return host is None or base_url is None or host == urlsplit(base_url).hostname


def _looks_like_teasers(cards: list[TeaserCard]) -> bool:
    """Headline-like link texts (several words) or snippets: a menu has neither."""
    if len(cards) < MIN_CARDS:
        return False
    words = sum(len(card.title.split()) for card in cards) / len(cards)
    return words >= 3 or any(card.raw_snippet for card in cards)


def _reads_as_headlines(cards: list[TeaserCard]) -> bool:
    """Cards found by their shape alone: headlines of several words on average, or snippets under them."""
    if len(cards) < MIN_CARDS:
        return False
    words = sum(word_count(card.title) for card in cards) / len(cards)
    return words >= GROUP_HEADLINE_MIN_WORDS or sum(1 for card in cards if card.raw_snippet) >= MIN_CARDS


def _heading_text(container, heading_xpath) -> str | None:
    for element in heading_xpath(container):
        text = _text(element)
        if text and len(text) <= 80:
            return text
    return None


def _known_widgets(index: PageIndex, base_url: str | None, found: PageWidgets, taken: set) -> None:
    for index_list, title_xpath, snippet_xpath, heading_xpath in _KNOWN_WIDGETS:
        for container in getattr(index, index_list):
            if container in taken or any(ancestor in taken for ancestor in container.iterancestors()):
                continue
            if len(_text(container)) > MAX_WIDGET_CHARS:
                continue
            heading = _heading_text(container, heading_xpath)
            titled = title_xpath(container)
            # Cards are the repeated ancestors of the title links, or the generic repeated children.
            cards = [_card_root(link, container) for link in titled] if len(titled) >= 1 else _find_cards(container)
            teasers = [t for t in (_card(c, title_xpath, snippet_xpath, base_url, heading) for c in dict.fromkeys(cards)) if t]
            if not teasers:
                continue
            _accept(found, taken, container, heading, teasers)


def _card_root(link, container):
    """The ancestor of a card's title link that is a direct child of the widget's list."""
    element = link
    while element.getparent() is not None and element.getparent() is not container:
        parent = element.getparent()
        siblings = [child for child in parent if isinstance(child.tag, str)]
        if len(siblings) >= 2 and sum(1 for s in siblings if _signature(s) == _signature(element)) >= 2:
            return element
        element = parent
    return element


def _links_a_site_story(teaser: TeaserCard, site_url: str | None) -> bool:
    """The teaser links a story page of the site; a fragment after the page's own path is a tracking mark
    ("…/story/#new_tab"), not an anchor on this page."""
    address = (teaser.link_url or "").partition("#")[0]
    return bool(address) and _href_within_site(address, site_url)


def _generic_widgets(
    index: PageIndex, base_url: str | None, site_url: str | None, found: PageWidgets, taken: set
) -> None:
    """A heading like 'Related posts' followed, within a few levels up, by >= 3 repeated link cards."""
    comment_threads = set(index.comment_containers)
    for heading in index.headings:
        text = _text(heading)
        # "Recent comments" lists readers' comments, not stories.
        if not text or len(text) > 60 or not TEASER_HEADING_RE.match(text) or COMMENTS_HEADING_RE.search(text):
            continue
        if heading in taken or any(ancestor in taken for ancestor in heading.iterancestors()) or _is_in_chrome(heading):
            continue
        scope = heading.getparent()
        # A level up often finds the same cards again: each card is read once per heading.
        teaser_of: dict = {}
        for _ in range(3):
            if scope is None:
                break
            cards = [card for card in _find_cards(scope, taken) if heading not in card.iterancestors() and card is not heading]
            for card in cards:
                if card not in teaser_of:
                    teaser_of[card] = _card(card, None, None, base_url, text)
            teasers = [teaser_of[card] for card in cards if teaser_of[card]]
            # The cards must be most of the scope's text, or the scope also holds the article.
            if _looks_like_teasers(teasers) and _text_length(cards) >= MIN_WIDGET_SHARE * len(_text(scope)):
                # Under a widget's heading, a card linking another site, a listing or no page is not a story of the
                # site (a blogroll entry, another brand's story, a tag, "Subscribe via e-mail"): a box of mostly such
                # cards is no teaser widget. A one-word link ("About", "Archives", "Print") is no headline.
                stories = [teaser for teaser in teasers if _links_a_site_story(teaser, site_url)]
                headlines = [teaser for teaser in stories if _has_words(teaser.title, CARD_HEADLINE_MIN_WORDS)]
                # Cards that all lead to one or two pages (comment permalinks of one post) are no stories either.
                pages = {teaser.link_url.partition("#")[0] for teaser in headlines}
                if (2 * len(stories) >= len(teasers) and headlines and len(pages) >= min(MIN_CARDS, len(headlines))
                        and not _in_comments(cards[0], comment_threads)):
                    _accept(found, taken, cards[0].getparent(), text, headlines, heading)
                break
            scope = scope.getparent()


def _in_comments(element, comment_threads: set) -> bool:
    return element in comment_threads or not comment_threads.isdisjoint(element.iterancestors())


def _text_length(elements: list) -> int:
    return sum(len(_text(element)) for element in elements)


def _accept(
    found: PageWidgets, taken: set, container, heading: str | None, teasers: list[TeaserCard], heading_element=None
) -> None:
    # A widget's "More »", "View all >>" or "Home »" link is card furniture of the widget, not a story.
    teasers = _without_rank_numbers([teaser for teaser in teasers if not _is_prompt_title(teaser.title)])
    if not teasers:
        return
    found.teasers.extend(teasers)
    if heading:
        found.segments.append(Segment("widget_heading", heading))
    for element in (container, heading_element):
        if element is not None:
            found.remove.append(element)
            taken.add(element)


def _without_rank_numbers(teasers: list[TeaserCard]) -> list[TeaserCard]:
    """A widget whose every title starts with a number set off by punctuation ("1- Title", "2. Title", "(134551)
    Title": ranks or view counts) shows them as furniture: the numbers are taken off. One title with a number
    ("5 tips for …", "2012: the year …") is a headline."""
    if len(teasers) < 2:
        return teasers
    matches = [RANK_PREFIX_RE.match(teaser.title) for teaser in teasers]
    if not all(match and match.end() < len(teaser.title) for match, teaser in zip(matches, teasers, strict=True)):
        return teasers
    for match, teaser in zip(matches, teasers, strict=True):
        teaser.title = teaser.title[match.end():]
    return teasers


def _is_prompt_title(title: str) -> bool:
    """A link text that is a read-more prompt ("More...", "Weiterlesen") or is marked with an arrow ("IHT.com
    Home »", "See more video »", "<< Back"): the arrow is the language-independent cue; headlines carry none."""
    stripped = title.strip()
    # A prompt is a few words: a headline is not searched for one.
    if len(stripped.split()) <= MORE_LINK_MAX_WORDS and not without_more_prompt(stripped):
        return True
    # « » and ‹ › are quotation marks in many languages: a headline that ends on a quote it opened is not marked.
    marked = stripped.startswith(NAVIGATION_ARROWS) or stripped.endswith(NAVIGATION_ARROWS)
    return marked and not any(opening in stripped and closing in stripped for opening, closing in QUOTE_PAIRS)


def _comments(index: PageIndex, found: PageWidgets, taken: set) -> None:
    for container in index.comment_containers:
        if container in taken or any(ancestor in taken for ancestor in container.iterancestors()):
            continue
        if container.tag in ("body", "html") or container.find(".//article//h1") is not None:
            continue
        bodies = _COMMENT_BODIES(container)
        # Looked up in a set: a thread holds hundreds of comments, each under a dozen ancestors.
        body_set = set(bodies)
        outermost = [body for body in bodies if body_set.isdisjoint(body.iterancestors())]
        texts = [_text(body) for body in outermost] or [_text(container)]  # an empty text is dropped below
        found.segments.extend(Segment("comment", text) for text in texts if text)
        found.remove.append(container)
        taken.add(container)


def _boilerplate(index: PageIndex, found: PageWidgets) -> None:
    # The first "Skip to content" link's text: the links after it need not be read.
    skip_links = (text for text in map(_text, index.fragment_links) if _SKIP_LINK_RE.match(text))
    samples = list(islice(skip_links, 1))
    chrome = set(index.chrome)
    for element in index.chrome:
        if len(samples) >= MAX_BOILERPLATE_SAMPLES:
            break
        text = _text(element)
        # One sample per outermost nav/footer: nested menus would repeat it.
        if text and not any(ancestor in chrome for ancestor in element.iterancestors()):
            samples.append(text[:200])
    found.segments.extend(Segment("boilerplate", text) for text in dict.fromkeys(samples))


def _marked_widgets(
    index: PageIndex, base_url: str | None, site_url: str | None, found: PageWidgets, taken: set
) -> None:
    """A box the markup calls related ("related-articles", id="relatedStories") that links stories of the site: its
    cards are the story links, whatever their shape (a picture card beside a text card), one card or many."""
    within_site: dict[str, bool] = {}
    for container in index.related_marked:
        if container in taken or not taken.isdisjoint(container.iterancestors()) or _is_in_chrome(container):
            continue
        if any(container in element.iterancestors() for element in taken):
            continue  # holds a widget already read
        marker = f"{container.get('class') or ''} {container.get('id') or ''}".lower()
        if NOT_STORIES_MARKER_RE.search(marker) or container.tag in ("body", "html", "a"):
            continue
        if len(_text(container)) > MAX_WIDGET_CHARS or next(container.iterdescendants("h1"), None) is not None:
            continue
        cards = _cards_of_story_links(container, site_url, within_site)
        heading_element = _heading_inside(container)
        heading = _text(heading_element) if heading_element is not None else None
        if heading and COMMENTS_HEADING_RE.search(heading):
            continue
        teasers = [teaser for teaser in (_card(card, None, None, base_url, heading) for card in cards)
                   if teaser and _reads_as_headline(teaser.title)]
        if not teasers or sum(word_count(teaser.title) for teaser in teasers) < MARKED_HEADLINE_MIN_WORDS * len(teasers):
            continue
        # Most of the box is its cards: a "related" wrapper around the article is not a widget.
        if _text_length(cards) < MIN_WIDGET_SHARE * len(_text(container)):
            continue
        _accept(found, taken, container, heading, teasers)


def _inline_link_boxes(
    index: PageIndex, base_url: str | None, site_url: str | None, found: PageWidgets, taken: set
) -> None:
    """A line of its own in the story that is a short lead-in ending in a colon and links to other stories of the
    site ("Lire aussi : <link>", "Leia também: <link>", "Read more: <link>"), or that is nothing but such links
    ("[<link>]", "» <link>"): a one-card (or few-card) box, in any language, since the line is recognised by its
    shape, not its words."""
    within_site: dict[str, bool] = {}
    # Read from the colons up: a page has few text pieces with a colon outside its scripts.
    links_of: dict = {}
    for element, is_tail in index.colon_pieces:
        line = element.getparent() if is_tail else element
        if line is index.root or line.tag in _NOT_TEXT_TAGS:
            continue
        for _ in range(INLINE_LINK_MAX_DEPTH):
            if line is None or line.tag in INLINE_LINE_TAGS:
                break
            line = line.getparent()
        if line is not None and line.tag in INLINE_LINE_TAGS and line not in links_of:
            links_of[line] = _LINKS(line)
    for line in index.link_lines:
        if line not in links_of and _no_words_around_children(line):
            links_of[line] = _LINKS(line)
    for line, links in links_of.items():
        if not links or len(links) > INLINE_BOX_MAX_LINKS or line in taken:
            continue
        if any(isinstance(child.tag, str) and child.tag in INLINE_BLOCK_TAGS for child in line):
            continue  # a box of lines: its lines are read one by one
        # Headline-like link texts first: menus and tag lists, most lines with links, stop here.
        headlines = [(link, _text(link)) for link in links]
        if any(word_count(title) < INLINE_HEADLINE_MIN_WORDS for _, title in headlines):
            continue
        text = _text(line)
        if not text or len(text) > INLINE_BOX_MAX_CHARS:
            continue
        lead_in = _lead_in(text, headlines[0][1])
        if lead_in is None and _has_word_character(_without(text, [title for _, title in headlines])):
            continue
        lead_in = lead_in or ""
        if sum(len(title) for _, title in headlines) < INLINE_LINK_SHARE * (len(text) - len(lead_in)):
            continue
        if not all(_links_within_site(link, site_url) for link in links) or not _between_prose(line):
            continue
        if not taken.isdisjoint(line.iterancestors()) or _is_in_chrome(line):
            continue
        teasers = [TeaserCard(title=title, raw_snippet=None, widget=lead_in.rstrip(" :：").strip() or None,
                              link_url=urljoin(base_url or "", link.get("href")))
                   for link, title in headlines]
        _accept(found, taken, line, None, teasers)


def _no_words_around_children(line) -> bool:
    """Whether the line's own text, and the text between its children, is punctuation or space only (a line made of
    elements: links, or a link wrapped in <i> or <strong>), at the line's level and one level down."""
    for element in (line, *line.iterchildren()):
        if element is not line and element.tag == "a":
            continue
        if _has_word_character(element.text) or any(_has_word_character(child.tail) for child in element):
            return False
    return True


def _has_word_character(text: str | None) -> bool:
    return bool(text) and _WORD_CHARACTER_RE.search(text) is not None


def _without(text: str, parts: list[str]) -> str:
    for part in parts:
        text = text.replace(part, " ", 1)
    return text


def _between_prose(line) -> bool:
    """Whether the line stands between paragraphs of the story (post navigation, a "Subscribe to:" or "Category:"
    line sits at the story's edge, with no prose after it)."""
    element = line
    for _ in range(HEADING_LOOKUP_LEVELS):
        before, after = _next_with_text(element, "getprevious"), _next_with_text(element, "getnext")
        if before is not None or after is not None:
            return _is_prose(before) and _is_prose(after)
        element = element.getparent()
        if element is None:
            return False
    return False


def _next_with_text(element, step: str):
    sibling = getattr(element, step)()
    while sibling is not None and (not isinstance(sibling.tag, str) or not _text(sibling)):
        sibling = getattr(sibling, step)()
    return sibling


def _is_prose(element) -> bool:
    return element is not None and element.tag == "p" and len(_text(element)) >= PROSE_MIN_CHARS


def _lead_in(text: str, first_link_text: str) -> str | None:
    """The line's text before its first link, when it is a short lead-in ending in a colon; None otherwise."""
    position = text.find(first_link_text)
    lead_in = text[:position].strip() if position > 0 else ""
    if not lead_in.endswith((":", "：")) or not 0 < word_count(lead_in) <= INLINE_LEAD_IN_MAX_WORDS:
        return None
    return lead_in


def _cards_of_story_links(container, site_url: str | None, within_site: dict[str, bool]) -> list:
    """One card per story the container links: the largest element around the story's headline link that links no
    other story, in document order."""
    headline_of: dict[str, object] = {}
    for link in container.iter("a"):
        href = (link.get("href") or "").strip()
        if href not in within_site:
            within_site[href] = _links_within_site(link, site_url)
        if not within_site[href] or word_count(_text(link)) < CARD_HEADLINE_MIN_WORDS:
            continue
        if href not in headline_of or len(_text(link)) > len(_text(headline_of[href])):
            headline_of[href] = link
    story_hrefs = set(headline_of)
    cards = []
    for link in headline_of.values():
        card = link
        while (parent := card.getparent()) is not None and parent is not container:
            if {(other.get("href") or "").strip() for other in parent.iter("a")} & story_hrefs != {link.get("href").strip()}:
                break
            card = parent
        if card not in cards:
            cards.append(card)
    position = {element: index for index, element in enumerate(container.iter())}
    return sorted(cards, key=position.__getitem__)


def _reads_as_headline(title: str) -> bool:
    """Words enough for a headline, and not a read-more prompt ("Read more »", "Weiterlesen →")."""
    return word_count(title) >= CARD_HEADLINE_MIN_WORDS and without_more_prompt(title) == title


def _heading_inside(container):
    """The container's own short heading (a heading element or a title-classed element without a link)."""
    for element in container.iter("h2", "h3", "h4", "h5", "h6", "header", "div", "span", "p", "strong"):
        if element.tag in ("div", "span", "p", "strong", "header") and not _TITLE_CLASS_TOKEN_RE.search(
            " ".join(token for token in (element.get("class") or "").lower().split())
        ):
            continue
        text = _text(element)
        if text and len(text) <= MAX_HEADING_CHARS and next(element.iterdescendants("a"), None) is None:
            return element
    return None


def _structural_widgets(
    index: PageIndex, base_url: str | None, site_url: str | None, found: PageWidgets, taken: set
) -> None:
    """Repeated same-shaped cards, each a story of the same site under a headline link, recognised by their shape
    alone (any language): the outermost such group in a container, named by the short heading before it."""
    page_chars = None
    # Whether a link stays within the site, by its href: a page links the same places many times over.
    within_site: dict[str, bool] = {}
    # Menus, headers, footers and comment threads are skipped before their lists are read.
    skipped = {*filter(_is_menu, index.chrome), *index.comment_containers, *taken}
    for container in index.groups:
        if container in skipped or container.tag in ("body", "html") or container.tag in CHROME_TAGS:
            continue
        if not skipped.isdisjoint(container.iterancestors()):
            continue
        # Children of other tags would make groups that are no cards: they are not grouped at all.
        for group in _same_shaped_children(container, _CARD_TAG_NAMES):
            if len(group) < MIN_CARDS:
                continue
            cards = _story_cards(group, site_url, within_site)
            if not cards:
                continue
            # Items of the same tag styled apart ("first", "last", "odd", "nobor") are cards of the same list.
            cards = _with_restyled_siblings(container, group, cards, site_url, within_site)
            # The cards must be most of their container's text: links set in running text are prose.
            if _text_length(cards) < CARDS_MIN_SHARE * len(_text(container)):
                continue
            # Cards that are most of the page are its content (a listing page, or an article made of cards).
            if page_chars is None:
                page_chars = len(_text(index.root))
            if _text_length(cards) >= MAX_PAGE_SHARE * page_chars:
                continue
            if _inside_running_text(container):
                # A pop-up of story links set in a sentence: no teasers, but no words of the sentence either.
                found.remove.append(container)
                skipped.add(container)
                break
            if _prose_follows(container) and not _marked_related(container):
                continue
            if _is_in_chrome(container):
                continue
            heading_element = _heading_before(container, group[0])
            heading = _text(heading_element) if heading_element is not None else None
            if heading and COMMENTS_HEADING_RE.search(heading):
                continue
            teasers = [teaser for teaser in (_card(card, None, None, base_url, heading) for card in cards) if teaser]
            if not (_reads_as_headlines(teasers) or _short_story_titles(teasers)):
                continue
            if _is_post_navigation(teasers) or not _links_several_stories(teasers):
                continue
            _accept(found, taken, container, heading, teasers, heading_element)
            skipped.add(container)
            break


def _short_story_titles(cards: list[TeaserCard]) -> bool:
    """Short headlines (fewer than GROUP_HEADLINE_MIN_WORDS words on average: a sidebar list of post titles) whose
    links have the addresses of stories, not of sections or pages (`_story_address`): most of the cards, each a
    story of its own. A menu's entries are short too, but link /about/, /sports/ or /contact."""
    if len(cards) < MIN_CARDS or sum(word_count(card.title) for card in cards) < SHORT_HEADLINE_MIN_WORDS * len(cards):
        return False
    # Distinct pages, not one page's tabs that differ in their query ("…/top-ten-view-ajax.php?s=vod").
    story_paths = {card.link_url.partition("?")[0] for card in cards
                   if card.link_url and _story_address(card.link_url, card.title)}
    return len(story_paths) >= max(MIN_CARDS, LISTING_CARD_SHARE * len(cards))


@lru_cache(maxsize=4096)
def _story_address(url: str, title: str = "") -> bool:
    """A URL path with the marks of one story (the conventions of blog, CMS and news software in any language): a
    date before the slug ("/2012/07/slug.html", "/2008/01/14/...", "/2012/oct/29/..."), or a numeric id of
    STORY_ID_MIN_DIGITS digits or more ("/archives/006928.shtml", "/story/1234071/...") or a slug of
    STORY_SLUG_MIN_WORDS words or more, when the slug is not the link text itself: "/player/518397/scott-alexander"
    and "/about-religion-news-blog/" are the pages of what the link names (a person, a show, the site), not
    stories. The query is not read: "page?id=3068843" is as likely a contact page."""
    path = urlsplit(url).path if "//" in url else url.partition("?")[0].partition("#")[0]
    if STORY_DATE_PATH_RE.search(path):
        return True
    named = [segment for segment in path.split("/") if segment and not segment.isdigit()]
    slug = named[-1].rpartition(".")[0] or named[-1] if named else ""
    words = [token.casefold() for token in SLUG_SEPARATOR_RE.split(slug) if token.isalpha()]
    if words and words == [token.casefold() for token in _LINK_WORD_RE.findall(title)]:
        return False
    return bool(STORY_ID_RE.search(path)) or len(words) >= STORY_SLUG_MIN_WORDS


def _with_restyled_siblings(container, group: list, cards: list, site_url: str | None, within_site: dict) -> list:
    """`cards` and the container's other children of the group's tag, classed otherwise, that are story cards too
    (a last item classed "last" or "nobor"), in document order."""
    tag = group[0].tag
    members = set(group)
    others = [child for child in container.iterchildren(tag) if child not in members]
    if not others:
        return cards
    # Of the same shape as the cards: a story link whose address has the cards' shape (a link to a person's or a
    # section's page beside a list of dated or numbered stories is not one of them), and not a second element of a
    # card's story (its picture or its summary set beside it).
    hrefs = [_card_href(card) for card in cards]
    shape = Counter(map(_address_shape, hrefs)).most_common(1)[0][0]
    linked = set(hrefs)
    extra = {child for child in others
             if _card_href(child) not in linked and _address_shape(_card_href(child)) == shape
             and _is_story_card(child, site_url, within_site)}
    if not extra:
        return cards
    chosen = set(cards) | extra
    return [child for child in container.iterchildren(tag) if child in chosen]


def _card_href(card) -> str:
    """The address of the card's longest link."""
    links = [card] if card.tag == "a" else list(card.iter("a"))
    return max(links, key=lambda link: len(_text(link)), default=card).get("href") or ""


def _address_shape(href: str) -> bool:
    """The shape of an address that tells a site's stories from its other pages: whether it carries a date or a
    numeric id."""
    path = urlsplit(href).path if "//" in href else href.partition("?")[0].partition("#")[0]
    return bool(STORY_DATE_PATH_RE.search(path) or STORY_ID_RE.search(path))


def _is_post_navigation(cards: list[TeaserCard]) -> bool:
    """Links marked with arrows ("« Older post", "Newer post »") on half the cards or more: post navigation or
    pagination, not a widget."""
    arrowed = sum(1 for card in cards if card.title.startswith(NAVIGATION_ARROWS) or card.title.endswith(NAVIGATION_ARROWS))
    return 2 * arrowed >= len(cards)


def _links_several_stories(teasers: list[TeaserCard]) -> bool:
    """Teasers point to as many stories as a widget shows (MIN_CARDS); cards that all lead to one or two pages
    (dates and venues of one event, each linking its sign-up page) are the page's own list."""
    return len({teaser.link_url for teaser in teasers}) >= MIN_CARDS


def _prose_follows(container) -> bool:
    """Whether the article's text goes on right after the group (a list of links inside the story, not a widget
    at its edge): the next element with text is a paragraph of prose."""
    for element in (container, container.getparent()):
        if element is None:
            return False
        following = element.getnext()
        while following is not None and (not isinstance(following.tag, str) or not _text(following)):
            following = following.getnext()
        if following is not None:
            return following.tag == "p" and len(_text(following)) >= PROSE_MIN_CHARS and not _LINKS(following)
    return False


def _inside_running_text(container) -> bool:
    """Whether the group sits inside a paragraph of the story's sentences (a pop-up of a person's articles set in
    the sentence that names them): a widget is never part of a sentence."""
    for ancestor in container.iterancestors("p"):
        return len(_text(ancestor)) - len(_text(container)) >= PROSE_MIN_CHARS
    return False


def _marked_related(container) -> bool:
    """A hint from the markup: the group or an element just above it is marked as related links (an in-story
    "related articles" box is a widget although the article goes on after it)."""
    element = container
    for _ in range(HEADING_LOOKUP_LEVELS):
        if element is None:
            return False
        if "related" in f"{element.get('class') or ''} {element.get('id') or ''}".lower():
            return True
        element = element.getparent()
    return False


def _main_link_host(root) -> str | None:
    """'http://<host>/' for the host most absolute links of the page go to, or None when it has none."""
    hosts = Counter(
        href.split("//", 1)[1].partition("/")[0].lower() for href in _LINK_HREFS(root)
        if href.startswith(("http://", "https://"))
    )
    hosts.pop("", None)
    if not hosts:
        return None
    return f"http://{hosts.most_common(1)[0][0]}/"


def _story_cards(group: list, site_url: str | None, within_site: dict[str, bool]) -> list:
    """The members of `group` that are story cards, when they are at least MIN_CARDS and LISTING_CARD_SHARE of it;
    [] otherwise (decided as soon as too many members fail: most groups are paragraphs or menu items)."""
    # Members without a link and with a short text are labels set between the cards ("Popular", a site's name), not
    # failed cards: a list of links grouped under sub-headings.
    # Whether each member holds a link is looked up once: a member without one is a label or a failed card.
    linked = [member.tag == "a" or next(member.iterdescendants("a"), None) is not None for member in group]
    labels = {index for index, member in enumerate(group) if not linked[index] and _is_label(member)}
    if len(labels) > len(group) - len(labels):
        return []
    members = len(group) - len(labels)
    allowed_failures = members - max(MIN_CARDS, math.ceil(LISTING_CARD_SHARE * members))
    cards, failures = [], 0
    for index, member in enumerate(group):
        if index in labels:
            continue
        if linked[index] and _is_story_card(member, site_url, within_site):
            cards.append(member)
        else:
            failures += 1
            if failures > allowed_failures:
                return []
    if sum(1 for card in cards if _shows_price(card)) > PRODUCT_CARD_SHARE * len(cards):
        return []
    return cards


def _nests_its_own_kind(card) -> bool:
    """A list item holding list items of its own shape: a branch of a tree (categories, an outline)."""
    if card.tag != "li":
        return False
    signature = _signature(card)
    return any(_signature(item) == signature for item in card.iterdescendants("li"))


def _is_label(member) -> bool:
    """A short text between the cards, given a member that holds no link."""
    return 0 < len(_text(member)) <= MAX_HEADING_CHARS


def _shows_price(card) -> bool:
    """A price outside the card's headline links: a product card of a shop (a headline may name a sum)."""
    pieces: list[str] = []
    _collect_text_outside_links(card, pieces)
    return PRICE_RE.search(" ".join(pieces)) is not None


def _collect_text_outside_links(element, pieces: list[str]) -> None:
    if element.tag != "a":
        if element.text:
            pieces.append(element.text)
        for child in element:
            if isinstance(child.tag, str):
                _collect_text_outside_links(child, pieces)
            if child.tail:
                pieces.append(child.tail)


def _is_story_card(card, base_url: str | None, within_site: dict[str, bool]) -> bool:
    """One small element that links one story of the site under a headline-like link text (`within_site` remembers
    the verdict on each href)."""
    links = [card] if card.tag == "a" else [link for link in card.iterdescendants("a") if link.get("href") is not None]
    if not links:
        return False
    text = _text(card)
    if not text or len(text) > MAX_CARD_CHARS:
        return False
    # An archive or category entry shows its number of posts; a category tree nests entries in entries.
    if _is_counted_entry(text) or _nests_its_own_kind(card):
        return False
    titled = [(link, _text(link)) for link in links]
    headlines = [(link, title) for link, title in titled
                 if _has_words(title, CARD_HEADLINE_MIN_WORDS) and not ARCHIVE_ANCHOR_RE.match(title)]
    if not headlines:
        return False
    # Several stories in one element (a column of cards) is a container, not a card; links set in the card's
    # furniture (its byline, the blog or section it comes from) are no stories of their own.
    if len(headlines) > 2 and len({(link.get("href") or "").strip() for link, _ in headlines}) > 1:
        headlines = [(link, title) for link, title in headlines if not _in_furniture(link, card)]
        if len(headlines) > 2 and len({(link.get("href") or "").strip() for link, _ in headlines}) > 1:
            return False
    if not headlines:
        return False
    if _heading_apart_from_links(card):
        return False
    link, title = max(headlines, key=lambda pair: len(pair[1]))
    href = link.get("href") or ""
    if href not in within_site:
        within_site[href] = _links_within_site(link, base_url)
    return within_site[href] and _is_card_shaped(card, link, title, text)


def _heading_apart_from_links(card) -> bool:
    """The card has headings and none of them is or holds a link: a block of the page's own content (a feature,
    a step, a service) whose link is a call to action ("Learn more about ...", "Get started"). A teaser's
    headline is its link."""
    if card.tag == "a" or card.tag in _HEADING_TAGS:
        return False
    headings = [heading for heading in card.iterdescendants(*_HEADING_TAGS) if _text(heading)]
    return bool(headings) and not any(
        heading.find(".//a") is not None or any(ancestor.tag == "a" for ancestor in _ancestors_within(heading, card))
        for heading in headings
    )


def _ancestors_within(element, root) -> Iterator:
    for ancestor in element.iterancestors():
        if ancestor is root:
            return
        yield ancestor


def _is_card_shaped(card, link, title: str, text: str) -> bool:
    """The headline is most of the card (copies of it for other screen sizes not counted), or it stands on a line
    of its own beside the rest (a snippet element, a picture), not inside running text."""
    if len(title) >= CARD_HEADLINE_MIN_SHARE * len(text):
        return True
    if title and len(title) >= CARD_HEADLINE_MIN_SHARE * (len(text) - (text.count(title) - 1) * len(title)):
        return True
    if any(not any(inner is link for inner in element.iter()) and _text(element) for element in _SNIPPET(card)):
        return True
    return link is not card and _stands_alone(link, card)


def _stands_alone(link, card) -> bool:
    """Whether the link is the only text of the element around it, up to the card (a headline line of its own, the
    snippet set in another element), rather than a few words of running text."""
    element = link
    while element is not card:
        parent = element.getparent()
        if parent is None or (parent.text or "").strip() or any((child.tail or "").strip() for child in parent):
            return False  # words around it in the same element: running text
        if any(child is not element and isinstance(child.tag, str) and _text(child) for child in parent):
            return True  # its line ends here; the other texts are elements of their own
        element = parent
    return True


def _in_furniture(link, card) -> bool:
    """Whether the link sits in card furniture (a byline, a source or section label) between itself and the card."""
    element = link
    while element is not None and element is not card:
        if _is_furniture(element):
            return True
        element = element.getparent()
    return False


def _is_counted_entry(text: str) -> bool:
    """An archive or category entry with its number of posts ("Travel (12)"); a headline of a sentence's length
    followed by a number is a story with its comment count ("Why is everyone on the Internet so angry? (83)")."""
    match = ENTRY_COUNT_RE.search(text)
    return match is not None and word_count(text[: match.start()]) < COUNTED_HEADLINE_MIN_WORDS


def _links_within_site(link, base_url: str | None) -> bool:
    """A link to another story page of the same site (a fragment of this page, as a comment anchor, is not; nor is
    a listing of the site: a search, a tag, category or label page, a month's archive, a forum thread)."""
    return _href_within_site((link.get("href") or "").strip(), base_url)


def _href_within_site(href: str, base_url: str | None) -> bool:
    if not href or "#" in href or href.startswith(("javascript:", "mailto:")):
        return False
    if href.startswith(("http://", "https://", "//")):
        host, _, path = href.split("//", 1)[1].partition("/")
        host = host.rpartition("@")[2].partition(":")[0].lower()
    else:  # relative: this site
        host, path = None, href.lstrip("/")
    # A story has a page of its own: the site's root with a query is a search or a filter.
    if not path or path.startswith("?") or LISTING_PATH_RE.search(path) or ARCHIVE_PATH_RE.search(path):
        return False
    if FILE_PATH_RE.search(path):  # a document or a picture, not a page
        return False
    return host is None or base_url is None or _same_site(host, _host_of(base_url))


@lru_cache(maxsize=4096)
def _joined_url(base_url: str, href: str) -> str:
    # A page links the same stories from several widgets, and pages of one site share their links.
    return urljoin(base_url, href)


@lru_cache(maxsize=256)
def _host_of(url: str) -> str | None:
    return urlsplit(url).hostname


def _same_site(host: str, page_host: str | None) -> bool:
    """Hosts of one site: the same registered name ("news.example.co.uk" and "rd.example.co.uk")."""
    if page_host is None:
        return True
    return _registered_name(host) == _registered_name(page_host)


@lru_cache(maxsize=4096)
def _registered_name(host: str) -> str:
    """The last two labels of a host, three under a country's second-level name ("example.co.jp", "abc.com.au")."""
    labels = host.split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and len(labels[-2]) <= 3:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _heading_before(container, first_card):
    """The short line set before a group of cards: an earlier sibling of the first card, or, a few levels up, the
    element just before the group's container. None when prose or nothing stands there."""
    element = first_card
    for _ in range(HEADING_LOOKUP_LEVELS + 1):
        previous = element.getprevious()
        while previous is not None and (not isinstance(previous.tag, str) or not _text(previous)):
            previous = previous.getprevious()
        if previous is not None:
            text = _text(previous)
            return previous if len(text) <= MAX_HEADING_CHARS and len(_LINKS(previous)) <= 1 else None
        element = element.getparent()
        if element is None or element.tag in ("body", "html"):
            return None
    return None


def find_widgets(index: PageIndex, base_url: str | None = None) -> PageWidgets:
    """Find teaser widgets, comment threads and boilerplate samples on one scanned page."""
    found, taken = PageWidgets(), set()
    # Without the page's address, the site is the host most of its own links (menus, archives, tags) point to.
    site_url = base_url or _main_link_host(index.root)
    with _texts_remembered():
        _known_widgets(index, base_url, found, taken)
        _generic_widgets(index, base_url, site_url, found, taken)
        _marked_widgets(index, base_url, site_url, found, taken)
        _inline_link_boxes(index, base_url, site_url, found, taken)
        _structural_widgets(index, base_url, site_url, found, taken)
        _comments(index, found, taken)
        _boilerplate(index, found)
    return found
