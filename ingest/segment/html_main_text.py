"""Main text with trafilatura: its extraction cascade for our one setting, minus the work it spends elsewhere.

`trafilatura_sequence` serves every option combination. For ours (fast, comments off, balanced focus) it
copies a backup tree it never reads, runs regex XPaths over the whole raw tree and every candidate article
frame (one libxml2-to-Python callback per element) and, on every short extraction, copies and regex-cleans the
page once more only to measure its text length. Here the same cascade selects the same elements with Python
regexes in tag-filtered walks (`html_selectors`, used by the main extractor in `html_main_extractor`) and
measures that length in one read-only walk; tests/segment/test_html_main_text.py checks the result against
trafilatura's own functions.
"""

from __future__ import annotations

from copy import copy

from lxml.etree import iterwalk
from lxml.html import HtmlElement
from trafilatura.baseline import _BLOCK_ELEMS, baseline
from trafilatura.core import (
    ESCALATION_ACCEPT_RATIO,
    ESCALATION_MAX_LENGTH,
    ESCALATION_PAGE_SHARE,
    _forum_thread_page,
)
from trafilatura.htmlprocessing import convert_tags, tree_cleaning
from trafilatura.settings import Extractor
from trafilatura.utils import remove_control_characters
from trafilatura.xml import delete_element

from ingest.segment.html_main_extractor import extract_content
from ingest.segment.html_selectors import is_basic_clean, raw_tree_prune

# fast: skip the readability/justext comparison (slow, and no better on the benchmark);
# comments off: we find comments ourselves and trafilatura then prunes any it still sees.
MAIN_TEXT_OPTIONS = Extractor(output_format="txt", fast=True, comments=False, tables=True)

_BLOCK_TAGS = tuple(sorted(_BLOCK_ELEMS))


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


def _covers_little_of_page(text_length: int, tree: HtmlElement) -> bool:
    """text_length < ESCALATION_PAGE_SHARE * page_text_length(tree), settled first, when it can be, by a cheap
    upper bound of the page length: its whole text with whitespace collapsed (removing parts never makes that
    longer), plus one space each side of every block element."""
    body = tree.find(".//body")
    if body is None:
        body = tree
    upper_bound = len(" ".join(body.text_content().split())) + 2 * sum(1 for _ in body.iterdescendants(_BLOCK_TAGS))
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
    removed = None
    walk = iterwalk(body, events=("start", "end"))
    for event, element in walk:
        tag = element.tag
        is_block = tag in _BLOCK_ELEMS
        if event == "start":
            if element is not body and is_basic_clean(element):
                # Its end event comes next, and only its tail counts.
                walk.skip_subtree()
                removed = element
                pieces.append(element.tail or "")
            elif is_block:
                pieces.append(f" {remove_control_characters(element.text)}" if element.text else " ")
            elif element.text:
                pieces.append(element.text)
        elif element is not body and element is not removed:
            if is_block:
                pieces.append(f" {remove_control_characters(element.tail)}" if element.tail else " ")
            elif element.tail:
                pieces.append(element.tail)
    return len(" ".join("".join(pieces).split()))
