"""The outlets table: the shipped registry written into the database, and what was seen besides.

`sync_registry` copies `kb/data/outlets.yaml` into `outlets` (known=True) and is idempotent: run
it on every ingest or analysis and it only changes rows whose facts changed. Outlets seen in
documents but not in the registry stay as rows with known=False (made by
`store.documents.ensure_outlet`); when the registry later learns such an outlet, its documents
and evidence are moved to the registry's row and the stand-in row is removed, so one publisher
never counts as two.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from ..kb.outlets import Outlet, find_outlet, get_outlet, load_outlets
from .models import DocumentRow, EvidenceRow, OutletRow


def registry_fields(o: Outlet) -> dict:
    return {
        "name": o.name,
        "domains": list(o.domains),
        "country": o.country,
        "language": o.language,
        "sponsor": o.sponsor,
        "slant": o.slant,
        "sources": dict(o.sources),
        "known": True,
    }


def sync_registry(session: Session) -> None:
    """Registry -> outlets table (idempotent); folds stand-in rows the registry now knows."""
    for o in load_outlets():
        row = session.get(OutletRow, o.id)
        fields = registry_fields(o)
        if row is None:
            session.add(OutletRow(id=o.id, **fields))
            continue
        for key, value in fields.items():
            if getattr(row, key) != value:
                setattr(row, key, value)
    session.flush()
    for row in session.scalars(select(OutletRow).where(OutletRow.known.is_(False))).all():
        hit = find_outlet(name=row.name)
        if hit is None or hit.id == row.id:
            continue
        session.execute(
            update(DocumentRow).where(DocumentRow.outlet_id == row.id).values(outlet_id=hit.id)
        )
        session.execute(
            update(EvidenceRow).where(EvidenceRow.outlet_id == row.id).values(outlet_id=hit.id)
        )
        session.delete(row)
    session.flush()


def registry_outlet_id(session: Session, url: str | None, name: str | None, text: str | None = None) -> str | None:
    """The registry's outlet id for a document, syncing that row into the table if missing."""
    hit = find_outlet(url=url, name=name, text=text)
    if hit is None:
        return None
    if session.get(OutletRow, hit.id) is None:
        session.add(OutletRow(id=hit.id, **registry_fields(hit)))
        session.flush()
    return hit.id


@dataclass(frozen=True)
class OutletSummary:
    """One row of `sphere outlets`: an outlet and how many stored documents it has."""

    id: str
    name: str
    known: bool
    documents: int
    country: str | None
    sponsor: str | None
    slant: str | None
    fictional: bool
    domains: tuple[str, ...]


def list_outlets(session: Session, seen_only: bool = False) -> list[OutletSummary]:
    """Registered outlets and outlets seen in documents, with document counts."""
    counts = dict(
        session.execute(
            select(DocumentRow.outlet_id, func.count()).group_by(DocumentRow.outlet_id)
        ).all()
    )
    out = []
    for row in session.scalars(select(OutletRow).order_by(OutletRow.known.desc(), OutletRow.name)):
        n = counts.get(row.id, 0)
        if seen_only and not n:
            continue
        reg = get_outlet(row.id)
        out.append(
            OutletSummary(
                id=row.id,
                name=row.name,
                known=bool(row.known),
                documents=n,
                country=row.country,
                sponsor=row.sponsor,
                slant=row.slant,
                fictional=bool(reg and reg.fictional),
                domains=tuple(row.domains or ()),
            )
        )
    return out
