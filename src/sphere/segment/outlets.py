"""Canonical outlets through the outlet registry (`sphere.kb.outlets`), when it is installed.

The registry maps a URL's domain, a name or an alias to one outlet (id, canonical name). An
outlet it does not know keeps the name the document gives and is stored as seen, unknown: no
name is ever made up from a domain.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache


@dataclass(frozen=True)
class OutletRef:
    name: str
    id: str | None  # the registry's id; None for an outlet the registry does not know


@lru_cache(maxsize=4096)
def _registry_lookup(url: str | None, name: str | None, text: str | None):
    try:
        from ..kb.outlets import find_outlet
    except ImportError:
        return None
    try:
        return find_outlet(url=url, name=name, text=text)
    except Exception:  # a registry bug must not stop segmentation
        return None


def lookup_outlet(url: str | None = None, name: str | None = None, text: str | None = None) -> OutletRef | None:
    """The registry's outlet for these cues, else the given name as an unknown outlet."""
    found = _registry_lookup(url or None, name or None, text or None) if (url or name or text) else None
    if found is not None:
        return OutletRef(found.name, found.id)
    if name and name.strip():
        return OutletRef(name.strip(), None)
    return None
