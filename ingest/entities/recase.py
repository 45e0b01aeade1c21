"""Headline recasing: lower ordinary words in Title Case lines so the model does not read them as names."""

from __future__ import annotations

import re

_WORD = re.compile(r"[A-Za-z][A-Za-z'’]*")
# Function words are never names in a headline.
_FUNCTION_WORDS = frozenset(
    """
    a an the and or but nor for yet so of in on at to by with from into onto over under after before about
    as than then that this these those is are was were be been being has have had do does did will would can
    could should may might must not no new his her their its our your my he she they we you it who what when
    where why how which while despite against amid during until since up down out off just still also more
    most very all any some every each one two three four five says said reveals revealed here there again
    """.split()
)
# A line is treated as a headline when at least this share of its longer words start with a capital.
HEADLINE_CAPITAL_SHARE = 0.6
MIN_HEADLINE_WORDS = 4


def lowercase_vocabulary(texts: list[str]) -> frozenset[str]:
    """Words that appear in lower case somewhere in a document's texts: evidence they are not names."""
    return frozenset(word for text in texts for word in _WORD.findall(text) if word.islower())


def _is_headline(words: list[str]) -> bool:
    longer = [word for word in words if len(word) > 3]
    if len(words) < MIN_HEADLINE_WORDS or not longer:
        return False
    capitalised = sum(1 for word in longer if word[0].isupper())
    return capitalised / len(longer) >= HEADLINE_CAPITAL_SHARE


def recase_headlines(text: str, seen_lowercase: frozenset[str]) -> str:
    """Same length as `text` (offsets stay valid); Title Case and ALL CAPS lines get ordinary words lowered."""
    lines = text.split("\n")
    for number, line in enumerate(lines):
        words = _WORD.findall(line)
        if not _is_headline(words) and not (len(words) >= 2 and line.isupper()):
            continue
        def lower_if_ordinary(match: re.Match[str]) -> str:
            word = match.group()
            lowered = word.lower()
            ordinary = lowered in _FUNCTION_WORDS or lowered in seen_lowercase
            return lowered if ordinary and match.start() > 0 else word
        lines[number] = _WORD.sub(lower_if_ordinary, line)
    return "\n".join(lines)
