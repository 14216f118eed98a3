"""The word lists the NLP rules read (`data/context_words.yaml`), loaded once per process.

    words("motion_verbs") -> frozenset[str]

Knowledge as data: which prepositions locate, which verbs move, which nouns govern. The rules
that use them (`context.py`, `resolve.py`, `ruler.py`) stay general; a list is extended by
editing the file, whose every list says what it is for and where it comes from.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

import yaml

from ..errors import ConfigError
from ..kb.loading import SAFE_LOADER

WORDS_FILE = Path(__file__).parent / "data" / "context_words.yaml"


@cache
def _lists() -> dict[str, frozenset[str]]:
    try:
        data = yaml.load(WORDS_FILE.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # libyaml when built
    except (OSError, yaml.YAMLError) as exc:
        raise ConfigError(f"{WORDS_FILE.name}: cannot read the NLP word lists: {' '.join(str(exc).split())}") from exc
    out = {}
    for name, entry in data.items():
        if name == "version":
            continue
        if not isinstance(entry, dict) or not entry.get("source") or not isinstance(entry.get("words"), list):
            raise ConfigError(f"{WORDS_FILE.name}: list {name!r} needs `words` (a list) and a `source`")
        out[name] = frozenset(str(w).lower() for w in entry["words"])
    return out


def words(name: str) -> frozenset[str]:
    """The word list called `name`; a missing list is a ConfigError naming the file."""
    lists = _lists()
    if name not in lists:
        raise ConfigError(f"{WORDS_FILE.name}: no word list {name!r} (lists: {', '.join(sorted(lists))})")
    return lists[name]
