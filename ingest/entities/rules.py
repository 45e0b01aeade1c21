"""Rule layer over the model's spans: outlets and places from word lists, titled names, label mapping."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ingest.entities.lexicon import (
    AMBIGUOUS_OUTLETS,
    HEAD_TITLES,
    LOCATION_HEADS,
    EVENT_HEADS,
    MISC_HEADS,
    NAME_PRECEDING_TITLES,
    NAME_TITLES,
    TITLE_MODIFIERS,
    NEWS_OUTLETS,
    ORGANISATION_HEADS,
    ORGANISATION_NOUNS,
    STANDALONE_ORGANISATIONS,
    PLACES_THAT_ARE_NAMES,
    WORK_NOUNS,
)
from ingest.entities.places import is_demonym, is_sovereign_or_state, place_names
from ingest.entities.recase import FUNCTION_WORDS

# OntoNotes labels folded into the three types the marts keep; other labels are only retyped by rules.
MODEL_LABELS = {"PERSON": "PERSON", "ORG": "ORG", "GPE": "LOC", "LOC": "LOC", "FAC": "LOC"}

# All-caps headlines use "US" as a pronoun: it becomes a place only when the model marked it.
_NEVER_ADDED_PLACES = frozenset({"US", "UK", "America"})

_CAPITALISED_RUN = re.compile(
    r"[A-Z][\w.'’-]*(?:(?:[ \u00a0]|[ \u00a0](?:of|and|es|de|del|la|al|el|the)[ \u00a0])[A-Z][\w.'’-]*)*"
)
_WORD = re.compile(r"[A-Z][\w.'’-]*|\S+")
_TRAILING_POSSESSIVE = re.compile(r"(?:['’]s?)$", re.IGNORECASE)
# Inside one model span these separate two names: brackets, slashes, and commas before a capital.
_SEPARATOR = re.compile(r"\s*[()\[\]/]\s*|\s*,\s+(?=[A-Z])")
_DATE = re.compile(r"\d{1,4}[-/]\d{1,2}[-/]\d{1,4}")
_LEADING_ARTICLES = frozenset({"The", "the", "A", "An", "a", "an"})


@dataclass(slots=True)
class Span:
    """A character span with its type; origin says which layer decided the type."""

    start: int
    end: int
    entity_type: str | None
    origin: str
    model_label: str | None = None

    def overlaps(self, start: int, end: int) -> bool:
        return self.start < end and start < self.end


@lru_cache(maxsize=2)
def _outlet_pattern(names: tuple[str, ...]) -> re.Pattern[str]:
    alternatives = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<![\w])(?:" + "|".join(re.escape(name) for name in alternatives) + r")(?![\w])")


def _trim(text: str, span: Span) -> Span:
    """Drop a leading lowercase 'the', possessive endings and edge punctuation from a span's offsets."""
    start, end = span.start, span.end
    while start < end and not text[start].isalnum():
        start += 1
    if text.startswith("the ", start) and end - start > 4:
        start += 4
    possessive = _TRAILING_POSSESSIVE.search(text, start, end)
    if possessive and possessive.start() > start:
        end = possessive.start()
    while end > start and not (text[end - 1].isalnum() or text[end - 1] in ".!"):
        end -= 1
    span.start, span.end = start, end
    return span


def _split_at_separators(text: str, span: Span) -> list[Span]:
    """'Olympiakos ( Greece' and 'Grantham, Lincolnshire' are two names: cut a model span at brackets, slashes
    and commas that stand before a capital; a part that is a known place becomes LOC, the others keep the type."""
    pieces: list[Span] = []
    start = span.start
    for separator in _SEPARATOR.finditer(text, span.start, span.end):
        pieces.append(Span(start, separator.start(), span.entity_type, span.origin, span.model_label))
        start = separator.end()
    if not pieces:
        return [span]
    pieces.append(Span(start, span.end, span.entity_type, span.origin, span.model_label))
    places = place_names()
    kept = []
    for piece in pieces:
        _trim(text, piece)
        if piece.end <= piece.start or not text[piece.start].isupper():
            continue
        if text[piece.start:piece.end] in places:
            piece.entity_type, piece.origin = "LOC", "gazetteer"
        kept.append(piece)
    return kept


_COORDINATION = re.compile(r" (?:and|&) ")


def _split_coordination(text: str, span: Span) -> list[Span]:
    """'Rochester Jeffersons and Buffalo Bisons', 'Karl Langdon & Harvey Deegan', 'Angola and Mozambique': two
    names joined by 'and' or '&' when both sides are names of two or more capitalised words (not 'X of Y and
    Z') or both are known places; one name ('Procter & Gamble', 'Bosnia and Herzegovina') stays whole."""
    name = text[span.start:span.end]
    joint = _COORDINATION.search(name)
    if joint is None or _COORDINATION.search(name, joint.end()) or name in place_names():
        return [span]
    left, right = name[:joint.start()], name[joint.end():]
    places = place_names()
    both_places = left in places and right in places
    if not both_places:
        return [span]
    pieces = [Span(span.start, span.start + joint.start(), span.entity_type, span.origin, span.model_label),
              Span(span.start + joint.end(), span.end, span.entity_type, span.origin, span.model_label)]
    for piece in pieces:
        if text[piece.start:piece.end] in places:
            piece.entity_type, piece.origin = "LOC", "gazetteer"
    return pieces


def _is_role_or_origin(word: str) -> bool:
    """A job title, team role or nationality before a person's name: 'Defender', 'Kenyan', 'Queenslander'."""
    return word.lower() in HEAD_TITLES or is_demonym(word) or (word.endswith("er") and is_sovereign_or_state(word[:-2]))


def _tighten(text: str, span: Span) -> Span:
    """Leading articles (a capital 'The' only at a sentence start), trailing lower-case words ('Illinois city') or dates
    and, for people, leading job titles, team roles or nationalities ('Defender Hassan Abbas', 'Kenyan Paul Tergat')
    are outside a name."""
    words = [(match.start(), match.end()) for match in re.finditer(r"\S+", text[span.start:span.end])]
    first, last = 0, len(words)
    while last - first > 1 and (
        text[span.start + words[last - 1][0]].islower()
        or _DATE.fullmatch(text, span.start + words[last - 1][0], span.start + words[last - 1][1])
    ):
        last -= 1
    article = text[span.start:span.start + words[first][1]]
    # A capital 'The' inside a sentence is part of the name ('at The University of Texas').
    if last - first > 1 and article in _LEADING_ARTICLES and (article.islower() or at_sentence_start(text, span.start)):
        first += 1
    if span.entity_type == "PERSON":
        while last - first > 1 and _is_role_or_origin(text[span.start + words[first][0]:span.start + words[first][1]]):
            first += 1
    span.start, span.end = span.start + words[first][0], span.start + words[last - 1][1]
    return span


def _apply_outlets(text: str, spans: list[Span]) -> list[Span]:
    for match in _outlet_pattern(NEWS_OUTLETS).finditer(text):
        spans = [span for span in spans if not span.overlaps(match.start(), match.end())]
        spans.append(Span(match.start(), match.end(), "ORG", "gazetteer"))
    for match in _outlet_pattern(AMBIGUOUS_OUTLETS).finditer(text):
        for span in spans:
            if (span.start, span.end) == match.span() and span.entity_type != "PERSON" and span.model_label:
                span.entity_type, span.origin = "ORG", "gazetteer"
    return spans


def _retype_titled_names(text: str, spans: list[Span]) -> None:
    """'Prince Louis' typed as a place or unlabelled by the model is a person ('King County' is not: its head noun
    typed it)."""
    for span in spans:
        words = text[span.start:span.end].split()
        if span.origin == "rule":
            continue
        if len(words) >= 2 and words[0].lower() in NAME_TITLES and words[1][:1].isupper():
            span.entity_type, span.origin = "PERSON", "rule"


def _retype_places(text: str, spans: list[Span]) -> None:
    places = place_names()
    for span in spans:
        if span.entity_type == "LOC" or span.origin != "model":
            continue
        name = text[span.start:span.end]
        if name not in places:
            continue
        if span.entity_type == "PERSON" and (name.lower() in PLACES_THAT_ARE_NAMES or not is_sovereign_or_state(name)):
            continue
        span.entity_type, span.origin = "LOC", "gazetteer"


@lru_cache(maxsize=1)
def _place_first_words() -> frozenset[str]:
    """The first word of every gazetteer place name."""
    return frozenset(name.split()[0] for name in place_names() if name.split())


def _opening_forms(word: str) -> set[str]:
    """A run's word as it may open a place name: as written, without a possessive, and without a final dot."""
    bare = _TRAILING_POSSESSIVE.sub("", word)
    return {word, bare, bare[:-1] if bare.endswith(".") else bare}


def _add_missing_places(text: str, spans: list[Span]) -> list[Span]:
    """Known places the model missed, when the place is the whole capitalised run ('Perth' alone, not inside
    'Perth Glory' or 'Stanley Cup'; leading function words such as 'In' aside)."""
    places = place_names()
    first_words = _place_first_words()
    added: list[Span] = []
    for run in _CAPITALISED_RUN.finditer(text):
        # A place starts with a word of the run (a lone word perhaps without its possessive or final dot): a run
        # none of whose words can open a place name holds none.
        if not any(_opening_forms(word) & first_words for word in run.group().split()):
            continue
        words = [(run.start() + word.start(), run.start() + word.end()) for word in _WORD.finditer(run.group())]
        # Words outside a place must all be function words: a place starts at or before the first other word and
        # ends at or after the last one, which bounds the search.
        content = [i for i, (a, b) in enumerate(words) if text[a:b].lower() not in FUNCTION_WORDS]
        last_index = content[0] if content else len(words) - 1
        min_stop = content[-1] + 1 if content else 1
        index = 0
        while index <= last_index:
            for stop in range(len(words), max(index, min_stop - 1), -1):
                start, end = words[index][0], words[stop - 1][1]
                end = start + len(_TRAILING_POSSESSIVE.sub("", text[start:end]))
                name = text[start:end]
                if name not in places and name.endswith(".") and name[:-1] in places:
                    name, end = name[:-1], end - 1
                if name not in places or name in _NEVER_ADDED_PLACES or any(s.overlaps(start, end) for s in spans):
                    continue
                others = [text[a:b] for a, b in words[:index] + words[stop:]]
                if all(word.lower() in FUNCTION_WORDS for word in others):
                    added.append(Span(start, end, "LOC", "gazetteer"))
                    index = stop - 1
                    break
            index += 1
    return spans + added


def _apply_titles(text: str, spans: list[Span]) -> list[Span]:
    """'Prince' + a person joins the name; a job title before unlabelled capitalised words marks a person."""
    added: list[Span] = []
    for title in re.finditer(r"\b([A-Z][a-z]+\.?)[ \u00a0]+(?=[A-Z])", text):
        word = title.group(1).lower()
        if word not in NAME_TITLES and word not in HEAD_TITLES:
            continue
        if any(span.overlaps(title.start(), title.end(1)) for span in spans):
            continue
        following = next((span for span in spans if span.start == title.end()), None)
        if following is not None:
            if word in NAME_TITLES and following.entity_type in {"PERSON", None} and following.origin != "rule":
                following.start, following.entity_type, following.origin = title.start(), "PERSON", "rule"
            continue
        if word not in NAME_TITLES and word not in NAME_PRECEDING_TITLES:
            continue
        name = re.match(r"[A-Z][\w'’-]+(?:[ \u00a0][A-Z][\w'’-]+){0,2}", text[title.end():])
        if name is None or _is_title_or_place(name.group().split()[0]):
            continue
        end = title.end() + len(_TRAILING_POSSESSIVE.sub("", name.group()))
        if any(span.overlaps(title.end(), end) for span in spans):
            continue
        start = title.start() if word in NAME_TITLES else title.end()
        added.append(Span(start, end, "PERSON", "rule"))
    return spans + added


def _is_title_or_place(word: str) -> bool:
    lowered = word.lower()
    return lowered in HEAD_TITLES or lowered in TITLE_MODIFIERS or lowered in NAME_TITLES or word in place_names()


def _is_whole_quotation(text: str, span: Span) -> bool:
    """'"A Beautiful Lie"' is a title of a work (MISC), not a person or an organisation."""
    before = text[max(0, span.start - 6):span.start].rstrip()
    after = text[span.end:span.end + 6].lstrip()
    article = re.search(r"(?:^|\s)(?:A|An|The)\s*$", before)
    if article:
        before = before[:article.start()].rstrip() if article.start() else ""
    return before[-1:] in {'"', "“"} and after[:1] in {'"', "”"}


def _is_common_lower_case(name: str) -> bool:
    """'keyboard', 'bush', 'pagan': a span that starts with a lower-case letter and has no capital is a common word
    ('139th' and 'de Gaulle' are kept)."""
    return name[:1].islower() and not any(char.isupper() for char in name)


def head_word(name: str) -> str:
    """The word that says what a name names: the last word, or the word before 'of' ('Army of the Potomac')."""
    words = name.split()
    if "of" in words[1:]:
        return words[words.index("of", 1) - 1].lower()
    return words[-1].lower() if words else ""


def _is_misc_name(name: str) -> bool:
    """An event, award, period or campaign ('World Cup', 'Battle of Gettysburg', 'Stanley Cups', 'Middle Ages'):
    not a person, organisation or place."""
    head = head_word(name)
    if head in MISC_HEADS:
        return True
    if " " not in name:
        return False
    singular = head[:-1] if head.endswith("s") and not head.endswith("ss") else head
    return singular in MISC_HEADS or head in EVENT_HEADS


# Model or version codes of products: 'F-86 Sabre', 'EF-111 Raven', 'CH-53 Sea Stallion'.
_PRODUCT_CODE = re.compile(r"(?<![\w-])[A-Z]{1,3}-\d{1,4}[A-Z]?(?![\w-])")
# 'the album A Beautiful Lie', 'a song called "Heresy"': a work noun, an optional verb of naming, article, quote.
_AFTER_WORK_NOUN = re.compile(
    rf"\b(?:{'|'.join(sorted(WORK_NOUNS))})(?:\s*,)?(?:\s+(?:called|titled|entitled|named))?\s*[\"“]?\s*(?:(?:A|An|The)\s+)?$",
    re.IGNORECASE,
)


def _is_product_or_work(text: str, span: Span) -> bool:
    """A span holding or right after a product code, or right after a work noun ('album', 'film'), names a thing."""
    if _PRODUCT_CODE.search(text, span.start, span.end):
        return True
    before = text[max(0, span.start - 40):span.start]
    previous = before.split()[-1:]
    if previous and _PRODUCT_CODE.fullmatch(previous[0]):
        return True
    return bool(_AFTER_WORK_NOUN.search(before))


_AFTER_ORGANISATION_NOUN = re.compile(rf"\b(?:{'|'.join(sorted(ORGANISATION_NOUNS))})\s+$")


def _retype_after_organisation_noun(text: str, spans: list[Span]) -> None:
    """'the band Deadsy', 'metal band Van Canto': a name right after an organisation noun is an organisation."""
    for span in spans:
        if span.origin == "model" and span.entity_type != "ORG" and _AFTER_ORGANISATION_NOUN.search(
            text, max(0, span.start - 12), span.start
        ):
            span.entity_type, span.origin = "ORG", "rule"


def _retype_by_head(text: str, spans: list[Span]) -> list[Span]:
    """'Lincoln Reservoir Park' is a place and 'Bishop Garrigan High School' an organisation whatever the model
    said: a multi-word name takes the type of its head noun; a head noun alone ('the Party') is no name, unless it
    names one body on its own in news ('the Army')."""
    kept = []
    for span in spans:
        name = text[span.start:span.end]
        head = head_word(name)
        if span.origin == "model" and head in LOCATION_HEADS | ORGANISATION_HEADS:
            if " " not in name and head not in STANDALONE_ORGANISATIONS:
                continue
            entity_type = "LOC" if head in LOCATION_HEADS else "ORG"
            if entity_type != span.entity_type:
                span.entity_type, span.origin = entity_type, "rule"
        kept.append(span)
    return kept


def _lowered_by_recasing(text: str, read: str, span: Span) -> bool:
    return not any(char.isupper() for char in read[span.start:span.end]) and any(
        char.isupper() for char in text[span.start:span.end]
    )


def at_sentence_start(text: str, start: int) -> bool:
    """Nothing but blanks, quotes and brackets between `start` and the text's start or the last sentence end.
    Reads a window before `start` (the whole prefix only when the window holds nothing else)."""
    window = max(0, start - 64)
    before = text[window:start].rstrip(" \t\"'“‘(")
    if not before and window:
        before = text[:start].rstrip(" \t\"'“‘(")
    return not before or before[-1] in ".!?\n:;"


def refine(text: str, model_spans: list[tuple[int, int, str]], model_text: str | None = None) -> list[Span]:
    """Model spans (start, end, OntoNotes label) -> PERSON/ORG/LOC spans after the rule layer, in text order.

    `model_text` is the recased copy the model read (same length); a span it wrote all in lower case is an
    ordinary word of a shouted line ("DEADLY" read as "deadly"), never a name."""
    read = model_text if model_text is not None else text
    recased = read != text
    quoted = '"' in text or "“" in text
    spans = []
    for start, end, label in model_spans:
        span = _trim(text, Span(start, end, MODEL_LABELS.get(label), "model", label))
        if span.end <= span.start or (recased and _lowered_by_recasing(text, read, span)) or (
            quoted and _is_whole_quotation(text, span)
        ):
            continue
        if _is_common_lower_case(text[span.start:span.end]) or _is_product_or_work(text, span):
            continue
        pieces = [part for piece in _split_at_separators(text, span) for part in _split_coordination(text, piece)]
        for piece in _retype_by_head(text, pieces):
            piece = _tighten(text, piece)
            if piece.end > piece.start:
                spans.append(piece)
    spans = [span for span in spans if not _is_misc_name(text[span.start:span.end]) and not is_demonym(text[span.start:span.end])]
    spans = _apply_outlets(text, spans)
    _retype_after_organisation_noun(text, spans)
    _retype_places(text, spans)
    _retype_titled_names(text, spans)
    spans = _apply_titles(text, spans)
    spans = _add_missing_places(text, spans)
    kept = [span for span in spans if span.entity_type is not None]
    return sorted(kept, key=lambda span: (span.start, span.end))
