"""Sphere's knowledge base: states, IGOs, armed groups, organisations, office holders, bases
and places, read from the data files in `kb/data/` (each fact with its `source`).

Any stage may read it (it depends on no stage). `load_kb()` builds it once per process.
The outlet registry (`kb.outlets`) lives here too and is maintained by the provenance stage.
"""

from __future__ import annotations

from functools import cache

from .knowledge import KnowledgeBase, SectorTerm, build_kb
from .loading import KBDataError
from .records import AliasTarget, Entity, Office, Person

__all__ = [
    "AliasTarget", "Entity", "KBDataError", "KnowledgeBase", "Office", "Person", "SectorTerm",
    "load_kb",
]


@cache
def load_kb() -> KnowledgeBase:
    """The knowledge base, built from the data files once per process."""
    return build_kb()
