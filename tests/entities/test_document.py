"""Document-level decisions on a hand-written sports report (real model): teams from score lines and context,
one type per name, repeated names, truecased headlines, no names on table headers."""

import re

import pytest

from ingest.entities import extract_mentions
from ingest.entities.document import apply_context, resolve_document, work_titles
from ingest.entities.rules import Span

REPORT = """SOCCER - LEEDS HOLD ARSENAL , PLYMOUTH BEATEN AT HOME .
LONDON 1996-12-07
Leeds held Arsenal to a 0-0 draw at Elland Road on Saturday while Exeter won 2-1 at Plymouth .
Defender John Smith scored twice against Liverpool , and Olympiakos ( Greece ) lost to Manchester United .
Results of English league matches on Saturday :
Plymouth 1 Exeter 2
Leeds 0 Arsenal 0
Standings :
W L T GF GA PTS
Arsenal 12 7 3 2 21 11 24
Leeds 12 6 4 2 18 10 22
Smith , who joined from Chelsea , said Liverpool were the better side .
"""


@pytest.fixture(scope="module")
def typed_mentions():
    mentions = extract_mentions([("report", "body", REPORT)])
    for mention in mentions:
        assert REPORT[mention["start_char"]:mention["end_char"]] == mention["surface"]
    return [(mention["surface"], mention["entity_type"]) for mention in mentions]


def test_clubs_named_after_cities_are_organisations_everywhere_in_the_document(typed_mentions):
    for club in ("Leeds", "LEEDS", "Plymouth", "PLYMOUTH", "Exeter", "Liverpool", "Arsenal"):
        assert (club, "ORG") in typed_mentions
        assert (club, "LOC") not in typed_mentions
    assert typed_mentions.count(("Leeds", "ORG")) == 3


def test_dateline_place_kept_and_spans_tight(typed_mentions):
    assert ("LONDON", "LOC") in typed_mentions
    assert ("John Smith", "PERSON") in typed_mentions
    assert ("Olympiakos", "ORG") in typed_mentions and ("Greece", "LOC") in typed_mentions
    assert ("Smith", "PERSON") in typed_mentions


def test_no_names_on_header_lines(typed_mentions):
    surfaces = {surface for surface, _ in typed_mentions}
    assert not surfaces & {"W", "L", "T", "GF", "GA", "PTS", "W L T GF GA PTS"}


def test_context_keeps_national_sides_as_places_and_people_as_people():
    text = "Japan 2 Syria 1\nPeter Kelly 3 Tom Ross 1"
    spans = [Span(0, 5, "LOC", "model", "GPE"), Span(16, 27, "PERSON", "model", "PERSON")]
    result = {(text[span.start:span.end], span.entity_type) for span in apply_context(text, spans, sporty=False)}
    assert {("Japan", "LOC"), ("Syria", "LOC"), ("Peter Kelly", "PERSON")} <= result
    assert ("Tom Ross", "ORG") in result


def test_a_place_beaten_in_a_sports_document_is_a_team_but_not_elsewhere():
    text = "Plymouth beat Hull at home."
    spans = [Span(0, 8, "LOC", "model", "GPE")]
    assert apply_context(text, [Span(0, 8, "LOC", "model", "GPE")], sporty=True)[0].entity_type == "ORG"
    assert apply_context(text, spans, sporty=False)[0].entity_type == "LOC"


def test_a_name_described_as_a_village_or_after_the_town_of_is_a_place():
    text = "Atwick is a small village near the coast. Trains ran to the town of Bridgton every day."
    spans = [Span(0, 6, "PERSON", "model", "PERSON"), Span(text.index("Bridgton"), text.index("Bridgton") + 8, "ORG", "model", "ORG")]
    result = [(text[span.start:span.end], span.entity_type) for span in apply_context(text, spans, sporty=False)]
    assert result == [("Atwick", "LOC"), ("Bridgton", "LOC")]


def test_a_title_quoted_or_named_after_a_work_noun_is_a_work_everywhere_in_the_document():
    texts = ['Their second album " A Beautiful Lie " sold well. She adopted the name " Dorothea " later.',
             "A Beautiful Lie was certified platinum, and the novel Florentin followed."]
    assert work_titles(texts) == {"beautiful lie", "florentin"}
    text = texts[1]
    spans = [[], [Span(2, 15, "PERSON", "model", "PERSON"), Span(text.index("Florentin"), text.index("Florentin") + 9,
                                                                  "PERSON", "model", "PERSON")]]
    resolved = resolve_document(texts, texts, spans, frozenset())
    assert resolved == [[], []]


def test_a_capitalised_phrase_the_document_also_writes_in_lower_case_is_no_name_but_a_surname_stays():
    texts = ["He was Writing Fellow at Leicester. John Major spoke. Major said the writing fellow role was a major one."]
    text = texts[0]
    spans = [Span(7, 21, "PERSON", "model", "PERSON"), Span(25, 34, "LOC", "model", "GPE"),
             Span(text.index("John Major"), text.index("John Major") + 10, "PERSON", "model", "PERSON"),
             Span(text.index("Major said"), text.index("Major said") + 5, "PERSON", "model", "PERSON")]
    lowercase = frozenset(word for word in text.replace(".", "").split() if word.islower())
    resolved = resolve_document(texts, texts, [spans], lowercase)[0]
    assert [(text[span.start:span.end], span.entity_type) for span in resolved] == [
        ("Leicester", "LOC"), ("John Major", "PERSON"), ("Major", "PERSON"),
    ]


def test_a_person_after_a_lower_case_the_is_dropped_unless_a_surname_of_the_document():
    texts = ["Bill Clinton flew over the Danube, and under the Clinton administration the Azna met."]
    text = texts[0]
    spans = [Span(text.index(name), text.index(name) + len(name), "PERSON", "model", "PERSON")
             for name in ("Bill Clinton", "Danube", "Clinton administration", "Azna")]
    spans[2].end = spans[2].start + len("Clinton")
    resolved = resolve_document(texts, texts, [spans], frozenset({"flew", "over", "under", "administration", "and", "met"}))[0]
    assert [text[span.start:span.end] for span in resolved] == ["Bill Clinton", "Clinton"]


def test_organisations_named_with_ordinary_words_survive_the_common_phrase_filter():
    """Institutions are named with ordinary words ('Union State', 'Labour'): ORG spans are never filtered."""
    texts = ["Labour and the Labour Party said labour costs rose as the party met."]
    text = texts[0]
    spans = [Span(0, 6, "ORG", "model", "ORG"), Span(15, 27, "ORG", "model", "ORG")]
    resolved = resolve_document(texts, texts, [spans], frozenset({"labour", "costs", "rose", "party", "met", "said"}))[0]
    assert [text[span.start:span.end] for span in resolved] == ["Labour", "Labour Party"]


def test_a_plural_name_after_the_that_also_ends_a_longer_name_is_a_team_everywhere():
    texts = ["He joined the Boston Bruins in 1935. The Bruins won, and the Bruins' coach praised the Goths."]
    text = texts[0]
    spans = [Span(text.index("Boston Bruins"), text.index("Boston Bruins") + 13, "PERSON", "model", "PERSON"),
             Span(text.index("Bruins won"), text.index("Bruins won") + 6, "PERSON", "model", "PERSON"),
             Span(text.index("Bruins'"), text.index("Bruins'") + 6, "PERSON", "model", "PERSON"),
             Span(text.index("Goths"), text.index("Goths") + 5, "PERSON", "model", "PERSON")]
    resolved = resolve_document(texts, texts, [spans], frozenset({"joined", "won", "and", "coach", "praised"}))[0]
    assert [(text[span.start:span.end], span.entity_type) for span in resolved] == [
        ("Boston Bruins", "ORG"), ("Bruins", "ORG"), ("Bruins", "ORG"),
    ]


def test_a_known_town_after_to_or_from_is_a_place_unless_the_document_votes_for_a_person():
    texts = ["Trains ran from Bridgton to Harrison daily; Harrison grew. Troops went to Belgrano, and Belgrano said "
             "Belgrano would hold; Belgrano's army waited."]
    text = texts[0]
    starts = [match.start() for match in re.finditer(r"Harrison|Belgrano", text)]
    spans = [Span(start, start + 8, "PERSON", "model", "PERSON") for start in starts]
    resolved = resolve_document(texts, texts, [spans], frozenset({"trains", "ran", "daily", "grew", "said"}))[0]
    assert [(text[span.start:span.end], span.entity_type) for span in resolved] == [
        ("Harrison", "LOC"), ("Harrison", "LOC"), ("Belgrano", "PERSON"), ("Belgrano", "PERSON"),
        ("Belgrano", "PERSON"), ("Belgrano", "PERSON"),
    ]


TRANSFER_NEWS = """Chelsea sign striker from Porto .
LONDON 1996-12-08
Chelsea have signed the Portuguese striker Jorge Costa from Porto for five million pounds , the club said on Sunday .
Costa , 25 , joined Porto in 1992 and scored 40 goals for them .
Boeing and Microsoft shares rose in New York , while Labour said the Labour Party would oppose the deal .
"""


def test_one_word_clubs_and_companies_of_news_keep_their_organisation_type():
    """No result in the text, so no sports context: the one-word ORG evidence must still leave clubs, companies
    and parties alone (no person, list or town evidence against them)."""
    mentions = extract_mentions([("n", "body", TRANSFER_NEWS)])
    typed = {(mention["surface"], mention["entity_type"]) for mention in mentions}
    organisations = {"Chelsea", "Boeing", "Microsoft", "Labour", "Labour Party"}
    assert {(name, "ORG") for name in organisations} <= typed
    assert ("Jorge Costa", "PERSON") in typed


def _spans(text: str, names: list[tuple[str, str]]) -> list[Span]:
    spans, position = [], 0
    for name, entity_type in names:
        start = text.index(name, position)
        spans.append(Span(start, start + len(name), entity_type, "model", entity_type))
        position = start + len(name)
    return spans


def _resolved(text: str, names: list[tuple[str, str]], lowercase=frozenset()) -> list[tuple[str, str]]:
    resolved = resolve_document([text], [text], [_spans(text, names)], lowercase)[0]
    return [(text[span.start:span.end], span.entity_type) for span in resolved]


def test_a_one_word_organisation_guess_follows_the_people_and_lists_of_the_document():
    text = "Luigi Caloi founded the firm. His sons Guido , Henrique and Jose Pedro ran it with Siemens ."
    names = [("Luigi Caloi", "PERSON"), ("Guido", "ORG"), ("Henrique", "ORG"), ("Jose Pedro", "PERSON"),
             ("Siemens", "ORG")]
    assert _resolved(text, names) == [("Luigi Caloi", "PERSON"), ("Guido", "PERSON"), ("Henrique", "PERSON"),
                                      ("Jose Pedro", "PERSON"), ("Siemens", "ORG")]
    text = "Later Luigi left, and Caloi and Monark merged."
    assert _resolved("Luigi Caloi spoke. " + text, [("Luigi Caloi", "PERSON"), ("Luigi", "ORG"), ("Caloi", "ORG"),
                                                     ("Monark", "ORG")])[1] == ("Luigi", "PERSON")


def test_a_known_town_guessed_as_organisation_is_a_place_except_in_a_results_report():
    text = "He grew up near Ancaster and in Grantham before joining Boeing ."
    assert _resolved(text, [("Ancaster", "ORG"), ("Grantham", "ORG"), ("Boeing", "ORG")]) == [
        ("Ancaster", "LOC"), ("Grantham", "LOC"), ("Boeing", "ORG")]
    report = "Exeter won 2-1 in Plymouth , and Grantham lost at Halifax ."
    assert _resolved(report, [("Exeter", "ORG"), ("Plymouth", "ORG"), ("Grantham", "ORG"), ("Halifax", "ORG")]) == [
        ("Exeter", "ORG"), ("Plymouth", "ORG"), ("Grantham", "ORG"), ("Halifax", "ORG")]


def test_a_name_the_text_defines_as_a_convention_people_or_work_is_dropped_everywhere():
    text = ("BayCon is a large convention held in San Jose . The Cagots were a discriminated minority . "
            "Bullocks to Stan is an episode in which Stan fights . Microsoft , a software company , paid BayCon .")
    names = [("BayCon", "ORG"), ("San Jose", "LOC"), ("Cagots", "ORG"), ("Stan", "PERSON"), ("Stan", "PERSON"),
             ("Microsoft", "ORG"), ("BayCon", "ORG")]
    assert _resolved(text, names) == [("San Jose", "LOC"), ("Stan", "PERSON"), ("Stan", "PERSON"), ("Microsoft", "ORG")]


def test_a_lone_word_person_listed_only_with_places_is_a_place_but_not_in_a_results_report():
    text = "Other spellings are Haydor , Haydour and Heydor , while Tom Ross wrote of Ross and Gascony ."
    names = [("Haydor", "LOC"), ("Haydour", "PERSON"), ("Heydor", "LOC"), ("Tom Ross", "PERSON"), ("Ross", "PERSON"),
             ("Gascony", "LOC")]
    assert _resolved(text, names) == [("Haydor", "LOC"), ("Haydour", "LOC"), ("Heydor", "LOC"),
                                      ("Tom Ross", "PERSON"), ("Ross", "PERSON"), ("Gascony", "LOC")]
    assert _resolved(text + " They won 2-1 .", names)[1] == ("Haydour", "PERSON")
