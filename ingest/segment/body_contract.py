"""The articles contract, enforced: a body never opens with its title, never repeats a paragraph, never repeats a
sentence as a pull quote. Each test reads the text exactly as the contract suite's SQL does (expectations/suites.py,
ARTICLES_CONTRACT, and the dq_* macros of expectations/textsql.py), so a body this pass lets through passes the
suite; the earlier clean-up passes remove what they recognise first, this one makes the promise hold."""

from __future__ import annotations

import re
import unicodedata

# dq_norm: lower case, every run of characters other than letters and digits one space, trimmed.
_NOT_LETTER_OR_DIGIT = re.compile(r"[\W_]+")
# The suite's thresholds (expectations/thresholds.py), duplicated here because the product must not import the
# quality package; tests/segment/test_body_contract.py checks that both agree.
MIN_TITLE_WORDS_FOR_PREFIX = 4
MIN_REPEATED_PARAGRAPH_CHARS = 60
MIN_REPEATED_SENTENCE_CHARS = 50
MAX_PULL_QUOTE_CHARS = 320
# The suite's regexes run in DuckDB (RE2), where \W and \s are ASCII classes: spelled out so Python matches alike.
_STRUCTURE_LINE = re.compile(r"^[\t\n\f\r ]*(?:[|\-–—•*·]|[0-9]{1,2}[.)][\t\n\f\r ])")
_QUOTE_OR_SENTENCE = re.compile(r"^[^0-9A-Za-z_]*[\"“‘«„]|[.!?…][\t\n\f\r \"”’»)\]]*$")
# Punctuation and spaces left at the head of a paragraph once a glued title is cut off it.
_HEAD_JOINERS = re.compile(r"^[^\w\"“‘«„(\[]+")
# Each pass can only shorten the body; a few rounds settle every page (a pass may expose a new opening).
_MAX_ROUNDS = 8


def norm(text: str) -> str:
    """The suite's dq_norm."""
    return _NOT_LETTER_OR_DIGIT.sub(" ", text.lower()).strip()


def squashed(text: str) -> str:
    """The suite's lower(dq_squash(...)): whitespace runs one space, trimmed, lower case."""
    return " ".join(text.replace("\xa0", " ").split()).lower()


def opens_with_title(paragraphs: list[str], title: str | None) -> bool:
    """The suite's body_starts_with_title: the opening (twice the title's length and 20 characters, across
    paragraph breaks) is the title, or, for titles of four words or more, starts with it and does not go on
    as one sentence."""
    if not title or not paragraphs:
        return False
    title_key = norm(title)
    opening = "\n\n".join(paragraphs)[: 2 * len(title) + 20]
    if norm(opening.split("\n\n", 1)[0]) == title_key:
        return True
    return (
        len(title_key.split(" ")) >= MIN_TITLE_WORDS_FOR_PREFIX
        and norm(opening).startswith(title_key + " ")
        and not goes_on_after_title(opening, title_key)
    )


def goes_on_after_title(opening: str, title_key: str) -> bool:
    """The suite's dq_goes_on_after_title: the title's words are followed, in the same line, by a lower-case
    letter, so the opening is a lead sentence that begins like the headline ("<title>, the council said")."""
    words = r"[\W_]+".join(map(re.escape, title_key.split(" ")))
    match = re.match(rf"[\W_]*(?i:{words})(?:[^\w\n]|_)*(\w?)", opening)
    return match is not None and unicodedata.category(match.group(1) or " ") == "Ll"


def repeated_paragraph_keys(paragraphs: list[str]) -> set[str]:
    """Keys of the paragraphs the suite's body_repeats_paragraph counts twice or more."""
    seen: set[str] = set()
    repeated: set[str] = set()
    for key in map(squashed, paragraphs):
        if len(key) >= MIN_REPEATED_PARAGRAPH_CHARS and not _STRUCTURE_LINE.match(key):
            (repeated if key in seen else seen).add(key)
    return repeated


def pull_quote_indexes(paragraphs: list[str]) -> list[int]:
    """Indexes of the paragraphs the suite's body_repeats_pull_quote flags: a sentence or quote of 50 to 320
    characters (as a padded key) whose words stand, in order, inside another paragraph."""
    keys = [f" {norm(paragraph)} " for paragraph in paragraphs]
    joined = "\n".join(keys)
    flagged = []
    for index, (paragraph, key) in enumerate(zip(paragraphs, keys)):
        if not MIN_REPEATED_SENTENCE_CHARS <= len(key) <= MAX_PULL_QUOTE_CHARS:
            continue
        if not _QUOTE_OR_SENTENCE.search(paragraph):
            continue
        # Fast reject: found no more often than its identical copies, no other paragraph contains it.
        if joined.count(key) <= keys.count(key):
            continue
        if any(other != key and key in other for other in keys):
            flagged.append(index)
    return flagged


def enforce(paragraphs: list[str], title: str | None) -> tuple[list[str], list[str]]:
    """(paragraphs that keep the contract, texts taken out). The title is cut off the opening (a paragraph
    that is only the title goes), later copies of a repeated paragraph go, and pull quotes go."""
    removed: list[str] = []
    for _ in range(_MAX_ROUNDS):
        changed = False
        while opens_with_title(paragraphs, title):
            paragraphs, cut = _without_leading_title(paragraphs, title)
            removed.append(cut)
            changed = True
        repeated = repeated_paragraph_keys(paragraphs)
        if repeated:
            seen: set[str] = set()
            kept = []
            for paragraph in paragraphs:
                key = squashed(paragraph)
                if key in repeated and key in seen:
                    removed.append(paragraph)
                    continue
                seen.add(key)
                kept.append(paragraph)
            paragraphs, changed = kept, True
        quotes = set(pull_quote_indexes(paragraphs))
        if quotes:
            removed.extend(paragraphs[index] for index in sorted(quotes))
            paragraphs = [paragraph for index, paragraph in enumerate(paragraphs) if index not in quotes]
            changed = True
        if not changed:
            break
    return paragraphs, removed


def _without_leading_title(paragraphs: list[str], title: str) -> tuple[list[str], str]:
    """Cut the title's words off the start of the body (across paragraph breaks); returns the rest and the cut."""
    words = norm(title).split(" ")
    body = "\n\n".join(paragraphs)
    position = 0
    for word in words:
        match = _next_word(body, position)
        if match is None or norm(match.group()) != word:
            # The title's words do not open the body one by one (e.g. the first paragraph equals the title
            # only once normalised across a break): drop the first paragraph instead.
            return paragraphs[1:], paragraphs[0]
        position = match.end()
    rest = _HEAD_JOINERS.sub("", body[position:])
    return [paragraph for paragraph in rest.split("\n\n") if paragraph.strip()], body[:position]


_WORD = re.compile(r"[^\W_]+")


def _next_word(text: str, start: int) -> re.Match | None:
    return _WORD.search(text, start)
