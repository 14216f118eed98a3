"""Who says so: the document, outlet, URL and outlet note behind each piece of evidence.

An `Evidence` record names a document, a unit and offsets; readers (the event page, every
export row) also want the outlet, its slant note and the URL, without each caller joining
documents, units and outlets again. A clipping unit quotes another outlet's article, so its own
outlet, URL and date (from the unit) come before the blog's (from the document).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sqlalchemy import select
from sqlalchemy.orm import Session

from ..types import Event
from .memo import remembered
from .models import OutletRow
from .plain import date_value, plain_rows

# Chunk size for IN (...) lists: well under SQLite's bound-parameter limit.
CHUNK = 500


@dataclass(frozen=True)
class Citation:
    """Where one unit of one document comes from."""

    doc_id: str
    unit_id: str | None
    title: str | None = None
    url: str | None = None
    published: date | None = None
    outlet_id: str | None = None
    outlet: str | None = None  # the unit's outlet (a clipping's source) or the document's
    outlet_note: str | None = None  # the registry's slant note for that outlet
    outlet_country: str | None = None
    outlet_sponsor: str | None = None
    outlet_known: bool = False  # False: seen in a document, not in the registry
    document_outlet: str | None = None  # the outlet of the document holding the unit


CitationKey = tuple[str, str | None]  # (doc_id, unit_id)
DOCUMENTS_SQL = "SELECT id, title, url, published, outlet_id FROM documents WHERE id IN ({in})"
# the documents' ids lead, so the (doc_id, unit_id) index is sought: a row-value IN list alone
# is not, and SQLite would read every unit
UNITS_SQL = ("SELECT doc_id, unit_id, title, url, published, outlet FROM units "
             "WHERE doc_id IN ({lead}) AND (doc_id, unit_id) IN (VALUES {in})")  # fmt: skip


class DocumentRef(NamedTuple):
    id: str
    title: str | None
    url: str | None
    published: date | None
    outlet_id: str | None


class UnitRef(NamedTuple):
    unit_id: str
    title: str | None
    url: str | None
    published: date | None
    outlet: str | None
Citations = Mapping[CitationKey, Citation]


def chunks(items: list, size: int = CHUNK) -> Iterable[list]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def cite_units(session: Session, keys: Iterable[CitationKey]) -> dict[CitationKey, Citation]:
    """Citations for (doc_id, unit_id) pairs; also under (doc_id, None) for each document."""
    keys = set(keys)
    doc_ids = sorted({d for d, _ in keys})
    docs: dict[str, DocumentRef] = {}
    for part in chunks(doc_ids):
        for doc_id, title, url, published, outlet_id in plain_rows(session, DOCUMENTS_SQL, part):
            docs[doc_id] = DocumentRef(doc_id, title, url, date_value(published), outlet_id)
    units: dict[CitationKey, UnitRef] = {}
    pairs = sorted((d, u) for d, u in keys if u is not None)
    for part in chunks(pairs):
        lead = sorted({d for d, _ in part})
        for doc_id, unit_id, title, url, published, outlet in plain_rows(session, UNITS_SQL, part, lead):
            units[(doc_id, unit_id)] = UnitRef(unit_id, title, url, date_value(published), outlet)
    # A clipping names the outlet it quotes: find that outlet in the registry by its name.
    outlets, by_name = outlet_table(session)
    found: dict[CitationKey, Citation] = {}
    for doc_id, unit_id in keys | {(d, None) for d in doc_ids}:
        doc = docs.get(doc_id)
        if doc is not None:
            unit = units.get((doc_id, unit_id))
            found[(doc_id, unit_id)] = make_citation(doc, unit, outlets, by_name)
    return found


@dataclass(frozen=True)
class OutletEntry:
    id: str
    name: str
    country: str | None
    sponsor: str | None
    slant: str | None
    known: bool


def outlet_table(session: Session) -> tuple[dict[str, OutletEntry], dict[str, OutletEntry]]:
    """Every outlet by id and by lower-case name, remembered until the data changes (a small
    table that every citation needs)."""

    def read() -> tuple[dict[str, OutletEntry], dict[str, OutletEntry]]:
        stmt = select(OutletRow.id, OutletRow.name, OutletRow.country, OutletRow.sponsor, OutletRow.slant,
                      OutletRow.known).order_by(OutletRow.id)  # fmt: skip
        by_id = {r.id: OutletEntry(r.id, r.name or r.id, r.country, r.sponsor, r.slant, bool(r.known))
                 for r in session.execute(stmt)}  # fmt: skip
        by_name: dict[str, OutletEntry] = {}
        for o in by_id.values():
            by_name.setdefault(o.name.lower(), o)
        return by_id, by_name

    return remembered(session, "outlets", None, read)


def make_citation(
    doc: DocumentRef,
    unit: UnitRef | None,
    outlets: Mapping[str, OutletEntry],
    by_name: Mapping[str, OutletEntry],
) -> Citation:
    doc_outlet = outlets.get(doc.outlet_id or "")
    outlet = doc_outlet
    outlet_name = doc_outlet.name if doc_outlet else None
    if unit is not None and unit.outlet and unit.outlet != outlet_name:
        outlet = by_name.get(unit.outlet.lower())
        outlet_name = unit.outlet
    return Citation(
        doc_id=doc.id,
        unit_id=unit.unit_id if unit is not None else None,
        title=(unit.title if unit is not None and unit.title else None) or doc.title,
        url=(unit.url if unit is not None and unit.url else None) or doc.url,
        published=(unit.published if unit is not None and unit.published else None) or doc.published,
        outlet_id=outlet.id if outlet else None,
        outlet=outlet_name,
        outlet_note=outlet.slant if outlet else None,
        outlet_country=outlet.country if outlet else None,
        outlet_sponsor=outlet.sponsor if outlet else None,
        outlet_known=bool(outlet and outlet.known),
        document_outlet=doc_outlet.name if doc_outlet else None,
    )


def cite_events(session: Session, events: Iterable[Event]) -> dict[CitationKey, Citation]:
    """Citations for every piece of evidence of these events."""
    return cite_units(session, {(e.doc_id, e.unit_id) for ev in events for e in ev.evidence})


def lookup(citations: Citations | None, doc_id: str, unit_id: str | None) -> Citation | None:
    """The unit's citation, else the document's, else None (no citations given)."""
    if not citations:
        return None
    return citations.get((doc_id, unit_id)) or citations.get((doc_id, None))
