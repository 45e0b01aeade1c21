"""trafilatura's regex XPaths, selected in Python: the same elements for a fraction of the cost.

lxml runs every re:test() of an XPath as a call from libxml2 back into Python, once per element and
attribute tested. Here each selection is a tag-filtered walk that tests attributes with precompiled Python
regexes (the very patterns EXSLT hands to `re`), whose verdicts are remembered per attribute value (`_occurs`).
tests/segment/test_html_selectors.py checks each function against the trafilatura expressions named in its docstring.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import NamedTuple

from lxml.etree import XPath
from lxml.html import HtmlElement
from trafilatura.settings import _COOKIE_CONSENT_RE
from trafilatura.xpaths import (
    _ARTICLE_CONTENT_CLASS_TOKENS,
    _ARTICLE_CONTENT_ID_TOKENS,
    _COMMENTS_CLASS,
    _COMMENTS_ID,
    _CONSENT_ID_CLASS_TOKENS,
    _MAIN_CONTENT_CLASS_TOKENS,
    _MAIN_CONTENT_ID_TOKENS,
    _OVERALL_DISCARD_BOTH_TOKENS,
    _OVERALL_DISCARD_CLASS_TOKENS,
    _OVERALL_DISCARD_ID_TOKENS,
    _STORY_CLASS_TOKENS,
    _STORY_ID_TOKENS,
    BODY_XPATH,
    _alt,
)

# Distinct attribute values remembered per pattern: a page has a few hundred, and sites share their CMS's.
_REMEMBERED_VALUES = 1 << 13
_REMEMBERING: list = []


def _occurs(pattern: str, flags: int = 0) -> Callable[[str], bool]:
    """Whether `pattern` occurs in a value (a re.search that finds something), remembered per value. The same class
    and id values come back element after element (most values of a page recur) and page after page, and a search
    of a long alternation tries every branch at every position of the value: a lookup costs a fraction of that."""
    search = re.compile(pattern, flags).search

    @lru_cache(maxsize=_REMEMBERED_VALUES)
    def occurs(value: str) -> bool:
        return search(value) is not None

    _REMEMBERING.append(occurs)
    return occurs


def forget_attribute_values() -> None:
    """Empty every `_occurs` memory. Results never depend on it; segment_batch calls this first, so a batch costs
    the same whatever ran before it (a benchmark's second pass over the same pages is not served from memory)."""
    for occurs in _REMEMBERING:
        occurs.cache_clear()


# RAW_TREE_PRUNE_XPATH: infinite-scroll containers of appended articles, share buttons.
_APPENDED_ARTICLES_TAGS = ("div", "section", "aside")
_APPENDED_ARTICLES = _occurs("mvp-post-add-(?:box|wrap)|infinite-?scroll")
_ALWAYS_APPENDED = _occurs("mvp-post-add-(?:box|wrap)")
_SHARE_BUTTONS_CLASS = "elementor-share-buttons"
# REMOVE_COMMENTS_AND_LISTS_XPATH: comment threads (ol/ul lists only by their own markers).
_COMMENT_TAGS = ("div", "list", "section", "details", "ol", "ul")
_COMMENT_ID = _occurs(f"^(?:{_COMMENTS_ID}|disqus_thread|dsq-comments)")
_COMMENT_LIST_ID = _occurs(f"^(?:{_COMMENTS_ID})")
_COMMENT_CLASS = _occurs(_COMMENTS_CLASS)
_RAW_PRUNE_TAGS = tuple(dict.fromkeys(_APPENDED_ARTICLES_TAGS + _COMMENT_TAGS))
# What every test above needs in the id or the class (each comment pattern's matches hold "omment" or "comol",
# the appended articles' "mvp-post-add-" or "infinite"): most elements have none, settled by one look-up a value.
_RAW_PRUNE_HINT = _occurs("omment|comol|disqus_thread|elementor-share-buttons|mvp-post-add-|infinite")

# trafilatura.settings.BASIC_CLEAN_XPATH: these tags, footer divs and cookie banners.
BASIC_CLEAN_TAGS = {"aside", "fencedframe", "footer", "script", "style", "svg", "template"}
_COOKIE_CONSENT = _occurs(_COOKIE_CONSENT_RE, re.IGNORECASE)

# BODY_XPATH: the article frame, by one rule after the other.
_FRAME_TAGS = ("article", "div", "main", "section")
_ARTICLE_CONTENT_ID = _occurs(_alt(_ARTICLE_CONTENT_ID_TOKENS))
_ARTICLE_CONTENT_CLASS = _occurs(_alt(_ARTICLE_CONTENT_CLASS_TOKENS))
_STORY_ID = _occurs(_alt(_STORY_ID_TOKENS))
_STORY_CLASS = _occurs(_alt(_STORY_CLASS_TOKENS))
_FULLTEXT_CLASS = _occurs("fulltext", re.IGNORECASE)
_MAIN_CONTENT_ID = _occurs(_alt(_MAIN_CONTENT_ID_TOKENS))
_MAIN_CONTENT_CLASS = _occurs(_alt(_MAIN_CONTENT_CLASS_TOKENS))
_LOWER_C_M = str.maketrans("CM", "cm")
_LOWER_C_P = str.maketrans("CP", "cp")

# OVERALL_DISCARD_XPATH: boilerplate sections by tag and markers, then any element marked hidden;
# DISCARD_IMAGE_ELEMENTS and TEASER_DISCARD_XPATH: caption and teaser sections.
_SECTION_TAGS = {"div", "item", "list", "p", "section", "span"}
_MARKING_ATTRIBUTES = frozenset(
    ("aria-hidden", "class", "data-component", "data-lp-replacement-content", "id", "role", "style")
)
_CONSENT = _occurs(_alt(_CONSENT_ID_CLASS_TOKENS))
_BOILERPLATE_ID = _occurs(_alt(_OVERALL_DISCARD_BOTH_TOKENS + _OVERALL_DISCARD_ID_TOKENS))
_BOILERPLATE_CLASS = _occurs(_alt(_OVERALL_DISCARD_BOTH_TOKENS + _OVERALL_DISCARD_CLASS_TOKENS))
_HIDDEN_ID = _occurs("reader-comments|akismet")
_HIDDEN_CLASS = _occurs(
    "^hide-|comments-title|nocomments|-reply-|message|akismet|suggest-links|-hide-|hide-print| hidden| hide|noprint"
    "|notloaded"
)


def _first_of(attributes: list[tuple[str, str]], names: tuple[str, ...]) -> str:
    """XPath's string(@a|@b) over an element's items(): the value of whichever attribute comes first in the
    markup, '' when it has none of them."""
    for name, value in attributes:
        if name in names:
            return value
    return ""


def raw_tree_prune(tree: HtmlElement, prune_comments: bool = True) -> list[HtmlElement]:
    """RAW_TREE_PRUNE_XPATH and, unless the page is a forum thread, REMOVE_COMMENTS_AND_LISTS_XPATH: appended
    articles, share buttons and comment threads, in document order."""
    selected = []
    for element in tree.iter(*_RAW_PRUNE_TAGS):
        element_id, classes = element.get("id") or "", element.get("class") or ""
        if not (_RAW_PRUNE_HINT(classes) or _RAW_PRUNE_HINT(element_id)):
            continue
        tag = element.tag
        if tag in _APPENDED_ARTICLES_TAGS and (
            _SHARE_BUTTONS_CLASS in classes or _is_appended_articles(element, element_id, classes)
        ):
            selected.append(element)
        elif prune_comments and tag in _COMMENT_TAGS:
            comment_id = _COMMENT_LIST_ID if tag in ("ol", "ul") else _COMMENT_ID
            if comment_id(element_id) or _COMMENT_CLASS(classes):
                selected.append(element)
    return selected


def _is_appended_articles(element: HtmlElement, element_id: str, classes: str) -> bool:
    if not (_APPENDED_ARTICLES(element_id) or _APPENDED_ARTICLES(classes)):
        return False
    return _ALWAYS_APPENDED(element_id) or _ALWAYS_APPENDED(classes) or element.find(".//h1") is None


def is_basic_clean(element: HtmlElement) -> bool:
    """Whether BASIC_CLEAN_XPATH selects `element`: asides, footers, templates, cookie banners and the like."""
    tag = element.tag
    if not isinstance(tag, str):
        return False
    if tag in BASIC_CLEAN_TAGS:
        return True
    classes, element_id = element.get("class"), element.get("id")
    if classes is None and element_id is None:
        return False
    if tag == "div" and "footer" in _first_of(element.items(), ("class", "id")):
        return True
    return _COOKIE_CONSENT(classes or "") or _COOKIE_CONSENT(element_id or "")


def content_frames(tree: HtmlElement) -> Iterator[HtmlElement]:
    """For each expression of BODY_XPATH in turn, the first element it selects (expressions that select
    nothing are skipped). Lazy: the caller may change the tree before asking for the next one."""
    for rule in (_is_article_content, BODY_XPATH[1], _is_story, _is_main_content, BODY_XPATH[4]):
        # The second and fifth rules test no regex: their XPaths are cheap as they are.
        frame = next(iter(rule(tree)), None) if isinstance(rule, XPath) else _first_frame(tree, rule)
        if frame is not None:
            yield frame


def _first_frame(tree: HtmlElement, matches: Callable[[HtmlElement, str, str], bool]) -> HtmlElement | None:
    """The first article, div, main or section element that `matches` (element, its id, its class)."""
    for element in tree.iterdescendants(_FRAME_TAGS):
        if matches(element, element.get("id") or "", element.get("class") or ""):
            return element
    return None


def _is_article_content(element: HtmlElement, element_id: str, classes: str) -> bool:
    return bool(
        classes in ("post", "entry")
        or element.get("itemprop") == "articleBody"
        or element_id == "articleContent"
        or _ARTICLE_CONTENT_ID(element_id)
        or _ARTICLE_CONTENT_CLASS(classes)
    )


def _is_story(element: HtmlElement, element_id: str, classes: str) -> bool:
    return bool(
        element.get("role") == "article"
        or element_id in ("article", "story")
        or classes in ("postarea", "art-postcontent", "text", "cell", "story")
        or _STORY_ID(element_id)
        or _FULLTEXT_CLASS(classes)
        or _STORY_CLASS(classes)
    )


def _is_main_content(element: HtmlElement, element_id: str, classes: str) -> bool:
    return bool(
        element_id == "content"
        or classes == "content"
        or _MAIN_CONTENT_ID(element_id)
        or _MAIN_CONTENT_CLASS(classes)
        or "main-content" in element_id.translate(_LOWER_C_M)
        or "main-content" in classes.translate(_LOWER_C_M)
        or "page-content" in classes.translate(_LOWER_C_P)
    )


class FrameSections(NamedTuple):
    """What trafilatura prunes from an article frame by markup, each in the order it deletes them."""

    boilerplate: list[HtmlElement]  # OVERALL_DISCARD_XPATH
    captions: list[HtmlElement]  # DISCARD_IMAGE_ELEMENTS
    teasers: list[HtmlElement]  # TEASER_DISCARD_XPATH


def frame_sections(frame: HtmlElement) -> FrameSections:
    """The elements under `frame` that each of the three expressions selects, all in one walk. trafilatura runs
    each on what the one before left, and deleting an element of a removed subtree changes nothing, so
    selecting all three at once comes to the same. OVERALL_DISCARD_XPATH's own order: the matches of its
    first expression, then those of the second that the first left out, each in document order."""
    sections, hidden, captions, teasers = [], [], [], []
    for element in frame.iterdescendants("*"):
        attributes = element.items()
        if not attributes:
            continue
        values = dict(attributes)
        if _MARKING_ATTRIBUTES.isdisjoint(values):  # every test below reads one of them (links, formatting...)
            continue
        is_section = element.tag in _SECTION_TAGS
        if is_section and _is_boilerplate_section(values, attributes):
            sections.append(element)
        elif _is_hidden(values, attributes):
            hidden.append(element)
        if is_section:
            element_id, classes = values.get("id", ""), values.get("class", "")
            if "caption" in element_id or "caption" in classes:
                captions.append(element)
            if "teaser" in element_id.replace("T", "t") or "teaser" in classes.replace("T", "t"):
                teasers.append(element)
    return FrameSections(sections + hidden, captions, teasers)


def _is_boilerplate_section(values: dict[str, str], attributes: list[tuple[str, str]]) -> bool:
    return bool(
        "data-lp-replacement-content" in values
        or "nav" in values.get("role", "").replace("N", "n")
        or "MostPopularStories" in values.get("data-component", "")
        or _CONSENT(_first_of(attributes, ("id", "class")))
        or _BOILERPLATE_ID(values.get("id", ""))
        or _BOILERPLATE_CLASS(values.get("class", ""))
    )


def is_hidden_section(element: HtmlElement) -> bool:
    """Whether OVERALL_DISCARD_XPATH selects `element` only as hidden (display:none, a "hide" class...), not as a
    boilerplate section by its markers."""
    attributes = element.items()
    values = dict(attributes)
    if element.tag in _SECTION_TAGS and _is_boilerplate_section(values, attributes):
        return False
    return _is_hidden(values, attributes)


def _is_hidden(values: dict[str, str], attributes: list[tuple[str, str]]) -> bool:
    style = values.get("style", "")
    return bool(
        values.get("class") == "comments-title"
        or _first_of(attributes, ("id", "class")).startswith("reply-")
        or "hidden" in _first_of(attributes, ("id", "style"))
        or "display:none" in style
        or "display: none" in style
        or _HIDDEN_ID(values.get("id", ""))
        or _HIDDEN_CLASS(values.get("class", ""))
        or values.get("aria-hidden") == "true"
    )
