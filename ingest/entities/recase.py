"""Headline recasing: the model reads a copy of each text where headline lines look like running text.

Title Case lines get ordinary words lowered; ALL CAPS lines (headlines, datelines, shouted kickers) are truecased
word by word: the casing the same document uses for the word elsewhere, else Title Case for known places and
rare words, else lower case. Every change keeps the text's length, so offsets into the copy are offsets into
the original."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable
from functools import lru_cache

from wordfreq import zipf_frequency

from ingest.entities.places import place_names

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
_CASED_WORD = re.compile(r"[^\W\d_][\w'’.-]*")
# Function words are never names in a headline.
FUNCTION_WORDS = frozenset(
    """
    a an the and or but nor for yet so of in on at to by with from into onto over under after before about
    as than then that this these those is are was were be been being has have had do does did will would can
    could should may might must not no new his her their its our your my he she they we you it who what when
    where why how which while despite against amid during until since up down out off just still also more
    most very all any some every each one two three four five says said reveals revealed here there again
    """.split()
)
# A line is treated as a Title Case headline when at least this share of its longer words start with a capital.
HEADLINE_CAPITAL_SHARE = 0.6
MIN_HEADLINE_WORDS = 4
# A dateline: ALL CAPS words opening a line, then a comma, bracket, dash or date ("LONDON (Reuters) -",
# "RIO DE JANEIRO 1996-12-06"): the words name a place, whatever their frequency as words.
_DATELINE = re.compile(r"^(?:[A-Z][A-Z'’.-]+ )*[A-Z][A-Z'’.-]+(?= ?(?:[,—–] |\(|\d{4}-\d\d-\d\d))")
# In a mixed-case line a plain dash also ends a dateline ("LONDON - The ..."); in an ALL CAPS line it ends a
# sports kicker ("SOCCER - JAPAN GET LUCKY WIN"), not a place.
_DATELINE_DASH = re.compile(r"^(?:[A-Z][A-Z'’.-]+ )*[A-Z][A-Z'’.-]+(?= ?- )")
# A kicker: ALL CAPS words then a colon opening a mixed-case line ("DEADLY CRASH: ...").
_KICKER = re.compile(r"^(?:[A-Z][A-Z'’.-]+ )*[A-Z][A-Z'’.-]+(?= ?: )")
# Short ALL CAPS words less common than this as English words are kept as acronyms ("NBA", "USA"; not "WIN").
ACRONYM_MAX_LETTERS = 4
ACRONYM_MAX_ZIPF = 5.0
# Running text ends with sentence punctuation; a headline rarely does.
_SENTENCE_END = re.compile(r"[.;:!?]\W*$")
# An ALL CAPS word the document never writes otherwise is read as a common word when it is at least this
# frequent in English (wordfreq's Zipf scale, case-blind), unless it is a known place.
COMMON_WORD_ZIPF = 3.0


def lowercase_vocabulary(texts: list[str]) -> frozenset[str]:
    """Words that appear in lower case somewhere in a document's texts: evidence they are not names."""
    return frozenset(word for text in texts for word in _WORD.findall(text) if word.islower())


def document_casings(texts: list[str]) -> dict[str, str]:
    """casefolded word -> its most frequent spelling in the document outside ALL CAPS (for truecasing)."""
    spellings: Counter[str] = Counter()
    for text in texts:
        for line in text.split("\n"):
            if _is_shouted_line(line):
                continue
            spellings.update(word for word in _CASED_WORD.findall(line) if not word.isupper() or len(word) == 1)
    best: dict[str, str] = {}
    for spelling, _ in spellings.most_common():
        best.setdefault(spelling.casefold(), spelling)
    return best


@lru_cache(maxsize=1)
def _title_case_places() -> frozenset[str]:
    return frozenset(name.casefold() for name in place_names() if not name.isupper())


def _is_shouted_line(line: str) -> bool:
    """No lower-case letter and at least one word of two capitals: a headline, dateline or kicker in caps."""
    return not any(char.islower() for char in line) and any(
        len(word) >= 2 and word.isupper() for word in _CASED_WORD.findall(line)
    )


def _is_title_case_headline(line: str, words: list[str]) -> bool:
    longer = [word for word in words if len(word) > 3]
    if len(words) < MIN_HEADLINE_WORDS or not longer or _SENTENCE_END.search(line):
        return False
    capitalised = sum(1 for word in longer if word[0].isupper())
    return capitalised / len(longer) >= HEADLINE_CAPITAL_SHARE


def _truecase_word(word: str, casings: dict[str, str]) -> str:
    folded = word.casefold()
    known = casings.get(folded)
    if known is not None and len(known) == len(word):
        cased = known
    elif folded in FUNCTION_WORDS:
        cased = word.lower()
    elif folded in _title_case_places() or zipf_frequency(folded, "en") < COMMON_WORD_ZIPF:
        cased = _title(word)
    elif len(word) <= ACRONYM_MAX_LETTERS and zipf_frequency(folded, "en") < ACRONYM_MAX_ZIPF:
        cased = word
    else:
        cased = word.lower()
    return cased if len(cased) == len(word) else word


def _title(word: str) -> str:
    return "-".join(part[:1].upper() + part[1:].lower() for part in word.split("-"))


def _title_dateline(run: str) -> str:
    return " ".join(word.lower() if word.lower() in FUNCTION_WORDS else _title(word) for word in run.split(" "))


def _truecase_line(line: str, casings: dict[str, str]) -> str:
    def truecase(match: re.Match[str]) -> str:
        word = match.group()
        if len(word) == 1 or not word.isupper():
            return word
        return _truecase_word(word, casings)

    return _CASED_WORD.sub(truecase, line)


def recase_headlines(text: str, seen_lowercase: frozenset[str],
                     casings: dict[str, str] | Callable[[], dict[str, str]] | None = None) -> str:
    """Same length as `text` (offsets stay valid); Title Case headlines get ordinary words lowered and ALL CAPS
    lines are truecased (`casings` from document_casings, or a function returning them, called only when a line
    needs truecasing; without it, only places and rare words keep a capital)."""
    def known_casings() -> dict[str, str]:
        return (casings() if callable(casings) else casings) or {}

    lines = text.split("\n")
    for number, line in enumerate(lines):
        shouted = _is_shouted_line(line)
        dateline = _DATELINE.match(line) or (None if shouted else _DATELINE_DASH.match(line))
        if dateline and len(dateline.group()) >= 3:
            line = lines[number] = _title_dateline(dateline.group()) + line[dateline.end():]
        if shouted:
            lines[number] = _truecase_line(line, known_casings())
            continue
        kicker = _KICKER.match(line)
        if kicker:
            line = lines[number] = _truecase_line(kicker.group(), known_casings()) + line[kicker.end():]
        if not _is_title_case_headline(line, _WORD.findall(line)):
            continue

        def lower_if_ordinary(match: re.Match[str]) -> str:
            word = match.group()
            lowered = word.lower()
            ordinary = lowered in FUNCTION_WORDS or lowered in seen_lowercase
            return lowered if ordinary and match.start() > 0 else word

        lines[number] = _WORD.sub(lower_if_ordinary, line)
    return "\n".join(lines)
