"""Events laid out in time (the timeline) and in space (the map), for the dashboard's charts.

Both read only the columns a chart needs, for every event matching the filter, up to a bound
so a chart of a huge database stays quick; the answer says when it was cut.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .citations import chunks
from .event_query import EventFilter, EventQuery
from .models import EventRow, ParticipantRow


@dataclass(frozen=True)
class TimelineItem:
    event_id: str
    event_type: str
    date: str
    enddate: str | None
    date_precision: str | None
    status: str
    n_sources: int
    place: str | None
    actors: tuple[str, ...]
    recipients: tuple[str, ...]


@dataclass(frozen=True)
class Timeline:
    items: list[TimelineItem]
    total: int  # dated events matching the filter
    undated: int  # matching events without a date (not on the timeline)
    truncated: bool


def roles_of(session: Session, event_ids: Iterable[str]) -> dict[str, dict[str, list[str]]]:
    """event id -> {"actor": [codes], "recipient": [codes]}, in stored order."""
    found: dict[str, dict[str, list[str]]] = defaultdict(lambda: {"actor": [], "recipient": []})
    for part in chunks(list(event_ids)):
        stmt = (
            select(ParticipantRow.event_id, ParticipantRow.role, ParticipantRow.code)
            .where(ParticipantRow.event_id.in_(part))
            .order_by(ParticipantRow.id)
        )
        for event_id, role, code in session.execute(stmt):
            codes = found[event_id].setdefault(role, [])
            if code not in codes:
                codes.append(code)
    return found


def timeline(session: Session, f: EventFilter = EventFilter(), limit: int = 2000) -> Timeline:
    """Dated events matching the filter, by date, at most `limit` of them."""
    where = EventQuery(session, f).where()
    dated = EventRow.date.is_not(None) if where is None else (where & EventRow.date.is_not(None))
    undated_where = EventRow.date.is_(None) if where is None else (where & EventRow.date.is_(None))
    total = session.scalar(select(func.count()).select_from(EventRow).where(dated)) or 0
    undated = session.scalar(select(func.count()).select_from(EventRow).where(undated_where)) or 0
    rows = session.execute(
        select(
            EventRow.id, EventRow.event_type, EventRow.date, EventRow.enddate,
            EventRow.date_precision, EventRow.status, EventRow.n_sources, EventRow.loc_name,
        )  # fmt: skip
        .where(dated)
        .order_by(EventRow.date, EventRow.id)
        .limit(limit)
    ).all()
    roles = roles_of(session, [r.id for r in rows])
    items = [
        TimelineItem(
            r.id, r.event_type, r.date, r.enddate, r.date_precision, r.status, r.n_sources,
            r.loc_name, tuple(roles[r.id]["actor"]), tuple(roles[r.id]["recipient"]),
        )  # fmt: skip
        for r in rows
    ]
    return Timeline(items, total, undated, truncated=total > len(items))


@dataclass(frozen=True)
class Place:
    name: str
    country: str | None
    lat: float
    lon: float
    events: int
    types: dict[str, int]  # event type -> events there


def places(session: Session, f: EventFilter = EventFilter(), limit: int = 1000) -> list[Place]:
    """Places of matching events that have coordinates, with event counts, busiest first."""
    where = EventQuery(session, f).where()
    stmt = (
        select(
            EventRow.loc_name, func.min(EventRow.loc_country), EventRow.lat, EventRow.lon,
            EventRow.event_type, func.count(),
        )  # fmt: skip
        .where(EventRow.lat.is_not(None), EventRow.lon.is_not(None))
        .group_by(EventRow.loc_name, EventRow.lat, EventRow.lon, EventRow.event_type)
    )
    if where is not None:
        stmt = stmt.where(where)
    grouped: dict[tuple, dict] = {}
    for name, country, lat, lon, event_type, n in session.execute(stmt):
        key = (name, lat, lon)
        entry = grouped.setdefault(key, {"country": country, "types": {}, "events": 0})
        entry["types"][event_type] = n
        entry["events"] += n
    found = [
        Place(name or "", e["country"], lat, lon, e["events"], dict(sorted(e["types"].items())))
        for (name, lat, lon), e in grouped.items()
    ]
    found.sort(key=lambda p: (-p.events, p.name))
    return found[:limit]
