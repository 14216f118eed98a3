"""Facet counts for event lists: how many matching events per type, actor, outlet and year.

Datasette-style facets: each value comes with the number of events the list would keep if the
value were added to the filter, so a reader sees the shape of the data before clicking.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .event_query import EventFilter, EventQuery
from .memo import remembered
from .models import EventRow, EvidenceRow, OutletRow, ParticipantRow


@dataclass(frozen=True)
class FacetValue:
    value: str  # what goes into the filter
    label: str  # what a reader sees
    count: int


FACETS = ("type", "actor", "outlet", "year")


def event_facets(session: Session, f: EventFilter = EventFilter(), top: int = 12) -> dict[str, list[FacetValue]]:
    """Facet counts of the events matching `f` (remembered until the data changes)."""
    return remembered(session, "facets", (f, top), lambda: count_facets(session, f, top))


def count_facets(session: Session, f: EventFilter, top: int) -> dict[str, list[FacetValue]]:
    where = EventQuery(session, f).where()  # None without filters: no join, no IN list

    def restrict(stmt, event_id=None):
        if where is None:
            return stmt
        if event_id is not None:
            stmt = stmt.join(EventRow, EventRow.id == event_id)
        return stmt.where(where)

    n = func.count()
    by_type = session.execute(
        restrict(select(EventRow.event_type, n))
        .group_by(EventRow.event_type).order_by(n.desc(), EventRow.event_type).limit(top)
    )  # fmt: skip
    n_events = func.count(func.distinct(ParticipantRow.event_id))
    by_actor = session.execute(
        restrict(select(ParticipantRow.code, n_events).where(ParticipantRow.role == "actor"), ParticipantRow.event_id)
        .group_by(ParticipantRow.code).order_by(n_events.desc(), ParticipantRow.code).limit(top)
    )  # fmt: skip
    n_reported = func.count(func.distinct(EvidenceRow.event_id))
    by_outlet = session.execute(
        restrict(select(EvidenceRow.outlet_id, func.min(OutletRow.name), n_reported)
                 .join(OutletRow, OutletRow.id == EvidenceRow.outlet_id), EvidenceRow.event_id)
        .group_by(EvidenceRow.outlet_id).order_by(n_reported.desc(), EvidenceRow.outlet_id).limit(top)
    )  # fmt: skip
    year = func.substr(EventRow.date, 1, 4)
    by_year = session.execute(
        restrict(select(year, n).where(EventRow.date.is_not(None))).group_by(year).order_by(year)
    )  # fmt: skip
    return {
        "type": [FacetValue(t, t, c) for t, c in by_type],
        "actor": [FacetValue(code, code, c) for code, c in by_actor],
        "outlet": [FacetValue(oid, name or oid, c) for oid, name, c in by_outlet],
        "year": [FacetValue(y, y, c) for y, c in by_year],
    }
