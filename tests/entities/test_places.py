"""Gazetteer word forms: nationality and faith adjectives derived from place names (no model)."""

import pytest

from ingest.entities.places import is_demonym


@pytest.mark.parametrize("word", ["Kenyan", "Brazilian", "Japanese", "Israeli", "Swedish", "Turkish", "German",
                                  "Belgian", "Texan", "Australians", "French", "Dutch", "Muslim", "Chinese"])
def test_nationality_region_and_faith_adjectives_are_demonyms(word):
    assert is_demonym(word)


@pytest.mark.parametrize("word", ["Germany", "Kenya", "Jordan", "Chan", "Christian", "Florian", "Adrian", "Smith",
                                  "kenyan", "Bruins", "Paris"])
def test_places_names_and_lower_case_words_are_not(word):
    assert not is_demonym(word)
