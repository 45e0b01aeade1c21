"""The rule layer on hand-made model spans: outlets, places, titled names, label mapping (no model)."""

from ingest.entities.recase import document_casings, lowercase_vocabulary, recase_headlines
from ingest.entities.rules import refine


def typed(text, model_spans):
    model_text = recase_headlines(text, lowercase_vocabulary([text]), document_casings([text]))
    return [(text[span.start:span.end], span.entity_type, span.origin) for span in refine(text, model_spans, model_text)]


def test_outlet_typed_as_work_of_art_becomes_org():
    text = "Yalowitz told The Daily Beast on Monday."
    assert ("The Daily Beast", "ORG", "gazetteer") in typed(text, [(14, 29, "WORK_OF_ART")])


def test_missing_capital_is_added_and_country_typed_as_person_is_retyped():
    text = "Belarus helped Russia seize Kyiv early this year."
    result = typed(text, [(0, 7, "PERSON"), (15, 21, "GPE")])
    assert ("Kyiv", "LOC", "gazetteer") in result
    assert ("Belarus", "LOC", "gazetteer") in result
    assert ("Russia", "LOC", "model") in result


def test_place_names_that_are_also_given_names_stay_people():
    text = "Jordan said the vote was close."
    assert typed(text, [(0, 6, "PERSON")]) == [("Jordan", "PERSON", "model")]


def test_possessive_and_leading_article_are_trimmed_from_offsets():
    text = "Putin’s plan worried the Belarusian Defense Ministry."
    assert typed(text, [(0, 7, "PERSON"), (21, 52, "ORG")]) == [
        ("Putin", "PERSON", "model"), ("Belarusian Defense Ministry", "ORG", "model")
    ]


def test_name_title_joins_the_person_and_job_title_marks_an_unlabelled_name():
    text = "Prince Harry met Senator Jane Doakes in London."
    result = typed(text, [(7, 12, "PERSON"), (40, 46, "GPE")])
    assert ("Prince Harry", "PERSON", "rule") in result
    assert ("Jane Doakes", "PERSON", "rule") in result


def test_non_name_labels_are_dropped_and_shouted_words_ignored():
    text = "DEADLY CRASH: Russians mourn."
    assert typed(text, [(0, 6, "ORG"), (14, 22, "NORP")]) == []


def test_spans_are_cut_at_brackets_and_commas_and_lose_roles_and_articles():
    text = "Olympiakos ( Greece ) signed Defender Hassan Abbas near Grantham, Lincolnshire and the Illinois city."
    spans = [("Olympiakos ( Greece", "ORG"), ("Defender Hassan Abbas", "PERSON"), ("Grantham, Lincolnshire", "ORG"),
             ("the Illinois city", "GPE")]
    result = typed(text, [(text.index(surface), text.index(surface) + len(surface), label) for surface, label in spans])
    assert result == [
        ("Olympiakos", "ORG", "model"), ("Greece", "LOC", "gazetteer"), ("Hassan Abbas", "PERSON", "model"),
        ("Grantham", "ORG", "model"), ("Lincolnshire", "ORG", "model"), ("Illinois", "LOC", "model"),
    ]


def test_shouted_dateline_and_headline_words_are_read_truecased():
    text = "LONDON 1996-12-06\nSOCCER - JAPAN GET LUCKY WIN ."
    model_text = recase_headlines(text, lowercase_vocabulary([text]), document_casings([text]))
    assert model_text == "London 1996-12-06\nsoccer - Japan get lucky win ."
    assert typed(text, [(0, 6, "GPE"), (27, 32, "GPE"), (37, 42, "ORG")]) == [("LONDON", "LOC", "model"), ("JAPAN", "LOC", "model")]


def test_places_inside_longer_names_are_not_added_and_capital_the_mid_sentence_stays():
    text = "He joined Perth Glory and later studied at The University of Texas in Perth."
    start = text.index("The University")
    result = typed(text, [(start, start + len("The University of Texas"), "ORG")])
    assert result == [("The University of Texas", "ORG", "model"), ("Perth", "LOC", "gazetteer")]


def test_lower_case_names_survive_and_quoted_titles_are_dropped():
    text = 'The 139th fought on. Their album " A Beautiful Lie " sold well.'
    start = text.index("Beautiful")
    assert typed(text, [(4, 9, "ORG"), (start - 2, start + 14, "PERSON")]) == [("139th", "ORG", "model")]


def test_datelines_are_places_acronyms_stay_and_dates_leave_spans():
    text = "RIO DE JANEIRO 1996-12-06\nBASKETBALL - NBA RESULTS .\nWELLINGTON 1996-12-06"
    model_text = recase_headlines(text, lowercase_vocabulary([text]), document_casings([text]))
    assert model_text == "Rio De Janeiro 1996-12-06\nbasketball - NBA results .\nWellington 1996-12-06"
    start = text.index("WELLINGTON")
    assert typed(text, [(start, start + 21, "GPE")]) == [("WELLINGTON", "LOC", "model")]


def test_head_noun_types_a_multi_word_name_and_a_lone_head_noun_is_no_name():
    text = "They walked from Lincoln Reservoir Park to Bishop Garrigan High School; the Party met at Nagle Place."
    spans = [("Lincoln Reservoir Park", "PERSON"), ("Bishop Garrigan High School", "PERSON"), ("Party", "ORG"),
             ("Nagle Place", "PERSON")]
    result = typed(text, [(text.index(surface), text.index(surface) + len(surface), label) for surface, label in spans])
    assert result == [
        ("Lincoln Reservoir Park", "LOC", "rule"), ("Bishop Garrigan High School", "ORG", "rule"),
        ("Nagle Place", "LOC", "rule"),
    ]


def test_events_named_before_of_products_with_codes_and_works_after_a_work_noun_are_dropped():
    text = ("At the Battle of Gettysburg the wing flew the F-86 Sabre and the EF-111 Raven; "
            "the band's second album A Beautiful Lie sold well, and Jared Leto sang.")
    spans = [("Battle of Gettysburg", "GPE"), ("F-86 Sabre", "PERSON"), ("Raven", "PERSON"),
             ("Beautiful Lie", "PERSON"), ("Jared Leto", "PERSON")]
    result = typed(text, [(text.index(surface), text.index(surface) + len(surface), label) for surface, label in spans])
    assert result == [("Jared Leto", "PERSON", "model")]


def test_a_lower_case_common_word_is_no_name():
    text = "He played keyboard in the bush band, the 139th regiment's."
    spans = [("keyboard", "PERSON"), ("bush", "PERSON"), ("139th", "ORG")]
    result = typed(text, [(text.index(surface), text.index(surface) + len(surface), label) for surface, label in spans])
    assert result == [("139th", "ORG", "model")]


def test_a_lone_head_noun_that_names_one_body_stays_and_club_suffixes_make_organisations():
    text = "The Army said Sunderland A.F.C. signed him."
    spans = [("Army", "ORG"), ("Sunderland A.F.C.", "LOC")]
    result = typed(text, [(text.index(surface), text.index(surface) + len(surface), label) for surface, label in spans])
    assert result == [("Army", "ORG", "model"), ("Sunderland A.F.C.", "ORG", "rule")]


def test_a_name_after_an_organisation_noun_is_an_organisation_and_a_head_noun_beats_a_name_title():
    text = "He sang with the metal band Van Canto, then worked for King County."
    spans = [("Van Canto", "PERSON"), ("King County", "PERSON")]
    result = typed(text, [(text.index(surface), text.index(surface) + len(surface), label) for surface, label in spans])
    assert result == [("Van Canto", "ORG", "rule"), ("King County", "LOC", "rule")]


def test_event_period_and_competition_heads_drop_names_of_two_or_more_words_only():
    text = "After the Middle Ages and two Stanley Cups, the Treaty of Versailles met the Kentucky Derby in Derby."
    spans = [("Middle Ages", "LOC"), ("Stanley Cups", "ORG"), ("Treaty of Versailles", "GPE"), ("Kentucky Derby", "GPE"),
             ("Derby", "GPE")]
    result = typed(text, [(text.rindex(surface), text.rindex(surface) + len(surface), label) for surface, label in spans])
    assert result == [("Derby", "LOC", "model")]


def test_nationality_before_a_person_is_cut_and_a_nationality_alone_is_no_name():
    text = "Kenyan Paul Tergat beat the Germans and Brazilian Ronaldo in Nairobi."
    spans = [("Kenyan Paul Tergat", "PERSON"), ("Germans", "ORG"), ("Brazilian Ronaldo", "PERSON"), ("Nairobi", "GPE")]
    result = typed(text, [(text.index(surface), text.index(surface) + len(surface), label) for surface, label in spans])
    assert result == [("Paul Tergat", "PERSON", "model"), ("Ronaldo", "PERSON", "model"), ("Nairobi", "LOC", "model")]


def test_two_places_joined_by_and_are_two_names_but_one_name_with_and_stays_whole():
    text = "Troops left Angola and Mozambique; Procter & Gamble sold soap in Bosnia and Herzegovina."
    spans = [("Angola and Mozambique", "GPE"), ("Procter & Gamble", "ORG"), ("Bosnia and Herzegovina", "GPE")]
    result = typed(text, [(text.index(surface), text.index(surface) + len(surface), label) for surface, label in spans])
    assert result == [
        ("Angola", "LOC", "gazetteer"), ("Mozambique", "LOC", "gazetteer"), ("Procter & Gamble", "ORG", "model"),
        ("Bosnia and Herzegovina", "LOC", "model"),
    ]
