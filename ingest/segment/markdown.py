"""Parts of a Markdown capture (Firecrawl, crawl4ai, Jina Reader, markdownify/html2text output).

The front matter gives the title, published date and url. Teaser widgets are found by their structure in the
Markdown: a heading (or a short standalone line, or a heading linked to its section) followed by at least two
cards, each a linked title (or a heading with card furniture) then at most dates, images, "Read more" links and
one snippet paragraph; or, with no heading, a run of 3+ cards that all link pages named as stories of the site.
A card written as one link ("[![alt](img) **Title** snippet](url)") gives its title, snippet and furniture apart.
The heading's words do not matter, so this works in any language. What is left is rendered as a plain-text dump
(link syntax reduced to its text, images and markup dropped, share-button lists as short lines) and read by the
text extractor, so body, comments and boilerplate follow the same rules as text dumps; a widget that the body
found there runs over is read as its outline (a run of short lines), which ends the body as it did on the page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from ingest import frontmatter
from ingest.segment import story_links
from ingest.segment import text as text_dump
from ingest.segment.clean import content_key
from ingest.segment.parts import PageParts, Segment, TeaserCard

ATX_HEADING = re.compile(r"^ {0,3}(#{1,6})[ \t]+(.*?)(?:[ \t]+#+)?[ \t]*$")
SETEXT_UNDERLINE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
THEMATIC_BREAK = re.compile(r"^ {0,3}(?:(?:\*[ \t]*){3,}|(?:-[ \t]*){3,}|(?:_[ \t]*){3,})$")
LIST_ITEM = re.compile(r"^[ \t]*(?:[*+•-]|\\-|\d{1,3}[.)])(?:[ \t]+|$)")
ITEM_MARKERS = re.compile(r"^(?:[ \t]*(?:[*+•-]|\d{1,3}[.)])[ \t]+)+")  # "  *   * " (an empty item, then one)
FENCE = re.compile(r"^ {0,3}(```|~~~)")
REFERENCE_DEFINITION = re.compile(r"^ {0,3}\[[^\]]+\]:\s*\S+.*$")
BLOCKQUOTE = re.compile(r"^ {0,3}>[ \t]?")
TABLE_CELL_EDGES = re.compile(r"^\|\s*|\s*\|$")
# Inline syntax, outermost first. A url may hold one level of parentheses; a link may carry a "title".
# Repeats are bounded so that a line of thousands of brackets costs linear time, not quadratic.
_URL = r"<?((?:[^()\s<>]|\([^()\s]{0,200}\)){0,2000})>?(?:\s+(?:\"[^\"]{0,300}\"|'[^']{0,300}'|\([^)]{0,300}\)))?\s*"
IMAGE = re.compile(r"!\[[^\]]{0,600}\]\(" + _URL + r"\)")
IMAGE_ALT = re.compile(r"!\[([^\]]{0,600})\]\(")
LINK = re.compile(r"\[((?:[^\[\]]|\[[^\]]{0,300}\]){0,600})\]\(" + _URL + r"\)")
REFERENCE_LINK = re.compile(r"\[([^\]]{1,600})\]\[[^\]]{0,100}\]")
AUTOLINK = re.compile(r"<((?:https?|mailto):[^>\s]+)>")
HTML_TAG = re.compile(r"</?[A-Za-z][^>\n]{0,300}>")
STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
EMPHASIS = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])|(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])")
CODE = re.compile(r"`+([^`\n]*)`+")
ESCAPE = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<\"'])")
# A line that is one link, apart from list/heading markers and emphasis.
ONLY_LINK = re.compile(r"^[*_]*\[((?:[^\[\]]|\[[^\]]{0,300}\]){0,600})\]\(" + _URL + r"\)[*_]*$")
LINK_SEPARATORS = re.compile(r"[\s\-–—|·•,;/]*")
TRAILING_EMPHASIS = re.compile(r"\s*(?:_[^_\n]{1,60}_|\*[^*\n]{1,60}\*)\s*$")
KICKER = re.compile(r"^(\*\*|__)([^*_\[\]]{1,60}?)\1\s+(?=\[)")
BOLD_LINE = re.compile(r"^(\*\*|__)(?=\S)(.+?)(?<=\S)\1:?$")
# Card furniture: dates in digits or with a month name (any language: a year and at most a few words).
YEAR = re.compile(r"(?<!\d)(?:1[89]|20)\d{2}(?!\d)")
NUMERIC_DATE = re.compile(r"(?<!\d)\d{1,4}[./-]\d{1,2}[./-]\d{1,4}(?!\d)")
RELATIVE_TIME = re.compile(r"^\d+\s+\w+\s+\w+$")
READ_MORE = re.compile(r"^(?:read|continue|keep|view|see|more)\b.{0,25}$|^[^.!?…]{0,20}(?:»|›|→|>>)$", re.IGNORECASE)

DIGIT = re.compile(r"\d")
WORD_CHARACTER = re.compile(r"[^\W_]")
LETTER = re.compile(r"[^\W\d_]")
# A rank number before a card's image ("[1 ![](thumb.jpg) Title](url)"); a number before the title itself may be
# the title's own ("10 Ways to ...").
RANK_BEFORE_IMAGE = re.compile(r"^\s*\d{1,2}[.)]?\s+(?=!\[)")

ABSOLUTE_LINK = re.compile(r"\]\((https?://[^)\s]{1,2000})")

FURNITURE_MAX_WORDS = 5
DATED_LINE_MAX_WORDS = 9
READ_MORE_MAX_WORDS = 3
LABEL_MAX_WORDS = 3
TITLE_MIN_WORDS = 2
HEADLINE_MIN_WORDS = 3
PSEUDO_HEADING_MAX_CHARS = 80
PSEUDO_HEADING_MAX_WORDS = 8
# Between a widget heading and its first card, at most this many furniture blocks ("View all").
HEADING_GAP_BLOCKS = 1
WIDGET_MIN_CARDS = 2
# Cards with neither snippet nor furniture (a plain list of links) need more of them, with longer titles.
LINK_LIST_MIN_CARDS = 3
LINK_LIST_MIN_MEAN_WORDS = 4
SNIPPET_MAX_CHARS = 1200
NO_HEADING_LEVEL = 7
# A widget ends the article when at least this many paragraphs of the body, ending a sentence, come before it.
ARTICLE_MIN_SENTENCES = 2
MAX_LINK_NESTING = 4


@dataclass(slots=True)
class Block:
    """A heading, a list item, or a paragraph (soft-wrapped lines joined) of the Markdown."""

    kind: str  # 'heading', 'item', 'para' or 'code'
    text: str  # inline syntax reduced to text
    level: int = 0  # heading level; NO_HEADING_LEVEL for a bold or short standalone line used as a heading
    link_url: str | None = None  # the block's link when the block is one link
    link_only: bool = False
    image_only: bool = False
    raw: list[str] = field(default_factory=list)
    # A card written as one link ("[![alt](img) **Title** snippet 3 hrs ago](url)"): its title and the text after it.
    card_title: str | None = None
    card_rest: str | None = None


@dataclass(slots=True)
class Widget:
    start: int
    end: int  # block index after the widget
    heading: str
    cards: list[TeaserCard]


def extract_parts(markdown: str, url: str | None = None) -> PageParts:
    meta = frontmatter.split(markdown)
    blocks = blocks_of(meta.markdown)
    site = site_name(meta.url or url, meta.markdown)
    sections = section_paths(meta.markdown, site)
    widgets = find_widgets(blocks, site, sections)
    parts = text_dump.extract_parts(render(_with_widget_outlines(blocks, widgets, [])))
    below = _widgets_below_article(blocks, widgets, parts.paragraphs)
    if below:
        # Read again with each widget the body ran over as its outline (heading and card titles: a run of short
        # lines, which ends the article there as the widget did on the page); the outline's lines are the widget's,
        # not the text rules'. Widgets above the article stay out (their short lines would end a body that has not
        # started).
        parts = text_dump.extract_parts(render(_with_widget_outlines(blocks, widgets, below)))
        outline = {content_key(line) for widget in below for line in (widget.heading, *(c.title for c in widget.cards))}
        parts.paragraphs = [paragraph for paragraph in parts.paragraphs if content_key(paragraph) not in outline]
        parts.teasers = [teaser for teaser in parts.teasers if content_key(teaser.title) not in outline]
        parts.segments = [segment for segment in parts.segments if content_key(segment.text) not in outline]
    # Markdown keeps its links: a card the text rules found is a teaser only when its title was a link's text
    # (unlinked lines after the article are headings, questions of an FAQ, app chrome, not story cards), and a
    # card is a teaser only when its link names a story of this site (the text rules may run a widget on into a
    # footer or a menu, so a short path that may be a section's is not enough here).
    if parts.teasers:
        links = _links_by_text(meta.markdown)
        parts.teasers = [teaser for teaser in parts.teasers if content_key(teaser.title) in links]
        for teaser in parts.teasers:
            teaser.link_url = teaser.link_url or links[content_key(teaser.title)]
        parts.teasers = [teaser for teaser in parts.teasers if story_links.names_a_story(teaser.link_url, site)]
    removed = {index for widget in widgets for index in range(widget.start, widget.end)}
    title = meta.title or _headline(blocks, removed, parts.paragraphs, site)
    if title:
        parts.title = title
        # Under the capture's own headline, a leading dateline or photo credit is the headline's furniture.
        while parts.paragraphs and text_dump.is_head_furniture(parts.paragraphs[0]):
            parts.segments.append(Segment("boilerplate", parts.paragraphs.pop(0)))
    for widget in widgets:
        if widget.heading:
            parts.segments.append(Segment("widget_heading", widget.heading))
        parts.teasers.extend(widget.cards)
    parts.published_at = meta.published or parts.published_at
    parts.canonical_url = meta.url or parts.canonical_url
    return parts


def _with_widget_outlines(blocks: list[Block], widgets: list[Widget], outlined: list[Widget]) -> list[Block]:
    """The blocks without the widgets, the `outlined` ones replaced by their heading and one line per card title."""
    starts = {widget.start: widget for widget in widgets}
    out: list[Block] = []
    index = 0
    while index < len(blocks):
        widget = starts.get(index)
        if widget is None:
            out.append(blocks[index])
            index += 1
            continue
        if widget in outlined:
            out.append(Block("para", widget.heading))
            out.extend(Block("item", card.title, link_only=True) for card in widget.cards)
        index = widget.end
    return out


def _widgets_below_article(blocks: list[Block], widgets: list[Widget], paragraphs: list[str]) -> list[Widget]:
    """The widgets that the body the text rules found runs over: below ARTICLE_MIN_SENTENCES paragraphs of it that
    end a sentence (a widget under a menu line that they took for the body's start is not) and above another."""
    if not widgets or not paragraphs:
        return []
    body = {content_key(paragraph) for paragraph in paragraphs}
    in_body = [index for index, block in enumerate(blocks) if block.text and content_key(block.text) in body]
    sentences_above = 0
    below = []
    starts = {widget.start: widget for widget in widgets}
    for index, block in enumerate(blocks):
        if index in starts and sentences_above >= ARTICLE_MIN_SENTENCES and in_body[-1] > index:
            below.append(starts[index])
        ends_sentence = text_dump.TERMINAL_PUNCTUATION.search(block.text) is not None
        if block.kind == "para" and ends_sentence and content_key(block.text) in body:
            sentences_above += 1
    return below


def _links_by_text(markdown: str) -> dict[str, str]:
    """The first url each link text of the capture leads to, by the text's content key."""
    if "](" not in markdown:
        return {}
    links: dict[str, str] = {}
    for match in LINK.finditer(markdown):
        links.setdefault(content_key(inline_text(match.group(1))), match.group(2))
    return links


def site_name(url: str | None, markdown: str) -> str | None:
    """The registered name of the capture's site: its url's, or else the one most of its absolute links go to."""
    return story_links.site_name(url, [match.group(1) for match in ABSOLUTE_LINK.finditer(markdown)])


def section_paths(markdown: str, site: str | None) -> frozenset[str]:
    """The paths of this site that other links of the capture go below: its sections."""
    links = (match.group(2) for match in LINK.finditer(markdown)) if "](" in markdown else ()
    return story_links.section_paths(links, site)


def inline_text(line: str) -> str:
    """A line of Markdown as plain text: images dropped, links reduced to their text, markup removed."""
    if "!" in line:
        line = IMAGE.sub("", line)
    if "[" in line:
        for _ in range(MAX_LINK_NESTING):  # nested links ("[[x](a)](b)") unwrap one level per pass
            previous, line = line, LINK.sub(r"\1", line)
            if line == previous:
                break
        line = REFERENCE_LINK.sub(r"\1", line)
    if "<" in line:
        line = HTML_TAG.sub("", AUTOLINK.sub(r"\1", line))
    if "*" in line or "_" in line:
        line = EMPHASIS.sub(lambda match: match.group(1) or match.group(2), STRONG.sub(r"\2", line))
    if "`" in line:
        line = CODE.sub(r"\1", line)
    if "\\" in line:
        line = ESCAPE.sub(r"\1", line)
    return " ".join(line.split())


def blocks_of(markdown: str) -> list[Block]:
    blocks: list[Block] = []
    paragraph: list[str] = []

    def flush() -> None:
        if paragraph:
            blocks.append(_block("para", " ".join(paragraph), raw=list(paragraph)))
            paragraph.clear()

    lines = markdown.splitlines()
    fence = None
    for index, line in enumerate(lines):
        if fence is not None:
            if line.strip().startswith(fence):
                fence = None
            elif line.strip():
                blocks.append(Block("code", line.strip(), raw=[line]))
            continue
        stripped = line.strip()
        opening = FENCE.match(line)
        if opening:
            flush()
            fence = opening.group(1)
            continue
        if not stripped or REFERENCE_DEFINITION.match(line):
            flush()
            continue
        line = BLOCKQUOTE.sub("", line)
        stripped = line.strip()
        heading = ATX_HEADING.match(line)
        if heading:
            flush()
            blocks.append(_block("heading", heading.group(2), level=len(heading.group(1)), raw=[line]))
            continue
        underline = SETEXT_UNDERLINE.match(line)
        if underline and len(paragraph) == 1:
            text = paragraph.pop()
            blocks.append(_block("heading", text, level=1 if underline.group(1)[0] == "=" else 2, raw=[text, line]))
            continue
        if THEMATIC_BREAK.match(line):
            flush()
            continue
        item = LIST_ITEM.match(line)
        if item:
            flush()
            # A sidebar box is often a list item that opens with the box's heading ("* ## Recent Posts").
            heading = ATX_HEADING.match(ITEM_MARKERS.sub("", line))
            if heading:
                blocks.append(_block("heading", heading.group(2), level=len(heading.group(1)), raw=[line]))
            else:
                blocks.extend(_blocks_of_links("item", line[item.end() :], [line]))
            continue
        continues_item = not paragraph and blocks and blocks[-1].kind == "item" and lines[index - 1].strip()
        if continues_item and (line[:1].isspace() or _opens_more_than_closes(blocks[-1].raw)):
            # An indented line right under a list item continues it (a long link wrapped over lines), and so does
            # any line while the item's link is still open ("* [ **Title** snippet" / "_20 mins ago_" / "](/a/1)").
            previous = blocks.pop()
            while blocks and blocks[-1].kind == "item" and blocks[-1].raw is previous.raw:
                blocks.pop()  # the item had been split into its links: join it again first
            raw = [*previous.raw, line]
            blocks.extend(_blocks_of_links("item", " ".join(part.strip() for part in _item_text(raw)), raw))
            continue
        next_line = lines[index + 1] if index + 1 < len(lines) else ""
        cell = TABLE_CELL_EDGES.sub("", stripped)  # a table's cell ("| [Title](url)") is read as its content
        if ONLY_LINK.match(cell) or IMAGE.fullmatch(cell) or BOLD_LINE.match(cell):
            # A link on a line of its own is a unit (a card title, a date), even inside a run of lines.
            if not (SETEXT_UNDERLINE.match(next_line) and not paragraph):
                flush()
                blocks.append(_block("para", cell, raw=[line]))
                continue
        paragraph.append(stripped)
    flush()
    return blocks


def _opens_more_than_closes(raw: list[str]) -> bool:
    text = "".join(raw)
    return text.count("[") > text.count("]")


def _item_text(raw: list[str]) -> list[str]:
    first = LIST_ITEM.match(raw[0])
    return [raw[0][first.end() :] if first else raw[0], *raw[1:]]


def _blocks_of_links(kind: str, markdown: str, raw: list[str]) -> list[Block]:
    """One block, or one per link when the text is nothing but several links between separators
    ("[A](a) - [B](b) | [C](c)"): such a line is a list of cards written on one line."""
    links = list(LINK.finditer(markdown))
    if len(links) >= 2 and LINK_SEPARATORS.fullmatch(LINK.sub("", markdown)) is not None:
        return [_block(kind, link.group(), raw=raw) for link in links]
    return [_block(kind, markdown, raw=raw)]


def _block(kind: str, markdown: str, *, level: int = 0, raw: list[str]) -> Block:
    markdown = markdown.strip()
    kicker = KICKER.match(markdown)
    if kicker and len(inline_text(kicker.group(2)).split()) <= LABEL_MAX_WORDS:
        only = ONLY_LINK.match(markdown[kicker.end() :])  # "**Editorial** [Title](url)": a kicker, then the title
    else:
        only = None
    only = only or ONLY_LINK.match(markdown) or _link_with_furniture(markdown)
    text = inline_text(markdown)
    image_only = not text and "![" in markdown
    link_url = only.group(2) if only else None
    link_only = only is not None and bool(text)
    if kind == "para" and BOLD_LINE.match(markdown) and not link_only:
        level = NO_HEADING_LEVEL
    block = Block(kind, text, level, link_url, link_only, image_only, raw)
    if link_only:
        block.card_title, block.card_rest = _card_in_link(only.group(1))
        if kicker and block.card_title is None:
            block.card_title = inline_text(only.group(1))
        elif block.card_title is None and only.group() != markdown:  # the furniture after the link is not the title's
            block.card_title = inline_text(only.group(1))
            block.card_rest = inline_text(markdown[markdown.index(only.group()) + len(only.group()) :]) or None
    return block


def _link_with_furniture(markdown: str) -> re.Match | None:
    """The link of a line that is one link and then card furniture of its own ("[Title](url) _2 days ago_",
    "[Title](url) (12)"): a few words with a figure, no sentence."""
    match = LINK.match(markdown.lstrip("*_ "))
    if match is None or "](" in markdown[markdown.index(match.group()) + len(match.group()) :]:
        return None
    tail = inline_text(markdown[markdown.index(match.group()) + len(match.group()) :])
    if not tail or (
        len(tail.split()) <= FURNITURE_MAX_WORDS
        and DIGIT.search(tail) is not None
        and LETTER.search(tail) is not None  # a bare "(59)" after a link counts a category's or month's posts
        and not text_dump.TERMINAL_PUNCTUATION.search(tail)
    ):
        return match
    return None


def _card_in_link(label: str) -> tuple[str | None, str | None]:
    """(title, rest) of a link that holds a whole card: a rank number and images first, then the title: the link's
    strong text when more text follows it, or the words that repeat the image's alt text; the rest after it is
    the card's snippet or furniture. (None, None) for a link that holds only its title."""
    tail = TRAILING_EMPHASIS.search(label)
    if tail and DIGIT.search(tail.group()) and len(tail.group().split()) <= FURNITURE_MAX_WORDS:
        label = label[: tail.start()]  # "… snippet _20 mins ago_": the age is the card's furniture, not its text
    alts = [inline_text(image.group(1)) for image in IMAGE_ALT.finditer(label)] if "![" in label else []
    unranked = IMAGE.sub(" ", RANK_BEFORE_IMAGE.sub("", label)) if alts else label
    strong = STRONG.search(unranked)
    if strong and not inline_text(unranked[: strong.start()]):
        title, rest = inline_text(strong.group(2)), inline_text(unranked[strong.end() :])
        if title and rest:
            return title, rest
    words = inline_text(unranked).split()
    for alt in alts:
        alt_words = alt.split()
        opening = " ".join(words[: len(alt_words)])
        if alt_words and len(words) > len(alt_words) and content_key(opening) == content_key(alt):
            return opening, " ".join(words[len(alt_words) :])
    if words and RANK_BEFORE_IMAGE.match(label):
        return " ".join(words), None  # the rank number is the card's furniture
    return None, None


def find_widgets(blocks: list[Block], site: str | None = None, sections: frozenset[str] = frozenset()) -> list[Widget]:
    """Teaser widgets among the blocks; `site` (a registered name) and its `sections` (paths) tell links to this
    site's stories from others."""
    widgets = []
    index = 0
    while index < len(blocks):
        widget = _widget_at(blocks, index, site, sections)
        if widget is None:
            index += 1
        else:
            widgets.append(widget)
            index = widget.end
    return widgets


def _widget_at(
    blocks: list[Block], start: int, site: str | None = None, sections: frozenset[str] = frozenset()
) -> Widget | None:
    heading = blocks[start]
    level = _heading_level(heading, site)
    headless = level is None and _opens_card_run(blocks, start)
    if headless:
        # Cards with no heading of their own (under a sentence, a tab label, a form): held to a stricter test below.
        level, index, heading_text = NO_HEADING_LEVEL, start, ""
    elif level is None or text_dump.COMMENT_HEADING.fullmatch(heading.text):
        return None
    else:
        index, heading_text = start + 1, heading.text
    thumbnails = 0  # linked pictures among the cards: thumbnails of stories, unlike a menu's bullets
    while (
        not headless
        and index < len(blocks)
        and index - start - 1 < HEADING_GAP_BLOCKS
        and _is_furniture(blocks[index])
        and not _is_card_title(blocks[index], level)
    ):
        thumbnails += blocks[index].image_only and bool(blocks[index].link_url)
        index += 1
    cards: list[TeaserCard] = []
    shapes: list[tuple[bool, bool]] = []  # (has snippet, has furniture) per card
    title_words: list[int] = []
    widget_name = text_dump._widget_name(heading_text) or None
    first_shape = (blocks[index].kind, blocks[index].level) if index < len(blocks) else None
    while index < len(blocks) and _is_card_title(blocks[index], level):
        title = blocks[index]
        if cards and (title.kind, title.level) != first_shape:
            break  # repeated cards share one shape: a list of links after heading cards is the footer
        position = index + 1
        furniture, images, snippet = 0, 0, None
        bare_links = bool(shapes) and not any(shapes[0])  # a list of bare links: what follows is not a snippet
        while position < len(blocks) and not _is_card_title(blocks[position], level):
            block = blocks[position]
            if bare_links and not _is_image_or_bullet(block):
                break
            if block.link_only and block.kind == title.kind == "item":
                break  # another item of the same list, too short for a title: the list is a menu, not cards
            if (block.kind == "heading" and block.level <= level) or (
                _is_boilerplate(block.text) and not _is_dated_line(block.text)
            ):
                break  # a byline with its date ("by A. Writer, 12/22/06") is the card's furniture
            if _is_image_or_bullet(block):
                images += 1  # a thumbnail or a bullet: it does not change a card's shape
                thumbnails += bool(block.link_url)
            elif _is_furniture(block):
                furniture += 1
            elif snippet is None and len(block.text) <= SNIPPET_MAX_CHARS:
                snippet = block
            else:
                break  # a second paragraph: the widget ends with this card
            position += 1
        raw_snippet = " ".join(snippet.text.split()) if snippet else None
        if title.card_rest and raw_snippet is None and _is_snippet(title.card_rest):
            raw_snippet = title.card_rest
        elif title.card_rest:
            furniture += 1
        if not title.link_only and furniture + images == 0:
            break  # an unlinked heading counts as a card title only with card furniture (a date, an image)
        if shapes and any(shapes[0]) and raw_snippet is None and furniture == 0:
            break  # cards with snippets or dates, then bare links: the widget has ended
        cards.append(
            TeaserCard(
                title=title.card_title or title.text,
                raw_snippet=raw_snippet,
                widget=widget_name,
                link_url=title.link_url,
            )
        )
        shapes.append((raw_snippet is not None, furniture > 0))
        title_words.append(text_dump._word_count(title.card_title or title.text))
        index = position
        if position < len(blocks) and not _is_card_title(blocks[position], level):
            break
    if len(cards) < WIDGET_MIN_CARDS:
        return None
    if not any(has_snippet or has_furniture for has_snippet, has_furniture in shapes) and thumbnails < len(cards):
        if len(cards) < LINK_LIST_MIN_CARDS or sum(title_words) / len(title_words) < LINK_LIST_MIN_MEAN_WORDS:
            return None
        if not any(card.link_url for card in cards) and text_dump.is_catalogue([card.title for card in cards]):
            return None
    urls = [card.link_url for card in cards]
    if not story_links.links_stories(urls, site, sections) or not _links_distinct_pages(urls):
        return None
    if headless and not _is_headless_widget(cards, title_words, site):
        return None
    return Widget(start, index, heading_text, cards)


def _opens_card_run(blocks: list[Block], start: int) -> bool:
    """Whether a linked card title starts here, after a block that is no card title."""
    block = blocks[start]
    return (
        block.link_only
        and block.kind in ("para", "item")
        and _is_card_title(block, NO_HEADING_LEVEL)
        and (start == 0 or not _is_card_title(blocks[start - 1], NO_HEADING_LEVEL))
    )


def _is_headless_widget(cards: list[TeaserCard], title_words: list[int], site: str | None) -> bool:
    """Cards without a heading are a widget when there are enough of them, with headline-long titles, and every
    one links a page that names a story of the site (an id or a slug of words: not a menu's sections)."""
    return (
        len(cards) >= LINK_LIST_MIN_CARDS
        and sum(title_words) / len(title_words) >= LINK_LIST_MIN_MEAN_WORDS
        and all(story_links.names_a_story(card.link_url, site) for card in cards)
    )


def _links_distinct_pages(urls: list[str | None]) -> bool:
    """Whether the linked cards go to at least two pages and mostly to different ones: share buttons all go to
    the page itself (with a "?share=twitter" query each), a widget's cards each to their story (a page named by a
    number in its query, "?idx=9621", is a page of its own)."""
    linked = [url for url in urls if url]
    pages = {_page_of(url) for url in linked}
    return not linked or (len(pages) >= WIDGET_MIN_CARDS and 2 * len(pages) >= len(linked))


def _page_of(url: str) -> str:
    path, _, query = url.split("#", 1)[0].partition("?")
    numbered = sorted(part for part in query.split("&") if DIGIT.search(part.partition("=")[2]))
    return path.rstrip("/") + "?" + "&".join(numbered)


def _heading_level(block: Block, site: str | None = None) -> int | None:
    """The level of a block that can head a widget, or None. A heading may link to the widget's section ("###
    [Business](/biz)"), not to one story."""
    if not block.text or block.image_only or not WORD_CHARACTER.search(block.text):
        return None  # an empty table row ("| |") heads nothing
    if block.kind == "heading" and not (block.link_only and story_links.names_a_story(block.link_url, site)):
        return block.level
    if block.link_only:
        return None
    if block.kind == "para" and (
        block.level == NO_HEADING_LEVEL
        or (
            len(block.text) <= PSEUDO_HEADING_MAX_CHARS
            and len(block.text.split()) <= PSEUDO_HEADING_MAX_WORDS
            and not text_dump.TERMINAL_PUNCTUATION.search(block.text)
        )
    ):
        return NO_HEADING_LEVEL
    return None


def _is_card_title(block: Block, level: int) -> bool:
    if not block.text or block.image_only or _is_date(block.text):
        return False
    if text_dump._word_count(block.text) < TITLE_MIN_WORDS:  # words of unspaced scripts counted too
        return False
    if _is_read_more(block.text) or _is_boilerplate(block.text):
        return False
    if block.kind == "heading":
        return block.level >= level or (level == NO_HEADING_LEVEL and block.link_only)
    return block.link_only and block.kind in ("para", "item")


def _is_image_or_bullet(block: Block) -> bool:
    return block.image_only or not block.text.strip(" -–—•|·")


def _is_furniture(block: Block) -> bool:
    if _is_image_or_bullet(block):
        return True
    if block.kind == "heading":
        return False
    words = len(block.text.split())
    if _is_dated_line(block.text) or (block.link_only and words <= 3):
        return True
    if words <= LABEL_MAX_WORDS and not text_dump.TERMINAL_PUNCTUATION.search(block.text):
        return True  # a category or reading-time label ("In News", "5 min read")
    return _is_read_more(block.text) or (words <= FURNITURE_MAX_WORDS and RELATIVE_TIME.match(block.text) is not None)


def _is_snippet(text: str) -> bool:
    """Whether the text after a card's title inside its link is a snippet, not furniture (a source and a date)."""
    return len(text.split()) > FURNITURE_MAX_WORDS or (
        len(text) >= text_dump.SNIPPET_MIN_CHARS and not _is_date(text)
    )


def _is_boilerplate(text: str) -> bool:
    return len(text) <= text_dump.BOILERPLATE_MAX_CHARS and text_dump.BOILERPLATE.fullmatch(text) is not None


def _is_read_more(text: str) -> bool:
    return len(text.split()) <= READ_MORE_MAX_WORDS and READ_MORE.match(text) is not None


def _is_dated_line(text: str) -> bool:
    """A date, or a short line with a date and no sentence end: a byline or source with its date."""
    return _is_date(text) or (
        len(text.split()) <= DATED_LINE_MAX_WORDS
        and (YEAR.search(text) is not None or NUMERIC_DATE.search(text) is not None)
        and not text_dump.TERMINAL_PUNCTUATION.search(text)
    )


def _is_date(text: str) -> bool:
    words = len(text.split())
    return words <= FURNITURE_MAX_WORDS + 1 and (YEAR.search(text) is not None or NUMERIC_DATE.search(text) is not None)


def render(blocks: list[Block]) -> str:
    """The blocks as a plain-text dump: one paragraph per block, list items of a list on consecutive lines."""
    out: list[str] = []
    previous = None
    for block in blocks:
        if not block.text:
            continue
        if block.kind == "item":
            line = block.text if block.link_only or len(block.text.split()) <= 3 else f"* {block.text}"
            if previous != "item":
                out.append("")
            out.append(line)
        else:
            out.extend(("", block.text))
        previous = block.kind
    return "\n".join(out).strip() + "\n"


def _headline(blocks: list[Block], removed: set[int], paragraphs: list[str], site: str | None) -> str | None:
    """The article's headline among the headings: the first of level 1, else the nearest above the body of
    HEADLINE_MIN_WORDS or more (a blog's post title under its date; not a sidebar's "Pages"), else the first. A heading that is one link to the site's home page ("# [Site Name](/)", "/blog")
    names the site, not the article; a date heads nothing."""
    headings = [
        (index, block)
        for index, block in enumerate(blocks)
        if block.kind == "heading"
        and index not in removed
        and WORD_CHARACTER.search(block.text)
        and not _is_date(block.text)
        and not (block.link_only and _links_home(block.link_url, site))
    ]
    first_level_one = next((block.text for _, block in headings if block.level == 1), None)
    if first_level_one or not headings:
        return first_level_one
    body_start = _first_block_of(blocks, paragraphs[0]) if paragraphs else None
    above = [
        block
        for index, block in headings
        if body_start is not None and index < body_start and _words(block.text) >= HEADLINE_MIN_WORDS
    ]
    return above[-1].text if above else headings[0][1].text


def _words(text: str) -> int:
    """Words, not counting separators ("| | Newsweek" is one); in unspaced scripts, two characters a word."""
    return len(text_dump.WORD.findall(text)) + len(text_dump.UNSPACED_CHARACTER.findall(text)) // 2


def _links_home(url: str | None, site: str | None) -> bool:
    """Whether a link goes to a home page of the site: no path, or one part that names no story ("/blog")."""
    try:
        parts = urlsplit(url or "")
    except ValueError:
        return False
    if not url or (parts.hostname and site and story_links.registered_name(parts.hostname) != site):
        return False
    return len([part for part in parts.path.split("/") if part]) <= 1 and not story_links.names_a_story(url, site)


def _first_block_of(blocks: list[Block], paragraph: str) -> int | None:
    key = content_key(paragraph)
    return next((index for index, block in enumerate(blocks) if block.text and content_key(block.text) == key), None)
