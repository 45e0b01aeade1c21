"""Parts of a plain-text dump of a rendered page, from its lines and blank lines alone."""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from dataclasses import dataclass

from ingest.segment import story_links
from ingest.segment.parts import PageParts, Segment, TeaserCard
from ingest.segment.truncation import is_reading_prompt

# Lines that open the page's tail, matched whole (case-insensitive, optional trailing ':', arrow or
# ellipsis). Above the article they are menus; between two of its paragraphs, an inline widget.
TAIL_HEADINGS: list[tuple[str, str]] = [
    ("comment_heading", r"(?:\d+\s+)?comments?(?:\s*\(\d+\))?"),
    ("comment_heading", r"post\s+a\s+comment|leave\s+a\s+(?:reply|comment)|add\s+(?:a\s+)?comment"),
    ("comment_heading", r"(?:show|view|load|read|see)\s+(?:all\s+)?(?:\d+\s+)?comments?"),
    ("comment_heading", r"(?:join\s+the\s+)?(?:conversation|discussion)|(?:reader|recent)\s+comments"),
    ("comment_heading", r"(?:tell\s+us|let\s+us\s+know)\s+what\s+you\s+think"),
    ("comment_heading", r"(?:\d+|one|no)\s+(?:responses?|replies|thoughts?)(?:\s+(?:to|on)\s+.+)?"),
    ("widget_heading", r"popular\s+posts?(?:\s+from\s+this\s+blog)?|popular\s+(?:stories|articles|now)"),
    (
        "widget_heading",
        r"most\s+(?:read|viewed|shared|popular|commented)(?:\s+(?:posts|stories|articles|today|this\s+week))?",
    ),
    ("widget_heading", r"related(?:\s+(?:posts?|articles?|stories|content|news|reading|coverage))?"),
    ("widget_heading", r"you\s+(?:may|might|will)\s+(?:also\s+)?(?:like|enjoy|be\s+interested\s+in)"),
    ("widget_heading", r"(?:recent|latest)\s+(?:posts?|articles?|stories|news)"),
    ("widget_heading", r"(?:what\s+to\s+)?read\s+next|up\s+next|don'?t\s+miss|top\s+stories|editor'?s\s+picks"),
    ("widget_heading", r"more\s+(?:from|on|in|about)\s+.{1,50}|more\s+(?:stories|articles|news|like\s+this)"),
    ("widget_heading", r"trending(?:\s+(?:now|stories|articles|news|topics))?"),
    ("widget_heading", r"recommended(?:\s+(?:for\s+you|stories|articles|reading))?"),
    ("widget_heading", r"around\s+the\s+web|from\s+(?:the\s+web|our\s+partners)|sponsored\s+(?:content|stories)"),
]
HEADING_MAX_CHARS = 80

# Lines that are never article text, matched whole (case-insensitive).
BOILERPLATE_PATTERNS: list[str] = [
    r"(?:skip|jump|go)\s+to\s+(?:the\s+)?(?:main\s+)?(?:content|navigation|search|menu|footer)",
    r"(?:open|close|toggle|main)?\s*(?:menu|navigation)",
    r"home|search|subscribe|sign\s*in|sign\s*up|log\s*in|log\s*out|register|newsletters?|menu|sections",
    r"share|tweet|email|print|facebook|twitter|x|linkedin|whatsapp|pinterest|reddit|telegram|copy\s+link|get\s+link",
    r"share\s+(?:this|on|via|to)\b.{0,60}|email\s+this.{0,40}|blogthis!?",
    r".{0,200}\bcookies?\b.{0,200}\b(?:accept|consent|agree|policy|settings|preferences)\b.{0,200}",
    r"(?:we|this\s+(?:web)?site)\s+uses?\s+cookies.{0,300}|accept(?:\s+all)?(?:\s+cookies)?|reject\s+all",
    r"powered\s+by\s+.{1,80}|theme\s+(?:images\s+)?by\s+.{1,80}|designed\s+by\s+.{1,80}",
    r"(?:copyright|©|\(c\))\s*.{0,160}|.{0,160}\ball\s+rights\s+reserved\.?",
    r"(?:privacy(?:\s+policy)?|terms(?:\s+of\s+(?:use|service))?|terms\s+and\s+conditions|contact(?:\s+us)?"
    r"|about(?:\s+us)?|report\s+abuse|sitemap|advertise(?:\s+with\s+us)?)",
    r"advert(?:isement)?|sponsored|(?:story|article)\s+continues\s+below(?:\s+advertisement)?"
    r"|continue\s+reading\s+below|scroll\s+(?:down\s+)?to\s+continue.{0,40}",
    r"(?:read\s+more|read\s+also|also\s+read|see\s+also|related|watch|listen)\s*[:|»›>–—-]\s*.{1,200}",
    r"by\s+(?-i:[A-Z][\w.'’-]*(?:\s+(?:[A-Z][\w.'’-]*|and|&|de|van|von|der)){0,5})(?:\s*[,|]\s*.{0,60})?",
    r"(?:published|updated|posted|last\s+updated)(?:\s+on)?:?\s+.{1,60}",
    r"follow\s+us(?:\s+on\s+.{1,60})?|sign\s+up\s+for\s+.{0,60}newsletter.{0,80}",
    r"(?:get|download)\s+(?:the|our)\s+app.{0,60}",
    r"(?:labels?|tags?|filed\s+under|categories|topics)\s*:.{0,200}|tagged(?:\s+(?:with|as|in))?\s*(?::|//)?\s[^.!?]{0,200}",
    r"(?:newer|older)\s+posts?|(?:previous|next)\s+(?:post|article|story)(?:\s*:?\s.{0,160})?|back\s+to\s+top",
    r"(?:\d[\d,.]*[km]?\s+)?(?:likes?|shares?|views?|comments?)",
    # A menu on one line: three or more short items between separators.
    r"[|·•>»/\s]*[^|·•»/.!?]{1,30}(?:\s+[|·•»/]\s+[^|·•»/.!?]{1,30}){2,}[|·•»/\s]*",
]
BOILERPLATE_MAX_CHARS = 400

# Inside a comment section: lines about a comment rather than its text.
COMMENT_META_PATTERNS: list[str] = [
    r"reply|replies|delete|edit|flag|report|like|(?:\d+\s+)?(?:likes?|replies)|(?:log|sign)\s*in\s+to\s+reply",
    r"(?:\w+\s+\d{1,2},?\s+\d{4}|\d{1,2}\s+\w+,?\s+\d{4}|\d{4}-\d{2}-\d{2}|\d{1,2}/\d{1,2}/\d{2,4})"
    r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?",
    r"\d+\s+(?:seconds?|minutes?|hours?|days?|weeks?|months?|years?)\s+ago",
    r"(?:your\s+)?email\s+address\s+will\s+not\s+be\s+published.{0,120}|required\s+fields\s+are\s+marked.{0,10}",
    r"(?:name|email|website|comment)\s*\*?|post\s+comment|submit(?:\s+comment)?|enter\s+(?:your\s+)?comment.{0,10}",
    r"save\s+my\s+name.{0,160}|notify\s+me\s+of.{0,120}|(?:newest|oldest|best|top)(?:\s+first)?|sort\s+by.{0,30}",
]
COMMENT_AUTHOR_PATTERN = r".{1,60}?\s+(?:says|said|wrote|replied)\s*[:.…]*"

_FLAGS = re.IGNORECASE
_HEADING_SUFFIX = r"\s*(?:[:»›>→]|\.\.\.|…)?"
COMMENT_HEADING = re.compile(
    "(?:" + "|".join(p for kind, p in TAIL_HEADINGS if kind == "comment_heading") + ")" + _HEADING_SUFFIX, _FLAGS
)
WIDGET_HEADING = re.compile(
    "(?:" + "|".join(p for kind, p in TAIL_HEADINGS if kind == "widget_heading") + ")" + _HEADING_SUFFIX, _FLAGS
)
BOILERPLATE = re.compile("|".join(f"(?:{pattern})" for pattern in BOILERPLATE_PATTERNS), _FLAGS)
COMMENT_META = re.compile("|".join(f"(?:{pattern})" for pattern in COMMENT_META_PATTERNS), _FLAGS)
COMMENT_AUTHOR = re.compile(COMMENT_AUTHOR_PATTERN, _FLAGS)

TERMINAL_PUNCTUATION = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*$")
# A statement's end: a headline may end in a question or exclamation mark, running text ends like this.
SENTENCE_FINAL = re.compile(r"[.…。][\"'”’»)\]」』）]*$")
SENTENCE_END = re.compile(r"[.!?…][\"'”’»)\]]*\s+(?=\S)|[。！？](?=\S)")
# Lines ending like a cut teaser snippet ("…", "[…]", "Read more").
CUT_SHORT = re.compile(r"(?:\.\.\.|…|\[\s*(?:\.\.\.|…)\s*\]|\bread\s+more\W*)$", re.IGNORECASE)
# Scripts written without spaces between words: two characters count as one word.
UNSPACED_CHARACTER = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
WORD = re.compile(r"\w+")
UNSPACED_RUN = re.compile(UNSPACED_CHARACTER.pattern + "{2,}")

TITLE_MAX_CHARS = 200
TITLE_MAX_WORDS = 30
DEK_MAX_CHARS = 320
DEK_MAX_SENTENCES = 2
DEK_MIN_WORDS = 6
# A dek is clearly a standfirst when a wider gap than usual separates it from the body, or when it
# summarises the first paragraph (shares this share of its words).
DEK_GAP_BLANK_LINES = 2
DEK_SHARED_WORDS = 0.5
# The body starts at the first run of prose paragraphs (sentences, not menu or link lines) holding
# this many paragraphs or characters; up to PROSE_RUN_MAX_GAP other lines may sit between them.
PROSE_MIN_WORDS = 12
LONG_PARAGRAPH_CHARS = 300
PROSE_RUN_MIN_PARAGRAPHS = 2
PROSE_RUN_MIN_CHARS = 400
PROSE_RUN_MAX_GAP = 3
# Below a widget heading, this many prose paragraphs that each follow another prose paragraph mean the article
# goes on (teaser snippets each follow their title line).
ARTICLE_GOES_ON_PROSE_PAIRS = 3
# Inside the article, runs of short lines (lists, captions) are this long at most; a longer run ends it.
BODY_MAX_SHORT_RUN = 12
BODY_TRAILING_SHORT_LINES = 2
SENTENCE_MIN_WORDS = 4
# A widget heading followed by at most this many link lines and then more article prose is inline.
INLINE_WIDGET_MAX_LINKS = 4
# The title is looked for among this many lines above the body.
HEAD_LOOKBACK_UNITS = 6
TITLE_MIN_WORDS = 2
# A dump has no <title>: the headline is the title-like line above the body that the page agrees with. It is
# printed again elsewhere on the page (breadcrumb, comment heading "Responses to …", share text, a teaser of
# itself), and its words come back in the article's first paragraphs. A short line (a site name, a menu item,
# a byline) agrees by chance, so agreement counts in full from AGREED_TITLE_FULL_WORDS words on. Lines are scored
#   min(1, words / FULL_WORDS) * (REPEAT_WEIGHT * (printed again) + (share of its words in the opening paragraphs))
#   - DISTANCE_WEIGHT * (lines above the body)
# over the AGREED_TITLE_WINDOW lines above the body; the best one wins if it scores at least AGREED_TITLE_MIN_SCORE.
AGREED_TITLE_WINDOW = 40
AGREED_TITLE_REPEAT_WEIGHT = 0.5
AGREED_TITLE_DISTANCE_WEIGHT = 0.01
AGREED_TITLE_MIN_SCORE = 0.2
AGREED_TITLE_FULL_WORDS = 8
AGREED_TITLE_OPENING_CHARS = 2000
# A shorter title-like line right above the best, scoring at least this share of its score, is the headline over a dek.
AGREED_TITLE_DEK_SHARE = 0.5
# Words shorter than this ("the", "de", "и") agree with any text; unspaced scripts count by character pairs.
AGREEMENT_WORD_MIN_CHARS = 3
# Several consecutive very short lines in one block are a menu.
MENU_MIN_LINES = 3
MENU_ITEM_MAX_WORDS = 3
MENU_ITEM_MAX_CHARS = 30
# A line this long that stops without punctuation and is followed by a lowercase line was hard-wrapped.
WRAPPED_LINE_MIN_CHARS = 50
# A widget recognised by its shape after the article: a short heading and this many headline lines under it.
MIN_SHAPE_TITLES = 3
# Above the headline (menus, mega-menus of products, a site's own promos) a widget needs more headlines, and
# longer ones on average, to be told by its shape.
HEAD_SHAPE_MIN_TITLES = 6
HEAD_SHAPE_MIN_MEAN_WORDS = 5
SHAPE_HEADING_MAX_CHARS = 60
SHAPE_HEADING_MAX_WORDS = 6
SHAPE_HEADLINE_MIN_WORDS = 4
# A list of this many headlines alone with little prose after it ends the article (see _is_body_end_list).
BODY_END_LIST_MIN_TITLES = 5
# A widget found by shape alone is a catalogue of names when more than this share of its titles starts (or ends) like
# the one above.
CATALOGUE_REPEATED_SHARE = 0.5
# Among comments, a list of titles alone under a short heading is a widget from this many titles on.
COMMENTS_SHAPE_MIN_TITLES = 5
COMMENTS_SHAPE_HEADING_MAX_WORDS = 4
# A widget's first this many cards set its shape (titles alone, or titles with snippets).
SHAPE_CARDS = 3
# A card's title has at least this many words: one or two are a menu item, a category or a name.
CARD_TITLE_MIN_WORDS = 3
# A title never ends in a separator left before a missing item ("Anna ·") or a form's required-field mark.
DANGLING_MARKS = ("·", "|", "•", "*")
# Longer than this, a line under a card's title is its snippet, not the next title.
CARD_HEADLINE_MAX_CHARS = 120
# Page furniture a card may carry in a widget (a byline, "Posted on …", a count); any other ends the widget.
CARD_PAGE_FURNITURE = re.compile(
    r"by\s+.{1,60}|(?:published|updated|posted|last\s+updated)(?:\s+on)?:?\s+.{1,60}"
    r"|(?:\d[\d,.]*[km]?\s+)?(?:likes?|shares?|views?|comments?)",
    re.IGNORECASE,
)
NUMBER = re.compile(r"\d[\d,.]*")
DIGITS = re.compile(r"\d+")
WEB_ADDRESS = re.compile(r"https?://|www\.\w|@\w+\.\w{2,}")
# A card's furniture line from its widget's template recurs this many lines on (a card of title and line, of title,
# snippet and line), and is at most this long.
TEMPLATE_PERIODS = (2, 3)
TEMPLATE_MAX_CHARS = 160
# A teaser snippet is clearly longer than its title, or echoes it.
SNIPPET_MIN_CHARS = 80

# Teaser card furniture (dates, times, counts, "Read more") in any language: at most this long, with at most
# this many words besides figures, each short (month names, "Comments", "am").
FURNITURE_MAX_CHARS = 40
FURNITURE_MAX_WORDS = 3
FURNITURE_WORD_MAX_CHARS = 10
# Consecutive furniture lines a card may carry (kicker, byline, date).
CARD_MAX_FURNITURE_RUN = 3
# A "Read more" link alone: a known prompt, or one to three words ending in an arrow (any language).
CARD_PROMPT = re.compile(
    r"(?:read\s+more|continue\s+reading|more|mehr|weiterlesen|leer\s+m[aá]s|lire\s+la\s+suite|leia\s+mais"
    r"|continua|continue)\W{0,3}(?:\s*(?:»|›|→|>|\.\.\.|…))?|\w+(?:\s+\w+){0,2}\s*(?:»|›|→)",
    _FLAGS,
)
TRAILING_DATE = re.compile(
    r"\s+(?:\w{3,9}\.?\s+\d{1,2},?\s+\d{4}|\d{1,2}\.?\s+\w{3,9}\.?\s+\d{4}|\d{4}[-/.]\d{1,2}[-/.]\d{1,2}"
    r"|\d{1,2}[/.]\d{1,2}[/.]\d{2,4})(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?:\s*[ap]\.?m\.?)?)?$",
    _FLAGS,
)

# Dumps made by text browsers (`lynx -dump`): a "[12]" before each link's text and, at the end, the numbered
# list of where the links go. With such a list the markers are taken out and teasers get their links.
LINK_LIST_HEADING = re.compile(r"(?:references|visible\s+links|hidden\s+links):?", _FLAGS)
# An entry is a number and a url; lynx prints a url that holds spaces (a query string) as it is.
LINK_LIST_ENTRY = re.compile(r"(\d+)\.\s+(\S+)(?:\s.*)?")
LINK_MARKER = re.compile(r"\[(\d+)\]")
# Link items in a row that make a widget without a heading.
LINK_RUN_MIN_CARDS = 3
# A category or archive entry's count of posts: "Rifles (12)".
COUNT_IN_BRACKETS = re.compile(r"\(\d+\)$")
# A link without words of its own (a rank number, an image) belongs to a card title this many lines away, in its block.
LINK_NEIGHBOUR_LINES = 2
# Placeholders a text browser prints for what has no text: "[IMG]", "[BUTTON]", and an image without alt text
# by its file name ("[arrow.gif]").
TEXT_BROWSER_PLACEHOLDER = re.compile(
    r"\[(?:IMG|INLINE|BUTTON|LINK|EMBED)\]|\[[^\[\]\s]{1,200}\.(?:gif|jpe?g|png|webp|svg|bmp)\]", re.IGNORECASE
)
# A teaser title shown as a list item ("* Title", "• Title", "3. Title").
LIST_BULLET = re.compile(r"^(?:[*+•·#–—-]|\d{1,2}[.)])\s+")
# A heading is one phrase: a form field ("_____") or a menu line ("News | Sport") is none.
FORM_OR_MENU_MARKS = re.compile(r"_{3,}|\s[|·•]\s")
# A list item at any depth as text browsers and Markdown print it (lynx: "*", "+", then "o"): a widget's heading
# is never one; a list item over a list is a nested menu.
NESTED_LIST_ITEM = re.compile(r"^(?:[*+•·–—-]|o(?=\s+\S)|\d{1,2}[.)])\s+")

# Dumps hard-wrapped at a fixed width (text browsers, `fold`, e-mail): many lines end just under the width and
# few go past it (a centred heading, a table row or an unbreakable url may). Dumps of rendered text have no such
# edge: a paragraph is one line of any length, so line widths thin out smoothly.
WRAP_MIN_WIDTH = 60
WRAP_MAX_WIDTH = 200
WRAP_BAND_CHARS = 10
WRAP_NEAR_WIDTH_SHARE = 0.1
WRAP_NEAR_WIDTH_MIN_LINES = 8
# Lines in the band just under the width outnumber those in the band just over it this many times, and
# those further over it (paragraphs of an unwrapped dump) this many times.
WRAP_EDGE_RATIO = 4
WRAP_OVER_RATIO = 2


@dataclass(slots=True)
class Unit:
    """One paragraph-sized piece of the dump: a line, or hard-wrapped lines joined."""

    text: str  # stripped
    raw: str  # as in the dump (keeps leading whitespace)
    starts_block: bool
    blank_lines_after: int = 0
    templated: bool = False  # a card's furniture line, by the template the widget repeats (see _mark_templated)


def extract_parts(text: str) -> PageParts:
    """Title, dek, body paragraphs, comments, teasers and boilerplate of one text dump."""
    text, link_list_heading, link_list = _without_link_list(text)
    text = unwrapped(text)
    links_of_lines: dict[str, str] = {}
    item_links: list[str | None] = []
    if link_list:
        text, links_of_lines, item_links = _without_link_markers(text, link_list)
    parts = _parts(text)
    if link_list_heading:
        parts.segments.append(Segment("boilerplate", link_list_heading))
    for card in parts.teasers:
        card.link_url = card.link_url or links_of_lines.get(_link_key(card.title))
        card.title = LIST_BULLET.sub("", card.title, count=1)
    if link_list:
        # With its links known, a card is a teaser only when its title is a link that may go to a story of this
        # site (the text rules may run a widget on into a box's heading, a form, an ingredient list or a footer of
        # section, social and partner links).
        site = story_links.site_name(None, link_list.values())
        sections = story_links.section_paths(link_list.values(), site)
        parts.teasers = [
            card for card in parts.teasers
            if card.link_url and story_links.links_a_story(card.link_url, site, sections)
        ]
        parts.teasers += _link_list_widgets(text.splitlines(), item_links, site, sections, parts)
        # A card printed as two links to one story in a row (its image's alt text, then its title) is one card.
        parts.teasers = [
            card for position, card in enumerate(parts.teasers)
            if position == 0 or (card.title, card.link_url, card.widget) != (
                parts.teasers[position - 1].title, parts.teasers[position - 1].link_url, parts.teasers[position - 1].widget
            )
        ]
    # A byline and a date ("Anna · March 10, 2017") reads as a title once the date is taken off: a comment's head.
    parts.teasers = [card for card in parts.teasers if not card.title.rstrip().endswith(DANGLING_MARKS)]
    _strip_repeated_trailing_furniture(parts.teasers)
    return parts


def _strip_repeated_trailing_furniture(cards: list[TeaserCard]) -> None:
    """Take off what a widget glues after every title: a count and its word, an age ("Title 104 comments",
    "Title 260 2days 0hrs ago"). A tail is furniture when it starts with a number, reads as card furniture, and
    cards of the same widget end with the same tail but for its figures; a title's own figures ("Issue 85") stay."""
    tails: dict[int, tuple[str, str]] = {}
    for position, card in enumerate(cards):
        tail = _furniture_tail(card.title)
        if tail is not None:
            tails[position] = (card.widget or "", DIGITS.sub("0", tail))
    shapes = Counter(tails.values())
    for position, shape in tails.items():
        if shapes[shape] >= 2:
            card = cards[position]
            card.title = card.title[: len(card.title) - len(_furniture_tail(card.title))].rstrip()


def _furniture_tail(title: str) -> str | None:
    """The shortest tail of `title` of two or more words that starts with a number and is card furniture, if what
    is left is still a title."""
    words = title.split()
    for start in range(len(words) - 2, 0, -1):
        if not NUMBER.fullmatch(words[start]):
            continue
        tail = " ".join(words[start:])
        if _is_card_furniture(tail) and _word_count(" ".join(words[:start])) >= CARD_TITLE_MIN_WORDS:
            return title[_tail_offset(title, start) :]
        return None
    return None


def _tail_offset(title: str, word_index: int) -> int:
    """Where the title's word number `word_index` (split on whitespace) starts."""
    offset = 0
    for position, word in enumerate(title.split()):
        offset = title.index(word, offset)
        if position == word_index:
            return offset
        offset += len(word)
    return len(title)


def _without_link_list(text: str) -> tuple[str, str | None, dict[str, str]]:
    """The dump without a text browser's list of numbered links, the list's heading, and the list ({number: url})."""
    lines = text.splitlines()
    for heading in range(len(lines) - 1, -1, -1):
        if not LINK_LIST_HEADING.fullmatch(lines[heading].strip()):
            continue
        # lynx splits its list under one heading ("References") into "Visible links:" and "Hidden links:".
        while heading > 0 and _is_link_list_heading_above(lines, heading):
            heading = _previous_nonblank(lines, heading)
        links, end = {}, heading + 1
        while end < len(lines):
            line = lines[end].strip()
            entry = LINK_LIST_ENTRY.fullmatch(line)
            if line and entry is None and not LINK_LIST_HEADING.fullmatch(line):
                break
            if entry:
                links[entry.group(1)] = entry.group(2)
            end += 1
        if links:
            return "\n".join(lines[:heading] + lines[end:]), lines[heading].strip(), links
    return text, None, {}


def wrap_width(lines: list[str]) -> int | None:
    """The width (in display columns) a dump was hard-wrapped at, or None when its lines were not wrapped: the
    width with the most lines in the band just under it, if far fewer lines fall in the band just over it."""
    widths = [_display_width(line.rstrip()) for line in lines if " " in line.strip()]
    counts = Counter(widths)

    def band(low: int, high: int) -> int:
        return sum(counts[width] for width in range(low, high + 1))

    best, best_near = None, 0
    for width in range(WRAP_MIN_WIDTH, WRAP_MAX_WIDTH + 1):
        if counts[width] == 0:
            continue
        near = band(width - WRAP_BAND_CHARS, width)
        if near > best_near and near >= WRAP_EDGE_RATIO * band(width + 1, width + 1 + WRAP_BAND_CHARS):
            best, best_near = width, near
    if best is None or best_near < max(WRAP_NEAR_WIDTH_MIN_LINES, WRAP_NEAR_WIDTH_SHARE * len(widths)):
        return None
    if WRAP_OVER_RATIO * sum(count for width, count in counts.items() if width > best + WRAP_BAND_CHARS) > best_near:
        return None
    return best


def unwrapped(text: str) -> str:
    """The dump with hard-wrapped lines joined again: a line continues the one above when no blank line sits
    between, it is indented no deeper (deeper only under an over-long centred heading), it is no list item, and
    its first word would not have fitted on the line above."""
    lines = text.splitlines()
    width = wrap_width(lines)
    if width is None:
        return text
    joined: list[list[str]] = []  # each line of the result: its first physical line, then the continuations
    previous_width = None  # width of the physical line above, None after a blank line
    for line in lines:
        stripped = line.strip()
        if not stripped:
            joined.append([line])
            previous_width = None
            continue
        if previous_width is not None and _continues_at_wrap(joined[-1][0], previous_width, line, width):
            joined[-1].append(stripped)
        else:
            joined.append([line.rstrip()])
        previous_width = _display_width(line.rstrip())
    return "\n".join(" ".join(pieces) for pieces in joined)


def _continues_at_wrap(above: str, above_width: int, line: str, width: int) -> bool:
    stripped = line.strip()
    if LIST_BULLET.match(stripped) or LINK_LIST_ENTRY.fullmatch(stripped):
        return False
    first_word = stripped.split()[0]
    if above_width + 1 + _display_width(first_word) <= width:
        return False
    indent, above_indent = _indent(line), _indent(above)
    return indent <= above_indent + _bullet_width(above.strip()) or above_width > width


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _bullet_width(line: str) -> int:
    bullet = LIST_BULLET.match(line)
    return bullet.end() if bullet else 0


def _display_width(text: str) -> int:
    """Columns a text browser gives `text`: wide (CJK) characters take two."""
    if text.isascii():
        return len(text)
    return sum(2 if unicodedata.east_asian_width(character) in "WF" else 1 for character in text)


def _previous_nonblank(lines: list[str], index: int) -> int:
    index -= 1
    while index > 0 and not lines[index].strip():
        index -= 1
    return index


def _is_link_list_heading_above(lines: list[str], heading: int) -> bool:
    """Whether the link list's heading sits under an outer heading, or follows another list part's entries."""
    above = lines[_previous_nonblank(lines, heading)].strip()
    return bool(LINK_LIST_HEADING.fullmatch(above) or LINK_LIST_ENTRY.fullmatch(above))


def _without_link_markers(text: str, links: dict[str, str]) -> tuple[str, dict[str, str], list[str | None]]:
    """The dump without the link markers of `links` and image placeholders; the url of each line's first
    marked link, by the line's text (without a list bullet); and for each line of the result the url of the link
    it starts with (a link item: "* [12]Title"), or None. A link with no words of its own (a rank number, an
    image, an empty list item: "* [89]4") belongs to its card, whose title is printed on a line next to it. A
    title printed twice in a row (an image's alt text, then the link) is kept once."""
    lines: list[str] = []
    link_of_line: list[str | None] = []
    item_links: list[str | None] = []
    for line in text.splitlines():
        first = next((marker for marker in LINK_MARKER.finditer(line) if marker.group(1) in links), None)
        leading = LINK_MARKER.match(LIST_BULLET.sub("", line.strip(), count=1))
        item_links.append(links.get(leading.group(1)) if leading else None)
        # A card's title is its link: a line whose first link comes after words of its own (a sentence of a list in
        # the article with a link at its end, "… (Bug [12]1664144)") is linked to nothing.
        before = TEXT_BROWSER_PLACEHOLDER.sub("", line[: first.start()]) if first else ""
        linked = first is not None and not any(character.isalpha() for character in before)
        link_of_line.append(links[first.group(1)] if linked else None)
        if first is not None:
            line = LINK_MARKER.sub(lambda marker: "" if marker.group(1) in links else marker.group(0), line)
        lines.append(_once(TEXT_BROWSER_PLACEHOLDER.sub("", line)))
    lines, link_of_line, item_links = _list_headings_promoted(lines, link_of_line, item_links)
    links_of_lines: dict[str, str] = {}
    for index, url in enumerate(link_of_line):
        if url is None:
            continue
        key = _link_key(lines[index])
        if any(character.isalpha() for character in key):
            links_of_lines.setdefault(key, url)
            continue
        for neighbour in _nonblank_neighbours(lines, index, LINK_NEIGHBOUR_LINES):
            if link_of_line[neighbour] is None:
                links_of_lines.setdefault(_link_key(lines[neighbour]), url)
    return "\n".join(lines), links_of_lines, item_links


def _once(line: str) -> str:
    """A line whose text is the same words twice ("Title Title": an image's alt text and the link) with them once."""
    stripped = line.strip()
    bullet = LIST_BULLET.match(stripped)
    words = stripped[bullet.end() if bullet else 0 :].split()
    half = len(words) // 2
    if half < 2 or len(words) % 2 or WORD.findall(" ".join(words[:half]).casefold()) != WORD.findall(
        " ".join(words[half:]).casefold()
    ):
        return line
    return line[: len(line) - len(line.lstrip())] + (bullet.group(0) if bullet else "") + " ".join(words[:half])


def _link_list_widgets(
    lines: list[str], item_links: list[str | None], site: str | None, sections: frozenset[str], parts: PageParts
) -> list[TeaserCard]:
    """Teasers a text browser's dump shows as its links alone: LINK_RUN_MIN_CARDS or more lines in a row that are
    each a link item whose text reads as a headline and whose link names a story of the page's site (a tabbed box
    of titles under no heading), each to another page (share buttons all go to the page itself), and which are no
    list of categories with their counts ("Rifles (12)"). A card's image linked to its story on the line above its
    title is skipped. Lines the text rules made teasers stay theirs; body paragraphs such a run takes leave the body."""
    taken = {_link_key(card.title) for card in parts.teasers}
    cards: list[TeaserCard] = []
    run: list[tuple[str, str]] = []
    for index in range(len(lines) + 1):
        key = _link_key(lines[index]) if index < len(lines) else ""
        url = item_links[index] if index < len(lines) else None
        if key and _is_card_furniture(key):
            continue  # a card's date line
        if url and index + 1 < len(lines) and item_links[index + 1] == url:
            continue  # the card's image, linked to its story like the title below it
        title = _without_trailing_date(key)
        if (
            url
            and key not in taken
            and _is_card_title(title)
            and _word_count(title) >= SHAPE_HEADLINE_MIN_WORDS
            and story_links.links_a_story(url, site, sections)
            and story_links.names_a_story(url, site)
        ):
            run.append((title, url))
            continue
        if len(run) >= LINK_RUN_MIN_CARDS and _is_story_link_run(run):
            cards += [TeaserCard(title=title, raw_snippet=None, link_url=url) for title, url in run]
        run = []
    # Linked titles in a row are no article text, also where the body ran on over them.
    titles = {_link_key(card.title) for card in cards}
    parts.paragraphs = [text for text in parts.paragraphs if _without_trailing_date(_link_key(text)) not in titles]
    return cards


def _is_story_link_run(run: list[tuple[str, str]]) -> bool:
    titles = [title for title, _ in run]
    pages = {url.split("?")[0].split("#")[0] for _, url in run}
    counted = sum(bool(COUNT_IN_BRACKETS.search(title)) for title in titles)
    return len(pages) == len(run) and 2 * counted <= len(run)


def _list_headings_promoted(
    lines: list[str], link_of_line: list[str | None], item_links: list[str | None]
) -> tuple[list[str], list[str | None], list[str | None]]:
    """A text browser prints a sidebar box as a list item without a link ("* Popular Posts") over deeper list items
    that are links: that item is the box's heading, so it loses its bullet and opens a block of its own."""
    promoted: list[str] = []
    promoted_links: list[str | None] = []
    promoted_items: list[str | None] = []
    for index, line in enumerate(lines):
        stripped = line.strip()
        bullet = NESTED_LIST_ITEM.match(stripped)
        below = next((i for i in range(index + 1, len(lines)) if lines[i].strip()), None)
        if (
            bullet
            and link_of_line[index] is None
            and any(character.isalpha() for character in stripped[bullet.end() :])
            and below is not None
            and link_of_line[below] is not None
            and NESTED_LIST_ITEM.match(lines[below].strip())
            and _indent(lines[below]) > _indent(line)
        ):
            promoted += ["", " " * _indent(line) + stripped[bullet.end() :]]
            promoted_links += [None, None]
            promoted_items += [None, None]
            continue
        promoted.append(line)
        promoted_links.append(link_of_line[index])
        promoted_items.append(item_links[index])
    return promoted, promoted_links, promoted_items


def _link_key(line: str) -> str:
    return " ".join(LIST_BULLET.sub("", line.strip(), count=1).split())


def _nonblank_neighbours(lines: list[str], index: int, distance: int) -> list[int]:
    """The up to `distance` nonblank lines below `index`, then those above it, nearest first, within one block."""
    found: list[int] = []
    for step in (1, -1):
        position = index + step
        while 0 <= position < len(lines) and lines[position].strip() and abs(position - index) <= distance:
            found.append(position)
            position += step
    return found


def _parts(text: str) -> PageParts:
    units = _units(text)
    kinds = _classify(units)
    _mark_inline_widgets(units, kinds)
    body_start = _body_start(units, kinds)
    tail_start = _tail_start(units, kinds, body_start)
    head = [index for index in range(body_start) if kinds[index] == "content"]
    body, trailing_chrome = _split_body_end(units, kinds, body_start, tail_start)
    title_at = _title_position(units, head)
    agreed = _agreed_title_position(units, head, body)
    if agreed is not None and title_at is not None and units[head[agreed]].text == units[head[title_at]].text:
        agreed = None  # the same headline printed again lower down: what sits between is left to the clean-up
    if agreed is not None and (title_at is None or agreed > title_at):
        title_at = agreed
    head_chrome = head if title_at is None else head[:title_at]
    paragraphs = body if title_at is None else head[title_at + 1 :] + body

    parts = PageParts()
    segment_kinds = {index: "boilerplate" for index in (*head_chrome, *trailing_chrome)}
    body_lines = set(body)
    # Above the headline (a left sidebar, a "latest" rail) and after the article.
    above = _widgets_by_shape(units, head_chrome, set(), HEAD_SHAPE_MIN_TITLES, HEAD_SHAPE_MIN_MEAN_WORDS)
    shaped = above + _widgets_by_shape(units, body + trailing_chrome, body_lines)
    for heading, section in shaped:
        # In the body only when it ends the body: a heading and a list inside the article are the article's own.
        in_body = [index for index in section if index in body_lines]
        if heading in body_lines and (body[-1] not in section or _ends_with_lone_paragraph(units, section, in_body)):
            after = [index for index in body if index > section[-1]]
            if not _is_body_end_list(units, section, after):
                continue
            # The article ended above the list: what follows (an author box) is no longer its text.
            for index in after:
                segment_kinds[index] = "boilerplate"
            paragraphs = [index for index in paragraphs if index not in after]
        segment_kinds[heading] = "widget_heading"
        for index in section:
            segment_kinds.pop(index, None)
        taken = {heading, *section}
        paragraphs = [index for index in paragraphs if index not in taken]
        card_lines = _without_card_line_furniture(units, section)
        for index in set(section) - set(card_lines):
            segment_kinds[index] = "boilerplate"
        parts.teasers.extend(_teaser_cards([units[index] for index in card_lines], _widget_name(units[heading].text)))
    inline_widget = None
    for index in range(tail_start):
        if kinds[index] == "boilerplate":
            segment_kinds[index] = "boilerplate"
        elif kinds[index] == "inline_heading":
            segment_kinds[index] = "widget_heading"
            inline_widget = _widget_name(units[index].text)
        elif kinds[index] == "inline_teaser":
            parts.teasers.append(TeaserCard(title=units[index].text, raw_snippet=None, widget=inline_widget))
    parts.segments = [Segment(kind, units[index].text) for index, kind in sorted(segment_kinds.items())]
    if title_at is not None:
        parts.title = units[head[agreed if agreed is not None else title_at]].text
        paragraphs = _without_dek(units, paragraphs, parts)
    parts.paragraphs = [units[index].text for index in paragraphs]
    _read_tail(units[tail_start:], kinds[tail_start:], parts)
    return parts


def _widgets_by_shape(
    units: list[Unit], lines: list[int], body: set[int], min_titles: int = MIN_SHAPE_TITLES, min_mean_words: int = 0
) -> list[tuple[int, list[int]]]:
    """Teaser widgets among the lines after the article, in any language: a short heading line followed by
    MIN_SHAPE_TITLES or more headline-like lines (each maybe followed by its snippet). [(heading, its lines)].
    Cards may carry furniture lines (bylines, dates, counts, "Read more"); after the body, page furniture may
    also sit between cards, inside it not (a list in the article followed by a credit line is no widget)."""
    widgets = []
    position = 0
    while position < len(lines):
        heading = lines[position]
        section = (
            _headline_run(units, lines, position + 1, across_gaps=heading not in body)
            if _is_widget_heading_like(units[heading].text)
            else []
        )
        headlines = [units[index].text for index in section if _is_headline_like(units[index].text)]
        mean_words = sum(_word_count(text) for text in headlines) / len(headlines) if headlines else 0
        if (
            len(headlines) >= min_titles
            and mean_words >= min_mean_words
            and not _is_catalogue(units, section)
            and not _is_menu_with_headlines(units, section, len(headlines))
        ):
            widgets.append((heading, section))
            position += 1 + len(section)
        else:
            position += 1
    return widgets


def _is_menu_with_headlines(units: list[Unit], section: list[int], headlines: int) -> bool:
    """A menu whose longer entries read as headlines (a mega-menu of products, a list of series): more of its lines
    are short labels (one to three words, no date or count beside them) than headlines. A label every card repeats
    (a source, a show's name) or a mark ("▶") is card furniture, not a menu entry: labels count once each."""
    labels: set[str] = set()
    for position, index in enumerate(section):
        text = units[index].text
        if units[index].templated or _is_card_furniture(text) or not _is_card_line_furniture(text):
            continue
        beside = [section[other] for other in (position - 1, position + 1) if 0 <= other < len(section)]
        if any(character.isalpha() for character in text) and not any(
            _is_card_furniture(units[other].text) for other in beside
        ):
            labels.add(text.casefold())
    return len(labels) > headlines


def _is_catalogue(units: list[Unit], section: list[int]) -> bool:
    """A list of titles alone (no snippet, no date; short labels aside) that reads as a catalogue of names."""
    lines = [index for index in section if _is_card_furniture(units[index].text) or not _is_line_furniture(units[index])]
    if any(not _is_headline_like(units[index].text) for index in lines):
        return False
    return is_catalogue([units[index].text for index in lines])


def is_catalogue(titles: list[str]) -> bool:
    """A list of names (products, a brand's institutions, columnists, bug numbers), not of stories: more than half
    of the titles start, or end, with the same word as the title above them (a count glued after a title left out)."""
    if len(titles) < MIN_SHAPE_TITLES:
        return False
    titles = [title[: len(title) - len(_furniture_tail(title) or "")] for title in titles]
    words = [WORD.findall(title.casefold()) for title in titles]
    pairs = list(zip(words, words[1:]))
    same_start = sum(bool(above) and above[0] == word[0] for above, word in pairs if word)
    same_end = sum(bool(above) and above[-1] == word[-1] for above, word in pairs if word)
    return max(same_start, same_end) > CATALOGUE_REPEATED_SHARE * len(pairs)


def _headline_run(units: list[Unit], lines: list[int], start: int, across_gaps: bool = True) -> list[int]:
    """The consecutive lines from `start` that are headlines, or snippets right after a headline, with the cards'
    furniture (a rank number or date may also come before the first headline)."""
    run: list[int] = []
    furniture_run = 0
    for position in range(start, len(lines)):
        index = lines[position]
        if position > start and lines[position - 1] != index - 1:
            if not across_gaps or not _only_furniture_between(units, lines[position - 1], index):
                break  # a gap: other lines (page chrome) sit between
        text = units[index].text
        headlines = [i for i in run if not _is_line_furniture(units[i])]
        follows_headline = bool(headlines) and _is_headline_like(units[headlines[-1]].text)
        if units[index].templated:
            run.append(index)
        elif _is_headline_like(text) or (follows_headline and _is_snippet_of(units[headlines[-1]].text, text)):
            run.append(index)
            furniture_run = 0
        elif (
            (run and _is_card_line_furniture(text)) or _is_card_furniture(text)
        ) and furniture_run < CARD_MAX_FURNITURE_RUN:
            run.append(index)
            furniture_run += 1
        else:
            break
    while run and _is_line_furniture(units[run[-1]]):
        run.pop()
    return run


def _is_body_end_list(units: list[Unit], section: list[int], after: list[int]) -> bool:
    """A long list of headlines alone (BODY_END_LIST_MIN_TITLES or more, no snippet) under a heading, after which the
    body holds less prose than a run of it (an author box, a sign-off): the article ended above the list."""
    if any(not _is_headline_like(units[index].text) and not _is_line_furniture(units[index]) for index in section):
        return False
    headlines = sum(_is_headline_like(units[index].text) for index in section)
    prose_after = sum(len(units[index].text) for index in after if _is_prose(units[index]))
    return headlines >= BODY_END_LIST_MIN_TITLES and prose_after < PROSE_RUN_MIN_CHARS


def _ends_with_lone_paragraph(units: list[Unit], section: list[int], in_body: list[int]) -> bool:
    """A list (two or more headline-like lines) in the article whose only longer text is the article's last
    paragraph, with no further headline right after it: a list in the article, not a widget whose cards carry
    snippets."""
    snippets = [index for index in in_body if not _is_headline_like(units[index].text)
                and not _is_line_furniture(units[index])]
    headlines = [index for index in in_body if _is_headline_like(units[index].text)]
    if len(headlines) < 2 or snippets != in_body[-1:]:
        return False
    after = section.index(in_body[-1]) + 1
    return after == len(section) or not _is_headline_like(units[section[after]].text)


def _without_card_line_furniture(units: list[Unit], section: list[int]) -> list[int]:
    """A shape widget's headline and snippet lines, without its bylines, kickers, dates and counts."""
    return [index for index in section if not _is_line_furniture(units[index])]


def _only_furniture_between(units: list[Unit], previous: int, index: int) -> bool:
    """Only card furniture or one-line page furniture (dates, "Read more", share links) between two lines."""
    between = units[previous + 1 : index]
    return len(between) <= CARD_MAX_FURNITURE_RUN and all(
        _is_line_furniture(unit) or BOILERPLATE.fullmatch(unit.text) for unit in between
    )


def _is_widget_heading_like(line: str) -> bool:
    return (
        not NESTED_LIST_ITEM.match(line)
        and not FORM_OR_MENU_MARKS.search(line)
        and len(line) <= SHAPE_HEADING_MAX_CHARS
        and 1 <= _word_count(line) <= SHAPE_HEADING_MAX_WORDS
        and not TERMINAL_PUNCTUATION.search(line)
        and not BOILERPLATE.fullmatch(line)
    )


def _is_headline_like(line: str) -> bool:
    """A story's headline: several words, not a sentence of running text, not page furniture."""
    return (
        SHAPE_HEADLINE_MIN_WORDS <= _word_count(line) <= TITLE_MAX_WORDS
        and len(line) <= TITLE_MAX_CHARS
        and not line.endswith((".", ",", ";", ":", "。", "、", *DANGLING_MARKS))
        and "\t" not in line  # a table row
        and not COUNT_IN_BRACKETS.search(line)  # a category with its count of posts
        and not BOILERPLATE.fullmatch(line)
        and _letters_outnumber_digits(line)
    )


def _letters_outnumber_digits(line: str) -> bool:
    """A calendar row or a table of figures is no headline."""
    return sum(character.isalpha() for character in line) > sum(character.isdigit() for character in line)


def _is_card_furniture(line: str) -> bool:
    """A teaser card's furniture line in any language: a date, time or count ("Apr 29, 2019", "3/9(木) 18:01",
    "7 Comments", "August 8, 2012 11:46 am"): figures with at most a few short words, no sentence; or a
    "Read more" prompt alone."""
    if CARD_PROMPT.fullmatch(line):
        return True
    if len(line) > FURNITURE_MAX_CHARS or not any(character.isdigit() for character in line):
        return False
    if TERMINAL_PUNCTUATION.search(line) and not line.endswith("."):
        return False
    words = [word for word in WORD.findall(line) if not word.isdigit()]
    return len(words) <= FURNITURE_MAX_WORDS and all(len(word) <= FURNITURE_WORD_MAX_CHARS for word in words)


def _is_line_furniture(unit: Unit) -> bool:
    return unit.templated or _is_card_line_furniture(unit.text)


def _is_card_line_furniture(line: str) -> bool:
    """Inside a widget's cards (after its first headline): furniture as above, or a line of at most three words
    without a sentence (a byline such as "Anna Weber", a kicker such as "Transportation")."""
    return _is_card_furniture(line) or (
        len(line) <= FURNITURE_MAX_CHARS
        and _word_count(line) <= FURNITURE_MAX_WORDS
        and not TERMINAL_PUNCTUATION.search(line)
    )


def _without_trailing_date(title: str) -> str:
    """A teaser title without a date glued after it ("Miliband makes pledge August 9, 2012")."""
    stripped = TRAILING_DATE.sub("", title)
    return stripped if _word_count(stripped) >= TITLE_MIN_WORDS else title


def _units(text: str) -> list[Unit]:
    units: list[Unit] = []
    blank_lines = 0
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            blank_lines += 1
            continue
        previous = units[-1] if units else None
        if previous is not None and blank_lines == 0 and _continues_wrapped_line(previous.text, stripped):
            previous.text = f"{previous.text} {stripped}"
            previous.raw = f"{previous.raw} {stripped}"
            continue
        if previous is not None:
            previous.blank_lines_after = blank_lines
        units.append(Unit(stripped, line, starts_block=blank_lines > 0 or previous is None))
        blank_lines = 0
    if units:
        units[-1].blank_lines_after = blank_lines
    _mark_templated(units)
    return units


def _mark_templated(units: list[Unit]) -> None:
    """Mark the furniture lines a widget prints in every card from one template ("in News, Reviews with 81
    comments", "by Anna on", "Posted in Recipes | 3 Comments"): in any language, two lines TEMPLATE_PERIODS apart
    (one card's length: title, maybe snippet, furniture) that start with the same word and end with the same word
    (figures aside), while the line after the first starts differently (the next card's title). Article text is
    never furniture (prose, and lines of a list whose items all start alike)."""
    keys = [_template_key(unit.text) for unit in units]
    for index, key in enumerate(keys):
        if key is None:
            continue
        for period in TEMPLATE_PERIODS:
            other = index + period
            if other >= len(units) or keys[other] != key:
                continue
            if _is_template_pair(units, keys, index, other):
                units[index].templated = units[other].templated = True
                break


def _is_template_pair(units: list[Unit], keys: list[tuple[str, str] | None], index: int, other: int) -> bool:
    """Two lines of one template are each printed under a card's title (a headline-like line of another shape),
    say different things (titles of one series, "Issue 105" and "Issue 106", are no furniture) and the next card's
    title, right after the first, starts differently."""
    if index == 0 or DIGITS.sub("0", units[index].text) == DIGITS.sub("0", units[other].text):
        return False
    first, last = keys[index]
    for line in (index, other):
        above = units[line - 1].text
        if _last_word(above) == last or not _is_headline_like(above):
            return False  # every line ending alike is a list of titles with furniture glued on ("… 5days ago")
    following = units[index + 1].text
    return _first_word(following) != first and _last_word(following) != last and not _is_card_furniture(following)


def _template_key(line: str) -> tuple[str, str] | None:
    words = DIGITS.sub("0", line.casefold()).split()
    if len(words) < 2 or len(line) > TEMPLATE_MAX_CHARS or not any(character.isalpha() for character in words[0]):
        return None
    if _word_count(line) >= PROSE_MIN_WORDS and TERMINAL_PUNCTUATION.search(line):
        return None
    return words[0], words[-1]


def _first_word(line: str) -> str | None:
    words = line.casefold().split()
    return words[0] if words else None


def _last_word(line: str) -> str | None:
    words = DIGITS.sub("0", line.casefold()).split()
    return words[-1] if words else None


def _continues_wrapped_line(previous: str, line: str) -> bool:
    return (
        len(previous) >= WRAPPED_LINE_MIN_CHARS
        and not TERMINAL_PUNCTUATION.search(previous)
        and line[0].islower()
    )


def _classify(units: list[Unit]) -> list[str]:
    """Each unit's kind: 'boilerplate', 'comment_heading', 'widget_heading' or 'content'."""
    kinds = [_kind_of_line(unit.text) for unit in units]
    run_start = 0
    for index in range(len(units) + 1):
        ends_run = (
            index == len(units)
            or units[index].starts_block
            or not _is_menu_item(units[index].text)
            or _heads_headlines(units, kinds, index)
        )
        if ends_run:
            run = [i for i in range(run_start, index) if _is_menu_item(units[i].text)]
            if len(run) >= MENU_MIN_LINES:
                for i in run:
                    kinds[i] = "boilerplate"
            run_start = index
    return kinds


def _heads_headlines(units: list[Unit], kinds: list[str], index: int) -> bool:
    """A widget heading right above a headline line heads a widget, also when it sits at the end of a run of
    menu lines (a rendered page's text has no blank line between a sidebar's menu and its next widget)."""
    if kinds[index] != "widget_heading":
        return False
    # A kicker (a section label) may stand over the first headline.
    for following in range(index + 1, min(index + 3, len(units))):
        if units[following].starts_block:
            return False
        if _is_headline_like(units[following].text):
            return True
        if not _is_menu_item(units[following].text):
            return False
    return False


def _kind_of_line(line: str) -> str:
    if len(line) <= HEADING_MAX_CHARS:
        if COMMENT_HEADING.fullmatch(line):
            return "comment_heading"
        if WIDGET_HEADING.fullmatch(line) and not FORM_OR_MENU_MARKS.search(line):
            return "widget_heading"
    if len(line) <= BOILERPLATE_MAX_CHARS and BOILERPLATE.fullmatch(line):
        return "boilerplate"
    return "content"


def _is_menu_item(line: str) -> bool:
    return (
        len(line) <= MENU_ITEM_MAX_CHARS
        and _word_count(line) <= MENU_ITEM_MAX_WORDS
        and not TERMINAL_PUNCTUATION.search(line)
    )


def _word_count(text: str) -> int:
    return len(text.split()) + len(UNSPACED_CHARACTER.findall(text)) // 2


def _is_prose(unit: Unit) -> bool:
    if CUT_SHORT.search(unit.text):
        return False  # a teaser snippet, not article text
    words = _word_count(unit.text)
    complete = TERMINAL_PUNCTUATION.search(unit.text) is not None
    return words >= PROSE_MIN_WORDS and (complete or len(unit.text) >= LONG_PARAGRAPH_CHARS)


def _body_start(units: list[Unit], kinds: list[str]) -> int:
    """Index of the first prose paragraph of the first substantial run of prose: menus, link lists and
    sidebars above the article are short lines, the article is sentences. A heading ends a run."""
    run_start, run_prose_count, run_prose_chars, since_prose = None, 0, 0, 0
    first_prose = None
    for index, (unit, kind) in enumerate(zip(units, kinds)):
        if kind in ("comment_heading", "widget_heading"):
            run_start = None
            continue
        if kind in ("inline_heading", "inline_teaser"):
            continue
        if kind != "content" or not _is_prose(unit):
            since_prose += 1
            if since_prose > PROSE_RUN_MAX_GAP:
                run_start = None
            continue
        first_prose = index if first_prose is None else first_prose
        if run_start is None:
            run_start, run_prose_count, run_prose_chars = index, 0, 0
        run_prose_count += 1
        run_prose_chars += len(unit.text)
        since_prose = 0
        if run_prose_count >= PROSE_RUN_MIN_PARAGRAPHS or run_prose_chars >= PROSE_RUN_MIN_CHARS:
            return run_start
    return first_prose if first_prose is not None else len(units)


def _split_body_end(units: list[Unit], kinds: list[str], start: int, end: int) -> tuple[list[int], list[int]]:
    """(article paragraphs, page chrome after them) among the content lines in [start, end). The
    article ends at its last sentence that no long stretch of other lines (link lists, footers)
    separates from the rest; at most a couple of lines after it (a credit, a sign-off) belong to it."""
    last_sentence, others_since = None, 0
    for index in range(start, end):
        if kinds[index] == "content" and _is_sentence(units[index]):
            last_sentence, others_since = index, 0
            continue
        others_since += 1
        if others_since > BODY_MAX_SHORT_RUN:
            break
    content = [index for index in range(start, end) if kinds[index] == "content"]
    if last_sentence is None:
        return content, []
    # A last paragraph cut short ("… and…") right under the article's sentences is still the article.
    following = last_sentence + 1
    if following < end and kinds[following] == "content" and CUT_SHORT.search(units[following].text):
        if _word_count(units[following].text) >= SENTENCE_MIN_WORDS:
            last_sentence = following
    trailing_lines = end - last_sentence - 1
    trailing = [index for index in content if index > last_sentence]
    if trailing_lines <= BODY_TRAILING_SHORT_LINES and not any(_is_sentence(units[index]) for index in trailing):
        return content, []
    return [index for index in content if index <= last_sentence], trailing


def _is_sentence(unit: Unit) -> bool:
    """Article text: prose, a short complete sentence, or a paywall/read-more prompt that ends the article
    (kept so the shared clean-up can tell the body was cut)."""
    if _is_prose(unit):
        return True
    if CUT_SHORT.search(unit.text):
        return is_reading_prompt(unit.text)
    complete = TERMINAL_PUNCTUATION.search(unit.text) is not None
    return (complete and _word_count(unit.text) >= SENTENCE_MIN_WORDS) or is_reading_prompt(unit.text)


def _mark_inline_widgets(units: list[Unit], kinds: list[str]) -> None:
    """A widget heading between two prose paragraphs of the article is inline, not the page's tail: it
    becomes 'inline_heading' and its link lines 'inline_teaser'."""
    for index, kind in enumerate(kinds):
        if kind != "widget_heading" or not _follows_prose(units, kinds, index):
            continue
        links = _inline_widget_links(units, kinds, index)
        if links is not None:
            kinds[index] = "inline_heading"
            for link in links:
                kinds[link] = "boilerplate" if _is_inline_card_furniture(units, links, link) else "inline_teaser"


def _is_inline_card_furniture(units: list[Unit], links: list[int], index: int) -> bool:
    """An inline widget's card furniture: a date or count, or a short byline next to one ("Mark Byrnes" over
    "Jul 17, 2014")."""
    if _is_card_furniture(units[index].text):
        return True
    beside = [other for other in (index - 1, index + 1) if other in links]
    return _is_card_line_furniture(units[index].text) and any(_is_card_furniture(units[i].text) for i in beside)


def _follows_prose(units: list[Unit], kinds: list[str], index: int) -> bool:
    previous = next((i for i in range(index - 1, -1, -1) if kinds[i] != "boilerplate"), None)
    return previous is not None and kinds[previous] == "content" and _is_prose(units[previous])


def _tail_start(units: list[Unit], kinds: list[str], body_start: int) -> int:
    """Index of the first comment or widget heading after the body began; headings and inline widgets
    above the body are menus, and a widget heading after which the article goes on is inline."""
    for index, kind in enumerate(kinds):
        if index < body_start and kind in ("comment_heading", "widget_heading", "inline_heading", "inline_teaser"):
            kinds[index] = "boilerplate"
        elif kind == "widget_heading" and _article_goes_on(units, kinds, index):
            kinds[index] = "inline_heading"
        elif kind in ("comment_heading", "widget_heading"):
            return index
    return len(kinds)


def _article_goes_on(units: list[Unit], kinds: list[str], heading: int) -> bool:
    """Under a teaser widget every snippet follows its own title line; prose paragraph after prose paragraph
    (several times, before the next heading) is the article resuming below an inline widget."""
    prose_pairs, previous_is_prose = 0, False
    for index in range(heading + 1, len(units)):
        if kinds[index] in ("comment_heading", "widget_heading"):
            break
        if kinds[index] == "boilerplate":
            continue
        is_prose = _is_prose(units[index])
        prose_pairs += is_prose and previous_is_prose
        previous_is_prose = is_prose
        if prose_pairs >= ARTICLE_GOES_ON_PROSE_PAIRS:
            return True
    return False


def _inline_widget_links(units: list[Unit], kinds: list[str], heading: int) -> list[int] | None:
    """The link lines of a widget inside the article ("Related" + a few titles), or None when the
    heading starts the page's tail: inline, the article resumes with two prose paragraphs in a row."""
    links: list[int] = []
    for index in range(heading + 1, len(units) - 1):
        if kinds[index] != "content":
            if kinds[index] == "boilerplate":
                continue
            return None
        if _is_prose(units[index]):
            following = next((i for i in range(index + 1, len(units)) if kinds[i] != "boilerplate"), None)
            resumes = following is not None and kinds[following] == "content" and _is_prose(units[following])
            return links if resumes else None
        links.append(index)
        if sum(not _is_inline_card_furniture(units, links + [index + 1], link) for link in links) > INLINE_WIDGET_MAX_LINKS:
            return None
    return None


def _without_dek(units: list[Unit], paragraphs: list[int], parts: PageParts) -> list[int]:
    """Move a standfirst right under the title (past a repeated title) to parts.dek."""
    # A repeated title stays in the paragraphs: the shared clean-up drops and counts it.
    at = 1 if paragraphs and units[paragraphs[0]].text == parts.title else 0
    if len(paragraphs) > at + 1 and _is_dek(units[paragraphs[at]], units[paragraphs[at + 1]]):
        parts.dek = units[paragraphs[at]].text
        return paragraphs[:at] + paragraphs[at + 1 :]
    return paragraphs


def _title_position(units: list[Unit], head: list[int]) -> int | None:
    """Position in `head` of the title: a line repeated right after itself wins; otherwise the nearest
    title-like line above the body, looking past at most one short standfirst."""
    for position in range(len(head) - 1):
        text = units[head[position]].text
        if text == units[head[position + 1]].text and _is_title_like(text):
            return position
    lowest = max(len(head) - HEAD_LOOKBACK_UNITS, 0)
    for position in range(len(head) - 1, lowest - 1, -1):
        text = units[head[position]].text
        if _is_title_like(text) and _word_count(text) >= TITLE_MIN_WORDS and not is_head_furniture(text):
            return position
    return None


def _agreed_title_position(units: list[Unit], head: list[int], body: list[int]) -> int | None:
    """Position in `head` of the headline the page agrees with (see AGREED_TITLE_WINDOW), or None."""
    opening_words: set[str] = set()
    opening_chars = 0
    for index in body:
        opening = units[index].text[: AGREED_TITLE_OPENING_CHARS - opening_chars]
        opening_words |= _agreement_words(opening)
        opening_chars += len(opening)
        if opening_chars >= AGREED_TITLE_OPENING_CHARS:
            break
    page_keys = [f" {_agreement_key(unit.text)} " for unit in units]
    best, best_score = None, AGREED_TITLE_MIN_SCORE
    scores: dict[int, float] = {}
    lowest = max(len(head) - AGREED_TITLE_WINDOW, 0)
    for position in range(lowest, len(head)):
        index = head[position]
        text = units[index].text
        if not _is_title_like(text) or _word_count(text) < TITLE_MIN_WORDS or is_head_furniture(text):
            continue
        words = _agreement_words(text)
        if not words:
            continue
        key = f" {_agreement_key(text)} "
        repeated = any(key in other for other_index, other in enumerate(page_keys) if other_index != index)
        agreement = AGREED_TITLE_REPEAT_WEIGHT * repeated + len(words & opening_words) / len(words)
        score = min(1.0, _word_count(text) / AGREED_TITLE_FULL_WORDS) * agreement - AGREED_TITLE_DISTANCE_WEIGHT * (
            len(head) - position
        )
        scores[position] = score
        if score > best_score:
            best, best_score = position, score
    # The headline is printed first: a shorter line right above the best one (no other line between; no menu item)
    # that the page agrees with too is the headline, the best one its dek (which repeats the article's words more).
    if best:
        above = best - 1
        if (
            head[above] == head[best] - 1
            and scores.get(above, 0.0) >= max(AGREED_TITLE_MIN_SCORE, AGREED_TITLE_DEK_SHARE * best_score)
            and len(units[head[above]].text) < len(units[head[best]].text)
            and not _is_menu_item(units[head[above]].text)
        ):
            best = above
    # A headline printed twice in a row is the title once and a repeat the shared clean-up drops and counts.
    while best and units[head[best - 1]].text == units[head[best]].text:
        best -= 1
    return best


def _agreement_key(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def _agreement_words(text: str) -> set[str]:
    words = {word for word in WORD.findall(text.casefold()) if len(word) >= AGREEMENT_WORD_MIN_CHARS}
    pairs = {run[i : i + 2] for run in UNSPACED_RUN.findall(text) for i in range(len(run) - 1)}
    return {word for word in words if not UNSPACED_CHARACTER.search(word)} | pairs


def is_head_furniture(line: str) -> bool:
    """A dateline, time or count between a headline and its article ("Oct 24, 2012", "1:39 PM ET"), or a
    bracketed photo credit, is never the title."""
    return _is_card_furniture(line) or (line.startswith(("(", "[")) and line.endswith((")", "]")))


def _is_title_like(line: str) -> bool:
    return (
        len(line) <= TITLE_MAX_CHARS
        and _word_count(line) <= TITLE_MAX_WORDS
        and not line.endswith((".", ",", ";", ":", "。", "、"))
        and any(character.isalpha() for character in line)
    )


def _is_dek(candidate: Unit, following: Unit) -> bool:
    text = candidate.text
    if (
        len(text) > DEK_MAX_CHARS
        or _word_count(text) < DEK_MIN_WORDS
        or not TERMINAL_PUNCTUATION.search(text)
        or len(SENTENCE_END.findall(text)) + 1 > DEK_MAX_SENTENCES
        or len(following.text) <= len(text)
    ):
        return False
    if candidate.blank_lines_after >= DEK_GAP_BLANK_LINES and candidate.blank_lines_after > following.blank_lines_after:
        return True
    dek_words = set(WORD.findall(text.casefold()))
    following_words = set(WORD.findall(following.text.casefold()))
    return len(dek_words & following_words) >= DEK_SHARED_WORDS * len(dek_words)


def _read_tail(units: list[Unit], kinds: list[str], parts: PageParts) -> None:
    """Comments and teaser widgets: each heading opens a section that runs to the next heading. Page furniture
    inside a widget's section is kept with it, marked, since it can end the widget's cards."""
    section_kind, widget, section, furniture, emitted = None, None, [], [], set()
    for unit, kind in zip(units, kinds):
        if kind in ("comment_heading", "widget_heading"):
            _flush_section(section_kind, widget, section, furniture, parts, emitted)
            parts.segments.append(Segment("widget_heading", unit.text))
            section_kind, widget, section, furniture, emitted = kind, _widget_name(unit.text), [], [], set()
        elif kind == "boilerplate":
            parts.segments.append(Segment("boilerplate", unit.text))
            if section_kind == "widget_heading":
                emitted.add(len(section))
                section.append(unit)
                # A short line called a menu item only for its neighbours (a byline, a date, a kicker) may be a
                # card's furniture; page furniture is what reads as such on its own.
                furniture.append(bool(BOILERPLATE.fullmatch(unit.text)) or not _is_card_line_furniture(unit.text))
        else:
            section.append(unit)
            furniture.append(False)
    _flush_section(section_kind, widget, section, furniture, parts, emitted)


def _widget_name(heading: str) -> str:
    return heading.rstrip(" :»›>→")


def _flush_section(
    section_kind: str | None,
    widget: str | None,
    units: list[Unit],
    page_furniture: list[bool],
    parts: PageParts,
    emitted: set[int] = frozenset(),
) -> None:
    """A section's comments, or its widget's cards; `emitted`: its lines already given out as boilerplate."""
    if section_kind != "widget_heading":
        # A sidebar after the comments (innerText has no blank line to end them) may hold a list of titles: one
        # under a short heading, of titles alone, longer than a comment thread's short lines would make it.
        in_lists: set[int] = set()
        shaped = _widgets_by_shape(
            units, list(range(len(units))), set(), COMMENTS_SHAPE_MIN_TITLES, HEAD_SHAPE_MIN_MEAN_WORDS
        )
        for heading, lines in shaped:
            card_lines = _without_card_line_furniture(units, lines)
            if _word_count(units[heading].text) > COMMENTS_SHAPE_HEADING_MAX_WORDS or any(
                not _is_headline_like(units[index].text) for index in card_lines
            ):
                continue
            parts.segments.append(Segment("widget_heading", units[heading].text))
            parts.teasers.extend(_teaser_cards([units[index] for index in card_lines], _widget_name(units[heading].text)))
            in_lists.update({heading, *lines})
            tab = heading  # the other tabs of a tabbed box stand right above its heading ("Popular" over "Latest")
            while tab > 0 and not units[tab].starts_block and _is_menu_item(units[tab - 1].text):
                tab -= 1
                parts.segments.append(Segment("boilerplate", units[tab].text))
                in_lists.add(tab)
        parts.segments.extend(_comments([unit for index, unit in enumerate(units) if index not in in_lists]))
        return
    cards, end = _card_run(units, page_furniture)
    for title, snippet in cards:
        parts.teasers.append(
            TeaserCard(
                title=_without_trailing_date(units[title].text),
                raw_snippet=units[snippet].raw if snippet is not None else None,
                widget=widget,
            )
        )
    # After the cards, another box of the sidebar or footer may be a widget under a heading of any words.
    rest = [index for index in range(end, len(units)) if not page_furniture[index] and index not in emitted]
    shaped = _widgets_by_shape(units, rest, set())
    taken: dict[int, str] = {}
    for heading, lines in shaped:
        taken[heading] = "widget_heading"
        card_lines = _without_card_line_furniture(units, lines)
        taken.update({index: "teaser" for index in card_lines})
        parts.teasers.extend(_teaser_cards([units[index] for index in card_lines], _widget_name(units[heading].text)))
    in_cards = {index for card in cards for index in card if index is not None}
    for index, unit in enumerate(units):
        if page_furniture[index] or index in emitted or index in in_cards or taken.get(index) == "teaser":
            continue
        if index < end and _is_card_furniture(unit.text):
            continue  # a card's date, count or "Read more"
        parts.segments.append(Segment(taken.get(index, "boilerplate"), unit.text))


def _card_run(units: list[Unit], page_furniture: list[bool]) -> tuple[list[tuple[int, int | None]], int]:
    """A widget's cards under its heading, [(title line, snippet line or None)], and the line where they end.

    A card is a title line (three words or more, one phrase, not running text), maybe its snippet, then maybe
    furniture (a date, count or "Read more"; a byline or label of up to three words when the first card has one
    too). The cards end where the shape changes: page furniture such as a menu word or a copyright line, a line of
    one or two words, running text that is no card's snippet, or, once the first SHAPE_CARDS cards agree on
    having a snippet or not, a card that disagrees (the next sidebar box: its heading and blurb). A run of
    MENU_MIN_LINES or more menu items between cards is navigation and skipped."""
    cards: list[tuple[int, int | None]] = []
    word_furniture = False
    index = 0
    while index < len(units):
        text = units[index].text
        if units[index].templated or _is_card_furniture(text) or not any(character.isalpha() for character in text) or (
            page_furniture[index] and (not cards or CARD_PAGE_FURNITURE.fullmatch(text))
        ):
            index += 1
            continue
        if page_furniture[index]:
            break
        menu_end = index
        while menu_end < len(units) and not page_furniture[menu_end] and _is_menu_item(_unbulleted(units[menu_end])):
            menu_end += 1
        if menu_end - index >= MENU_MIN_LINES:
            index = menu_end
            continue
        title_like = _is_card_title(_unbulleted(units[index]))
        if not title_like and not _is_short_card_title(units, page_furniture, index, cards):
            if cards:
                break
            index += 1
            continue
        following, snippet, furniture_lines = index + 1, None, 0
        while following < len(units):
            line = units[following].text
            if snippet is None and not page_furniture[following] and not units[following].templated and _is_card_snippet(
                text, line
            ):
                snippet = following
            elif furniture_lines < CARD_MAX_FURNITURE_RUN and _is_furniture_of_card(
                units, page_furniture, following, word_furniture or not cards
            ):
                furniture_lines += 1
                word_furniture = word_furniture or (not cards and not _is_card_furniture(line))
            else:
                break
            following += 1
        if len(cards) >= SHAPE_CARDS:
            shape = {card_snippet is not None for _, card_snippet in cards[:SHAPE_CARDS]}
            if len(shape) == 1 and (snippet is not None) not in shape:
                break
        cards.append((index, snippet))
        index = following
    if len(cards) > SHAPE_CARDS and cards[0][1] is None and all(snippet is not None for _, snippet in cards[1:]):
        cards = cards[1:]  # a box's own heading over cards that all have snippets ("Other Opinion Columns")
    return cards, index


def _is_furniture_of_card(units: list[Unit], page_furniture: list[bool], index: int, labels: bool) -> bool:
    """A card's date, count, "Read more", empty list item or byline; with `labels`, also a short label or name
    (a kicker, an author) next to such a line: alone between two titles, a short line is a title of the list."""
    if _is_date_line_of_card(units, page_furniture, index):
        return True
    if not labels or page_furniture[index] or _is_card_title(_unbulleted(units[index])):
        return False
    if not _is_card_line_furniture(units[index].text):
        return False
    return _is_date_line_of_card(units, page_furniture, index - 1) or (
        index + 1 < len(units) and _is_date_line_of_card(units, page_furniture, index + 1)
    )


def _is_date_line_of_card(units: list[Unit], page_furniture: list[bool], index: int) -> bool:
    line = units[index].text
    if units[index].templated or _is_card_furniture(line) or not any(character.isalpha() for character in line):
        return True
    return page_furniture[index] and CARD_PAGE_FURNITURE.fullmatch(line) is not None


def _is_short_card_title(
    units: list[Unit], page_furniture: list[bool], index: int, cards: list[tuple[int, int | None]]
) -> bool:
    """A title of one or two words is a card's all the same when the next line is its snippet (running text, or
    starting with it), or when it sits inside a list of titles: a card above it, a title line right below it."""
    text = _unbulleted(units[index])
    following = index + 1
    if following >= len(units) or page_furniture[following] or not _letters_outnumber_digits(text):
        return False
    if len(text) > TITLE_MAX_CHARS or TERMINAL_PUNCTUATION.search(text) or text.endswith((",", ";", ":", "、")):
        return False
    below = units[following].text
    below_title_like = _is_card_title(_unbulleted(units[following]))
    if _starts_with(below, text) or (_is_card_snippet(text, below) and not below_title_like):
        return True
    return bool(cards) and cards[-1][0] < index and _is_card_title(_unbulleted(units[following]))


def _starts_with(text: str, title: str) -> bool:
    """Whether `text` repeats `title` (its words, case folded) and goes on."""
    title_words, words = WORD.findall(title.casefold()), WORD.findall(text.casefold())
    return bool(title_words) and len(words) > len(title_words) and words[: len(title_words)] == title_words


def _unbulleted(unit: Unit) -> str:
    return LIST_BULLET.sub("", unit.text, count=1)


def _is_card_title(line: str) -> bool:
    """A teaser card's title: three words or more (one or two are a menu), one phrase (no sentence break in it,
    not ending in a comma or colon), no web address, letters outnumbering digits."""
    return (
        CARD_TITLE_MIN_WORDS <= _word_count(line) <= TITLE_MAX_WORDS
        and len(line) <= TITLE_MAX_CHARS
        and not line.endswith((",", ";", ":", "、", *DANGLING_MARKS))
        and SENTENCE_END.search(line) is None
        and WEB_ADDRESS.search(line) is None
        and _letters_outnumber_digits(line)
    )


def _is_card_snippet(title: str, candidate: str) -> bool:
    """Whether `candidate` is the snippet under `title`: it starts with the title, or is clearly running text
    (longer than a headline, several sentences, a sentence of prose length or well longer than the title, or cut
    short)."""
    if not _is_snippet_of(title, candidate) or _is_card_furniture(candidate):
        return False
    return (
        _starts_with(candidate, title)
        or len(candidate) > CARD_HEADLINE_MAX_CHARS
        or SENTENCE_END.search(candidate) is not None
        or (
            SENTENCE_FINAL.search(candidate) is not None
            and (len(candidate) >= 1.5 * len(title) or _word_count(candidate) >= PROSE_MIN_WORDS)
        )
        or CUT_SHORT.search(candidate) is not None
    )


def _comments(units: list[Unit]) -> list[Segment]:
    """One segment per comment; an author line ("Anna says:") is kept with the text that follows it."""
    segments: list[Segment] = []
    author = None
    for unit in units:
        if COMMENT_META.fullmatch(unit.text):
            segments.append(Segment("boilerplate", unit.text))
        elif COMMENT_AUTHOR.fullmatch(unit.text):
            if author:
                segments.append(Segment("comment", author))
            author = unit.text
        else:
            segments.append(Segment("comment", f"{author}\n{unit.text}" if author else unit.text))
            author = None
    if author:
        segments.append(Segment("comment", author))
    return segments


def _teaser_cards(units: list[Unit], widget: str | None) -> list[TeaserCard]:
    """Title line followed by its snippet paragraph; a title followed by another title has no snippet.
    Card furniture (dates, counts, "Read more") and lines without a letter (an empty list item) are neither a
    card nor a snippet, and a date glued after a title is taken off."""
    units = [
        unit for unit in units
        if not unit.templated and not _is_card_furniture(unit.text) and any(c.isalpha() for c in unit.text)
    ]
    cards = _paired_cards(units, widget)
    for card in cards:
        card.title = _without_trailing_date(card.title)
    return cards


def _paired_cards(units: list[Unit], widget: str | None) -> list[TeaserCard]:
    cards: list[TeaserCard] = []
    index = 0
    while index < len(units):
        title = units[index]
        following = units[index + 1] if index + 1 < len(units) else None
        if following is not None and _is_snippet_of(title.text, following.text):
            cards.append(TeaserCard(title=title.text, raw_snippet=following.raw, widget=widget))
            index += 2
        else:
            cards.append(TeaserCard(title=title.text, raw_snippet=None, widget=widget))
            index += 1
    return cards


def _is_snippet_of(title: str, candidate: str) -> bool:
    title_words = WORD.findall(title.casefold())
    candidate_words = WORD.findall(candidate.casefold())
    if title_words and candidate_words[: len(title_words)] == title_words and len(candidate_words) > len(title_words):
        return True
    return len(candidate) >= max(SNIPPET_MIN_CHARS, 1.5 * len(title)) or (
        TERMINAL_PUNCTUATION.search(candidate) is not None and TERMINAL_PUNCTUATION.search(title) is None
        and len(candidate) > len(title)
    )
