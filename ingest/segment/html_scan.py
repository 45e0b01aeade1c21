"""One pass over a parsed page that files the elements the extractors look at (cheaper than one XPath each)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from lxml.etree import XPath

HEADING_TAGS = {"h2", "h3", "h4", "h5", "h6", "header"}
HEADING_CLASS_RE = re.compile("title|heading|headline")
CHROME_TAGS = {"nav", "footer"}
CHROME_ROLES = {"navigation", "contentinfo"}
GROUP_MIN_CHILDREN = 3
LINK_WRAPPER_TAGS = {"i", "em", "b", "strong", "span", "small"}
COMMENT_IDS = {"comments", "disqus_thread", "comments-block", "respond"}
COMMENT_CLASSES = {"comments", "comment-list", "commentlist", "comments-area", "comment-thread"}
RELATED_CLASSES = ("yarpp-related", "crp_related", "related-posts", "relatedposts", "related_posts")
RELATED_CLASS_RE = re.compile("|".join(RELATED_CLASSES))
DEK_TAGS = {"h2", "h3", "p", "div", "span"}
# Class/id tokens that mark a subtitle or standfirst shown under the headline.
DEK_TOKENS = {"dek", "deck", "standfirst", "subheadline", "sub-headline", "subheading", "sub-heading", "subtitle",
              "sub-title", "subhead", "sub-head", "strapline", "article-dek", "article-subtitle", "entry-subtitle",
              "post-subtitle", "headline-sub", "article__dek", "article__subtitle", "article__standfirst"}
# Every comment, widget and dek class marker (lowercased) holds one of these words: an element whose class
# holds none, and whose id is no marker, is filed by its tag and heading class alone.
MARKER_CLASS_WORDS_RE = re.compile("comment|popular|related|dek|deck|standfirst|sub|strapline")
MARKER_IDS = {*COMMENT_IDS, "jp-relatedposts", *DEK_TOKENS}
# Attributes most elements lack, found by XPaths that step to the attributes (no per-element test in libxml2), so the
# walk reads two attributes of each element rather than four: role, a link's href and id are looked up in these.
_CHROME_ROLE_ELEMENTS = XPath(f"descendant-or-self::*/@role[{' or '.join(f'.={role!r}' for role in sorted(CHROME_ROLES))}]/..")
_FRAGMENT_LINKS = XPath("descendant-or-self::a/@href[starts-with(., '#')]/..")
_IDS = XPath("descendant-or-self::*/@id")


@dataclass(slots=True)
class PageIndex:
    """Elements of one page, filed by what they may be, each list in document order."""

    root: object = None  # the body, or the whole tree when it has none
    headings: list = field(default_factory=list)
    comment_containers: list = field(default_factory=list)
    popular_posts: list = field(default_factory=list)
    jetpack_related: list = field(default_factory=list)
    related_posts: list = field(default_factory=list)
    # Other elements whose class or id says "related" ("related-articles", "relatedStories", id="related"): boxes
    # of links to related stories in any markup.
    related_marked: list = field(default_factory=list)
    dek_candidates: list = field(default_factory=list)
    chrome: list = field(default_factory=list)
    fragment_links: list = field(default_factory=list)
    # Paragraphs holding a link directly or through one inline wrapper (<p><i>[<a>…</a>]</i></p>): where a line of
    # the story may be nothing but a link to another story.
    link_lines: list = field(default_factory=list)
    # Elements with at least GROUP_MIN_CHILDREN element children: where repeated cards may sit.
    groups: list = field(default_factory=list)
    # Text pieces ending in a colon ("Read also:"), as (element, whether the piece is its tail), in document order:
    # where a lead-in to a link may stand.
    colon_pieces: list = field(default_factory=list)


def scan_page(tree) -> PageIndex:
    """File the body's elements by tag, class and id in a single walk."""
    index = PageIndex()
    body = tree.find("body")
    index.root = body if body is not None else tree
    # A page repeats its class attributes (one per card, menu item, paragraph style): the two class tests run
    # once per distinct attribute, not once per element.
    class_tests: dict[str, tuple[bool, bool]] = {}
    chrome_roles = set(_CHROME_ROLE_ELEMENTS(index.root))
    index.fragment_links = [link for link in _FRAGMENT_LINKS(index.root) if link not in chrome_roles]
    marker_ids = {value.getparent() for value in _IDS(index.root) if _is_marker_id(value.lower())}
    for element in index.root.iter("*"):
        text, tail = element.text, element.tail
        if text and _ends_in_colon(text):
            index.colon_pieces.append((element, False))
        if tail and _ends_in_colon(tail) and element is not index.root:
            index.colon_pieces.append((element, True))
        tag = element.tag
        if tag in CHROME_TAGS or element in chrome_roles:
            index.chrome.append(element)
        elif tag == "a":
            line = element.getparent()
            if line is not None and line.tag in LINK_WRAPPER_TAGS:
                line = line.getparent()
            if line is not None and line.tag == "p" and (not index.link_lines or index.link_lines[-1] is not line):
                index.link_lines.append(line)
            continue
        if len(element) >= GROUP_MIN_CHILDREN:
            index.groups.append(element)
        classes = element.get("class") or ""
        tests = class_tests.get(classes)
        if tests is None:
            tests = class_tests[classes] = _class_tests(classes)
        has_heading_class, has_marker_class = tests
        if has_heading_class or tag in HEADING_TAGS:
            index.headings.append(element)
        if has_marker_class or element in marker_ids:
            _file_marked(index, element, classes, classes.lower(), element.get("id") or "")
    if len(index.colon_pieces) > 1 and any(is_tail for _, is_tail in index.colon_pieces):
        # A tail comes after its element's descendants, which the walk visits later.
        position = {node: number for number, node in enumerate(index.root.iter())}
        index.colon_pieces.sort(key=lambda piece: _piece_position(piece, position))
    return index


def _ends_in_colon(text: str) -> bool:
    return (":" in text or "：" in text) and text.rstrip().endswith((":", "："))


def _piece_position(piece: tuple, position: dict) -> tuple[int, int, int]:
    """Sort key of a text piece in document order: an element's text at the element, its tail after its last
    descendant, the tail of a deeper element first."""
    element, is_tail = piece
    if not is_tail:
        return position[element], 0, 0
    last = element
    while len(last):
        last = last[-1]
    return position[last], 1, -sum(1 for _ in element.iterancestors())


def _is_marker_id(element_id: str) -> bool:
    return element_id in MARKER_IDS or "related" in element_id


def _class_tests(classes: str) -> tuple[bool, bool]:
    """(whether the class attribute marks a heading, whether it may hold a comment, widget or dek marker)."""
    lowered = classes.lower()
    if not _has_any_class_word(lowered):
        return False, False
    return HEADING_CLASS_RE.search(lowered) is not None, MARKER_CLASS_WORDS_RE.search(lowered) is not None


def _has_any_class_word(lowered: str) -> bool:
    """Whether a word of HEADING_CLASS_RE or MARKER_CLASS_WORDS_RE occurs in the value: false for nine class
    attributes in ten, which settles both tests. Substring tests in a row: a regex alternation tries every word at
    every position of the value, about twice the cost on long class lists."""
    return (
        "title" in lowered or "heading" in lowered or "headline" in lowered or "comment" in lowered
        or "popular" in lowered or "related" in lowered or "dek" in lowered or "deck" in lowered
        or "standfirst" in lowered or "sub" in lowered or "strapline" in lowered
    )


def _file_marked(index: PageIndex, element, classes: str, lowered: str, element_id: str) -> None:
    tokens = set(lowered.split())
    if element_id in COMMENT_IDS or not tokens.isdisjoint(COMMENT_CLASSES):
        index.comment_containers.append(element)
    if "PopularPosts" in classes.split():
        index.popular_posts.append(element)
    elif element_id == "jp-relatedposts":
        index.jetpack_related.append(element)
    elif RELATED_CLASS_RE.search(lowered):
        index.related_posts.append(element)
    elif "related" in lowered or "related" in element_id.lower():
        index.related_marked.append(element)
    if element.tag in DEK_TAGS and (not tokens.isdisjoint(DEK_TOKENS) or element_id.lower() in DEK_TOKENS):
        index.dek_candidates.append(element)
