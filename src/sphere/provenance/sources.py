"""Who really reports a piece of evidence: following copies back to their originals.

`derived_from` says whether a span of a document lies (mostly: at least half of it) in a
passage copied from another document, and returns the first document of the chain (a forum
post copying a blog copying an article leads to the article). `independent_sources` turns an
event's evidence into the list of outlets that reported it independently:

- evidence in a copied passage counts for the outlet of its original, so a copy counts once
  with its original, and on its own it still counts for the original's outlet;
- evidence in a unit credited to another outlet (a clipping of Caravanserai on a blog, a forum
  post reposting The Telegraph) counts for that outlet, not for the site quoting it;
- evidence in two documents sharing the passage with no known direction counts once;
- a document with no outlet counts as "unknown: <doc id>", never as a guess.

The signature is `store.events.SourceCounter`, so `save_events` and `refresh_counts` take it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..kb.outlets import find_outlet
from ..store import reuse as store
from ..store.event_counts import OUTLET_NAMES, outlet_name
from ..store.models import DocumentRow, EvidenceRow, UnitRow
from ..types import ReuseLink

MOSTLY_IN = 0.5  # share of a span that must lie in a copied passage for it to be derived
MAX_HOPS = 8


def best_copy_link(session: Session, doc_id: str, start: int, end: int) -> ReuseLink | None:
    """The directed link whose copied passage covers most of [start, end), if at least half."""
    length = max(1, end - start)
    best, best_overlap = None, 0
    for r in store.copies_overlapping(session, doc_id, start, end):
        if r.direction_by == "undecided":
            continue
        ov = min(end, r.copy_end) - max(start, r.copy_start)
        if ov >= MOSTLY_IN * length and ov > best_overlap:
            best, best_overlap = r, ov
    return best


def map_to_original(r: ReuseLink, start: int, end: int) -> tuple[int, int]:
    """[start, end) of the copy, mapped proportionally into the original passage."""
    copy_len = max(1, r.copy_end - r.copy_start)
    scale = (r.original_end - r.original_start) / copy_len
    lo = r.original_start + round((max(start, r.copy_start) - r.copy_start) * scale)
    hi = r.original_start + round((min(end, r.copy_end) - r.copy_start) * scale)
    return lo, max(lo + 1, min(hi, r.original_end))


def trace_origin(session: Session, doc_id: str, start: int, end: int) -> tuple[str, int, int]:
    """Follow copies back: the document and span the passage was first published in."""
    seen = {doc_id}
    for _ in range(MAX_HOPS):
        r = best_copy_link(session, doc_id, start, end)
        if r is None or r.original_doc in seen:
            break
        start, end = map_to_original(r, start, end)
        doc_id = r.original_doc
        seen.add(doc_id)
    return doc_id, start, end


def derived_from(session: Session, doc_id: str, start: int, end: int) -> str | None:
    """The original document's id when [start, end) of doc_id lies mostly in a copied passage."""
    origin = trace_origin(session, doc_id, start, end)[0]
    return origin if origin != doc_id else None


@dataclass(frozen=True)
class UnitSpan:
    """What counting sources reads of a unit, as plain values (kept across sessions)."""

    start: int
    end: int
    outlet: str | None
    url: str | None


UNITS_MEMO = "sphere.provenance.units"
OUTLETS_MEMO = "sphere.provenance.outlets"
REPORTERS_MEMO = "sphere.provenance.reporters"


def shared_reads() -> dict:
    """`Session(engine, info=shared_reads())` for every session of a run that writes no link,
    unit or document (storing analyses): what counting sources reads of links, units and
    outlets is then read once per run, not once per stored document."""
    return {store.LINKS_MEMO: {}, UNITS_MEMO: {}, OUTLETS_MEMO: {}, OUTLET_NAMES: {}, REPORTERS_MEMO: {}}


def unit_at(session: Session, doc_id: str, start: int, end: int) -> UnitSpan | None:
    units = units_of(session, doc_id)
    return max(
        (u for u in units if u.start < end and u.end > start),
        key=lambda u: min(end, u.end) - max(start, u.start),
        default=None,
    )


def units_of(session: Session, doc_id: str) -> list[UnitSpan]:
    """A document's units, read once per session (counting sources asks for them per span)."""
    memo = session.info.setdefault(UNITS_MEMO, {})
    if doc_id not in memo:
        q = select(UnitRow.start, UnitRow.end, UnitRow.outlet, UnitRow.url).where(UnitRow.doc_id == doc_id)
        memo[doc_id] = [UnitSpan(*r) for r in session.execute(q.order_by(UnitRow.id))]
    return memo[doc_id]


def document_outlet(session: Session, doc_id: str) -> str | None:
    """A document's outlet id, read once per session (the identity map holds rows weakly, so
    `session.get` would read the document again for every span)."""
    memo = session.info.setdefault(OUTLETS_MEMO, {})
    if doc_id not in memo:
        memo[doc_id] = session.scalar(select(DocumentRow.outlet_id).where(DocumentRow.id == doc_id))
    return memo[doc_id]


def reporter(session: Session, doc_id: str, start: int, end: int) -> str:
    """The outlet a span is published under: its unit's own outlet, else its document's.
    Remembered per span for the session (a run's shared reads: an event's evidence is counted
    again each time a document reports it, and the outlet registry's look-up is the cost)."""
    memo = session.info.setdefault(REPORTERS_MEMO, {})
    key = (doc_id, start, end)
    if key not in memo:
        memo[key] = span_reporter(session, doc_id, start, end)
    return memo[key]


def span_reporter(session: Session, doc_id: str, start: int, end: int) -> str:
    own = outlet_name(session, document_outlet(session, doc_id))
    unit = unit_at(session, doc_id, start, end)
    if unit is not None and unit.outlet:
        hit = find_outlet(url=unit.url, name=unit.outlet)
        credited = hit.name if hit is not None else unit.outlet.strip()
        if credited and credited != own:
            return credited
    return own or f"unknown: {doc_id}"


def undecided_partners(session: Session, doc_id: str, start: int, end: int) -> set[str]:
    """Documents sharing [start, end) of doc_id with no known direction."""
    out = set()
    for r in store.copies_overlapping(session, doc_id, start, end):
        if r.direction_by == "undecided":
            out.add(r.original_doc)
    for r in store.originals_overlapping(session, doc_id, start, end):
        if r.direction_by == "undecided":
            out.add(r.copy_doc)
    return out


def independent_sources(session: Session, evidence: Sequence[EvidenceRow]) -> list[str]:
    """The outlets reporting this evidence independently, sorted (a `SourceCounter`)."""
    origins = [trace_origin(session, e.doc_id, e.start, e.end) for e in evidence]
    names = [reporter(session, *o) for o in origins]
    parent = {n: n for n in names}

    def root(n: str) -> str:
        while parent[n] != n:
            parent[n] = parent[parent[n]]
            n = parent[n]
        return n

    docs = [o[0] for o in origins]
    for i, (d, s, e) in enumerate(origins):
        partners = undecided_partners(session, d, s, e)
        for j, other in enumerate(docs):
            if other in partners:
                a, b = root(names[i]), root(names[j])
                if a != b:
                    # The known outlet names the group; "unknown: ..." only when all are.
                    keep, drop = sorted((a, b), key=lambda n: (n.startswith("unknown: "), n))
                    parent[drop] = keep
    return sorted({root(n) for n in names})
