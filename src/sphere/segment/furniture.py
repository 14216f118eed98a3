"""Furniture inside units: lines between a unit's first and last line that belong to no unit.

A unit is one span of the document's text, so its offsets stay simple and exact, and it never
starts or ends with furniture (`spans.trimmed`). Between its first and last line, though, a
copied page often holds lines a reader skips: a subscription prompt between two paragraphs, a
view counter, share buttons, a photo caption printed twice (once as the caption, once as its
alt text), a teaser repeating a headline of the page's "related" box. Those lines are
boilerplate, and boilerplate belongs to no unit: what reads a unit (the NLP stage, `sphere
units`) leaves them out, while every offset stays the document's.

    furniture_spans(text, units) -> {unit_id: ((start, end), ...)}  document offsets, in order
    masked(text, start, end, spans) -> str     the unit's text, furniture blanked (same length)
    without_furniture(text, start, end, spans) -> str   the unit's text, furniture lines dropped

A line inside a unit is furniture when
- its class is page furniture (`spans.FURNITURE`: boiler, url, reply, signature, ...), or
- it repeats word for word a line earlier in the same unit (four words or more), or
- it is a short line that is not prose and repeats a line outside every unit (three words or
  more): a headline of the page's own lists, shown again inside the article.
The classes are those the segmenter gave the lines, so the spans follow the segmenter's version.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

from ..types import Unit
from .lines import Line, split_lines
from .spans import FURNITURE

Span = tuple[int, int]
MIN_REPEAT_WORDS = 4  # a repeated line this long is a copy, not a coincidence ("I agree.")
MIN_TEASER_WORDS = 3
TEXT_KINDS = frozenset({"title", "name", "other", "tags"})  # short text lines (not prose)


def _key(text: str) -> str:
    return " ".join(text.split()).casefold()


def _inside(line: Line, unit: Unit) -> bool:
    return unit.start <= line.start and line.end <= unit.end and line.kind != "blank"


def unit_furniture(lines: Sequence[Line], outside: frozenset[str]) -> list[Span]:
    """Furniture spans among the lines of one unit (`outside`: keys of lines in no unit)."""
    seen: set[str] = set()
    found: list[Span] = []
    for line in lines:
        key = _key(line.text)
        words = len(key.split())
        if (
            line.kind in FURNITURE
            or (key in seen and words >= MIN_REPEAT_WORDS)
            or (line.kind in TEXT_KINDS and words >= MIN_TEASER_WORDS and key in outside)
        ):
            found.append((line.start, line.end))
        seen.add(key)
    return found


def furniture_spans(text: str, units: Iterable[Unit], lines: Sequence[Line] | None = None) -> dict[str, tuple[Span, ...]]:
    """The furniture lines inside each unit, as document offsets (units without any are left
    out). `lines` are the document's classified lines when the caller has them."""
    units = list(units)
    lines = split_lines(text) if lines is None else lines
    by_unit: dict[str, list[Line]] = {u.unit_id: [] for u in units}
    outside: set[str] = set()
    spans = sorted(units, key=lambda u: u.start)
    k = 0
    for line in lines:  # lines and units are both in text order: one pass
        if line.kind == "blank":
            continue
        while k < len(spans) and spans[k].end < line.end:
            k += 1
        unit = spans[k] if k < len(spans) else None
        if unit is not None and _inside(line, unit):
            by_unit[unit.unit_id].append(line)
        else:
            outside.add(_key(line.text))
    frozen = frozenset(outside)
    out = {}
    for uid, unit_lines in by_unit.items():
        found = unit_furniture(unit_lines, frozen)
        if found:
            out[uid] = tuple(found)
    return out


def masked(text: str, start: int, end: int, spans: Iterable[Span]) -> str:
    """text[start:end] with each furniture span blanked (spaces), newlines and length kept."""
    chars = list(text[start:end])
    for s, e in spans:
        for i in range(max(s, start) - start, min(e, end) - start):
            if chars[i] != "\n":
                chars[i] = " "
    return "".join(chars)


def without_furniture(text: str, start: int, end: int, spans: Iterable[Span]) -> str:
    """text[start:end] without its furniture lines (and the line breaks after them)."""
    out, pos = [], start
    for s, e in sorted(spans):
        if s < pos or e > end:
            continue
        out.append(text[pos:s])
        pos = e + 1 if e < end and text[e] == "\n" else e
    out.append(text[pos:end])
    return "".join(out).rstrip()
