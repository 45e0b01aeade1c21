"""Why a body or teaser snippet looks cut: one reason code per text, or None when it reads complete."""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Iterator
from functools import cache, cached_property

from wordfreq import get_frequency_list, zipf_frequency
from wordfreq.numbers import has_digit_sequence

# Checked in this order; the first that matches is the reason. Explicit markers come first because
# they say how the text was cut (a paywall prompt outranks the "continue reading" it often ends with);
# cut_mid_word / cut_mid_sentence are inferred and come last, in `truncation_of`.
# 'where': 'end' = at the very end; 'end_region' = within the last END_REGION_CHARS characters;
# 'anywhere_in_snippet' = anywhere in a snippet, the end region of a body. The keywords are a cheap
# pre-check: the pattern is only run when one of them occurs (regex scans of long text are slow).
TRUNCATION_PATTERNS: list[tuple[str, str, tuple[str, ...], re.Pattern[str]]] = [
    # A bare '&' or an entity cut before its ';' ("&am", "&#82"). Named entities must be lowercase so
    # that "AT&T" is not an entity.
    ("cut_entity", "end", ("&",), re.compile(r"&(?:#[xX]?[0-9a-fA-F]*|[a-z]{1,7})?$")),
    (
        "paywall",
        "end_region",
        ("subscri", "sign", "log", "regist", "member", "limit"),
        re.compile(
            r"\b(?:subscribe|sign\s+up|register)\b[^.!?\n]{0,40}\bto\s+(?:continue\s+reading|keep\s+reading"
            r"|read\s+(?:the\s+|this\s+)?(?:full\s+|rest\s+of\s+(?:the\s+|this\s+)?)?(?:article|story|post)|unlock)"
            r"|\b(?:sign|log)\s*in\s+to\s+(?:continue|keep\s+reading|read)"
            r"|\bto\s+continue\s+reading,?\s+(?:please\s+)?(?:subscribe|sign\s*in|log\s*in|register|become)"
            r"|\balready\s+(?:a\s+)?(?:subscriber|member)\s*\?"
            r"|\b(?:this|the)\s+(?:article|story|content|post)\s+is\s+(?:only\s+)?(?:available\s+)?"
            r"(?:exclusively\s+)?(?:for|to)\s+(?:paid\s+|premium\s+)?(?:subscribers|members)"
            r"|\b(?:subscribers?|members?)[\s-]+only\s+(?:content|article|story)"
            r"|\byou\s+have\s+reached\s+(?:your|the)\s+(?:free\s+|monthly\s+)?(?:article\s+)?limit",
            re.IGNORECASE,
        ),
    ),
    (
        "read_more",
        "end",
        ("read", "more", "continue"),
        re.compile(
            r"(?:\bread\s+(?:the\s+)?(?:more|full\s+(?:story|article|post)|rest(?:\s+of\s+(?:the\s+)?"
            r"(?:story|article|post))?)|\bcontinue\s+reading|\bkeep\s+reading|\bsee\s+more|\bview\s+more"
            r"|\bmore\s*(?:»|›|→|>>?|\.\.\.|…))"
            r"[\s\W]*$",
            re.IGNORECASE,
        ),
    ),
    (
        "ellipsis",
        "end",
        ("...", "…"),
        re.compile(r"(?:\.\.\.|…|[\[(]\s*(?:\.\.\.|…)\s*[\])])[\s\"'”’»)\]]*$"),
    ),
    (
        "bait",
        "anywhere_in_snippet",
        ("comment",),
        re.compile(
            r"\b(?:check|see|read|open)\s+(?:the\s+)?(?:first|1st|top|pinned)\s+comment"
            r"|\b(?:continue|keep)\s+reading\s+(?:in|on)\s+(?:the\s+)?(?:first\s+|1st\s+)?comments?"
            r"|\b(?:full|rest\s+of\s+(?:the\s+)?)\s*(?:story|article|post)\s+(?:is\s+)?in\s+(?:the\s+)?"
            r"(?:first\s+|1st\s+)?comments?"
            r"|\blink\s+(?:is\s+)?in\s+(?:the\s+)?(?:first\s+|1st\s+)?comments?"
            r"|\b(?:see|check)\s+comments?\s+(?:below\s+)?(?:to|for)\s+(?:continue|read|the\s+(?:full|rest))",
            re.IGNORECASE,
        ),
    ),
]

# A date at the very end: numeric (2021-04-08, 08.04.2021, 4/8/21) or with a month word in any language
# ("April 8, 2021", "8. April 2021", "8 de abril de 2021"), maybe with a time after it.
TRAILING_DATE = re.compile(
    r"(?:\b\d{4}[./-]\d{1,2}[./-]\d{1,2}|\b\d{1,2}[./-]\d{1,2}[./-](?:\d{4}|\d{2})"
    r"|\b\d{1,2}(?:st|nd|rd|th|er|\.)?\s+(?:de\s+)?[^\W\d_]{3,12}\.?,?\s+(?:de\s+)?\d{4}"
    r"|\b[^\W\d_]{3,12}\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+\d{4})"
    r"(?:,?\s+(?:at\s+|um\s+|à\s+|a\s+las\s+)?\d{1,2}[:.h]\d{2}(?:\s*[ap]\.?m\.?)?)?[\s)\]]*$",
    re.IGNORECASE,
)
# The snippet's own last mark (an ellipsis or sentence end) and the few words after it that lead in to a date.
DATE_LEAD_IN = re.compile(r"(?:\.\.\.|[….!?][\"'”’»)\]]*)\s+(\S(?:.*\S)?)$")
DATE_LEAD_IN_MAX_WORDS = 4
DATE_SEPARATORS = ("|", "·", "•", "–", "—", "-", "/")
ELLIPSIS_OR_SENTENCE_END = re.compile(r"(?:\.\.\.|[….!?][\"'”’»)\]]*)$")
DATED_SNIPPET_MIN_WORDS = 4
ELLIPSIS_INDEX = [reason for reason, *_ in TRUNCATION_PATTERNS].index("ellipsis")
# A read-more prompt ending a snippet, in a few languages (the card's second link to the story is the
# language-independent cue; see `followed_by_more_link`).
MORE_PROMPT = re.compile(
    r"[\s|·•–—-]*[\[(]?\s*(?:\b(?:read\s+(?:the\s+)?(?:more|full\s+(?:story|article|post)|rest)|continue\s+reading"
    r"|keep\s+reading|(?:see|view)\s+more|weiterlesen|mehr\s+lesen|leer\s+m[aá]s|seguir\s+leyendo|lire\s+la\s+suite"
    r"|en\s+savoir\s+plus|leia\s+mais|continue\s+lendo|continua\s+a\s+leggere|leggi\s+(?:tutto|di\s+pi[uù])"
    r"|læs\s+mere|l[äa]s\s+mer|lees\s+meer|czytaj\s+dalej|číst\s+dále|citește\s+mai\s+mult|читать\s+далее"
    r"|подробнее|прочети\s+още|magbasa\s+pa)\s*(?:»|›|→|>>?|\.\.\.|…)?"
    # A bare "more" is a prompt only with an arrow, an ellipsis or brackets: "(more…)", "More »".
    r"|\b(?:more|mehr|más|plus|mais|più|още|ещё|mere|meer|více)\s*(?:»|›|→|>>?|\.\.\.|…)"
    r"|(?<=[\[(])\s*(?:more|mehr|más|plus|mais|più)\s*(?=[\])]))\s*[\])]?[\s\W]*$",
    re.IGNORECASE,
)
# A sentence is finished by . ! ? or … (or their full-width forms) possibly followed by closing quotes
# or brackets.
TERMINAL_PUNCTUATION = re.compile(r"[.!?…。！？][\"'”’»)\]」』）]*$")
# A sentence stopped short ends on a word, a number or a continuing mark, not on "]" / ")" / "|".
MID_SENTENCE_END = re.compile(r"[\w,;:–—-][\"'”’]?$")
# A text that ends on a web or mail address or a phone number ("please visit www.example.com", a contact
# line) stops there by nature: no full stop follows addresses.
ENDS_ON_ADDRESS = re.compile(
    r"(?:\b(?:https?://|www\.)\S+|\S+@[\w-]+(?:\.[\w-]+)+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|edu|gov|info|io)(?:/\S*)?"
    r"|\+?\(?\d[\d\s().-]{6,}\d)$",
    re.IGNORECASE,
)
# The last whitespace-separated token when it is only letters (so not "example.com" or "A4").
LAST_WORD = re.compile(r"(?:^|\s)[\"'“‘(\[]*([^\W\d_]+)$")
WORD = re.compile(r"[^\W\d_]+")
# Last body paragraphs that end without punctuation by nature: list items and credit lines.
UNJUDGED_LAST_PARAGRAPH = re.compile(
    r"(?:[-–—•*·]|\d{1,2}[.)])\s"
    r"|\(?(?:additional\s+)?(?:reporting|writing|editing|edited|compiled|photos?|images?|video|graphics?)\b"
    r"[^.;]{0,40}?\bby\b",
    re.IGNORECASE,
)

END_REGION_CHARS = 600
# A paragraph longer than this is article text even when it ends with a prompt.
PROMPT_MAX_CHARS = 200
# End markers are short: only this many final characters are searched for them.
END_CHARS = 80
# Snippets this long that stop without punctuation were cut by the site; shorter ones read as captions.
LONG_SNIPPET_CHARS = 200
# A body whose last paragraph has fewer words (a credit line, "Reporting by ...") is not judged.
BODY_LAST_PARAGRAPH_MIN_WORDS = 12
# Dictionary evidence is English-only: it is used when this share of the last words are common English.
ENGLISH_SAMPLE_WORDS = 20
ENGLISH_COMMON_ZIPF = 4.0
ENGLISH_MIN_SHARE = 0.6
# wordfreq Zipf scale: below this a token is not an English word at all.
NON_WORD_ZIPF = 2.0
# A real word whose longer completion is this much more frequent is probably that completion cut short
# ("tha" -> "that"); wordfreq rates such slang/fragments as words, so frequency alone is not enough.
COMPLETION_ZIPF_GAIN = 1.5
PAGE_COMPLETION_MAX_ZIPF = 4.0
DICTIONARY_SIZE = 100_000


class PageVocabulary:
    """A page's own text (the judged text included), searched for whole words and longer words."""

    def __init__(self, texts: Iterable[str | None]):
        self._texts = texts

    @cached_property
    def _text(self) -> str:
        # Searched per question (a few per page): cheaper than counting every word of every page.
        return "\n".join(text for text in self._texts if text).casefold()

    def count(self, word: str) -> int:
        """Occurrences of `word` as a whole word."""
        return sum(1 for start in self._starts_of(word) if not self._is_word_character_at(start + len(word)))

    def has_longer_word_starting_with(self, prefix: str) -> bool:
        return any(self._is_word_character_at(start + len(prefix)) for start in self._starts_of(prefix))

    def _starts_of(self, word: str) -> Iterator[int]:
        # str.find, not a regex: a Python regex scan over a whole page costs a hundred times more.
        text = self._text
        start = text.find(word)
        while start != -1:
            if not self._is_word_character_at(start - 1):
                yield start
            start = text.find(word, start + 1)

    def _is_word_character_at(self, index: int) -> bool:
        return 0 <= index < len(self._text) and self._text[index].isalpha()


def truncation_of(
    text: str | None,
    *,
    kind: str,
    length_limit: int | None = None,
    vocabulary: PageVocabulary | None = None,
    followed_by_more_link: bool = False,
) -> str | None:
    """The reason `text` looks cut, or None. `kind` is 'snippet' or 'body'. `length_limit` is the length at
    which the snippets of the same widget are cut, when they share one; `vocabulary` holds the page's words;
    `followed_by_more_link` says that the snippet's card links the story again after it ("Read more").
    A snippet is judged by its own text: a complete sentence before a read-more prompt or link is not cut, an
    unfinished one is."""
    if kind not in ("snippet", "body"):
        raise ValueError(f"kind must be 'snippet' or 'body', not {kind!r}")
    text = (text or "").rstrip()
    if not text:
        return None
    if kind == "snippet":
        text = without_trailing_date(text)
        own_text = without_more_prompt(text)
        if own_text != text or followed_by_more_link:
            if not own_text or _ends_complete(own_text):
                return None
            if own_text != text:
                return "read_more"
            # Only the card's link says more follows: the text's own end tells how it was cut, if it does.
            return truncation_of(own_text, kind=kind, length_limit=length_limit, vocabulary=vocabulary) or "read_more"
    for reason, where, keywords, pattern in TRUNCATION_PATTERNS:
        if _matches(_searched_part(text, where=where, kind=kind), keywords, pattern):
            return reason
    if TERMINAL_PUNCTUATION.search(text[-END_CHARS:]):
        return None
    if kind == "body" and UNJUDGED_LAST_PARAGRAPH.match(text.rsplit("\n\n", 1)[-1]):
        return None
    at_length_limit = _at_length_limit(text, kind=kind, length_limit=length_limit)
    end = text[-END_CHARS:]
    last_word = LAST_WORD.search(end)
    if last_word and _looks_like_cut_word(last_word.group(1), text, vocabulary, at_length_limit=at_length_limit):
        return "cut_mid_word"
    if at_length_limit and MID_SENTENCE_END.search(end) and not ENDS_ON_ADDRESS.search(end):
        return "cut_mid_sentence"
    return None


def without_trailing_date(text: str) -> str:
    """The snippet without a date glued after it ("... the cut sentence… Posted on April 8, 2021", "Full stop. |
    08.04.2021"): card furniture, not the snippet's ending. A few words between the snippet's last mark and the date
    ("Posted on", "by Jane Doe |") go with the date. A date that follows no mark and no separator may end the
    snippet's own sentence ("… takes place on April 8, 2021"): the text is kept."""
    end = text[-END_CHARS:]
    match = TRAILING_DATE.search(end)
    if match is None:
        return text
    start = len(text) - len(end) + match.start()
    before = text[:start].rstrip()
    if len(before.split()) < DATED_SNIPPET_MIN_WORDS:
        return text
    lead = DATE_LEAD_IN.search(before)
    if lead is not None and len(lead.group(1).split()) <= DATE_LEAD_IN_MAX_WORDS:
        return before[: lead.start(1)].rstrip()
    if before.endswith(DATE_SEPARATORS) or ELLIPSIS_OR_SENTENCE_END.search(before):
        return before.rstrip("".join(DATE_SEPARATORS) + " ")
    return text


def without_more_prompt(text: str) -> str:
    """The snippet without a read-more prompt at its end ("… Read more »", "Weiterlesen →")."""
    match = MORE_PROMPT.search(text[-END_CHARS:])
    if match is None:
        return text
    return text[: len(text) - len(text[-END_CHARS:]) + match.start()].rstrip()


def _ends_complete(text: str) -> bool:
    """Ends a sentence (not on an ellipsis, which marks a cut)."""
    end = text[-END_CHARS:]
    ellipsis = TRUNCATION_PATTERNS[ELLIPSIS_INDEX][3]
    return TERMINAL_PUNCTUATION.search(end) is not None and ellipsis.search(end) is None


def _matches(text: str, keywords: tuple[str, ...], pattern: re.Pattern[str]) -> bool:
    folded = text.casefold()
    return any(keyword in folded for keyword in keywords) and pattern.search(text) is not None


def _searched_part(text: str, *, where: str, kind: str) -> str:
    # '$'-anchored patterns would otherwise be tried at every position of a long body.
    if where == "end":
        return text[-END_CHARS:]
    if where == "anywhere_in_snippet" and kind == "snippet":
        return text
    return text[-END_REGION_CHARS:]


def is_reading_prompt(paragraph: str) -> bool:
    """A short paragraph that is only a paywall, read-more or bait prompt (not article text)."""
    paragraph = paragraph.strip()
    if len(paragraph) > PROMPT_MAX_CHARS:
        return False
    return any(
        reason in ("read_more", "paywall", "bait") and _matches(paragraph, keywords, pattern)
        for reason, _, keywords, pattern in TRUNCATION_PATTERNS
    )


def _at_length_limit(text: str, *, kind: str, length_limit: int | None) -> bool:
    if kind == "snippet":
        return len(text) >= LONG_SNIPPET_CHARS or (length_limit is not None and len(text) >= length_limit)
    last_paragraph = text.rsplit("\n\n", 1)[-1]
    return len(last_paragraph.split()) >= BODY_LAST_PARAGRAPH_MIN_WORDS


def _looks_like_cut_word(
    token: str, text: str, vocabulary: PageVocabulary | None, *, at_length_limit: bool
) -> bool:
    """True when `token`, the last word of `text`, reads as the start of a longer word. Outside a length
    limit only non-words count ("coronati"); at a limit, a rare word with a far more common completion
    does too ("tha"). The dictionary is English: in other languages no word is judged cut."""
    word = token.casefold()
    if len(word) < 2:
        return False
    if vocabulary is not None and vocabulary.count(word) >= 2:
        return False  # the page uses it as a whole word elsewhere
    if not _reads_as_english(text):
        return False  # page prefixes alone mostly find inflections ("verdade" in "verdadeiro")
    on_page = vocabulary is not None and vocabulary.has_longer_word_starting_with(word)
    word_zipf = zipf_frequency(word, "en")
    if word_zipf >= NON_WORD_ZIPF and not at_length_limit:
        return False
    completion_zipf = _best_completion_zipf(word)
    if word_zipf < NON_WORD_ZIPF:
        return on_page or completion_zipf > 0
    return completion_zipf - word_zipf >= COMPLETION_ZIPF_GAIN or (on_page and word_zipf < PAGE_COMPLETION_MAX_ZIPF)


@cache
def load_dictionary() -> None:
    """Read wordfreq's English list into memory (about 0.17 s of CPU, once per process), so that cost lands at
    the start of a batch rather than on whichever page first needs a word judged."""
    zipf_frequency("the", "en")
    _dictionary_end()


def _reads_as_english(text: str) -> bool:
    words = WORD.findall(text[-END_REGION_CHARS:].casefold())[-ENGLISH_SAMPLE_WORDS - 1 : -1]
    if not words:
        return True
    common = sum(zipf_frequency(word, "en") >= ENGLISH_COMMON_ZIPF for word in words)
    return common >= ENGLISH_MIN_SHARE * len(words)


def _best_completion_zipf(prefix: str) -> float:
    """Zipf frequency of the most common dictionary word that is longer and starts with `prefix` (0 if none)."""
    completion, rank = _most_common_completion(prefix)
    if completion is None or rank >= _dictionary_end():
        return 0.0
    return zipf_frequency(completion, "en")


def _most_common_completion(prefix: str) -> tuple[str | None, int]:
    """The most common word of wordfreq's English list that is longer and starts with `prefix`, and its rank.
    The list comes in frequency bands sorted alphabetically (see `wordfreq.iter_wordlist`), so the first band
    holding a completion has the most common one first: a binary search per band, no sorted copy of the list."""
    rank = 0
    for band in _english_bands():
        index = bisect_right(band, prefix)
        if index < len(band) and band[index].startswith(prefix):
            return band[index], rank + index
        rank += len(band)
    return None, rank


def _english_bands() -> list[list[str]]:
    # Asked for exactly as zipf_frequency asks for it, so both share wordfreq's cached copy.
    return get_frequency_list("en", "best")


@cache
def _dictionary_end() -> int:
    """The rank, in the unfiltered list, just past the last of the DICTIONARY_SIZE words that
    `wordfreq.top_n_list` keeps: it leaves out the entries with a leading digit sequence."""
    kept = end = 0
    for band in _english_bands():
        band_kept = len(band) - sum(1 for word in _may_start_with_digits(band) if has_digit_sequence(word))
        if kept + band_kept < DICTIONARY_SIZE:
            kept, end = kept + band_kept, end + len(band)
            continue
        # The dictionary ends in this band.
        for word in band:
            end += 1
            if not has_digit_sequence(word):
                kept += 1
                if kept == DICTIONARY_SIZE:
                    return end
    return end


def _may_start_with_digits(band: list[str]) -> list[str]:
    # A digit is an ASCII one or not ASCII at all; each group is one slice of the alphabetical band.
    return band[bisect_left(band, "0") : bisect_left(band, ":")] + band[bisect_left(band, "\x80") :]
