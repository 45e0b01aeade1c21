"""Acceptance on the seed page: the people, places and outlet the issue names, with Putin's variants merged."""

import pytest

from ingest.entities import canonicalize, extract_mentions
from ingest.segment import segment_batch

PEOPLE = {"Vladimir Putin", "Alexander Lukashenko", "Valery Revenko", "Roman Kostenko", "Kenneth Yalowitz",
          "Viktor Khrenin", "Sviatlana Tsikhanouskaya"}
PLACES = {"Russia", "Belarus", "Ukraine", "Kyiv", "Poland"}


@pytest.fixture(scope="module")
def seed_article_entities(seed_text):
    page = segment_batch([{"page_id": "seed", "content_format": "text", "body": seed_text, "url": None}])[0]
    mentions = extract_mentions([("seed", "title", page["title"]), ("seed", "body", page["body"])])
    return canonicalize(mentions), page


def names_of(rows, entity_type):
    return {row["entity_name"] for row in rows if row["entity_type"] == entity_type}


def test_people_places_and_outlet(seed_article_entities):
    rows, _ = seed_article_entities
    assert PEOPLE <= names_of(rows, "PERSON")
    assert PLACES <= names_of(rows, "LOC")
    assert "The Daily Beast" in names_of(rows, "ORG")


def test_every_putin_variant_is_one_entity(seed_article_entities):
    rows, _ = seed_article_entities
    putin_ids = {row["entity_id"] for row in rows if "putin" in row["surface"].lower()}
    assert len(putin_ids) == 1
    assert sum(1 for row in rows if row["entity_name"] == "Vladimir Putin") >= 8


def test_offsets_point_at_the_surface(seed_article_entities):
    rows, page = seed_article_entities
    for row in rows:
        assert page[row["source"]][row["start_char"]:row["end_char"]] == row["surface"]
