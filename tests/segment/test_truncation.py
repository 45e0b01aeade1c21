"""Truncation reasons for snippets and bodies."""

from __future__ import annotations

import pytest
from wordfreq import get_frequency_list, iter_wordlist, top_n_list, zipf_frequency

from ingest.segment.truncation import (
    DICTIONARY_SIZE,
    PageVocabulary,
    _best_completion_zipf,
    _dictionary_end,
    is_reading_prompt,
    truncation_of,
)

COMPLETE_SENTENCE = "The council voted on Tuesday to rebuild the old harbour bridge."
LONG_CUT = (
    "The council voted on Tuesday to rebuild the old harbour bridge, ending a two-year debate about the future of "
    "the crossing that carries thousands of people each day between the two halves of the town and which engineers "
    "said had reached the end of its safe life after decades of"
)


@pytest.mark.parametrize(
    ("text", "kind", "expected"),
    [
        (COMPLETE_SENTENCE, "snippet", None),
        (COMPLETE_SENTENCE, "body", None),
        ("“We had no choice,” she said. “None at all.”", "body", None),
        ("Grant accused her half-sister of launching a &", "snippet", "cut_entity"),
        ("She wrote about Tom &am", "snippet", "cut_entity"),
        ("Prices rose by 5&#82", "snippet", "cut_entity"),
        ("Shares in AT&T rose sharply on Monday", "snippet", None),
        ("The works will take eighteen months and…", "body", "ellipsis"),
        ("The works will take eighteen months [...]", "snippet", "ellipsis"),
        ("The works will take eighteen months... Read more »", "snippet", "read_more"),
        ("The works will take eighteen months. Continue reading", "body", "read_more"),
        ("The works will take a while (more…)", "snippet", "read_more"),
        ("On Wednesday, the statement check first comment to continue reading was shared.", "snippet", "bait"),
        (COMPLETE_SENTENCE + "\n\nSubscribe to continue reading.", "body", "paywall"),
        (COMPLETE_SENTENCE + "\n\nThis article is only available to subscribers.", "body", "paywall"),
        ("Charles will allow working royals on the balcony at his coronati", "snippet", "cut_mid_word"),
        ("Their Royal Highnesses The Princ", "snippet", "cut_mid_word"),
        (LONG_CUT, "snippet", "cut_mid_sentence"),
        ("Photos from the harbour at dawn", "snippet", None),
        ("Reporting by Jane Doe", "body", None),
        (COMPLETE_SENTENCE + "\n\nReporting by Jane Doe and Tom Smith in London; additional reporting by Ann Lee; "
         "Editing by Mark Heinrich", "body", None),
        (COMPLETE_SENTENCE + "\n\n- Ferry timetable: boats run every twenty minutes between the two piers from "
         "Monday", "body", None),
        # Addresses and phone numbers end sentences without a full stop.
        (COMPLETE_SENTENCE + " For more information about the works please visit www.example-harbour-council.com",
         "body", None),
        (COMPLETE_SENTENCE + " Questions about the works and the road closures can be sent to works@harbour.example.org",
         "body", None),
        (COMPLETE_SENTENCE + " Harbour Council, 12 Quay Street, Port Ellen, PA42 7DA - Phone: (047) 2106-8000",
         "body", None),
        (COMPLETE_SENTENCE + " For more information about the works please visit the council website and the",
         "body", "cut_mid_sentence"),
        ("Só quem se ama pode encontrar em sua vida um amor de verdade e viver feliz com quem escolheu para sempre "
         "ao seu lado, dizem os especialistas ouvidos pela reportagem sobre o tema do amor na vida adulta moderna "
         "e nas redes sociais onde tudo parece perfeito mas não é", "snippet", "cut_mid_sentence"),
        (COMPLETE_SENTENCE + "\n\n" + LONG_CUT, "body", "cut_mid_sentence"),
    ],
)
def test_reasons(text: str, kind: str, expected: str | None) -> None:
    assert truncation_of(text, kind=kind) == expected


def test_slang_rated_fragment_is_a_cut_word_only_at_a_length_limit() -> None:
    # wordfreq rates "tha" as slang, so a short caption ending in it is left alone; a long cut snippet is
    # judged by its far more common completions ("that", "than").
    assert truncation_of("Not only tha", kind="snippet") is None
    assert truncation_of(LONG_CUT + " and not only tha", kind="snippet") == "cut_mid_word"


def test_a_word_the_page_uses_elsewhere_is_not_a_cut_word() -> None:
    text = LONG_CUT + " the old mou"
    assert truncation_of(text, kind="snippet") == "cut_mid_word"
    vocabulary = PageVocabulary(["The Mou river floods every spring; the Mou is wide.", text])
    assert truncation_of(text, kind="snippet", vocabulary=vocabulary) == "cut_mid_sentence"


def test_a_shared_widget_length_limit_makes_short_unpunctuated_snippets_cut() -> None:
    snippet = "The ferry will run every twenty minutes during the works and stop at both piers"
    assert truncation_of(snippet, kind="snippet") is None
    assert truncation_of(snippet, kind="snippet", length_limit=len(snippet) - 3) == "cut_mid_sentence"


def test_empty_text_and_unknown_kind() -> None:
    assert truncation_of(None, kind="body") is None
    assert truncation_of("  ", kind="snippet") is None
    with pytest.raises(ValueError):
        truncation_of("x", kind="caption")


@pytest.mark.parametrize(
    ("paragraph", "expected"),
    [
        ("Subscribe to continue reading", True),
        ("Already a subscriber? Sign in", True),
        ("Read more »", True),
        (COMPLETE_SENTENCE, False),
        (LONG_CUT + " Continue reading", False),  # too long to be only a prompt
    ],
)
def test_reading_prompt(paragraph: str, expected: bool) -> None:
    assert is_reading_prompt(paragraph) is expected


def _completion_zipf_from_the_whole_dictionary(prefix: str) -> float:
    completions = [word for word in top_n_list("en", DICTIONARY_SIZE) if word.startswith(prefix) and word != prefix]
    return zipf_frequency(completions[0], "en") if completions else 0.0


@pytest.mark.parametrize(
    "prefix",
    # common completions, rare ones, one ranked past the dictionary's end ("duty's"), none at all
    ["tha", "coronati", "princ", "mou", "axe", "duty", "zzyzx", "qwertzu"],
)
def test_best_completion_is_the_most_common_longer_dictionary_word(prefix: str) -> None:
    assert _best_completion_zipf(prefix) == _completion_zipf_from_the_whole_dictionary(prefix)


def test_wordfreq_bands_are_alphabetical_and_ranks_count_the_skipped_numbers() -> None:
    # The completion search relies on both.
    assert all(band == sorted(band) for band in get_frequency_list("en", "best"))
    dictionary = top_n_list("en", DICTIONARY_SIZE)
    assert list(iter_wordlist("en"))[_dictionary_end() - 1] == dictionary[-1]


@pytest.mark.parametrize(
    ("snippet", "more_link", "expected"),
    [
        # A complete sentence before a read-more prompt or link is not cut, in any language.
        (COMPLETE_SENTENCE + " Read More", False, None),
        (COMPLETE_SENTENCE + " Weiterlesen »", False, None),
        ("El ayuntamiento votó el martes reconstruir el viejo puente del puerto. Leer más", False, None),
        (COMPLETE_SENTENCE, True, None),
        # An unfinished one is, with the prompt in the text or as the card's second link to the story.
        ("The council voted on Tuesday to rebuild the old harbour bridge after a long Read More", False, "read_more"),
        ("Der Rat hat am Dienstag beschlossen, die alte Hafenbrücke neu zu bauen, nachdem", True, "read_more"),
        ("The works will take eighteen months [...] Continue reading →", False, "read_more"),
        # A bare "more" ends sentences; only with an arrow, an ellipsis or brackets is it a prompt.
        ("Fans of the band say they want more", False, None),
    ],
)
def test_snippet_is_judged_by_its_own_text_not_the_read_more_prompt_after_it(snippet, more_link, expected):
    assert truncation_of(snippet, kind="snippet", followed_by_more_link=more_link) == expected


@pytest.mark.parametrize(
    ("snippet", "expected"),
    [
        # A date glued after a cut sentence does not make it complete, in any language or date format.
        ("Cover tender plants with fleece before the first frost and water them so the soil… Posted on April 8, 2021",
         "ellipsis"),
        ("Cover tender plants with fleece before the first frost and water them [...] 08.04.2021", "ellipsis"),
        ("Los jardineros cubren las plantas antes de la helada y riegan por la... 8 de abril de 2021", "ellipsis"),
        # A date after a complete sentence does not make it cut.
        ("Les jardiniers couvrent les plantes avant le gel. 8 avril 2021", None),
        ("Cover tender plants with fleece before the first frost. By Jane Doe | 2021-04-08", None),
        # A date that ends the snippet's own sentence stays its text.
        ("The festival will take place in the town square on April 8, 2021", None),
    ],
)
def test_a_date_after_a_snippet_is_furniture_not_its_ending(snippet, expected):
    assert truncation_of(snippet, kind="snippet") == expected
