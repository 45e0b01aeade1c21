"""Score texts against the IPTC top-level taxonomy with the curated cue lexicon; pure and deterministic."""

import math
from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from functools import lru_cache

from wordfreq import zipf_frequency

from ingest.topics.lexicon import LEXICON
from ingest.topics.taxonomy import IPTC_TOPIC_IDS
from ingest.topics.tokens import word_tokens

TITLE_WEIGHT = 2.0
MAX_CUE_WORDS = 3
MIN_PREFIX_CHARS = 3
# A prefix cue whose stem is a word of its own (Zipf >= WORD_ZIPF: `concert*`, `author*`, `diver*`) matches only the
# stem's inflections (concerts, divers, arrested, planning), not words that merely start with it (concerto,
# authorities, diverted, plane); a truncated stem (`militar*`, `journalis*`, `prosecut*`) was cut to catch derived
# words, so it matches any ending of at most MAX_DERIVED_CHARS characters (militarily, journalistic, prosecution).
WORD_ZIPF = 3.0
MAX_DERIVED_CHARS = 6
INFLECTIONS = frozenset({"s", "es", "ed", "d", "ing", "er", "ers", "r", "rs"})
DOUBLED_INFLECTIONS = frozenset({"ed", "ing", "er", "ers"})  # after a doubled last letter: planned, kidnapping
PHRASE_JOINER = "_"  # never inside a word token, so a joined phrase is one term

Cue = tuple[str, ...]


def _build_index() -> tuple[dict[Cue, dict[str, float]], dict[Cue, dict[str, float]]]:
    exact: dict[Cue, dict[str, float]] = defaultdict(dict)
    prefix: dict[Cue, dict[str, float]] = defaultdict(dict)
    for topic_id, cues in LEXICON.items():
        for cue, weight in cues.items():
            target = prefix if cue.endswith("*") else exact
            key = tuple(word_tokens(cue.rstrip("*")))
            target[key][topic_id] = max(weight, target[key].get(topic_id, 0.0))
    return dict(exact), dict(prefix)


_EXACT, _PREFIX = _build_index()
_PHRASE_STARTS = frozenset(key[0] for key in (*_EXACT, *_PREFIX) if len(key) > 1)


@lru_cache(maxsize=200_000)
def specificity(surface: str) -> float:
    """IDF-like factor from general English word frequency: rare cue words count more than everyday ones.

    A fixed external frequency list (not the batch) keeps an article's scores independent of its neighbours.
    """
    return min(1.6, max(0.6, (8.0 - zipf_frequency(surface, "en")) / 3.0))


@lru_cache(maxsize=4_096)
def _is_word(stem: str) -> bool:
    return zipf_frequency(stem, "en") >= WORD_ZIPF


def is_word_form(stem: str, word: str) -> bool:
    """Whether `word` is a form of a prefix cue's `stem`: an inflection of a stem that is a word itself, or a short
    ending of a truncated stem."""
    ending = word[len(stem) :]
    if not ending:
        return True
    if not _is_word(stem):
        return len(ending) <= MAX_DERIVED_CHARS
    return ending in INFLECTIONS or (ending[0] == stem[-1] and ending[1:] in DOUBLED_INFLECTIONS)


@lru_cache(maxsize=200_000)
def _cue_matches(words: Cue) -> dict[str, float]:
    """The topics and weights of the most specific cue for `words`: an exact cue, else the longest prefix cue whose
    stem `words` is a form of (`striker*`, not `strike*`, for "strikers"); cues of the same length all count."""
    found = dict(_EXACT.get(words, {}))
    head, last = words[:-1], words[-1]
    for end in range(len(last), MIN_PREFIX_CHARS - 1, -1):
        if found and end < len(last):
            break
        topics = _PREFIX.get(head + (last[:end],))
        if topics and is_word_form(last[:end], last):
            for topic_id, weight in topics.items():
                found[topic_id] = max(weight, found.get(topic_id, 0.0))
    return found


def cue_spans(tokens: list[str]) -> Iterator[tuple[Cue, dict[str, float]]]:
    """The tokens read leftmost-longest into cues: (words, topic weights) per span, a phrase cue as one span, a
    word that is no cue as a span of its own with no weights."""
    position = 0
    while position < len(tokens):
        widest = min(MAX_CUE_WORDS, len(tokens) - position) if tokens[position] in _PHRASE_STARTS else 1
        for width in range(widest, 1, -1):
            words = tuple(tokens[position : position + width])
            found = _cue_matches(words)
            if found:
                yield words, found
                position += width
                break
        else:
            yield (tokens[position],), _cue_matches((tokens[position],))
            position += 1


def match_cues(tokens: list[str]) -> list[tuple[str, str, float]]:
    """Leftmost-longest cue matches as (topic_id, surface, weight); words inside a phrase are not re-counted."""
    return [
        (topic_id, " ".join(words), weight)
        for words, found in cue_spans(tokens)
        for topic_id, weight in found.items()
    ]


def cue_segments(tokens: list[str]) -> list[str]:
    """The tokens with every phrase cue (read leftmost-longest, as `cue_spans` reads it) joined into one term by
    PHRASE_JOINER ("labour_party"), so a phrase's words are not also counted as words of their own. Same spans as
    `cue_spans`, looking only at the words that can start a phrase (this runs on every word the model scores)."""
    starts = [position for position, token in enumerate(tokens) if token in _PHRASE_STARTS]
    if not starts:
        return tokens
    segments: list[str] = []
    done = 0
    for position in starts:
        if position < done:
            continue
        for width in range(min(MAX_CUE_WORDS, len(tokens) - position), 1, -1):
            words = tuple(tokens[position : position + width])
            if _cue_matches(words):
                segments.extend(tokens[done:position])
                segments.append(PHRASE_JOINER.join(words))
                done = position + width
                break
    segments.extend(tokens[done:])
    return segments


def raw_topic_scores(title: str | None, text: str | None) -> dict[str, float]:
    """Evidence per topic: sum over cues of weight x specificity x (1 + ln tf), title words counting double."""
    counts: dict[tuple[str, str], float] = defaultdict(float)
    weights: dict[tuple[str, str], float] = {}
    for field_text, field_weight in ((title, TITLE_WEIGHT), (text, 1.0)):
        for topic_id, surface, weight in match_cues(word_tokens(field_text)):
            counts[(topic_id, surface)] += field_weight
            weights[(topic_id, surface)] = weight
    scores = dict.fromkeys(IPTC_TOPIC_IDS, 0.0)
    for key, count in counts.items():
        topic_id, surface = key
        scores[topic_id] += weights[key] * specificity(surface) * (1.0 + math.log(count))
    return scores


def score_taxonomy_batch(rows: Iterable[Mapping]) -> list[dict]:
    """One row per (input row, IPTC topic): `id`, `topic_id`, `score` (share of the row's evidence, summing
    to 1) and `is_primary` (the top share; ties go to the earlier topic; no primary when no cue matched).

    Input rows need `id` and optionally `title` and `text`.
    """
    scored = []
    for row in rows:
        raw = raw_topic_scores(row.get("title"), row.get("text"))
        total = sum(raw.values())
        primary = max(IPTC_TOPIC_IDS, key=lambda topic_id: raw[topic_id]) if total > 0 else None
        scored.extend(
            {
                "id": row["id"],
                "topic_id": topic_id,
                "score": raw[topic_id] / total if total > 0 else 0.0,
                "is_primary": topic_id == primary,
            }
            for topic_id in IPTC_TOPIC_IDS
        )
    return scored


def primary_topic_ids(rows: Iterable[Mapping]) -> list[str | None]:
    """The primary IPTC topic per input row, in input order (None when no cue matched)."""
    rows = list(rows)
    primaries: dict[str, str] = {
        scored["id"]: scored["topic_id"] for scored in score_taxonomy_batch(rows) if scored["is_primary"]
    }
    return [primaries.get(row["id"]) for row in rows]
