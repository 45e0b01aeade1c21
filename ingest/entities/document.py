"""Document-level decisions over the rule layer's spans: sports context, one type per name, repeated names.

All texts of one document are seen together (an article's title and body). Three steps, each a mechanism that
holds beyond one data set:
- context: in a document that reports sports results, a place name that scores, plays or is beaten is a team
  (a city becomes ORG; a country stays LOC, national sides are named by their country); names on score lines
  and standings rows are teams; lines that are only column headers ("W L T GF GA") hold no names;
- vote: every mention of one name (case-blind) gets the type its mentions vote for, weighted by how each was
  decided; a lone word that is the last word of a person named in the document votes PERSON;
- repeat: a name typed somewhere in the document is found again where the model missed it (the model reads
  the recased copy, so a name in an ALL CAPS headline matches its running-text spelling)."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter, defaultdict
from itertools import accumulate

from ingest.entities.places import is_sovereign_or_state, place_names, town_names
from ingest.entities.recase import FUNCTION_WORDS
from ingest.entities.lexicon import WORK_NOUNS
from ingest.entities.rules import Span, at_sentence_start

# How much one mention's type counts in the document vote, by what decided it.
ORIGIN_WEIGHT = {"model": 1.0, "gazetteer": 2.0, "rule": 2.0, "context": 3.0, "document": 0.0}
TYPE_PRIORITY = {"PERSON": 0, "ORG": 1, "LOC": 2}

_NAME = r"[A-Z][\w.'’&-]*(?: (?:of|de|del|da|van|von|&) [A-Z][\w.'’&-]*| [A-Z][\w.'’&-]*)*"
# "Plymouth 4 Exeter 1", "Sheffield Wednesday 2, Leeds 0 (half-time 1-0)"
_SCORE_LINE = re.compile(rf"^\s*({_NAME})\s+(\d{{1,3}})\s*[,;-]?\s+({_NAME})\s+(\d{{1,3}})\s*(?:[(,;].*)?$", re.MULTILINE)
# "Barnsley 12 7 3 2 21 11 24": a name then at least four whole numbers (played, won, drawn, lost...).
_STANDINGS_ROW = re.compile(rf"^\s*(?:\d{{1,3}}\s*[.)]?\s+)?({_NAME})\s+(?:\d{{1,3}}\s+){{3,}}\d{{1,3}}\s*$", re.MULTILINE)
# A result inside a sentence: "won 3-1", "a 2-0 defeat" (dates such as 1996-12-06 are not results).
_RESULT = re.compile(r"(?<![\d-])\d{1,2}-\d{1,2}(?![\d-])")
_TEAM_VERBS = (
    r"beat|beats|beaten|defeated|defeat|drew|draw|lost to|lose to|edged|thrashed|hammered|routed|overcame|"
    r"v|vs|vs\.|versus|against|host|hosts|hosted|visit|visits|at home to|away to|scored|scores|leads|led"
)
_BEFORE_VERB = re.compile(rf"^\s*(?:{_TEAM_VERBS})\b")
_AFTER_VERB = re.compile(rf"\b(?:{_TEAM_VERBS})\s*$")
_HEADER_TOKEN = re.compile(r"^(?:[A-Z]{1,3}|\d+|[-/%.]+)$")
MIN_HEADER_TOKENS = 3


def _is_header_line(line: str) -> bool:
    """'W L T GF GA PTS': every token a short capital abbreviation or a number, at least three of them."""
    tokens = line.split()
    return len(tokens) >= MIN_HEADER_TOKENS and sum(token.isalpha() for token in tokens) >= 2 and all(
        _HEADER_TOKEN.match(token) for token in tokens
    )


def _is_country(name: str) -> bool:
    """Countries and home nations ('England'), not capitals: 'Plymouth' is a capital somewhere and a club here."""
    return place_names().get(name) in {"country", "region"}


def _team_type(name: str) -> str:
    """National sides are named by their country (LOC in news annotation); every other side is an ORG."""
    return "LOC" if _is_country(name) else "ORG"


# Only lines made of capitals, digits, '-/%.' and blanks can be header lines; one scan finds them.
_HEADER_CANDIDATE = re.compile(r"^(?:[A-Z\d/%.-]|[^\S\n])+$", re.MULTILINE)


def _header_lines(text: str) -> list[tuple[int, int]]:
    """(start, end) of every header line of a text."""
    return [match.span() for match in _HEADER_CANDIDATE.finditer(text) if _is_header_line(match.group())]


# "Saffron Walden, England", "Bowling Green, Ohio": a name then a comma and a country or state is a place.
_ADDRESS_TAIL = re.compile(r"\s*,\s+([A-Z][\w.]*(?: [A-Z][\w.]*)*)(?=\s*(?:[,.;)]|$))")
_PLACE_PREPOSITION = re.compile(r"\b(?:in|near|across|outside|throughout)\s+$")
# Before a known town, these also say where: 'trains ran to Harrison', 'forces from Cochabamba'.
_TOWN_PREPOSITION = re.compile(r"\b(?:in|at|near|across|outside|throughout|from|to|into|towards|via|between)\s+$")
_PLACE_NOUNS = (
    r"village|town|city|county|province|district|parish|region|municipality|suburb|hamlet|island|river|lake|"
    r"capital|port|borough|commune|neighbourhood|neighborhood|state|country"
)
# "Atwick is a village", "Aisby, a hamlet": the name is a place.
_PLACE_APPOSITION = re.compile(
    rf"\s*(?:,\s*|\s+(?:is|was)\s+)(?:a|an|the)\s+(?:[a-z-]+\s+){{0,2}}(?:{_PLACE_NOUNS})\b"
)
# "the town of Bridgton", "the village of Aisby".
_PLACE_OF = re.compile(rf"\b(?:{_PLACE_NOUNS})\s+of\s+$")


def _retype_places_by_context(text: str, spans: list[Span]) -> None:
    """A name followed by ', <country or state>' or by 'is a village' / ', a town', a name after 'the town of',
    or a one-word 'person' after 'in'/'near' is a place."""
    for span in spans:
        if span.entity_type == "LOC" or span.origin in {"gazetteer", "context"}:
            continue
        tail = _ADDRESS_TAIL.match(text, span.end)
        if (tail and is_sovereign_or_state(tail.group(1))) or _PLACE_APPOSITION.match(text, span.end) or (
            _PLACE_OF.search(text, max(0, span.start - 24), span.start)
        ):
            span.entity_type, span.origin = "LOC", "context"
        elif (span.entity_type == "PERSON" and " " not in text[span.start:span.end]
              and not text.startswith(("'s", "’s"), span.end)):
            if _PLACE_PREPOSITION.search(text, max(0, span.start - 12), span.start):
                span.entity_type, span.origin = "LOC", "context"
            elif (text[span.start:span.end] in town_names()
                  and _TOWN_PREPOSITION.search(text, max(0, span.start - 12), span.start)):
                # A vote, not a decision: 'Belgrano' is a town, and the general of the same name in the document.
                span.entity_type, span.origin = "LOC", "gazetteer"


def _place_or_team(text: str, span: Span) -> bool:
    """True for a place-like span ('LOC' not a country) the context may turn into a team."""
    name = text[span.start:span.end]
    return span.entity_type == "LOC" and not _is_country(name)


def apply_context(text: str, spans: list[Span], sporty: bool) -> list[Span]:
    """Teams from score lines and standings rows, place names playing or beaten in a sports document, and no
    names on header lines."""
    headers = _header_lines(text)
    if headers:
        spans = [span for span in spans if not any(start <= span.start < end for start, end in headers)]
    teams: list[tuple[int, int]] = []
    for pattern, groups in ((_SCORE_LINE, (1, 3)), (_STANDINGS_ROW, (1,))):
        for match in pattern.finditer(text):
            teams += [match.span(group) for group in groups]
    if teams:
        sporty = True
    added: list[Span] = []
    for start, end in teams:
        name = text[start:end]
        overlapping = [span for span in spans if span.overlaps(start, end)]
        if any(span.entity_type == "PERSON" and span.origin != "gazetteer" for span in overlapping):
            continue
        spans = [span for span in spans if not span.overlaps(start, end)]
        added.append(Span(start, end, _team_type(name), "context"))
    spans += added
    _retype_places_by_context(text, spans)
    if sporty:
        for span in spans:
            if span.origin == "context" or not _place_or_team(text, span):
                continue
            before, after = text[max(0, span.start - 20):span.start], text[span.end:span.end + 20]
            if _AFTER_VERB.search(before) or _BEFORE_VERB.match(after) or re.match(r"\s+\d{1,3}\b(?![.:,]\d)", after):
                span.entity_type, span.origin = "ORG", "context"
    return spans


def _vote(votes: list[tuple[str, str]]) -> tuple[str, float]:
    """The winning type and its weight."""
    weights: Counter[str] = Counter()
    for entity_type, origin in votes:
        weights[entity_type] += ORIGIN_WEIGHT.get(origin, 1.0)
    winner = min(weights, key=lambda entity_type: (-weights[entity_type], TYPE_PRIORITY[entity_type]))
    return winner, weights[winner]


def _word_before(text: str, start: int) -> str:
    match = re.search(r"(\S+)\s*$", text[max(0, start - 40):start])
    return match.group(1) if match else ""


def _word_after(text: str, end: int) -> str:
    match = re.match(r"\s*(\S+)", text[end:end + 40])
    return match.group(1) if match else ""


def _stands_alone(text: str, start: int, end: int) -> bool:
    """Not part of a longer capitalised name: the words either side are not capitalised (function words and
    sentence punctuation aside)."""
    for word in (_word_before(text, start), _word_after(text, end)):
        if word[:1].isupper() and word.lower() not in FUNCTION_WORDS:
            return False
    return text[start - 1:start].isalnum() is False and text[end:end + 1].isalnum() is False


_CAPITALISED_WORD = re.compile(r"(?<![\w'’])[^\W\d_a-z][\w.'’&-]*")


def _name_occurrences(text: str, names: dict[str, str], longest: int) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) of capitalised runs of up to `longest` words whose case-blind text is a key
    of `names`, longest first."""
    words = [(match.start(), match.end()) for match in _CAPITALISED_WORD.finditer(text)]
    found, index = [], 0
    while index < len(words):
        for count in range(min(longest, len(words) - index), 0, -1):
            start, end = words[index][0], words[index + count - 1][1]
            candidate = text[start:end].rstrip(".'’")
            if candidate.casefold() in names:
                found.append((start, start + len(candidate)))
                index += count - 1
                break
        index += 1
    return found


_TITLE_WORD = r"[A-Z][\w.'’&!-]*"
_TITLE = rf"{_TITLE_WORD}(?:\s+(?:(?:of|the|a|an|and|in|on|to|for|with|from|at|by|or|&)\s+)*{_TITLE_WORD}){{0,7}}"
# '" A Beautiful Lie "', '“Sisters of Heresy”': a whole quotation in title case (not a name or nickname given
# as such: 'adopted the name "Dorothea"', 'known as "Buckshot"').
_QUOTED_TITLE = re.compile(rf"(?<!name )(?<!named )(?<!called )(?<!known as )(?<!nicknamed )[\"“]\s*(?:(?:A|An|The)\s+)?({_TITLE})\s*[\"”]")
# 'the album A Beautiful Lie', 'a song called Heresy'.
_WORK_TITLE = re.compile(
    rf"\b(?i:{'|'.join(sorted(WORK_NOUNS))})(?:\s*,)?(?:\s+(?:called|titled|entitled|named))?\s*[\"“]?\s*"
    rf"(?:(?:A|An|The)\s+)?({_TITLE})"
)


def work_titles(texts: list[str]) -> set[str]:
    """Case-blind titles of works the document names: whole title-case quotations and names after a work noun.
    Every mention of such a title is a work (MISC), also where it stands without quotes."""
    titles = set()
    for text in texts:
        for pattern in (_QUOTED_TITLE, _WORK_TITLE):
            for match in pattern.finditer(text):
                title = match.group(1)
                if len(title) > 1:
                    titles.add(title.casefold())
    return titles


# What a name is said to be: 'BayCon is a large convention', 'Cagots were a discriminated minority in', ', a
# compilation album by'. The noun before a preposition, clause or punctuation, at most five words on.
_DEFINITION = re.compile(
    r"\s*(?:,\s*|\s+(?:is|was|are|were)\s+)(?:a|an|the)\s+((?:[\w'’-]+\s+){0,4}?[a-z][\w-]*)"
    r"(?=\s*(?:[,.;:()]|$|(?:of|in|on|at|for|from|by|with|that|which|who|whose|held|based|founded|topping)\b))"
)
# Nouns that make what is defined a thing, event, people or language, not a person, organisation or place.
MISC_DEFINITIONS = frozenset(
    """
    convention conference festival expo exhibition tournament olympiad car automobile aircraft locomotive language
    dialect minority people peoples tribe index award prize trophy cup championship war battle campaign treaty
    """.split()
) | WORK_NOUNS


def defined_as_misc(text: str, spans: list[Span]) -> set[str]:
    """Case-blind names the text defines as a thing, an event, a people or a language ('BayCon is a large
    convention', 'Cagots were a discriminated minority'): every mention of them is MISC."""
    names = set()
    for span in spans:
        match = _DEFINITION.match(text, span.end)
        if match and match.group(1).split()[-1].lower() in MISC_DEFINITIONS and not _ends_longer_name(text, span.start):
            names.add(text[span.start:span.end].casefold())
    return names


_NAME_BEFORE = re.compile(r"(?:^|\s)[A-Z][\w'’.-]*\s+(?:(?:of|to|the|and|for|in|on|a|an|&)\s+)?$")


def _ends_longer_name(text: str, start: int) -> bool:
    """'Stan' in 'Bullocks to Stan is an episode' is the end of a longer title: a capitalised word (articles
    aside), perhaps then a joining word, stands right before it."""
    before = text[max(0, start - 40):start]
    article = re.search(r"(?:^|\s)(?:The|A|An)\s+$", before)
    if article:
        before = before[:article.start()]
    return bool(_NAME_BEFORE.search(before))


_THE_BEFORE = re.compile(r"(?:^|\s)the\s+$")


def _plural_names_after_the(text: str, spans: list[Span]) -> set[str]:
    """Case-blind one-word names in the plural that the text puts after a lower-case 'the' ('the Bruins') and
    also writes as the last word of a longer name ('Boston Bruins'): teams and bands are named so, people never
    are (peoples are, 'the Goths', but not after a place name)."""
    after_the = {
        text[span.start:span.end] for span in spans
        if span.entity_type == "PERSON" and _is_plural_word(text[span.start:span.end])
        and _THE_BEFORE.search(text, max(0, span.start - 5), span.start)
    }
    return {
        name.casefold() for name in after_the
        if any(match.group(1).lower() not in FUNCTION_WORDS
               for match in re.finditer(rf"\b([A-Z][\w.'’-]*) {re.escape(name)}\b", text))
    }


def _is_plural_word(word: str) -> bool:
    return " " not in word and len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is"))


def _people_after_the(text: str, spans: list[Span], surnames, teams: set[str]) -> list[Span]:
    """People take no article: a model 'person' after a lower-case 'the' ('the Danube', 'the Azna', 'the Reading
    train') is dropped, unless a person in the document bears the name as a surname ('the Clinton
    administration' after 'Bill Clinton'); a 'person' whose last word is a plural name the document puts after
    'the' ('the Bruins', 'the Boston Bruins', 'Boston Bruins') is a team or band."""
    kept = []
    for span in spans:
        if span.entity_type == "PERSON" and span.origin in {"model", "document"}:
            words = text[span.start:span.end].casefold().split()
            if words and words[-1] in teams:
                span.entity_type, span.origin = "ORG", "rule"
            elif (span.origin == "model" and _THE_BEFORE.search(text, max(0, span.start - 5), span.start)
                  and " ".join(words) not in surnames):
                continue
        kept.append(span)
    return kept


def _is_common_phrase(name: str, span: Span, lowercase: frozenset[str], surnames) -> bool:
    """'Writing Fellow', 'Scouting', 'Management': a model span made only of words the document also writes in
    lower case is an ordinary phrase written with capitals, unless a person in the document bears it as a
    surname ('Major' of 'John Major') or the model read it as an organisation: institutions are often named with
    ordinary words ('Labour' beside 'labour costs', 'Union State', 'Supreme Court')."""
    if span.origin != "model" or span.entity_type == "ORG":
        return False
    words = [word.strip(".,'’") for word in name.split()]
    content = [word for word in words if word.lower() not in FUNCTION_WORDS]
    return bool(content) and name.casefold() not in surnames and all(
        word[:1].isupper() and word.lower() in lowercase for word in content
    )


def _is_acronym_like(word: str) -> bool:
    """'NCAA', '6PR', 'AT&T', 'MySpace': two capitals, a digit or an ampersand; the model's one-word ORGs of this
    shape are mostly right."""
    return sum(char.isupper() for char in word) >= 2 or any(char.isdigit() or char == "&" for char in word)


# Between two names of one list: 'Ottawa and Halifax', 'Tohpati , Ridho and Abdee Negara', 'Haydor , Haydour , and'.
_LIST_JOINT = re.compile(r"\s*(?:,\s*(?:(?:and|or)\s+)?|(?:and|or|&)\s+)")


def _coordinated_type(text: str, spans: list[Span], index: int, undecided) -> str | None:
    """The type shared by the names listed with spans[index] ('Ottawa and Halifax': LOC; 'Guido , Henrique and
    Jose Pedro': PERSON) when it is not ORG: names of one list are of one kind. Neighbours for which
    `undecided(span)` holds are passed over to the next name of the list; the same name again ends it ('to
    Belgrano , and Belgrano said' joins two clauses). None when there are none or they disagree."""
    span, types = spans[index], set()
    for step in (-1, 1):
        current = index
        while 0 <= current + step < len(spans):
            left, right = sorted((spans[current], spans[current + step]), key=lambda span: span.start)
            if left.end > right.start or not _LIST_JOINT.fullmatch(text, left.end, right.start):
                break
            current += step
            if text[spans[current].start:spans[current].end] == text[span.start:span.end]:
                break
            if not undecided(spans[current]):
                types.add(spans[current].entity_type)
                break
    return types.pop() if len(types) == 1 and "ORG" not in types else None


def _one_word_organisations(texts: list[str], spans_per_text: list[list[Span]], sporty: bool) -> list[list[Span]]:
    """The model's one-word ORG guesses on ordinary capitalised words are often places and people ('Grantham',
    'Henrique'); each is retyped only on the document's evidence, never dropped blindly. Left as they are:
    acronym-like words, words of a longer organisation name in the document ('Labour' beside 'Labour Party',
    'Exeter' beside 'Exeter City') and every one-word ORG of a document that reports results (clubs). Otherwise
    a word of a multi-word person's name in the document is a person ('Luigi' beside 'Luigi Caloi'), a name
    listed with names of one other type takes it ('Ottawa and Halifax'), and a known town after 'in', 'at',
    'between'... votes LOC. A one-word model 'person' (not a word of a longer person's name) listed only with
    places is a place."""
    if sporty:
        return spans_per_text
    organisation_words, person_words = set(), set()
    for text, spans in zip(texts, spans_per_text, strict=True):
        for span in spans:
            words = text[span.start:span.end].casefold().split()
            if len(words) >= 2 and span.entity_type in {"ORG", "PERSON"}:
                (organisation_words if span.entity_type == "ORG" else person_words).update(words)
    result = []
    for text, spans in zip(texts, spans_per_text, strict=True):
        def undecided(span: Span) -> bool:
            word = text[span.start:span.end]
            return (span.origin == "model" and span.entity_type == "ORG" and " " not in word
                    and not _is_acronym_like(word) and word.casefold() not in organisation_words)

        spans = sorted(spans, key=lambda span: (span.start, span.end))
        candidates = [index for index, span in enumerate(spans) if undecided(span)]
        listed = {index: _coordinated_type(text, spans, index, undecided) for index in candidates}
        for index in candidates:
            span = spans[index]
            word = text[span.start:span.end]
            if word.casefold() in person_words:
                span.entity_type, span.origin = "PERSON", "rule"
            elif listed[index]:
                span.entity_type, span.origin = listed[index], "rule"
            elif word in town_names() and _TOWN_PREPOSITION.search(text, max(0, span.start - 12), span.start):
                span.entity_type, span.origin = "LOC", "gazetteer"
        # A lone-word 'person' listed only with places is one too ('Bearn , Gascony and Brittany').
        def lone_person(span: Span) -> bool:
            word = text[span.start:span.end]
            return (span.origin == "model" and span.entity_type == "PERSON" and " " not in word
                    and word.casefold() not in person_words)

        for index, span in enumerate(spans):
            if lone_person(span) and _coordinated_type(text, spans, index, lone_person) == "LOC":
                span.entity_type, span.origin = "LOC", "rule"
        result.append(spans)
    return result


def _overlap_index(spans: list[Span]):
    """A function (start, end) -> whether any of `spans` overlaps that range, by bisection over the spans sorted
    by start with the running maximum of their ends (instead of a scan of every span per query)."""
    ordered = sorted(spans, key=lambda span: span.start)
    starts = [span.start for span in ordered]
    reach = list(accumulate((span.end for span in ordered), max))

    def overlaps(start: int, end: int) -> bool:
        count = bisect_left(starts, end)
        return count > 0 and reach[count - 1] > start

    return overlaps


def resolve_document(texts: list[str], model_texts: list[str], spans_per_text: list[list[Span]],
                     lowercase: frozenset[str]) -> list[list[Span]]:
    """One document's texts (original and as the model read them) and their spans -> spans after context,
    type votes and repeated names, each list in text order."""
    sporty = any(_RESULT.search(text) for text in texts)
    spans_per_text = [apply_context(text, spans, sporty) for text, spans in zip(texts, spans_per_text, strict=True)]
    spans_per_text = _one_word_organisations(texts, spans_per_text, sporty)
    titles = work_titles(texts)
    titles |= set().union(*(defined_as_misc(text, spans) for text, spans in zip(texts, spans_per_text, strict=True)))
    if titles:
        spans_per_text = [
            [span for span in spans if span.origin == "context" or text[span.start:span.end].casefold() not in titles]
            for text, spans in zip(texts, spans_per_text, strict=True)
        ]

    teams = set().union(*(_plural_names_after_the(read, spans) for read, spans in zip(model_texts, spans_per_text, strict=True)))
    surnames: dict[str, int] = Counter()
    for read, spans in zip(model_texts, spans_per_text, strict=True):
        for span in spans:
            words = read[span.start:span.end].split()
            if (span.entity_type == "PERSON" and len(words) >= 2 and words[-1][:1].isupper()
                    and words[-1].casefold() not in teams):
                surnames[words[-1].casefold()] += 1

    spans_per_text = [
        _people_after_the(read, spans, surnames, teams) for read, spans in zip(model_texts, spans_per_text, strict=True)
    ]
    spans_per_text = [
        [span for span in spans if not _is_common_phrase(read[span.start:span.end], span, lowercase, surnames)]
        for read, spans in zip(model_texts, spans_per_text, strict=True)
    ]

    votes: dict[str, list[tuple[str, str]]] = defaultdict(list)
    spellings: dict[str, Counter[str]] = defaultdict(Counter)
    for read, spans in zip(model_texts, spans_per_text, strict=True):
        for span in spans:
            key = read[span.start:span.end].casefold()
            entity_type = "PERSON" if key in surnames and span.origin == "model" else span.entity_type
            votes[key].append((entity_type, "rule" if entity_type != span.entity_type else span.origin))
            spellings[key][read[span.start:span.end]] += 1
    for key, spelling_counts in spellings.items():
        spelling = spelling_counts.most_common(1)[0][0]
        if place_names().get(spelling) in {"country", "state"}:
            votes[key].append(("LOC", "gazetteer"))
    decided = {key: _vote(key_votes) for key, key_votes in votes.items()}
    for key in surnames:
        decided.setdefault(key, ("PERSON", 0.0))
    for read, spans in zip(model_texts, spans_per_text, strict=True):
        for span in spans:
            entity_type = decided[read[span.start:span.end].casefold()][0]
            if entity_type != span.entity_type and span.origin != "context":
                span.entity_type, span.origin = entity_type, "document"

    # A person's name is repeated on one sighting; an organisation or place only when more than the model's
    # guesses decided its type (context, a word list or a rule): repeated model guesses repeat its mistakes.
    repeatable = {
        key: entity_type for key, (entity_type, _) in decided.items()
        if (entity_type == "PERSON" or any(origin not in {"model", "document"} for _, origin in votes.get(key, ())))
        and len(key) >= 2 and not (" " not in key and key in lowercase) and key not in FUNCTION_WORDS
        and key not in titles
    }
    if not repeatable:
        return spans_per_text
    longest = max(key.count(" ") for key in repeatable) + 1
    result = []
    for read, spans in zip(model_texts, spans_per_text, strict=True):
        added = []
        overlaps = _overlap_index(spans)
        for start, end in _name_occurrences(read, repeatable, longest):
            surface = read[start:end]
            if overlaps(start, end):
                continue
            if not _stands_alone(read, start, end):
                continue
            if at_sentence_start(read, start) and surface.lower() in lowercase:
                continue
            added.append(Span(start, end, repeatable[surface.casefold()], "document"))
        result.append(sorted(spans + added, key=lambda span: (span.start, span.end)))
    return result
