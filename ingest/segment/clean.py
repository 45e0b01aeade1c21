"""Shared clean-up of extracted page parts into the segmentation output row (see docs/architecture.md)."""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from functools import lru_cache

from ingest.segment import body_contract
from ingest.segment.parts import PageParts, TeaserCard
from ingest.segment.truncation import PageVocabulary, is_reading_prompt, truncation_of

# Typographic variants that must not make two copies of the same text look different.
UNIFIED_CHARACTERS = str.maketrans(
    {
        "‘": "'", "’": "'", "‚": "'", "‛": "'", "′": "'", "`": "'",
        "“": '"', "”": '"', "„": '"', "‟": '"', "″": '"', "«": '"', "»": '"',
        "‐": "-", "‑": "-", "‒": "-", "–": "-", "—": "-", "―": "-", "−": "-",
    }
)
WORD = re.compile(r"\w+")
# A title's own closing punctuation ("?" in "Will it close?"), repeated after its echo.
TRAILING_PUNCTUATION = re.compile(r"[^\w\s]*$")
# After a title echo the snippet goes on with a new sentence: a capital, a digit, or an opening quote...
NEW_SENTENCE_START = re.compile(r"[^\W\d_a-z]|\d|[\"'“‘«(\[]")
# ...or the echo ends at sentence punctuation followed by a space (a dash only when spaced).
ECHO_BOUNDARY = re.compile(r"\s*(?:[.!?:;|…]+|\s[-–—]+)(?:\s+|$)")

# A first paragraph that starts with a title of this many words is the title glued to the text (shorter titles
# open bodies legitimately: "Brexit"); a remainder this short without a sentence end is the rest of a headline.
GLUED_TITLE_MIN_WORDS = 4
GLUED_HEADLINE_MAX_EXTRA_CHARS = 80
HEADLINE_JOINERS = " \t|:;,.-–—"
BYLINE_START = re.compile(r"by\s+[^\W\d_a-z]")
SENTENCE_END = re.compile(r"[.!?…][\s\"'”’»)\]]*(?:\s|$)")
# A short paragraph that announces another story inside the text.
INLINE_PROMO = re.compile(
    r"^\W*(?:read more|read also|also read|related|see also|more on this|recommended|watch|listen)\s*[:|»›>-]\s*\S.{0,200}$",
    re.IGNORECASE,
)
# Teaser titles, comments and widget headings shorter than this are common phrases ("Share", "Reply").
PAGE_PART_MIN_CHARS = 15
# A standalone paragraph this short that repeats a sentence of another paragraph is a pull quote; it
# must read as a quote or a sentence, so repeated subheadings and list items ("Pre-workout meal") stay.
PULL_QUOTE_MAX_CHARS = 320
PULL_QUOTE_MIN_WORDS = 6
OPENING_QUOTE = re.compile(r"^\W*[\"'“‘«„]")
QUOTE_OR_SENTENCE = re.compile(r"^\W*[\"'“‘«„]|[.!?…][\s\"'”’»)\]]*$")
# Shorter repeats are page structure (table header rows, list items, the questions of a series of
# interviews) rather than scraped duplicates, and stay.
DUPLICATE_MIN_CHARS = 60
STRUCTURE_LINE = re.compile(r"^\s*(?:[|\-–—•*·]|\d{1,2}[.)]\s)")
# Snippets of one widget cut at a shared length: the band below the longest one that still counts.
LENGTH_LIMIT_BAND = 0.9
LENGTH_LIMIT_MIN_CHARS = 80
# Snippets cut at a shared word count have at least this many words (shorter ones are deks of similar length).
WORD_LIMIT_MIN_WORDS = 8


def finish(parts: PageParts) -> dict:
    """The segmentation output dict (all keys except page_id and error) for one page's parts."""
    title = tidy(parts.title)
    dek = tidy(parts.dek)
    if dek and title and normalized(dek) == normalized(title):
        dek = None
    # Lines without a word (empty table rows "| | |", rules "* * *") are layout, not text.
    paragraphs = [paragraph for paragraph in map(tidy, parts.paragraphs) if paragraph and WORD.search(paragraph)]
    paragraphs, removed_at_top = _without_repeated_head(paragraphs, title, dek)
    paragraphs = _without_glued_title(paragraphs, title)
    paragraphs, promos = _without_inline_promos(paragraphs)
    paragraphs, echoed_parts = _without_page_parts(paragraphs, parts)
    paragraphs, removed_repeats = _without_repeated_paragraphs(paragraphs)
    paragraphs, removed_pull_quotes = _without_pull_quotes(paragraphs)
    # What the passes above missed but the articles contract forbids (title at the start, repeats).
    paragraphs, contract_cuts = body_contract.enforce(paragraphs, title)

    vocabulary = PageVocabulary([*paragraphs, *(card.raw_snippet for card in parts.teasers)])
    truncation_reason = truncation_of("\n\n".join(paragraphs), kind="body", vocabulary=vocabulary)
    prompts = []
    while paragraphs and is_reading_prompt(paragraphs[-1]):
        prompts.insert(0, paragraphs.pop())

    segments = [(segment.kind, tidy(segment.text)) for segment in parts.segments]
    segments = [(kind, text) for kind, text in segments if text] + [
        ("boilerplate", text) for text in (*promos, *echoed_parts, *prompts)
    ]
    return {
        "title": title,
        "dek": dek,
        "body": "\n\n".join(paragraphs) or None,
        "author": tidy(parts.author),
        "published_at": tidy(parts.published_at),
        "canonical_url": tidy(parts.canonical_url),
        "is_truncated": truncation_reason is not None,
        "truncation_reason": truncation_reason,
        "removed_duplicates": removed_at_top + removed_repeats + removed_pull_quotes + len(contract_cuts),
        "teasers": _teasers(parts.teasers, vocabulary),
        "segments": [
            {"kind": kind, "position": position, "text": text} for position, (kind, text) in enumerate(segments, start=1)
        ],
    }


def tidy(text: str | None) -> str | None:
    """Whitespace (no-break spaces included) collapsed to single spaces inside lines; None when empty."""
    if text is None:
        return None
    if "\n" not in text:  # most texts: one line
        return " ".join(text.split()) or None
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return "\n".join(line for line in lines if line) or None


def normalized(text: str) -> str:
    """Comparison form: casefolded, quotes/apostrophes/dashes unified, whitespace collapsed."""
    return " ".join(text.translate(UNIFIED_CHARACTERS).casefold().split())


# Each clean-up pass compares every paragraph of a page by its key: computed once, not once per pass.
@lru_cache(maxsize=1024)
def content_key(text: str) -> str:
    """Comparison form that ignores punctuation and quotes entirely: the words, casefolded."""
    return " ".join(WORD.findall(text.casefold()))


def strip_title_echo(title: str | None, snippet: str | None) -> tuple[str | None, bool]:
    """(snippet without a leading copy of the title, whether it had one). A copy counts only when it is
    followed by the end of the snippet or a new sentence; "Look at this and tell us" is not an echo of
    "Look at this"."""
    if snippet is None:
        return None, False
    title_words = WORD.findall(title.casefold()) if title else []
    if not title_words:
        return tidy(snippet), False
    end = _end_of_leading_words(snippet, title_words)
    if end is None:
        return tidy(snippet), False
    rest = snippet[end:]
    title_tail = TRAILING_PUNCTUATION.search(title).group()
    if title_tail and rest.lstrip().startswith(title_tail):
        rest = rest.lstrip()[len(title_tail) :]
        if not rest or rest[0].isspace():
            return tidy(rest), True
    if not rest.strip():
        return None, True
    boundary = ECHO_BOUNDARY.match(rest)
    if boundary:
        return tidy(rest[boundary.end() :]), True
    if rest[0].isspace() and NEW_SENTENCE_START.match(rest.lstrip()):
        return tidy(rest), True
    return tidy(snippet), False


def _end_of_leading_words(text: str, words: list[str]) -> int | None:
    """Index just after `words` when `text` starts with them (ignoring case, spacing and punctuation)."""
    matches = WORD.finditer(text)
    end = 0
    for expected in words:
        match = next(matches, None)
        if match is None or match.group().casefold() != expected:
            return None
        if WORD.search(text, end, match.start()):
            return None
        end = match.end()
    return end


def _without_repeated_head(paragraphs: list[str], title: str | None, dek: str | None) -> tuple[list[str], int]:
    # Compared by words alone: "Only love…" printed under the title "Only love..." is the same line.
    head_texts = {content_key(text) for text in (title, dek) if text}
    start = 0
    while start < len(paragraphs) and content_key(paragraphs[start]) in head_texts:
        start += 1
    return paragraphs[start:], start


def _without_glued_title(paragraphs: list[str], title: str | None) -> list[str]:
    """A first paragraph that opens with the title: the page printed a longer headline ("<title> — and more") or
    glued the title to the text. A short unfinished remainder is the rest of the headline and goes with it;
    otherwise only the title is cut off the paragraph."""
    if not paragraphs or not title or len(title.split()) < GLUED_TITLE_MIN_WORDS:
        return paragraphs
    first = paragraphs[0]
    end = _end_of_leading_words(first, WORD.findall(title.casefold()))
    if end is None:
        return paragraphs
    rest = first[end:].lstrip(HEADLINE_JOINERS)
    if not (NEW_SENTENCE_START.match(rest) or BYLINE_START.match(rest)):
        # A lead sentence that merely begins like the headline ("<title>, the ministry said ...") stays whole.
        return paragraphs
    if len(rest) <= GLUED_HEADLINE_MAX_EXTRA_CHARS and not SENTENCE_END.search(rest):
        return paragraphs[1:]
    return [rest, *paragraphs[1:]]


def _without_inline_promos(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Links to other stories set inside the text ("Read more: <headline>") are page furniture, not article."""
    kept = [paragraph for paragraph in paragraphs if not INLINE_PROMO.match(paragraph)]
    return kept, [paragraph for paragraph in paragraphs if INLINE_PROMO.match(paragraph)]


def _without_page_parts(paragraphs: list[str], parts: PageParts) -> tuple[list[str], list[str]]:
    """A body paragraph that is word for word a teaser title, a comment or a widget heading of the same page is a
    link list or page furniture that the extractor let into the text: the page shows it elsewhere already."""
    shown_elsewhere = {content_key(card.title) for card in parts.teasers if card.title}
    shown_elsewhere |= {content_key(segment.text) for segment in parts.segments if segment.kind != "boilerplate"}
    shown_elsewhere = {key for key in shown_elsewhere if len(key) >= PAGE_PART_MIN_CHARS}
    kept = [paragraph for paragraph in paragraphs if content_key(paragraph) not in shown_elsewhere]
    return kept, [paragraph for paragraph in paragraphs if content_key(paragraph) in shown_elsewhere]


def _without_repeated_paragraphs(paragraphs: list[str]) -> tuple[list[str], int]:
    """Keep one copy of each repeated paragraph, compared by its words alone so that a copy set off in
    quotes (a whole paragraph used as a pull quote) counts too; the unquoted copy is the one kept."""
    keys = [content_key(paragraph) for paragraph in paragraphs]
    chosen: dict[str, int] = {}
    for index, (paragraph, key) in enumerate(zip(paragraphs, keys)):
        if not _is_checked_for_repeats(paragraph, key):
            continue
        if key not in chosen or (_is_quoted(paragraphs[chosen[key]]) and not _is_quoted(paragraph)):
            chosen[key] = index
    kept = [
        paragraph
        for index, (paragraph, key) in enumerate(zip(paragraphs, keys))
        if not _is_checked_for_repeats(paragraph, key) or chosen[key] == index
    ]
    return kept, len(paragraphs) - len(kept)


def _is_checked_for_repeats(paragraph: str, key: str) -> bool:
    return len(key) >= DUPLICATE_MIN_CHARS and not STRUCTURE_LINE.match(paragraph)


def _is_quoted(paragraph: str) -> bool:
    return OPENING_QUOTE.match(paragraph) is not None


def _without_pull_quotes(paragraphs: list[str]) -> tuple[list[str], int]:
    """Drop short standalone paragraphs whose words appear, in order, inside another paragraph."""
    keys = [content_key(paragraph) for paragraph in paragraphs]
    copies = Counter(keys)
    # One padded string so each candidate costs a single substring search (no pairwise loop).
    joined = " " + " \n ".join(keys) + " "
    kept = []
    for paragraph, key in zip(paragraphs, keys):
        # Found more often than its identical copies: some other, longer paragraph holds it too.
        is_pull_quote = (
            len(paragraph) <= PULL_QUOTE_MAX_CHARS
            and key.count(" ") + 1 >= PULL_QUOTE_MIN_WORDS
            and QUOTE_OR_SENTENCE.search(paragraph) is not None
            and joined.count(f" {key} ") > copies[key]
        )
        if not is_pull_quote:
            kept.append(paragraph)
    return kept, len(paragraphs) - len(kept)


def _teasers(cards: list[TeaserCard], vocabulary: PageVocabulary) -> list[dict]:
    length_limits = _widget_length_limits(cards)
    word_limits = _widget_word_limits(cards)
    teasers = []
    for position, card in enumerate(cards, start=1):
        title = tidy(card.title)
        snippet, has_title_echo = strip_title_echo(title, card.raw_snippet)
        length_limit = length_limits.get(card.widget)
        if card.raw_snippet and card.widget in word_limits and len(card.raw_snippet.split()) >= word_limits[card.widget]:
            # Cut at the widget's word count: the snippet is at its limit, whatever its length in characters.
            length_limit = len(card.raw_snippet.strip())
        reason = truncation_of(
            card.raw_snippet, kind="snippet", length_limit=length_limit, vocabulary=vocabulary,
            followed_by_more_link=card.has_more_link,
        )
        teasers.append(
            {
                "position": position,
                "widget": tidy(card.widget),
                "title": title,
                "raw_snippet": card.raw_snippet,
                "snippet": snippet,
                "has_title_echo": has_title_echo,
                "is_truncated": reason is not None,
                "truncation_reason": reason,
                "link_url": card.link_url,
            }
        )
    return teasers


def _widget_length_limits(cards: list[TeaserCard]) -> dict[str | None, int]:
    """Per widget, the length its snippets are cut at, when at least half of them end near one length."""
    lengths_by_widget: dict[str | None, list[int]] = defaultdict(list)
    for card in cards:
        if card.raw_snippet:
            lengths_by_widget[card.widget].append(len(card.raw_snippet.strip()))
    limits = {}
    for widget, lengths in lengths_by_widget.items():
        longest = max(lengths)
        near_longest = [length for length in lengths if length >= LENGTH_LIMIT_BAND * longest]
        if longest >= LENGTH_LIMIT_MIN_CHARS and len(near_longest) >= 2 and 2 * len(near_longest) >= len(lengths):
            limits[widget] = min(near_longest)
    return limits


def _widget_word_limits(cards: list[TeaserCard]) -> dict[str | None, int]:
    """Per widget, the word count its snippets are cut at, when at least two and at least half of them have
    exactly that many words (sites often cut excerpts at N words: the lengths in characters then vary)."""
    counts_by_widget: dict[str | None, list[int]] = defaultdict(list)
    for card in cards:
        if card.raw_snippet:
            counts_by_widget[card.widget].append(len(card.raw_snippet.split()))
    limits = {}
    for widget, counts in counts_by_widget.items():
        count, times = Counter(counts).most_common(1)[0]
        if count >= WORD_LIMIT_MIN_WORDS and times >= 2 and 2 * times >= len(counts):
            limits[widget] = count
    return limits
