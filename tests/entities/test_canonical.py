"""Canonicalisation rules: titles, possessives, quotes, surname joins, type voting and stable ids (no model)."""

from ingest.entities import canonicalize, entity_id_for
from ingest.entities.normalize import clean_surface, display_name, name_key, strip_titles


def mention(doc_id, surface, entity_type="PERSON", origin="model", start=0):
    return {"doc_id": doc_id, "source": "body", "start_char": start, "end_char": start + len(surface),
            "surface": surface, "entity_type": entity_type, "origin": origin}


def entities_of(rows):
    return {(row["entity_type"], row["entity_name"]) for row in rows}


def test_job_titles_are_stripped_but_name_forming_titles_stay():
    assert strip_titles("President Vladimir Putin") == "Vladimir Putin"
    assert strip_titles("Russian President Vladimir Putin") == "Vladimir Putin"
    assert strip_titles("Belarusian Defense Minister Viktor Khrenin") == "Viktor Khrenin"
    assert strip_titles("Colonel Roman Kostenko") == "Roman Kostenko"
    assert strip_titles("Prince Harry") == "Prince Harry"
    assert strip_titles("King Charles III") == "King Charles"
    assert strip_titles("Roman Kostenko") == "Roman Kostenko"


def test_possessives_quotes_and_spaces_do_not_change_the_key():
    variants = ["Putin’s", "Putin's", "“Putin”", "Putin,", " Putin ", "Putin\u2019"]
    assert {name_key(display_name(variant, "PERSON")) for variant in variants} == {"putin"}
    assert clean_surface("Vladimir\u00a0Putin") == "Vladimir Putin"
    assert clean_surface("U.S.") == "U.S."


def test_place_aliases_and_leading_article():
    assert display_name("U.S.", "LOC") == "United States"
    assert display_name("the United States", "LOC") == "United States"
    assert name_key("The Daily Beast") == name_key("Daily Beast")


def test_all_variants_of_a_name_in_one_article_become_one_entity():
    rows = canonicalize([
        mention("a", "Vladimir Putin"), mention("a", "President Vladimir Putin", start=40),
        mention("a", "Putin", start=90), mention("a", "Putin’s", start=120), mention("a", "Mr. Putin", start=150),
    ])
    assert {row["entity_id"] for row in rows} == {entity_id_for("PERSON", "vladimir putin")}
    assert entities_of(rows) == {("PERSON", "Vladimir Putin")}
    assert {row["alias"] for row in rows} == {"Vladimir Putin", "Putin"}


def test_a_surname_mistyped_by_the_model_joins_the_person_and_is_outvoted():
    rows = canonicalize([
        mention("a", "Viktor Khrenin"), mention("a", "Khrenin", "ORG", start=50),
        mention("a", "Khrenin", "ORG", start=80), mention("a", "Khrenin", start=99),
    ])
    assert entities_of(rows) == {("PERSON", "Viktor Khrenin")}


def test_an_ambiguous_surname_stays_alone_in_its_article():
    rows = canonicalize([
        mention("a", "Hunter Biden"), mention("a", "Joe Biden", start=30), mention("a", "Biden", start=60),
    ])
    assert entities_of(rows) == {("PERSON", "Hunter Biden"), ("PERSON", "Joe Biden"), ("PERSON", "Biden")}


def test_a_lone_surname_joins_the_one_full_name_the_corpus_knows():
    rows = canonicalize([mention("a", "Alexander Lukashenko"), mention("b", "Lukashenko")])
    assert {row["entity_name"] for row in rows} == {"Alexander Lukashenko"}
    assert len({row["entity_id"] for row in rows}) == 1


def test_same_name_and_type_share_an_id_across_articles_and_builds():
    first = canonicalize([mention("a", "Sviatlana Tsikhanouskaya")])
    second = canonicalize([mention("z", "Sviatlana Tsikhanouskaya", start=500), mention("y", "Kyiv", "LOC")])
    assert first[0]["entity_id"] == second[0]["entity_id"]


def test_gazetteer_votes_outweigh_a_single_model_guess():
    rows = canonicalize([
        mention("a", "Belarus", "LOC", "gazetteer"), mention("a", "Belarus", "ORG", start=30),
        mention("a", "Belarus", "PERSON", start=60),
    ])
    assert entities_of(rows) == {("LOC", "Belarus")}


def test_title_only_mentions_are_dropped_and_royal_first_names_join():
    rows = canonicalize([
        mention("a", "President"), mention("a", "Prince Harry", start=20), mention("a", "Harry", start=40),
    ])
    assert entities_of(rows) == {("PERSON", "Prince Harry")}
    assert len(rows) == 2


def test_a_counted_mention_stands_for_that_many_identical_mentions():
    repeated = [
        {"doc_id": "a", "surface": "Jordan", "entity_type": "LOC", "origin": "model"},
        {"doc_id": "a", "surface": "Jordan", "entity_type": "LOC", "origin": "model"},
        {"doc_id": "a", "surface": "Jordan", "entity_type": "LOC", "origin": "model"},
        {"doc_id": "b", "surface": "Jordan", "entity_type": "PERSON", "origin": "model"},
        {"doc_id": "b", "surface": "Jordan", "entity_type": "PERSON", "origin": "model"},
    ]
    counted = [{**repeated[0], "count": 3}, {**repeated[3], "count": 2}]
    expanded = [(row["doc_id"], row["entity_id"], row["entity_type"]) for row in canonicalize(repeated)]
    grouped = [(row["doc_id"], row["entity_id"], row["entity_type"]) for row in canonicalize(counted)]
    assert sorted(set(expanded)) == sorted(grouped)
    assert {entity_type for *_, entity_type in grouped} == {"LOC"}
