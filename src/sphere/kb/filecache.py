"""A disk cache for what the knowledge base builds from its data files (the KB itself, the
gazetteer's city table), so that a process starting up reads one pickle instead of parsing the
YAML files and GeoNames' 17 MB of JSON again (the fork server of every `sphere ingest` did: about
1 CPU second of the 2 cores a run has).

The cache is never required and never trusted blindly:
- each file is named by a digest of everything the value is built from: the contents of the
  data files and of the code that builds it, the versions and file stats of the third-party
  packages whose data it reads, and Python's version; so a changed input is a new name (the
  newest few files of each name are kept, older ones removed when a new one is written);
- a file that cannot be read or unpickled, or holds something of the wrong type, is rebuilt;
- a cache directory that cannot be written is ignored (the value is built, as without a cache).

Where: `$SPHERE_CACHE_DIR`, else `$XDG_CACHE_HOME/sphere`, else `~/.cache/sphere`;
`SPHERE_NO_CACHE=1` turns it off.
"""

from __future__ import annotations

import gc
import hashlib
import importlib.util
import os
import pickle
import sys
import tempfile
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")
# files kept per name: a few versions of Sphere side by side (two work trees, an upgrade) each
# find theirs, instead of each removing the other's and rebuilding on every run
KEEP_VERSIONS = 4


@contextmanager
def collector_paused() -> Iterator[None]:
    """The cyclic garbage collector off while a large structure is built or unpickled: the
    hundreds of thousands of objects it allocates would trigger full passes over every object
    already loaded (the alternate-name index: 1.2 s with it on beside the English pipeline, 0.5 s
    off)."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def cache_dir() -> Path | None:
    """The directory of Sphere's cache files, or None when caching is turned off."""
    if os.environ.get("SPHERE_NO_CACHE", "").strip() not in ("", "0"):
        return None
    chosen = os.environ.get("SPHERE_CACHE_DIR", "").strip()
    if chosen:
        return Path(chosen)
    base = os.environ.get("XDG_CACHE_HOME", "").strip()
    return (Path(base) if base else Path.home() / ".cache") / "sphere"


def package_files(package: str, *names: str) -> list[Path]:
    """Files of an installed package, found without importing it (importing pycountry alone
    costs 40 ms): its `__init__.py` (where a version lives) and the named data files."""
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError(f"no package {package!r}")
    here = Path(next(iter(spec.submodule_search_locations)))
    return [here / "__init__.py", *(here / name for name in names)]


def fingerprint(contents: Iterable[Path], stats: Iterable[Path] = (), versions: Iterable[str] = ()) -> str:
    """A digest of the files' contents, the other files' sizes and modification times (large
    package data: reading 17 MB to hash it would cost what the cache saves) and the versions."""
    digest = hashlib.blake2b(digest_size=12)
    digest.update(f"{sys.version}\0{pickle.HIGHEST_PROTOCOL}\0".encode())
    for path in contents:
        digest.update(f"{path.name}\0".encode())
        digest.update(path.read_bytes())
    for path in stats:
        st = path.stat()
        digest.update(f"\0{path}\0{st.st_size}\0{st.st_mtime_ns}".encode())
    for version in versions:
        digest.update(f"\0{version}".encode())
    return digest.hexdigest()


def cached(name: str, key: str, kind: type[T], build: Callable[[], T]) -> T:
    """The value cached under `name` for inputs digested as `key`; else `build()`, stored for
    the next process when the cache directory can be written."""
    directory = cache_dir()
    if directory is None:
        return build()
    path = directory / f"{name}-{key}.pickle"
    try:
        with path.open("rb") as file, collector_paused():
            value = pickle.load(file)
        if isinstance(value, kind):
            return value
    except Exception:  # noqa: BLE001, S110 - missing, unreadable or from another build: rebuilt
        pass
    value = build()
    _store(directory, name, path, value)
    return value


def _store(directory: Path, name: str, path: Path, value: object) -> None:
    """Write `value` atomically (a temporary file renamed), then remove `name`'s older files
    past the newest KEEP_VERSIONS."""
    try:
        directory.mkdir(mode=0o700, parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=directory, prefix=f".{name}-", delete=False) as file:
            temporary = Path(file.name)
            try:
                pickle.dump(value, file, protocol=pickle.HIGHEST_PROTOCOL)
            except BaseException:
                file.close()
                temporary.unlink(missing_ok=True)
                raise
        os.replace(temporary, path)
    except Exception:  # noqa: BLE001 - a cache that cannot be written is no cache, not an error
        return
    for old in _by_age(directory.glob(f"{name}-*.pickle"))[KEEP_VERSIONS:]:
        with suppress(OSError):
            old.unlink()


def _by_age(paths: Iterable[Path]) -> list[Path]:
    """Newest first (a file removed meanwhile counts as oldest)."""
    def mtime(path: Path) -> float:
        try:
            return path.stat().st_mtime
        except OSError:
            return 0.0

    return sorted(paths, key=mtime, reverse=True)
