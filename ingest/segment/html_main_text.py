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

from copy import copy, deepcopy
from functools import partial

from lxml.etree import _Element, iterwalk, strip_tags
from lxml.html import HtmlElement
from trafilatura.baseline import _BLOCK_ELEMS, baseline
from trafilatura.core import (
    ESCALATION_ACCEPT_RATIO,
    ESCALATION_JUSTEXT_RATIO,
    ESCALATION_MAX_LENGTH,
    ESCALATION_PAGE_SHARE,
    _forum_thread_page,
)
from trafilatura.external import justext_rescue, sanitize_tree, try_readability
from trafilatura.htmlprocessing import convert_tags, prune_html, recover_math
from trafilatura.htmlprocessing import tree_cleaning as trafilatura_tree_cleaning
from trafilatura.settings import MANUALLY_CLEANED, MANUALLY_STRIPPED, Extractor
from trafilatura.utils import remove_control_characters
from trafilatura.xml import delete_element

from ingest.segment.html_main_extractor import extract_content, text_of
from ingest.segment.html_selectors import BASIC_CLEAN_TAGS, is_basic_clean, raw_tree_prune

# fast: skip the readability/justext comparison (slow, and no better on the benchmark);
# comments off: we find comments ourselves and trafilatura then prunes any it still sees.
MAIN_TEXT_OPTIONS = Extractor(output_format="txt", fast=True, comments=False, tables=True)

# A line of this many words reads as prose; an extraction with less prose than this (characters, or share of its
# text) is checked against trafilatura's external comparison (readability, justext).
PROSE_MIN_WORDS = 12
PROSE_MIN_CHARS = 250
PROSE_MIN_SHARE = 0.3
# trafilatura's default mode takes readability's article when it is twice as long as its own; the WCEB dev halves and the
# 181 pages lose on pages where readability takes in the whole page at two to four times (comments, link lists).
READABILITY_LONGER = 5
DATA_TABLE_MIN_ROWS = 3
DATA_TABLE_MIN_COLUMNS = 2
LAYOUT_TEXT_SHARE = 0.5

_BLOCK_TAGS = tuple(sorted(_BLOCK_ELEMS))
_BASIC_CLEAN_TAGS = tuple(sorted(BASIC_CLEAN_TAGS))
# convert_tags keeps the links inside these as refs (the table only with tables on) and strips the rest.
_LINK_CONTAINERS = {"div", "li", "p", "table"}


def main_text_body(tree: HtmlElement, url: str | None = None):
    """The extracted article as trafilatura's output element, from the cascade trafilatura_sequence runs for
    MAIN_TEXT_OPTIONS: raw-tree prune, main extractor, baseline rescue, recall escalation. Prunes `tree`."""
    options = MAIN_TEXT_OPTIONS
    for element in raw_tree_prune(tree, prune_comments=not _forum_thread_page(tree)):
        delete_element(element)
    cleaned = partial(_cleaned, tree, options, url)
    body, text = extract_content(cleaned(), options, rebuild=cleaned)
    page_length = _PageLength(tree)
    external = _GenericExtractors(tree)
    if _reads_as_boilerplate(body):
        body, text = _compared_with_external(body, text, external)
    elif _may_have_missed_article(body, text, page_length):
        body, text = _compared_with_readability(body, text, external)

    if len(text) < options.min_extracted_size:
        rescued_body, rescued_text, rescued_length = baseline(tree)
        if rescued_length > len(text):
            body, text = rescued_body, rescued_text

    # A short extraction that covers little of the page may be a non-article layout: retry for recall, and, as
    # trafilatura's default mode does, beside the retry justext, which reaches text the rules cannot (a guestbook
    # in a marquee, an article in table cells without paragraphs).
    if 0 < len(text) < ESCALATION_MAX_LENGTH and _covers_little_of_page(len(text), page_length):
        recall = copy(options)
        recall.focus = "recall"
        try:
            cleaned = partial(_cleaned, tree, recall, url)
            retry_body, retry_text = extract_content(cleaned(), recall, rebuild=cleaned)
        except Exception:  # as in trafilatura: a failed retry keeps the first extraction
            retry_text = ""
        # As trafilatura's retry runs its comparison again: a retry that reads a layout grid gives way to readability's
        # article (so a grid of menu cells cannot displace the article readability found in it the first time).
        if retry_text and (_is_table_layout(retry_body) or _sits_in_layout_tables(retry_body)):
            retry_body, retry_text = _compared_with_readability(retry_body, retry_text, external)
        justext_text = ""
        # justext costs several times the rest of the page's segmentation: only where the extraction looks like page
        # layout rather than an article (table cells, short lines), which is where it finds what the rules miss.
        if _is_table_layout(body) or _sits_in_layout_tables(body) or _reads_as_boilerplate(body):
            try:
                justext_body, justext_text = justext_rescue(copy(tree), options)
            except Exception:  # as in trafilatura: a failed candidate keeps the first extraction
                justext_text = ""
        if len(justext_text) > len(retry_text) and len(justext_text) > ESCALATION_JUSTEXT_RATIO * len(text):
            body = justext_body
        elif (
            len(retry_text) >= options.min_extracted_size
            and len(retry_text) > ESCALATION_ACCEPT_RATIO * len(text)
            and (_reads_as_boilerplate(body) or not _reads_as_boilerplate(retry_body))
        ):
            # A longer retry that reads as boilerplate where the first extraction did not has taken in lists of
            # short lines around the article (a consent dialog's vendor list, link lists), not more of it.
            body = retry_body
    return body


def _prose_chars(body: _Element) -> int:
    """Characters of the body's blocks that read as prose: lines of PROSE_MIN_WORDS words or more. Menus, score
    tables, link lists and footers are short lines; an article has at least some long ones."""
    return _prose_of(_block_texts(body))


def _block_texts(body: _Element) -> list[str]:
    return [" ".join(text_of(block).split()) for block in body]


def _prose_of(texts: list[str]) -> int:
    return sum(len(text) for text in texts if text.count(" ") + 1 >= PROSE_MIN_WORDS)


def _reads_as_boilerplate(body: _Element) -> bool:
    """Whether the main extractor's text is no article: nothing, or hardly any prose among short lines."""
    texts = _block_texts(body)
    total = sum(map(len, texts))
    prose = _prose_of(texts)
    return prose < PROSE_MIN_CHARS or prose < PROSE_MIN_SHARE * total


def _compared_with_external(body: _Element, text: str, external: _GenericExtractors) -> tuple[_Element, str]:
    """The generic extractors trafilatura's default mode compares with on every page (readability, justext), run
    only where our extraction reads as boilerplate; the one with the most prose wins if it has more than ours.
    justext, several times slower, runs only when readability's text is no article either."""
    options = _generic_options()
    best, best_text, best_prose = body, text, _prose_chars(body)
    for candidate in (external.readability, external.justext):
        if best_prose >= PROSE_MIN_CHARS and best is not body:
            break
        try:
            other_body, other_text = candidate(options)
        except Exception:  # as in trafilatura: a failed generic extractor keeps the first extraction
            continue
        prose = _prose_chars(other_body)
        if prose > best_prose:
            best, best_text, best_prose = other_body, other_text, prose
    return best, best_text


def _generic_options() -> Extractor:
    """MAIN_TEXT_OPTIONS as trafilatura's default mode passes them to the generic extractors."""
    options = copy(MAIN_TEXT_OPTIONS)
    options.fast = False
    return options


def _may_have_missed_article(body: _Element, text: str, page_length: _PageLength) -> bool:
    """Whether readability could beat the extraction by trafilatura's own rules (`_prefer_readability`): the
    extraction has no paragraph text or more tables than paragraphs (a table layout), or the page holds more
    than READABILITY_LONGER times its text, which readability's text, a part of the page, needs in order to be
    that much longer. Settled by the cheap page-length bound where it can be."""
    if _is_table_layout(body) or _sits_in_layout_tables(body):
        return True
    needed = READABILITY_LONGER * len(text)
    return needed < page_length.bound() and needed < page_length.exact()


def _is_table_layout(body: _Element) -> bool:
    """No paragraph text, or more layout tables than paragraphs. A data table (DATA_TABLE_MIN_ROWS rows or more of
    DATA_TABLE_MIN_COLUMNS cells with text or more: scores, prices, statistics) is the article's, not its layout."""
    paragraphs = [p for p in body.iter("p") if text_of(p).strip()]
    if not paragraphs:
        return True
    layout_tables = sum(1 for table in body.iter("table") if not _is_data_table(table))
    return layout_tables > len(paragraphs)


def _sits_in_layout_tables(body: _Element) -> bool:
    """Most of the text inside layout tables: the page's layout grid, menu and header cells and all, taken as one
    block, often with only the grid's first cells of a longer article."""
    layout_tables = [table for table in body.iter("table") if not _is_data_table(table)]
    if not layout_tables:
        return False
    nested = {inner for table in layout_tables for inner in table.iterdescendants("table")}
    in_tables = sum(_collapsed_length("".join(table.itertext())) for table in layout_tables if table not in nested)
    return in_tables > LAYOUT_TEXT_SHARE * _collapsed_length("".join(body.itertext()))


def _is_data_table(table: _Element) -> bool:
    """DATA_TABLE_MIN_ROWS rows or more, and most of its rows with text, of DATA_TABLE_MIN_COLUMNS values or more:
    cells with text, none of it prose (scores, prices, key-value facts). A layout grid's rows are wide too, but with
    empty spacer cells around one cell of menu or article, or with the page's paragraphs in their cells."""
    value_rows = rows_with_text = 0
    for row in table.iter("row"):
        values, prose = 0, False
        for cell in row.iter("cell"):
            words = len(text_of(cell).split())
            values += words > 0
            prose = prose or words >= PROSE_MIN_WORDS
        rows_with_text += values > 0
        value_rows += values >= DATA_TABLE_MIN_COLUMNS and not prose
    return value_rows >= DATA_TABLE_MIN_ROWS and 2 * value_rows >= rows_with_text


def _compared_with_readability(body: _Element, text: str, external: _GenericExtractors) -> tuple[_Element, str]:
    """trafilatura's comparison with readability (default mode, `_prefer_readability`): readability's article
    replaces ours when it is more than READABILITY_LONGER times as long, when ours has no paragraphs or is
    mostly tables and readability's is not short, or when ours sits in a layout grid and readability's is as long."""
    options = _generic_options()
    other_body = external.readability_raw()
    if other_body is None:  # as in trafilatura: a failed generic extractor keeps the first extraction
        return body, text
    other_text = " ".join("".join(other_body.itertext()).split())
    if not other_text or other_text.startswith("{") or len(text) > READABILITY_LONGER * len(other_text):
        return body, text
    if (
        len(other_text) > READABILITY_LONGER * len(text)
        or (_is_table_layout(body) and len(other_text) > 2 * options.min_extracted_size)
        # Text held in a layout grid gives way to as much text or more: readability found the rest of the article,
        # not a part of the grid (a key-value table of facts it leaves out).
        or (_sits_in_layout_tables(body) and len(other_text) >= len(text))
    ):
        return external.readability(options)
    return body, text


class _GenericExtractors:
    """The generic extractors trafilatura's default mode compares with, on a pruned page that no longer changes:
    readability's article is read once, when first asked for (the first comparison and the recall retry's may both
    need it)."""

    def __init__(self, tree: HtmlElement):
        self._tree = tree
        self._readability: HtmlElement | None = None
        self._readability_failed = False

    def readability_raw(self) -> HtmlElement | None:
        """readability's article element as it returns it (None when it fails); callers must not change it."""
        if self._readability is None and not self._readability_failed:
            try:
                self._readability = try_readability(copy(self._tree))
            except Exception:  # as in trafilatura: a failed generic extractor keeps the first extraction
                self._readability_failed = True
        return self._readability

    def readability(self, options: Extractor) -> tuple[_Element, str]:
        """readability's article converted as trafilatura converts it (a fresh copy on every call)."""
        raw = self.readability_raw()
        if raw is None:
            raise ValueError("readability failed on this page")
        return sanitize_tree(deepcopy(raw), options)

    def justext(self, options: Extractor) -> tuple[_Element, str]:
        """justext's paragraphs of the cleaned page."""
        return justext_rescue(tree_cleaning(copy(self._tree), options), options)


def tree_cleaning(tree: HtmlElement, options: Extractor) -> HtmlElement:
    """trafilatura.htmlprocessing.tree_cleaning for our options (tables on, images off), walking the tree once per
    cleaned tag the page holds rather than once per tag of the list. trafilatura deletes the elements of each of its
    50 tags in a walk of its own, a full walk of the tree in C even for the many tags a page lacks; one walk for
    them all first finds the tags present (deleting creates none), and only their walks run, in the same order, so
    the same elements go: each walk also stops where trafilatura's does, after an element holding one of its own
    tag (the walk goes on inside the element it just detached). The page's text is measured for the form check
    only when a form still holds text, as it is unchanged by deleting forms without any."""
    if options.images or not options.tables or "form" not in MANUALLY_CLEANED or "p" in MANUALLY_CLEANED:
        return trafilatura_tree_cleaning(tree, options)  # settings this module does not use
    cleaning_list = [tag for tag in MANUALLY_CLEANED if tag != "form"]
    present = {element.tag for element in tree.iter(*cleaning_list, "math", "figure", "table", "form")}
    if "math" in present:
        recover_math(tree)
    if "figure" in present or "table" in present:
        # figures holding a table and ARIA layout tables (role=presentation/none) become divs
        for element in tree.iter("figure", "table"):
            is_layout = element.get("role") in ("presentation", "none")
            if element.find(".//table") is not None if element.tag == "figure" else is_layout:
                element.tag = "div"
    strip_tags(tree, MANUALLY_STRIPPED)
    # recall: undo the deletions if they remove every paragraph (copy only if none can survive)
    backup = None
    if (
        options.focus == "recall"
        and tree.find(".//p") is not None
        and not any(next(p.iterancestors(cleaning_list), tree) is tree for p in tree.iter("p"))
    ):
        backup = deepcopy(tree)
    for tag in cleaning_list:
        if tag in present:
            for element in tree.iter(tag):
                delete_element(element)
    if backup is not None and tree.find(".//p") is None:
        tree = backup
    if "form" in present:
        _handle_forms(tree)
    return prune_html(tree, options.focus)


def _handle_forms(tree: HtmlElement) -> None:
    """trafilatura.htmlprocessing._handle_forms: a form holding more than half of the page's text is a layout wrapper
    (ASP.NET pages) and becomes a div; the other forms go. The page's text is measured only for a form with text."""
    page_length = None
    for form in list(tree.iter("form")):
        length = len(form.text_content())
        if length and page_length is None:
            page_length = len(tree.text_content())
        if page_length and length > page_length / 2:
            form.tag = "div"
        else:
            delete_element(form)


def _cleaned(tree: HtmlElement, options: Extractor, url: str | None) -> HtmlElement:
    """A cleaned, tag-converted copy of `tree`, what the main extractor works on."""
    cleaned = tree_cleaning(_copy_for_cleaning(tree), options)
    if not options.links:
        _contained_links_to_refs(cleaned, _LINK_CONTAINERS if options.tables else _LINK_CONTAINERS - {"table"})
    return convert_tags(cleaned, options, url)


# Head elements that tree_cleaning reads before it deletes the head: its walks for the tags before "head" in its list
# (one stops early after an element holding its own tag), and the paragraphs of the recall focus's check.
_READ_IN_THE_HEAD = ("aside", "embed", "fencedframe", "footer", "p")


def _copy_for_cleaning(tree: HtmlElement) -> HtmlElement:
    """copy(tree) as tree_cleaning leaves it: without the head, which it deletes (its tail kept, as delete_element
    does), so the head (metadata, JSON-LD) is neither copied nor walked. The head is taken out of `tree` for the
    copy and put back. A head holding what tree_cleaning reads before deleting it is copied."""
    head = tree.find("head")
    if head is None or next(head.iter(*_READ_IN_THE_HEAD), None) is not None:
        return copy(tree)
    position = tree.index(head)
    tree.remove(head)
    try:
        cleaned = copy(tree)
    finally:
        tree.insert(position, head)
    if head.tail:
        if position == 0:
            cleaned.text = (cleaned.text or "") + head.tail
        else:
            previous = cleaned[position - 1]
            previous.tail = (previous.tail or "") + head.tail
    return cleaned


def _contained_links_to_refs(tree: HtmlElement, containers: set[str]) -> None:
    """convert_tags' first step without links: a link inside a container other than the root becomes a ref.
    Done from the top down, all the links of each outermost container at once, rather than by a walk up from
    every link; convert_tags then finds only the links outside containers, which it strips as it would have."""
    walk = iterwalk(tree, events=("start",))
    for _, element in walk:
        if element.tag in containers and element is not tree:
            for link in element.iter("a"):
                link.tag = "ref"
            walk.skip_subtree()


class _PageLength:
    """page_text_length of a tree that no longer changes, and its cheap upper bound (`_page_text_bound`), each
    measured once, when first asked for: most pages are settled by the bound."""

    def __init__(self, tree: HtmlElement):
        self._tree = tree
        self._bound: int | None = None
        self._exact: int | None = None

    def bound(self) -> int:
        if self._bound is None:
            body = self._tree.find(".//body")
            self._bound = _page_text_bound(self._tree if body is None else body)
        return self._bound

    def exact(self) -> int:
        if self._exact is None:
            self._exact = page_text_length(self._tree)
        return self._exact


def _covers_little_of_page(text_length: int, page_length: _PageLength) -> bool:
    """text_length < ESCALATION_PAGE_SHARE * page_text_length(tree), settled first, when it can be, by a cheap
    upper bound of the page length."""
    if text_length >= ESCALATION_PAGE_SHARE * page_length.bound():
        return False
    return text_length < ESCALATION_PAGE_SHARE * page_length.exact()


def _page_text_bound(body: HtmlElement) -> int:
    """An upper bound of page_text_length: the body's whole text with whitespace collapsed, plus one space each
    side of every block element outside the parts removed by tag (asides, footers...), less what those parts
    certainly take out. A space lengthens collapsed text by one at most. Taking out a run whose collapsed length
    is L shortens it by L - 1 at least (the words either side may join), and runs inside a larger removed part
    shorten it by no more than that part does. Deleting characters (page_text_length drops control characters)
    never lengthens it."""
    removed = []
    for element in body.iterdescendants(_BASIC_CLEAN_TAGS):
        if not any(ancestor in removed for ancestor in element.iterancestors()):
            removed.append(element)
    taken_out = sum(max(_collapsed_length(text_of(element)) - 1, 0) for element in removed)
    # Counted as lists: the C iterator fills one without a Python step per element.
    blocks = len(list(body.iterdescendants(_BLOCK_TAGS))) - sum(len(list(e.iter(_BLOCK_TAGS))) for e in removed)
    return _collapsed_length(text_of(body)) + 2 * blocks - taken_out


def _collapsed_length(text: str) -> int:
    return len(" ".join(text.split()))


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
