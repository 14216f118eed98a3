"""PLOVER's quad categories, read from a data file: the colour and group of each event type.

Verbal cooperation, material cooperation, verbal conflict, material conflict (PLOVER manual,
table 'Quad categories in PLOVER'). The timeline colours events by quad, TimelineJS groups them
by it, and PLOVER JSON records carry its number as `quad_code`.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

import yaml

from ..kb.loading import SAFE_LOADER

QUADS_FILE = Path(__file__).parent / "data" / "plover_quads.yaml"


@dataclass(frozen=True)
class Quad:
    code: int  # 1 verbal cooperation, 2 material cooperation, 3 verbal conflict, 4 material conflict
    name: str
    slug: str  # CSS class and JSON value: "verbal-cooperation", ...
    types: tuple[str, ...]


@cache
def load_quads() -> tuple[Quad, ...]:
    data = yaml.load(QUADS_FILE.read_text(encoding="utf-8"), Loader=SAFE_LOADER)  # libyaml when built
    return tuple(
        Quad(int(q["code"]), q["name"], q["slug"], tuple(q["types"])) for q in data["quads"]
    )


@cache
def quad_of(event_type: str | None) -> Quad | None:
    """The quad category of a PLOVER event type; None for an unknown type."""
    for quad in load_quads():
        if (event_type or "").upper() in quad.types:
            return quad
    return None
