"""HTML extractor: parse once, read metadata and widgets, then hand the pruned tree to trafilatura for the body."""

from __future__ import annotations

import logging
import re

from lxml.etree import ElementDefaultClassLookup, strip_tags
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HTMLParser, HtmlProcessingInstruction, fromstring, tostring
from trafilatura.utils import (
    DOCTYPE_TAG,
    FAULTY_HTML,
    SPACING_PROTECTED,
    decode_file,
    is_dubious_html,
    repair_faulty_html,
)
from trafilatura.xml import delete_element, xmltotxt

from ingest.segment.html_main_text import main_text_body
from ingest.segment.html_metadata import normalize_space, read_metadata
from ingest.segment.html_scan import scan_page
from ingest.segment.html_widgets import find_widgets, listing_cards
from ingest.segment.parts import PageParts, TeaserCard

# trafilatura logs every page it finds too short at WARNING; that is a normal outcome here.
logging.getLogger("trafilatura").setLevel(logging.ERROR)


# trafilatura's parser settings, but lxml.html's parser picks each element's Python class in a Python
# callback, paid every time code touches an element; a C-level lookup giving every element the plain
# HtmlElement class (all that trafilatura and this package use) does the same for a fraction of the cost.
# huge_tree: without it libxml2 stops at 256 nested elements and silently drops the rest of the page (builders nest
# that deep); with it the limit is 2048, and a page past that is flagged (HtmlTooDeep), not silently emptied.
HTML_PARSER = HTMLParser(
    collect_ids=False, default_doctype=False, encoding="utf-8", remove_comments=True, remove_pis=True, huge_tree=True
)
HTML_PARSER.set_element_class_lookup(
    ElementDefaultClassLookup(element=HtmlElement, comment=HtmlComment, pi=HtmlProcessingInstruction, entity=HtmlEntity)
)
# Never text: every step after parsing (trafilatura included) discards them, after paying to walk, copy and
# match XPaths over them. JSON-LD scripts stay: metadata and trafilatura's forum and baseline checks read them.
INVISIBLE_TAGS = ("script", "style", "svg")
JSON_LD_TYPE = "application/ld+json"
# The characters trafilatura's repair_faulty_html removes (INVALID_XML_CHARS): control characters, which are
# single bytes in UTF-8, and two non-characters.
_XML_CONTROL_BYTES = bytes(code for code in range(0x20) if code not in b"\t\n\r")
_NON_CHARACTERS = ("\ufffe", "\uffff")
# Markup without an <html> element or a head still counts as a page with this many block elements.
FRAGMENT_BLOCK_TAGS = ("p", "div", "td", "li", "br", "h1", "h2", "h3", "table", "article", "section")
FRAGMENT_MIN_BLOCKS = 3
# A page whose extracted text is this much story cards is a listing (home, section, tag page), not an article.
LISTING_TEXT_SHARE = 0.6
# A widget holding more than this share of the page's text is the page's content. Widgets shorter than this many
# characters are dropped without measuring the page: a card list that short beside no longer text is no article.
WIDGET_MAX_PAGE_SHARE = 0.5
WIDGET_CHECKED_CHARS = 2000
# Stands for a line break inside a code block until the text is split into paragraphs: printable (the text output
# drops control and private-use characters) and not met in text (twice the symbol for the record separator).
CODE_LINE_BREAK = "\u241e\u241e"
_SOURCE_LINE_BREAKS = re.compile(r"[ \t]*[\r\n][\s]*")
_WORDS = re.compile(r"\w+")


class HtmlTooDeep(ValueError):
    """The page nests elements deeper than the parser can follow; what lies deeper was not read."""


def parse_html(html: str | bytes) -> HtmlElement | None:
    """Parse a page the way trafilatura's load_html does (encoding sniffing, repairs); None when it is not HTML.

    Raises HtmlTooDeep when the parser gave up at its depth limit, so the page is flagged instead of cut short.
    """
    if not isinstance(html, (str, bytes)):
        return None
    text = decode_file(html)
    beginning = text[:50].lower()
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # lone surrogates
        tree = _parse_string(repair_faulty_html(text, beginning))
    else:
        tree = _parse_bytes(_repaired(text, data, beginning))
    if any(error.message.startswith("Excessive depth") for error in HTML_PARSER.error_log):
        raise HtmlTooDeep("elements nest deeper than the HTML parser's limit of 2048; the page was not segmented")
    # Text that never says "html" must at least parse into a head and a body to count as a page, or be a
    # fragment of markup (a stored <div>…</div>, a dataset's wrapped page body): several block elements.
    if tree is None or (is_dubious_html(beginning) and len(tree) < 2 and not _is_markup_fragment(tree)):
        return None
    return tree


def _is_markup_fragment(tree: HtmlElement) -> bool:
    blocks = tree.iter(*FRAGMENT_BLOCK_TAGS)
    return sum(1 for _ in zip(range(FRAGMENT_MIN_BLOCKS), blocks)) >= FRAGMENT_MIN_BLOCKS


def _repaired(text: str, data: bytes, beginning: str) -> bytes:
    """UTF-8 of repair_faulty_html(text, beginning), given `data`, the UTF-8 of `text`. Its first step, a regex
    over the whole page, changes nothing on almost every page: byte and substring searches settle that for a
    fraction of its cost, and only the two repairs of the page's beginning remain."""
    if len(data.translate(None, _XML_CONTROL_BYTES)) < len(data) or any(code in text for code in _NON_CHARACTERS):
        return repair_faulty_html(text, beginning).encode("utf-8")
    repaired = text
    if "doctype" in beginning:
        first_line, _, rest = text.partition("\n")
        repaired = DOCTYPE_TAG.sub("", first_line, count=1) + "\n" + rest
    for line in repaired[:4096].splitlines()[:4]:
        if "<html" in line and line.endswith("/>"):
            repaired = FAULTY_HTML.sub(r"\1>", repaired, count=1)
            break
    return data if repaired == text else repaired.encode("utf-8")


def _parse_string(text: str) -> HtmlElement | None:
    try:
        tree = fromstring(text, parser=HTML_PARSER)
    except Exception:  # an encoding declaration, or lxml's parse errors ("Document is empty")
        tree = None
    if tree is None or len(tree) < 1:
        tree = _parse_bytes(text.encode("utf8", "surrogatepass"))
    return tree


def _parse_bytes(data: bytes) -> HtmlElement | None:
    try:
        return fromstring(data, parser=HTML_PARSER)
    except Exception:
        return None


def drop_invisible(tree: HtmlElement) -> None:
    """Remove scripts (except JSON-LD), styles and inline SVG, keeping the text that follows them."""
    invisible = [
        element for element in tree.iter(*INVISIBLE_TAGS)
        if element.tag != "script" or (element.get("type") or "").strip().lower() != JSON_LD_TYPE
    ]
    for element in invisible:
        delete_element(element)


def main_text(tree: HtmlElement, url: str | None = None) -> list[str]:
    """Article paragraphs in page order. trafilatura prunes the tree it is given, so call this last."""
    try:
        body = main_text_body(tree, url)
    except (TypeError, ValueError):
        return []
    _join_source_lines(body)
    _mark_code_lines(body)
    text = xmltotxt(body, include_formatting=False)
    paragraphs = (_code_lines(raw) if CODE_LINE_BREAK in raw else normalize_space(raw) for raw in text.split("\n"))
    return [paragraph for paragraph in paragraphs if paragraph]


def _mark_code_lines(body) -> None:
    """A code block's line breaks are CODE_LINE_BREAK, so the block stays one paragraph with its lines in it. Read
    line by line, its lines were paragraphs of their own, and the clean-up cut the repeated ones (the same output
    line printed by two commands, a config section set up twice) as copies, which code is not."""
    for code in body.iter(*SPACING_PROTECTED):
        if any(ancestor.tag in SPACING_PROTECTED for ancestor in code.iterancestors()):
            continue
        for element in code.iter():
            if element.tag == "lb" and element is not code:
                element.tail = CODE_LINE_BREAK + (element.tail or "")
            if element.text:
                element.text = element.text.replace("\n", CODE_LINE_BREAK)
            if element is not code and element.tail:
                element.tail = element.tail.replace("\n", CODE_LINE_BREAK)
        strip_tags(code, "lb")


def _code_lines(text: str) -> str:
    """A marked code block's text: its lines with whitespace collapsed, empty ones dropped, joined by line breaks."""
    return "\n".join(line for line in (normalize_space(raw) for raw in text.split(CODE_LINE_BREAK)) if line)


def _join_source_lines(body) -> None:
    """Line breaks typed inside the HTML source's text (hard-wrapped paragraphs) are spaces, as a browser shows them;
    only line-break elements and blocks end a line. Kept inside code, where they are the layout. Otherwise each
    source line would become a paragraph of its own, and the clean-up would take later lines for repeats of
    earlier ones."""
    protected = {element for outer in body.iter(*SPACING_PROTECTED) for element in outer.iter()}
    for element in body.iter():
        if element.text and "\n" in element.text and element not in protected:
            element.text = _spaced(element.text)
        if element.tail and "\n" in element.tail and element.getparent() not in protected:
            element.tail = _spaced(element.tail)


def _spaced(text: str) -> str:
    return _SOURCE_LINE_BREAKS.sub(" ", text)


def _beside_the_content(
    tree: HtmlElement, elements: list[HtmlElement], comment_threads: set[HtmlElement], title: str | None = None
) -> list[HtmlElement]:
    """The widget and comment elements to drop before main-text extraction, less any widget that holds more than
    WIDGET_MAX_PAGE_SHARE of the page's text: that is the page's content itself (an archive of entries, a
    guide whose sections look like cards), which the main extractor must see; and less any widget that holds the
    page's headline (an h1 reading as the page's title): that is the article's container, whatever cards it also
    holds (source links, a comment count), not a block beside the article. Comment threads always go."""
    headline = _words(title) if title else ""
    kept = {
        element for element in elements
        if headline and element not in comment_threads
        and any(_words(tostring(h1, method="text", encoding=str, with_tail=False)) == headline for h1 in element.iter("h1"))
    }
    sizes = {element: _text_length(element) for element in elements if element not in comment_threads}
    largest = max(sizes.values(), default=0)
    if largest < WIDGET_CHECKED_CHARS:
        return [element for element in elements if element not in kept]
    body = tree.find(".//body")
    page = _text_length(tree if body is None else body)
    return [element for element in elements if sizes.get(element, 0) <= WIDGET_MAX_PAGE_SHARE * page and element not in kept]


def _words(text: str) -> str:
    return " ".join(_WORDS.findall(text.casefold()))


def _text_length(element: HtmlElement) -> int:
    return len(" ".join(tostring(element, method="text", encoding=str, with_tail=False).split()))


def _is_mostly_cards(paragraphs: list[str], cards: list[TeaserCard]) -> bool:
    """Whether most of the extracted text (by characters) is the listing cards' titles and snippets."""
    card_text = "\n".join(f"{card.title}\n{card.raw_snippet or ''}" for card in cards)
    total = sum(map(len, paragraphs))
    from_cards = sum(len(paragraph) for paragraph in paragraphs if paragraph in card_text)
    return total > 0 and from_cards >= LISTING_TEXT_SHARE * total


def extract_parts(html: str | bytes, url: str | None = None) -> PageParts:
    """Split one HTML page into article parts, teaser cards and non-article segments."""
    tree = parse_html(html)
    if tree is None:
        return PageParts()
    drop_invisible(tree)
    # lxml gives an element a Python proxy whenever code reaches it and none is alive, and frees it with the last
    # reference: each pass over the page (scan, metadata, widgets, main text) would pay for that again. Held for
    # the whole page, each element's proxy is made once. Nothing reads this list.
    _proxies = list(tree.iter())
    index = scan_page(tree)
    metadata = read_metadata(tree, index.dek_candidates, url)
    widgets = find_widgets(index, metadata.canonical_url or url)
    for element in _beside_the_content(tree, widgets.remove, set(index.comment_containers), metadata.title):
        if element.getparent() is not None:
            element.drop_tree()
    # Read before main_text, which prunes the tree. A page that declares an article is never a listing.
    listing = [] if metadata.declares_article else listing_cards(tree, metadata.canonical_url or url)
    paragraphs = main_text(tree, url)
    if metadata.dek:
        paragraphs = [paragraph for paragraph in paragraphs if paragraph != metadata.dek]
    teasers = widgets.teasers
    if listing and _is_mostly_cards(paragraphs, listing):
        # A home, section or tag page: its "body" is the cards' headlines and summaries, which are teasers.
        paragraphs, teasers = [], listing + teasers
    return PageParts(
        title=metadata.title,
        dek=metadata.dek,
        paragraphs=paragraphs,
        teasers=teasers,
        segments=widgets.segments,
        author=metadata.author,
        published_at=metadata.published_at,
        canonical_url=metadata.canonical_url,
    )
