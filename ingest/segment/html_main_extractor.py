"""trafilatura's main extractor (`trafilatura.main_extractor.extract_content`) for MAIN_TEXT_OPTIONS and its
recall variant, with the article frames and the boilerplate selected by `html_selectors` rather than by
regex XPaths. The element handlers are trafilatura's own; only their orchestration is repeated here, without
the branches for images, links and precision focus that our options never take.
"""

from __future__ import annotations

from collections.abc import Callable
from copy import deepcopy

from lxml.etree import Element, XPath, _Element, strip_elements, strip_tags, tostring
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import is_paragraph_listing, link_density_test_tables, process_node
from trafilatura.main_extractor import (
    MIN_DUPLICATE_LENGTH,
    NOT_AT_THE_END,
    REBUILT_BLOCKS,
    _elem_text,
    handle_textelem,
)
from trafilatura.settings import DEDUPE_SCAN_CAP, INLINE_FORMATTABLE, TAG_CATALOG, Extractor
from trafilatura.utils import LINK_FARM_RATIO, SPACING_PROTECTED, text_chars_test, trim
from trafilatura.xml import delete_element

from ingest.segment.html_selectors import content_frames, frame_sections, is_hidden_section

# Tables on, images and links off.
_POTENTIAL_TAGS = TAG_CATALOG | {"table", "td", "th", "tr"}
_PARAGRAPH_TEXT = XPath("//p//text()", smart_strings=False)
_DESCENDANTS = XPath(".//*")
# What the wild text recovery looks at (blockquote, pre and q are quote and code by now), and headings followed by
# running text outside any paragraph (old hand-written pages: "<h2>The Rules</h2>Text...<p>Text..."), which
# would be lost with them.
_WILD_TEXT_EXPRESSION = (
    ".//code|.//p|.//quote|.//table|.//div[contains(@class, 'w3-code')]"
    "|.//head[following-sibling::node()[1][self::text()][normalize-space()]]"
)
_WILD_TEXT = XPath(_WILD_TEXT_EXPRESSION)
_WILD_TEXT_RECALL = XPath(_WILD_TEXT_EXPRESSION + "|.//div|.//lb|.//list")
# A hidden section with this many paragraphs of this many words is collapsed article text.
COLLAPSED_MIN_PARAGRAPHS = 3
COLLAPSED_PROSE_MIN_WORDS = 12


def text_of(element: _Element) -> str:
    """element.text_content(): every text descendant, in order. The text serialisation returns the same string
    without setting up an XPath evaluation (lxml.html's text_content is XPath string()), several times faster on
    the small elements this package measures."""
    return tostring(element, method="text", encoding=str, with_tail=False)


def extract_content(
    cleaned_tree: HtmlElement, options: Extractor, rebuild: Callable[[], HtmlElement] | None = None
) -> tuple[_Element, str]:
    """The main text of a cleaned, tag-converted tree and its plain text; changes the tree. The wild text
    recovery reads the tree as it came in: `rebuild`, when given, makes it afresh (the same steps on the same
    page give the same tree), which spares copying it on every page for the few where the main pass comes up
    short; without it, a copy is kept."""
    backup_tree = deepcopy(cleaned_tree) if rebuild is None else None
    # Source order before the main pass moves elements: the backup's twins of consumed elements.
    order = list(cleaned_tree.iter())
    body, text, potential_tags = _extract(cleaned_tree, options)
    if len(body) == 0 or len(text) < options.min_extracted_size:
        if backup_tree is None:
            backup_tree = rebuild()
        consumed = {twin for element, twin in zip(order, backup_tree.iter(), strict=True) if element.tag == "done"}
        body = _recover_wild_text(backup_tree, body, options, potential_tags, consumed)
        text = " ".join(body.itertext()).strip()
    _tidy_body(body)
    return body, text


def _extract(tree: HtmlElement, options: Extractor) -> tuple[_Element, str, set[str]]:
    """Try the article frames in turn until one yields more than a single block of text."""
    potential_tags = set(_POTENTIAL_TAGS)
    body = Element("body")
    for frame in content_frames(tree):
        frame = _prune_unwanted_sections(frame, options)
        if len(frame) == 0:
            continue
        # Little paragraph text (anywhere in the document, as trafilatura reads it): divs count as text blocks.
        paragraph_text = _PARAGRAPH_TEXT(frame)
        if not paragraph_text or sum(map(len, paragraph_text)) < options.min_extracted_size * 3:
            potential_tags.add("div")
        start = len(body)
        lead = _extract_frame(frame, body, potential_tags, options)
        while len(body) > 0 and body[-1].tag in NOT_AT_THE_END:
            delete_element(body[-1], keep_tail=False)
        if sum(element.tag != "graphic" for element in body) > 1:
            if lead is not None:
                body.insert(start, lead)
            break
    return body, " ".join(body.itertext()).strip(), potential_tags


def _extract_frame(frame: HtmlElement, body: _Element, potential_tags: set[str], options: Extractor) -> _Element | None:
    """Append the frame's text elements to `body`; return the paragraph made of the frame's own leading text,
    which only counts if the frame is accepted."""
    elements = _DESCENDANTS(frame)
    tags = {element.tag for element in elements}
    # A single text run (only line breaks or inline elements): the frame itself is the element.
    if tags == {"lb"} or (frame.tag == "div" and "div" in potential_tags and tags <= INLINE_FORMATTABLE | {"lb"}):
        elements = [frame]
    lead = None
    if elements != [frame] and text_chars_test(frame.text):
        lead = Element("p")
        lead.text = frame.text
        lead = process_node(lead, options)
    for element in elements:
        # Already moved into the body with an ancestor: visiting it again would repeat its text.
        if element.getroottree().getroot() is body:
            continue
        tag, tail = element.tag, element.tail
        processed = handle_textelem(element, potential_tags, options)
        if processed is not None:
            body.append(processed)
            if element.getroottree().getroot() is not body:
                element.tag = "done"
        # The text after a rebuilt block is a paragraph of its own, unless the handler carried it over.
        if tag in REBUILT_BLOCKS and text_chars_test(tail) and (processed is None or processed.tail is None):
            tail_paragraph = Element("p")
            tail_paragraph.text = tail
            if process_node(tail_paragraph, options) is not None:
                body.append(tail_paragraph)
    return lead


def _recover_wild_text(
    tree: HtmlElement, body: _Element, options: Extractor, potential_tags: set[str], consumed: set[_Element]
) -> _Element:
    """trafilatura's recover_wild_text: the paragraphs, quotes, code and tables (and in recall, divs, line
    breaks and lists) of the whole pruned page that the main pass did not take and the body does not hold yet.
    Fast mode keeps teaser blocks: this is the last resort after the main pass came up short."""
    potential_tags = set(potential_tags)
    wild_text = _WILD_TEXT
    if options.focus == "recall":
        potential_tags.update(["div", "lb"])
        wild_text = _WILD_TEXT_RECALL
    candidates = wild_text(_prune_unwanted_sections(tree, options, keep_teasers=options.fast))
    texts = [_elem_text(element) for element in body]
    # Newline-joined (a trimmed element text has none), so no substring match spans two elements.
    existing = "\n".join(filter(None, texts))
    existing_texts = set(texts)
    # Elements taken whole: their descendants are covered.
    handled: set[_Element] = set()
    for candidate in candidates:
        if candidate in consumed or any(ancestor in handled for ancestor in candidate.iterancestors()):
            continue
        processed = handle_textelem(candidate, potential_tags, options)
        if processed is None:
            continue
        if processed is candidate:
            handled.add(candidate)
        text = _elem_text(processed)
        # Image-only blocks have no text to compare: their sources are checked against the body's.
        images = {image.get("src") for image in processed.iter("graphic")}
        if not text and images and images <= {image.get("src") for image in body.iter("graphic")}:
            continue
        # Past the cap, the substring search is skipped and `existing` stops growing.
        under_cap = len(existing) <= DEDUPE_SCAN_CAP
        # A copy carrying its source's tail is a fragment of a text run: no length gate.
        fragment = trim(text + (processed.tail or "")) if text_chars_test(processed.tail) else ""
        if text and (text in existing_texts or (under_cap and _holds(existing, text, fragment))):
            continue
        body.append(processed)
        if under_cap:
            existing += "\n" + (fragment or text)
        existing_texts.add(text)
    return body


def _holds(existing: str, text: str, fragment: str) -> bool:
    """Whether the text taken so far holds `text` (unless short) or its `fragment`."""
    return (len(text) > MIN_DUPLICATE_LENGTH and text in existing) or bool(fragment and fragment in existing)


def _prune_unwanted_sections(frame: HtmlElement, options: Extractor, keep_teasers: bool = False) -> HtmlElement:
    """Boilerplate sections, caption blocks, teasers (unless recall or kept), link-heavy blocks and tables out."""
    sections = frame_sections(frame)
    _delete_boilerplate(frame, sections.boilerplate)
    prune_teasers = options.focus != "recall" and not keep_teasers
    for element in sections.captions + (sections.teasers if prune_teasers else []):
        delete_element(element)
    _delete_link_lists(frame)
    # Collected first: deleting a table while iterating can skip the next one.
    link_tables = [table for table in frame.iter("table") if link_density_test_tables(table)]
    for table in link_tables:
        delete_element(table, keep_tail=False)
    strip_tags(frame, "span", "ref")
    return frame


def _delete_boilerplate(frame: HtmlElement, boilerplate: list[HtmlElement]) -> None:
    """prune_unwanted_nodes(with_backup=True): the outermost boilerplate elements out, unless they hold more
    than six sevenths of the frame's text."""
    selected = set(boilerplate)
    outermost = [
        element for element in boilerplate
        if not _has_ancestor_in(element, selected, frame) and not _is_collapsed_text(element)
    ]
    frame_length = len(text_of(frame))
    if frame_length - sum(len(text_of(element)) for element in outermost) > frame_length / 7:
        for element in outermost:
            delete_element(element)


def _is_collapsed_text(element: HtmlElement) -> bool:
    """A hidden section holding COLLAPSED_MIN_PARAGRAPHS paragraphs of prose: the rest of the article behind a
    "read more" toggle, which the page shows on a click, not a hidden menu or dialog."""
    if not is_hidden_section(element):
        return False
    prose = 0
    for paragraph in element.iter("p"):
        if len(text_of(paragraph).split()) >= COLLAPSED_PROSE_MIN_WORDS:
            prose += 1
            if prose >= COLLAPSED_MIN_PARAGRAPHS:
                return True
    return False


def _has_ancestor_in(element: HtmlElement, elements: set[HtmlElement], frame: HtmlElement) -> bool:
    for ancestor in element.iterancestors():
        if ancestor is frame:
            return False
        if ancestor in elements:
            return True
    return False


def _delete_link_lists(frame: HtmlElement) -> None:
    """trafilatura's link density passes without precision focus: twice, the divs (with backtracking), lists and
    paragraphs that are mostly links (delete_by_link_density). Text lengths are kept from pass to pass and only
    forgotten for the ancestors of what a pass deletes, so an element or link is measured once or twice rather
    than once per pass and per enclosing element. The passes only delete, so the elements holding links or
    images at the start are the only ones that can hold any later: the others need no look for them."""
    text_lengths: dict[_Element, int] = {}
    linked = _ancestors_of(frame, "ref")
    with_images = _ancestors_of(frame, "graphic")
    for _ in range(2):
        for tag in ("div", "list", "p"):
            _delete_by_link_density(frame, tag, text_lengths, linked, with_images)


def _ancestors_of(frame: HtmlElement, tag: str) -> set[_Element]:
    """The elements with a `tag` element under them."""
    ancestors: set[_Element] = set()
    for element in frame.iter(tag):
        for ancestor in element.iterancestors():
            if ancestor in ancestors:  # and so are its own ancestors
                break
            ancestors.add(ancestor)
    return ancestors


def _delete_by_link_density(
    frame: HtmlElement, tag: str, text_lengths: dict[_Element, int], linked: set[_Element], with_images: set[_Element]
) -> None:
    deletions = []
    for element in frame.iter(tag):
        if element not in linked:
            continue
        is_link_list, short_with_links = _link_density_test(element, text_lengths, element in with_images)
        if is_link_list or (
            tag == "div" and short_with_links and len(element) >= 3 and _text_length(element, text_lengths) < 100
        ):
            parent = element.getparent()
            # A paragraph holding a list item or cell: the list or table is judged as a whole.
            if tag == "p" and parent is not None and parent.tag in ("item", "td", "th"):
                continue
            deletions.append(element)
    # Nothing changed during the pass: the deletions come after it, as in trafilatura.
    for element in dict.fromkeys(deletions):
        for ancestor in element.iterancestors():
            text_lengths.pop(ancestor, None)
        delete_element(element)


def _link_density_test(
    element: HtmlElement, text_lengths: dict[_Element, int], may_hold_images: bool = True
) -> tuple[bool, bool]:
    """trafilatura's link_density_test: whether the element is a link list, and whether it is short with links.
    Image containers are never link lists (with `may_hold_images` false, the element is known to hold none)."""
    links = list(element.iterdescendants("ref"))
    if not links or (may_hold_images and next(element.iterdescendants("graphic"), None) is not None):
        return False, False
    text_length = _text_length(element, text_lengths)
    if len(links) == 1:
        link_length = _text_length(links[0], text_lengths)
        if link_length > 100 and link_length > text_length * 0.9:
            return True, False
    if element.tag == "p":
        limit = 60 if element.getnext() is None else 30
    else:
        limit = 300 if element.getnext() is None else 100
    if text_length < limit:
        lengths = _link_text_lengths(links, text_lengths)
        if not lengths:
            return True, False
        short = sum(1 for length in lengths if length < 10)
        return sum(lengths) > text_length * 0.8 or (len(lengths) > 1 and short / len(lengths) > 0.8), True
    # Large near-total link farms ("latest news" sidebars), unless each link is a long catalog entry.
    if len(links) > 4:
        lengths = _link_text_lengths(links, text_lengths)
        link_length = sum(lengths)
        is_farm = text_length * LINK_FARM_RATIO < link_length < 100 * len(lengths)
        if is_farm and not is_paragraph_listing(links):
            return True, False
    return False, False


def _link_text_lengths(links: list[HtmlElement], text_lengths: dict[_Element, int]) -> list[int]:
    """The text lengths of the links that have text."""
    return [length for length in (_text_length(link, text_lengths) for link in links) if length]


def _text_length(element: _Element, text_lengths: dict[_Element, int]) -> int:
    """len(trim(text_of(element))), remembered."""
    length = text_lengths.get(element)
    if length is None:
        length = text_lengths[element] = len(trim(text_of(element)))
    return length


def _tidy_body(body: _Element) -> None:
    """Drop a long block repeating the one before, the consumed markers and divs, and line breaks whose tail is
    only the indentation of stripped blocks (kept inside code, where it is the indentation itself)."""
    previous = None
    for element in list(body):
        current = _elem_text(element)
        if current and current == previous and len(current) > MIN_DUPLICATE_LENGTH:
            delete_element(element, keep_tail=False)
        else:
            previous = current
    strip_elements(body, "done")
    strip_tags(body, "div")
    for line_break in body.iter("lb"):
        if (
            line_break.tail
            and not text_chars_test(line_break.tail)
            and not any(ancestor.tag in SPACING_PROTECTED for ancestor in line_break.iterancestors())
        ):
            line_break.tail = None
