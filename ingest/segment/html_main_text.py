"""Main text with trafilatura: its extraction cascade for our one setting, minus the work it spends elsewhere.

`trafilatura_sequence` serves every option combination. For ours (fast, comments off, balanced focus) it
copies a backup tree it never reads, runs two regex XPaths over the whole raw tree (one libxml2-to-Python
callback per element) and, on every short extraction, copies and regex-cleans the page once more only to
measure its text length. Here the same cascade selects the same elements with Python regexes in tag-filtered
walks and measures that length in one read-only walk; tests/segment/test_html_main_text.py checks both
against trafilatura's own functions.
"""

from __future__ import annotations

import re
from copy import copy

from lxml.etree import XPath, iterwalk
from lxml.html import HtmlElement
from trafilatura.baseline import _BLOCK_ELEMS, baseline
from trafilatura.core import (
    ESCALATION_ACCEPT_RATIO,
    ESCALATION_MAX_LENGTH,
    ESCALATION_PAGE_SHARE,
    _forum_thread_page,
)
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.main_extractor import extract_content
from trafilatura.settings import _COOKIE_CONSENT_RE, Extractor
from trafilatura.utils import remove_control_characters
from trafilatura.xml import delete_element
from trafilatura.xpaths import _COMMENTS_CLASS, _COMMENTS_ID

# fast: skip the readability/justext comparison (slow, and no better on the benchmark);
# comments off: we find comments ourselves and trafilatura then prunes any it still sees.
MAIN_TEXT_OPTIONS = Extractor(output_format="txt", fast=True, comments=False, tables=True)

# trafilatura.xpaths.RAW_TREE_PRUNE_XPATH: infinite-scroll containers of appended articles, share buttons.
_APPENDED_ARTICLES_TAGS = ("div", "section", "aside")
_APPENDED_ARTICLES_RE = re.compile("mvp-post-add-(?:box|wrap)|infinite-?scroll")
_ALWAYS_APPENDED_RE = re.compile("mvp-post-add-(?:box|wrap)")
_SHARE_BUTTONS_CLASS = "elementor-share-buttons"
# trafilatura.xpaths.REMOVE_COMMENTS_AND_LISTS_XPATH: comment threads (ol/ul lists only by their own markers).
_COMMENT_TAGS = ("div", "list", "section", "details", "ol", "ul")
_COMMENT_ID_RE = re.compile(f"^(?:{_COMMENTS_ID}|disqus_thread|dsq-comments)")
_COMMENT_LIST_ID_RE = re.compile(f"^(?:{_COMMENTS_ID})")
_COMMENT_CLASS_RE = re.compile(_COMMENTS_CLASS)
_RAW_PRUNE_TAGS = tuple(dict.fromkeys(_APPENDED_ARTICLES_TAGS + _COMMENT_TAGS))
# trafilatura.settings.BASIC_CLEAN_XPATH, read by the page-length measure of the recall escalation.
_BASIC_CLEAN_TAGS = {"aside", "fencedframe", "footer", "script", "style", "svg", "template"}
_COOKIE_CONSENT = re.compile(_COOKIE_CONSENT_RE, re.IGNORECASE)
_COUNT_BLOCKS = XPath("count(" + " | ".join(f".//{tag}" for tag in sorted(_BLOCK_ELEMS)) + ")")


def main_text_body(tree: HtmlElement, url: str | None = None):
    """The extracted article as trafilatura's output element, from the cascade trafilatura_sequence runs for
    MAIN_TEXT_OPTIONS: raw-tree prune, main extractor, baseline rescue, recall escalation. Prunes `tree`."""
    options = MAIN_TEXT_OPTIONS
    for element in raw_tree_prune(tree, prune_comments=not _forum_thread_page(tree)):
        delete_element(element)
    body, text = extract_content(convert_tags(tree_cleaning(copy(tree), options), options, url), options)

    if len(text) < options.min_extracted_size:
        rescued_body, rescued_text, rescued_length = baseline(tree)
        if rescued_length > len(text):
            body, text = rescued_body, rescued_text

    # A short extraction that covers little of the page may be a non-article layout: retry for recall.
    if 0 < len(text) < ESCALATION_MAX_LENGTH and _covers_little_of_page(len(text), tree):
        recall = copy(options)
        recall.focus = "recall"
        try:
            retry_body, retry_text = extract_content(convert_tags(tree_cleaning(copy(tree), recall), recall, url), recall)
        except Exception:  # as in trafilatura: a failed retry keeps the first extraction
            retry_text = ""
        if len(retry_text) >= options.min_extracted_size and len(retry_text) > ESCALATION_ACCEPT_RATIO * len(text):
            body = retry_body
    return body


def raw_tree_prune(tree: HtmlElement, prune_comments: bool = True) -> list[HtmlElement]:
    """The elements trafilatura prunes from the raw tree, in document order: appended articles, share
    buttons and, unless the page is a forum thread, comment threads."""
    selected = []
    for element in tree.iter(*_RAW_PRUNE_TAGS):
        element_id, classes = element.get("id") or "", element.get("class") or ""
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


def _is_appended_articles(element, element_id: str, classes: str) -> bool:
    if not (_APPENDED_ARTICLES_RE.search(element_id) or _APPENDED_ARTICLES_RE.search(classes)):
        return False
    return bool(_ALWAYS_APPENDED_RE.search(element_id) or _ALWAYS_APPENDED_RE.search(classes)) or (
        element.find(".//h1") is None
    )


def _covers_little_of_page(text_length: int, tree: HtmlElement) -> bool:
    """text_length < ESCALATION_PAGE_SHARE * page_text_length(tree), settled first, when it can be, by a cheap
    upper bound of the page length: its whole text with whitespace collapsed (removing parts never makes that
    longer), plus one space each side of every block element."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    upper_bound = len(" ".join(body.text_content().split())) + 2 * int(_COUNT_BLOCKS(body))
    if text_length >= ESCALATION_PAGE_SHARE * upper_bound:
        return False
    return text_length < ESCALATION_PAGE_SHARE * page_text_length(tree)


def page_text_length(tree: HtmlElement) -> int:
    """len(trafilatura.baseline.html2txt(tree)), read without copying or changing the tree: the body's text
    with removed parts skipped (their tails kept), block boundaries spaced, whitespace collapsed."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    pieces = []
    walk = iterwalk(body, events=("start", "end"))
    for event, element in walk:
        tag = element.tag
        is_block = tag in _BLOCK_ELEMS
        if event == "start":
            if element is not body and _is_basic_clean(element):
                walk.skip_subtree()
                pieces.append(element.tail or "")
            elif is_block:
                pieces.append(f" {remove_control_characters(element.text)}" if element.text else " ")
            elif element.text:
                pieces.append(element.text)
        elif element is not body and not _is_basic_clean(element):
            if is_block:
                pieces.append(f" {remove_control_characters(element.tail)}" if element.tail else " ")
            elif element.tail:
                pieces.append(element.tail)
    return len(" ".join("".join(pieces).split()))


def _is_basic_clean(element) -> bool:
    tag = element.tag
    if not isinstance(tag, str):
        return False
    if tag in _BASIC_CLEAN_TAGS:
        return True
    classes, element_id = element.get("class"), element.get("id")
    if classes is None and element_id is None:
        return False
    if tag == "div" and "footer" in _first_of_class_or_id(element):
        return True
    return bool(_COOKIE_CONSENT.search(classes or "") or _COOKIE_CONSENT.search(element_id or ""))


def _first_of_class_or_id(element) -> str:
    """XPath's string(@class|@id): the value of whichever of the two comes first in the markup."""
    for name, value in element.items():
        if name in ("class", "id"):
            return value
    return ""
