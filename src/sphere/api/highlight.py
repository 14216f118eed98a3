"""Cutting a document's text into pieces for the reader: units, mentions, evidence, copies.

The reader shows the text with entity mentions, event sentences and reused passages marked.
Those spans overlap freely (a mention inside an evidence sentence inside a copied passage), so
the text is cut at every span boundary into segments, each knowing which spans cover it. The
template prints each segment's text through Jinja's autoescape: markup is only ever made of
these segments, never of the document's own characters, so hostile text stays text.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from ..export.quads import quad_of
from ..store.reader import DocumentView, EvidenceSpan, MentionSpan, ReuseSpan
from ..types import Unit


@dataclass(frozen=True)
class Segment:
    start: int
    end: int
    text: str
    mentions: tuple[MentionSpan, ...] = ()
    evidence: tuple[EvidenceSpan, ...] = ()
    reuse: tuple[ReuseSpan, ...] = ()
    anchors: tuple[str, ...] = ()  # element ids to place before it: "o-<offset>"
    reuse_starts: tuple[ReuseSpan, ...] = ()  # shared passages starting here (a link is shown)

    @property
    def mention_code(self) -> str | None:
        codes = [m.code for m in self.mentions if m.code]
        return codes[0] if codes else None

    @property
    def classes(self) -> str:
        names = []
        if self.mentions:
            names.append("mention")
            names.extend(f"kind-{m.kind}" for m in self.mentions[:1])
        if self.evidence:
            names.append("evidence")
            quad = quad_of(self.evidence[0].event_type)
            if quad:
                names.append(f"quad-{quad.slug}")
        if any(r.role == "copy" for r in self.reuse):
            names.append("reused")
        if any(r.role == "original" for r in self.reuse):
            names.append("copied-by-others")
        return " ".join(names)

    @property
    def title(self) -> str:
        parts = [f"{m.code or 'unresolved'} ({m.kind})" for m in self.mentions]
        parts += [f"{e.event_type} {e.date or ''}".strip() for e in self.evidence]
        return "; ".join(parts)


@dataclass(frozen=True)
class Section:
    unit: Unit | None  # None: text outside every unit (page furniture)
    start: int
    end: int
    segments: list[Segment]


def cut(
    text: str,
    start: int,
    end: int,
    mentions: Sequence[MentionSpan] = (),
    evidence: Sequence[EvidenceSpan] = (),
    reuse: Sequence[ReuseSpan] = (),
) -> list[Segment]:
    """Segments of text[start:end], cut at every span boundary inside it."""
    spans = [*mentions, *evidence, *reuse]
    points = {start, end}
    for s in spans:
        for p in (s.start, s.end):
            if start < p < end:
                points.add(p)
    bounds = sorted(points)
    anchor_at = {s.start for s in (*evidence, *reuse)}
    segments = []
    for a, b in zip(bounds, bounds[1:], strict=False):
        if a >= b:
            continue
        covering = [s for s in spans if s.start <= a and s.end >= b]
        segments.append(
            Segment(
                a, b, text[a:b],
                mentions=tuple(s for s in covering if isinstance(s, MentionSpan)),
                evidence=tuple(s for s in covering if isinstance(s, EvidenceSpan)),
                reuse=tuple(s for s in covering if isinstance(s, ReuseSpan)),
                anchors=(f"o-{a}",) if a in anchor_at else (),
                reuse_starts=tuple(r for r in reuse if starts_here(r, a, start)),
            )  # fmt: skip
        )
    return segments


def starts_here(span: ReuseSpan, at: int, first: int) -> bool:
    """A shared passage gets its link where it starts, or atop a section it runs into."""
    return span.start == at or (at == first and span.start < at)


def sections(view: DocumentView) -> list[Section]:
    """The reader's sections: each unit, and any text between units, in text order."""
    text = view.document.text
    units = sorted(view.document.units, key=lambda u: (u.start, u.end))
    found: list[Section] = []
    pos = 0
    for unit in units:
        if unit.start < pos:  # overlapping units: show the later one from where the last ended
            if unit.end <= pos:
                continue
        if unit.start > pos and text[pos : unit.start].strip():
            found.append(section(view, None, pos, unit.start))
        found.append(section(view, unit, max(unit.start, pos), unit.end))
        pos = max(pos, unit.end)
    if pos < len(text) and text[pos:].strip():
        found.append(section(view, None, pos, len(text)))
    return found


def section(view: DocumentView, unit: Unit | None, start: int, end: int) -> Section:
    def inside(spans):
        return [s for s in spans if s.start < end and s.end > start]

    segs = cut(view.document.text, start, end, inside(view.mentions), inside(view.evidence), inside(view.reuse))
    return Section(unit, start, end, segs)
