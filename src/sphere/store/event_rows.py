"""Whole events by id, as a page shows them: three plain queries per chunk of ids, no ORM.

The list, the API and the exports read a page of events (25-500) with their participants and
evidence; built as SQLAlchemy expressions and ORM objects, reading them cost several times what
the database spends on it (`plain`). Apart from `event_query`, which finds the ids.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy.orm import Session

from ..types import Event, Evidence, Location, Participant
from .plain import json_value, plain_rows

CHUNK = 500  # ids per IN (...) list

EVENTS_SQL = (
    "SELECT id, event_type, mode, context, date, enddate, date_precision, status, loc_name, loc_country, "
    "lat, lon, geonameid, sources, confidence FROM events WHERE id IN ({in})"
)
PARTICIPANTS_SQL = (
    "SELECT event_id, role, code, sector, entity_text, identifier_text FROM participants "
    "WHERE event_id IN ({in}) ORDER BY id"
)
EVIDENCE_SQL = (
    'SELECT event_id, doc_id, unit_id, text, start, "end", derived_from FROM evidence '
    "WHERE event_id IN ({in}) ORDER BY doc_id, start"
)


def load_events(session: Session, ids: Sequence[str]) -> list[Event]:
    """The events with these ids, in this order (unknown ids are left out): three plain
    queries per chunk of ids (`plain_rows`), no ORM objects."""
    found: dict[str, Event] = {}
    for lo in range(0, len(ids), CHUNK):
        part = list(dict.fromkeys(ids[lo : lo + CHUNK]))
        people: dict[str, dict[str, list[Participant]]] = {i: {"actor": [], "recipient": []} for i in part}
        for event_id, role, code, sector, entity_text, identifier_text in plain_rows(session, PARTICIPANTS_SQL, part):
            people[event_id].setdefault(role, []).append(Participant(code, sector, entity_text, identifier_text))
        evidence: dict[str, list[Evidence]] = {i: [] for i in part}
        for event_id, doc_id, unit_id, text, start, end, derived_from in plain_rows(session, EVIDENCE_SQL, part):
            evidence[event_id].append(Evidence(doc_id, unit_id, text, start, end, derived_from))
        for (eid, event_type, mode, context, day, enddate, precision, status, loc_name, loc_country, lat, lon,
             geonameid, sources, confidence) in plain_rows(session, EVENTS_SQL, part):  # fmt: skip
            found[eid] = Event(
                event_id=eid, event_type=event_type, actors=tuple(people[eid]["actor"]),
                recipients=tuple(people[eid]["recipient"]), mode=tuple(json_value(mode) or ()),
                context=tuple(json_value(context) or ()), date=day, enddate=enddate, date_precision=precision,
                status=status, location=Location(loc_name, loc_country, lat, lon, geonameid) if loc_name else None,
                evidence=tuple(evidence[eid]), sources=tuple(json_value(sources) or ()), confidence=confidence,
            )  # fmt: skip
    return [found[i] for i in ids if i in found]
