"""PLOVER contexts ("what about": military, terrorism, economic, ...) from the evidence words.

PLOVER codes context at sentence or paragraph level; Sphere uses the words of the evidence
sentence (`data/contexts.yaml`, one word list per context with its source) plus the contexts
the lexicon entry implies, and a per-type default when nothing matched.
"""

from __future__ import annotations

from functools import cache
from importlib import resources

import yaml

from ..errors import ConfigError
from ..kb.loading import SAFE_LOADER


@cache
def load_contexts() -> tuple[dict[str, frozenset[str]], dict[str, tuple[str, ...]]]:
    ref = resources.files("sphere.events") / "data" / "contexts.yaml"
    with resources.as_file(ref) as path:
        try:
            data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
            words = {name: frozenset(w.lower() for w in spec["words"]) for name, spec in data["contexts"].items()}
            defaults = {k: tuple(v) for k, v in (data.get("default") or {}).items()}
        except (OSError, yaml.YAMLError, KeyError, TypeError, AttributeError) as exc:
            raise ConfigError(f"{path}: bad contexts file: {exc}") from exc
    return words, defaults


def contexts_of(lemmas: set[str], event_type: str, implied: tuple[str, ...] = ()) -> tuple[str, ...]:
    """Contexts of an event whose evidence has these lemmas (lower case)."""
    words, defaults = load_contexts()
    found = list(implied)
    for name, vocab in words.items():
        if name not in found and lemmas & vocab:
            found.append(name)
    if not found:
        found = list(defaults.get(event_type, ()))
    return tuple(found)
