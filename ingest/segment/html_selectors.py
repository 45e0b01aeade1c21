"""trafilatura's regex XPaths, selected in Python: the same elements for a fraction of the cost.

lxml runs every re:test() of an XPath as a call from libxml2 back into Python, once per element and
attribute tested. Here each selection is a tag-filtered walk that tests attributes with precompiled Python
regexes (the very patterns EXSLT hands to `re`). tests/segment/test_html_selectors.py checks each function
against the trafilatura expressions named in its docstring.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
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

# RAW_TREE_PRUNE_XPATH: infinite-scroll containers of appended articles, share buttons.
_APPENDED_ARTICLES_TAGS = ("div", "section", "aside")
_APPENDED_ARTICLES_RE = re.compile("mvp-post-add-(?:box|wrap)|infinite-?scroll")
_ALWAYS_APPENDED_RE = re.compile("mvp-post-add-(?:box|wrap)")
_SHARE_BUTTONS_CLASS = "elementor-share-buttons"
# REMOVE_COMMENTS_AND_LISTS_XPATH: comment threads (ol/ul lists only by their own markers).
_COMMENT_TAGS = ("div", "list", "section", "details", "ol", "ul")
_COMMENT_ID_RE = re.compile(f"^(?:{_COMMENTS_ID}|disqus_thread|dsq-comments)")
_COMMENT_LIST_ID_RE = re.compile(f"^(?:{_COMMENTS_ID})")
_COMMENT_CLASS_RE = re.compile(_COMMENTS_CLASS)
_RAW_PRUNE_TAGS = tuple(dict.fromkeys(_APPENDED_ARTICLES_TAGS + _COMMENT_TAGS))

# trafilatura.settings.BASIC_CLEAN_XPATH.
_BASIC_CLEAN_TAGS = {"aside", "fencedframe", "footer", "script", "style", "svg", "template"}
_COOKIE_CONSENT = re.compile(_COOKIE_CONSENT_RE, re.IGNORECASE)

# BODY_XPATH: the article frame, by one rule after the other.
_FRAME_TAGS = ("article", "div", "main", "section")
_ARTICLE_CONTENT_ID = re.compile(_alt(_ARTICLE_CONTENT_ID_TOKENS))
_ARTICLE_CONTENT_CLASS = re.compile(_alt(_ARTICLE_CONTENT_CLASS_TOKENS))
_STORY_ID = re.compile(_alt(_STORY_ID_TOKENS))
_STORY_CLASS = re.compile(_alt(_STORY_CLASS_TOKENS))
_FULLTEXT_CLASS = re.compile("fulltext", re.IGNORECASE)
_MAIN_CONTENT_ID = re.compile(_alt(_MAIN_CONTENT_ID_TOKENS))
_MAIN_CONTENT_CLASS = re.compile(_alt(_MAIN_CONTENT_CLASS_TOKENS))
_LOWER_C_M = str.maketrans("CM", "cm")
_LOWER_C_P = str.maketrans("CP", "cp")

# OVERALL_DISCARD_XPATH: boilerplate sections by tag and markers, then any element marked hidden;
# DISCARD_IMAGE_ELEMENTS and TEASER_DISCARD_XPATH: caption and teaser sections.
_SECTION_TAGS = {"div", "item", "list", "p", "section", "span"}
_CONSENT = re.compile(_alt(_CONSENT_ID_CLASS_TOKENS))
_BOILERPLATE_ID = re.compile(_alt(_OVERALL_DISCARD_BOTH_TOKENS + _OVERALL_DISCARD_ID_TOKENS))
_BOILERPLATE_CLASS = re.compile(_alt(_OVERALL_DISCARD_BOTH_TOKENS + _OVERALL_DISCARD_CLASS_TOKENS))
_HIDDEN_ID = re.compile("reader-comments|akismet")
_HIDDEN_CLASS = re.compile(
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
        if not element_id and not classes:  # every rule tests one of them
            continue
        tag = element.tag
        if tag in _APPENDED_ARTICLES_TAGS and (
            _SHARE_BUTTONS_CLASS in classes or _is_appended_articles(element, element_id, classes)
        ):
            selected.append(element)
        elif prune_comments and tag in _COMMENT_TAGS:
            id_re = _COMMENT_LIST_ID_RE if tag in ("ol", "ul") else _COMMENT_ID_RE
            if id_re.search(element_id) or _COMMENT_CLASS_RE.search(classes):
                selected.append(element)
    return selected


def _is_appended_articles(element: HtmlElement, element_id: str, classes: str) -> bool:
    if not (_APPENDED_ARTICLES_RE.search(element_id) or _APPENDED_ARTICLES_RE.search(classes)):
        return False
    return bool(_ALWAYS_APPENDED_RE.search(element_id) or _ALWAYS_APPENDED_RE.search(classes)) or (
        element.find(".//h1") is None
    )


def is_basic_clean(element: HtmlElement) -> bool:
    """Whether BASIC_CLEAN_XPATH selects `element`: asides, footers, templates, cookie banners and the like."""
    tag = element.tag
    if not isinstance(tag, str):
        return False
    if tag in _BASIC_CLEAN_TAGS:
        return True
    classes, element_id = element.get("class"), element.get("id")
    if classes is None and element_id is None:
        return False
    if tag == "div" and "footer" in _first_of(element.items(), ("class", "id")):
        return True
    return bool(_COOKIE_CONSENT.search(classes or "") or _COOKIE_CONSENT.search(element_id or ""))


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
        or _ARTICLE_CONTENT_ID.search(element_id)
        or _ARTICLE_CONTENT_CLASS.search(classes)
    )


def _is_story(element: HtmlElement, element_id: str, classes: str) -> bool:
    return bool(
        element.get("role") == "article"
        or element_id in ("article", "story")
        or classes in ("postarea", "art-postcontent", "text", "cell", "story")
        or _STORY_ID.search(element_id)
        or _FULLTEXT_CLASS.search(classes)
        or _STORY_CLASS.search(classes)
    )


def _is_main_content(element: HtmlElement, element_id: str, classes: str) -> bool:
    return bool(
        element_id == "content"
        or classes == "content"
        or _MAIN_CONTENT_ID.search(element_id)
        or _MAIN_CONTENT_CLASS.search(classes)
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
        or _CONSENT.search(_first_of(attributes, ("id", "class")))
        or _BOILERPLATE_ID.search(values.get("id", ""))
        or _BOILERPLATE_CLASS.search(values.get("class", ""))
    )


def _is_hidden(values: dict[str, str], attributes: list[tuple[str, str]]) -> bool:
    style = values.get("style", "")
    return bool(
        values.get("class") == "comments-title"
        or _first_of(attributes, ("id", "class")).startswith("reply-")
        or "hidden" in _first_of(attributes, ("id", "style"))
        or "display:none" in style
        or "display: none" in style
        or _HIDDEN_ID.search(values.get("id", ""))
        or _HIDDEN_CLASS.search(values.get("class", ""))
        or values.get("aria-hidden") == "true"
    )
