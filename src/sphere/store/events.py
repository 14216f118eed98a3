"""Writing events with their evidence, and querying them with the filters analysts use.

One real event is one row, however many documents report it: when a document's event agrees
with a stored event of another document (same PLOVER type, overlapping participants, dates that
agree at the coarser precision, places that do not contradict: `sphere.events.merge`; and an
actor in common), its evidence joins that row instead of making a new one. Reports dated only
by year, or not at all, join only when one passage copies the other (provenance's
`derived_from`, or the same sentence): two undated arrests in two papers are not known to be
one arrest. Re-analysing a document replaces that
document's evidence and leaves other documents' evidence alone; an event left with no evidence
is dropped. Which stored event a report joins is `event_merge`'s, reading events (filters,
pages, counts) `event_query`'s, recounting their sources `event_counts`'.

Storing runs once per event of every document, on the one process that writes: it is written
with statements built once (no ORM objects, no statement building per event), plain SQL on the
driver cursor (`store.reuse.run_sql`) where rows carry only strings and numbers, SQLAlchemy Core
where a JSON column needs its conversion; a document's writes go out together after its events
are matched. That is safe because a
document's writes only touch rows it has claimed, which the rest of its events never match.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from sqlalchemy import Connection, bindparam, insert, select, update
from sqlalchemy.orm import Session

from ..events.merge import PRECISION_ORDER
from ..types import Event
from .event_counts import (  # recounting sources: re-exported, callers import them from here
    EVENTS,
    EVIDENCE,
    PARTICIPANTS,
    E,
    P,
    SourceCounter,
    outlets_of_evidence,
    refresh_counts,
)
from .event_merge import (
    ROW_COLUMNS,
    MergeLookups,
    StoredEvent,
    matching_event,
    passage_key,
    rows_by_ids,
)
from .event_query import (  # reading events: re-exported, callers import them from here
    EventFilter,
    count_events,
    get_event,
    load_events,
    query_events,
)
from .models import DocumentRow
from .reuse import fetch_in, insert_sql, run_sql

__all__ = ["EventFilter", "count_events", "get_event", "load_events", "query_events", "save_events",
           "refresh_counts", "matching_event", "SourceCounter", "outlets_of_evidence"]  # fmt: skip


@dataclass
class DocumentWrites:
    """What storing one document's events will write, gathered while its events are matched."""

    new: list[StoredEvent] = field(default_factory=list)
    changed: dict[str, StoredEvent] = field(default_factory=dict)
    cleared: list[str] = field(default_factory=list)  # rows whose participants are replaced
    participants: list[dict] = field(default_factory=list)
    evidence: list[tuple] = field(default_factory=list)  # EVIDENCE_COLUMNS' values

    def write(self, session: Session) -> None:
        conn = session.connection()
        if self.cleared:
            run_sql(session, DELETE_ROW_PARTICIPANTS, [(i,) for i in self.cleared], many=True)
        if self.new:
            conn.execute(insert(EVENTS), [{**r.values(), "n_sources": 0, "n_evidence": 0} for r in self.new])
        if self.changed:
            conn.execute(UPDATE_EVENT, [{"row_id": r.id, **r.values()} for r in self.changed.values()])
        if self.participants:
            run_sql(session, NEW_PARTICIPANT, [tuple(p.values()) for p in self.participants], many=True)
        if self.evidence:
            run_sql(session, NEW_EVIDENCE, self.evidence, many=True)


PARTICIPANT_COLUMNS = ("event_id", "role", "code", "sector", "entity_text", "identifier_text")  # participant_values' keys
EVIDENCE_COLUMNS = ("event_id", "doc_id", "unit_id", "start", "end", "text", "outlet_id", "derived_from", "passage_key")
NEW_PARTICIPANT = insert_sql(PARTICIPANTS, PARTICIPANT_COLUMNS)
NEW_EVIDENCE = insert_sql(EVIDENCE, EVIDENCE_COLUMNS)
DELETE_ROW_PARTICIPANTS = f"DELETE FROM {PARTICIPANTS.name} WHERE event_id = {{mark}}"


UPDATE_EVENT = update(EVENTS).where(E.id == bindparam("row_id")).values(
    {c.name: bindparam(c.name) for c in ROW_COLUMNS if c.name not in ("id", "n_evidence")}
)
# a document's few per-document statements, on the driver cursor (`run_sql`, `fetch_in`)
DOC_EVENTS = f"SELECT DISTINCT event_id FROM {EVIDENCE.name} WHERE doc_id = {{mark}}"
DELETE_DOC_EVIDENCE = f"DELETE FROM {EVIDENCE.name} WHERE doc_id = {{mark}}"
DOC_OUTLET = f"SELECT outlet_id FROM {DocumentRow.__tablename__} WHERE id = {{mark}}"
REPORTED = f"SELECT DISTINCT event_id FROM {EVIDENCE.name} WHERE event_id IN ({{marks}})"
ROW_PARTICIPANTS = select(P.code, P.identifier_text).where(P.event_id == bindparam("event"))


def save_events(
    session: Session,
    doc_id: str,
    events: Iterable[Event],
    stage_version: str,
    count_sources: SourceCounter = outlets_of_evidence,
) -> int:
    """Replace `doc_id`'s evidence with these events' evidence, merging each event into a stored
    event of another document when they agree; returns the number of events touched."""
    session.flush()  # the session's pending rows (mentions, a new document) reach the database first
    conn = session.connection()
    touched = {event_id for event_id, in run_sql(session, DOC_EVENTS, (doc_id,))}
    run_sql(session, DELETE_DOC_EVIDENCE, (doc_id,))
    doc_outlet = next(iter(run_sql(session, DOC_OUTLET, (doc_id,))), (None,))[0]
    events = list(events)
    # the stored rows under these events' own ids, and which of them other documents report:
    # read once (nothing below writes before the end)
    own_ids = sorted({ev.event_id for ev in events})
    same_id = {r.id: r for r in rows_by_ids(session, own_ids)}
    reported = {event_id for event_id, in fetch_in(session, REPORTED, own_ids)}
    writes = DocumentWrites()
    lookups = MergeLookups.read(session, events)
    claimed: dict[str, StoredEvent] = {}  # rows that already took one event of this document
    for ev in events:
        row = matching_event(session, ev, set(claimed), lookups)  # a row other documents report
        alone = False  # a row under the event's own id that no other document reports
        if row is None and ev.event_id not in claimed and ev.event_id in same_id:
            row = StoredEvent.from_row(same_id[ev.event_id])
            alone = row.id not in reported
        if row is None:
            row = StoredEvent(ev.event_id, ev.event_type)
            row.fill(ev, stage_version)
            writes.new.append(row)
            writes.participants += participant_values(ev, row.id)
        elif alone:
            # only this document reported it: its new reading replaces the old one
            row.fill(ev, stage_version)
            writes.cleared.append(row.id)
            writes.changed[row.id] = row
            writes.participants += participant_values(ev, row.id)
        else:
            writes.participants += absorb(conn, row, ev)
            writes.changed[row.id] = row
        claimed[row.id] = row
        seen = set()
        for e in ev.evidence:
            if e.doc_id != doc_id or (e.start, e.end) in seen:
                continue
            seen.add((e.start, e.end))
            writes.evidence.append((row.id, e.doc_id, e.unit_id, e.start, e.end, e.text, doc_outlet, e.derived_from,
                                    passage_key(e.text)))  # EVIDENCE_COLUMNS' order  # fmt: skip
        touched.add(row.id)
    writes.write(session)
    refresh_counts(session, touched, count_sources)
    return len(touched)


def absorb(conn: Connection, row: StoredEvent, ev: Event) -> list[dict]:
    """A stored event takes what a new report adds: a more precise date, an end date, a place,
    participants it did not name (returned, to be written)."""
    if ev.date and PRECISION_ORDER.get(ev.date_precision, 3) < PRECISION_ORDER.get(row.date_precision, 3):
        row.date, row.date_precision = ev.date, ev.date_precision
    row.enddate = row.enddate or ev.enddate
    if row.loc_name is None and ev.location is not None:
        loc = ev.location
        row.loc_name, row.loc_country, row.lat, row.lon, row.geonameid = loc.name, loc.country, loc.lat, loc.lon, loc.geonameid
    row.mode = list(dict.fromkeys([*row.mode, *ev.mode]))
    row.context = list(dict.fromkeys([*row.context, *ev.context]))
    known = row.participants
    if known is None:
        known = {(code, identifier) for code, identifier in conn.execute(ROW_PARTICIPANTS, {"event": row.id})}
    added = []
    for p in participant_values(ev, row.id):
        if (p["code"], p["identifier_text"]) not in known and (p["code"], None) not in known:
            added.append(p)
            known.add((p["code"], p["identifier_text"]))
    return added


def participant_values(ev: Event, event_id: str) -> list[dict]:
    return [
        {"event_id": event_id, "role": role, "code": p.code, "sector": p.sector,
         "entity_text": p.entity_text, "identifier_text": p.identifier_text}
        for role, people in (("actor", ev.actors), ("recipient", ev.recipients))
        for p in people
    ]  # fmt: skip
