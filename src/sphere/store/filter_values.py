"""Place and outlet filters resolved to the stored names and ids they match.

A place filter is a part of a name ("Dush" for Dushanbe) and an outlet filter an id or a name:
resolved here to the short list of stored values they stand for, so the indexes on those
values can serve the filter (`event_query`).
"""

from __future__ import annotations

from sqlalchemy import func, or_, select
from sqlalchemy.orm import Session

from .memo import remembered
from .models import EventRow, OutletRow


def place_names(session: Session, place: str) -> list[str]:
    """Stored place names containing `place` (any case)."""
    wanted = place.casefold()
    return [n for n in stored_places(session) if wanted in n.casefold()]


def stored_places(session: Session) -> list[str]:
    stmt = select(EventRow.loc_name).where(EventRow.loc_name.is_not(None)).distinct()
    return remembered(session, "places", None, lambda: sorted(session.scalars(stmt)))


def outlet_ids(session: Session, outlet: str) -> list[str]:
    """The outlet with this id or this very name (any case); else the outlets whose name
    contains `outlet`: "Radio Ozodi" is that outlet, not also "Radio Ozodi Kulob". Remembered
    (a query per request with an outlet filter, a tenth of such a request)."""
    stmt = select(OutletRow.id, OutletRow.name).where(
        or_(OutletRow.id == outlet, func.lower(OutletRow.name).contains(outlet.lower()))
    )

    def find() -> list[str]:
        found = session.execute(stmt).all()
        exact = [i for i, name in found if i == outlet or (name or "").casefold() == outlet.casefold()]
        return sorted(exact or [i for i, _ in found])

    return list(remembered(session, "outlet_ids", outlet, find))
