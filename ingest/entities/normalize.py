"""Surface clean-up and name keys: what makes "President Vladimir Putin's" and "Vladimir Putin" one name."""

from __future__ import annotations

import re
import unicodedata

from ingest.entities.lexicon import DEMONYM_SUFFIXES, HEAD_TITLES, NAME_TITLES, TITLE_MODIFIERS
from ingest.entities.places import PLACE_ALIASES

_QUOTES = str.maketrans({"\u2018": "'", "\u2019": "'", "\u201a": "'", "\u201b": "'", "\u2032": "'",
                         "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u2033": '"',
                         "\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-"})
_SPACES = re.compile(r"\s+")
_POSSESSIVE = re.compile(r"(?:'s|')$", re.IGNORECASE)
_EDGE_PUNCT = "\"'.,;:!?()[]{}<>-–—*|/\\ "
_REGNAL_NUMBER = re.compile(r"^(?:[IVX]{1,4}|\d{1,2}(?:st|nd|rd|th)?)$")
_ACRONYM_DOT = re.compile(r"(?<=\b\w)\.")


def clean_surface(surface: str) -> str:
    """Unicode-normalise, straighten quotes, collapse spaces (incl. NBSP) and drop possessives/edge punctuation."""
    text = unicodedata.normalize("NFKC", surface).translate(_QUOTES)
    text = _SPACES.sub(" ", text).strip(_EDGE_PUNCT.replace(".", ""))
    text = _POSSESSIVE.sub("", text).strip(_EDGE_PUNCT.replace(".", ""))
    # A trailing period belongs to an abbreviation ("U.S.", "Jr.") only when the word has another dot.
    if text.endswith(".") and "." not in text.rsplit(" ", 1)[-1][:-1]:
        text = text.rstrip(".")
    return text.strip()


def _is_demonym(token: str) -> bool:
    return token[:1].isupper() and token.lower().endswith(DEMONYM_SUFFIXES) and len(token) > 3


def _is_title_word(token: str) -> bool:
    lowered = token.lower()
    return lowered in HEAD_TITLES or lowered in TITLE_MODIFIERS or _is_demonym(token)


def strip_titles(name: str) -> str:
    """Remove leading job titles and honorifics from a person's name; keep name-forming titles ("Prince Harry")."""
    tokens = name.split(" ")
    cut = 0
    for position, token in enumerate(tokens[:-1]):
        if not _is_title_word(token):
            break
        if token.lower() in HEAD_TITLES:
            cut = position + 1
    tokens = tokens[cut:]
    if len(tokens) > 2 and tokens[0].lower() in NAME_TITLES and _REGNAL_NUMBER.match(tokens[-1]):
        tokens = tokens[:-1]
    return " ".join(tokens)


def display_name(surface: str, entity_type: str) -> str:
    """The human-readable canonical form of one mention (titles stripped for people, aliases resolved for places)."""
    name = clean_surface(surface)
    if name[:4] == "the ":
        name = name[4:]
    if entity_type == "PERSON":
        return strip_titles(name)
    if entity_type == "LOC":
        bare = name[4:] if name.startswith("The ") and name[4:] in PLACE_ALIASES else name
        return PLACE_ALIASES.get(bare, name)
    return name


def name_key(name: str) -> str:
    """Case-, dot- and article-insensitive key: "The Daily Beast" and "Daily Beast" share one."""
    key = _ACRONYM_DOT.sub("", name.casefold())
    if key.startswith("the "):
        key = key[4:]
    return _SPACES.sub(" ", key).strip()
