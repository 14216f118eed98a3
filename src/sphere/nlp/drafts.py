"""A resolved name before it becomes a Mention: token offsets in its unit's Doc, and the pick
of non-overlapping drafts among those the rules propose."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class Draft:
    start: int  # token indices in the unit's Doc
    end: int
    code: str | None
    kind: str
    sector: str | None = None
    identifier: str | None = None
    label: str | None = None
    note: str | None = None  # "former president (left office ...)"

    @property
    def resolved(self) -> bool:
        return self.code is not None


def select(drafts: list[Draft]) -> list[Draft]:
    """Non-overlapping drafts: resolved before unresolved, then longer before shorter."""
    ranked = sorted(drafts, key=lambda d: (not d.resolved, -(d.end - d.start), d.start))
    taken: list[Draft] = []
    used: set[int] = set()
    for d in ranked:
        tokens = set(range(d.start, d.end))
        if tokens & used:
            continue
        used |= tokens
        taken.append(d)
    return sorted(taken, key=lambda d: d.start)
