"""Writing events with their evidence, and querying them with the filters analysts use.

One real event is one row, however many documents report it: when a document's event agrees
with a stored event of another document (same PLOVER type, overlapping participants, dates that
agree at the coarser precision, places that do not contradict: `sphere.events.merge`; and an
actor in common), its evidence joins that row instead of making a new one. Reports dated only
by year, or not at all, join only when one passage copies the other (provenance's
`derived_from`, or the same sentence): two undated arrests in two papers are not known to be
one arrest. Re-analysing a document replaces that
document's evidence and leaves other documents' evidence alone; an event left with no evidence
is dropped.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

from sqlalchemy import Select, String, cast, delete, func, literal, or_, select
from sqlalchemy.orm import Session

from ..events.merge import PRECISION_ORDER, codes_overlap, dates_agree, locations_agree
from ..types import Event, Evidence, Location, Participant
from .models import DocumentRow, EventRow, EvidenceRow, OutletRow, ParticipantRow

# Given a stored event's evidence rows, the independent outlets reporting it (provenance stage).
SourceCounter = Callable[[Session, Sequence[EvidenceRow]], list[str]]


def outlets_of_evidence(session: Session, evidence: Sequence[EvidenceRow]) -> list[str]:
    """Default source count: distinct outlets of evidence not derived from another document."""
    names: set[str] = set()
    for ev in evidence:
        if ev.derived_from:
            continue
        names.add(outlet_name(session, ev.outlet_id) or f"unknown: {ev.doc_id}")
    return sorted(names)


def outlet_name(session: Session, outlet_id: str | None) -> str | None:
    if not outlet_id:
        return None
    row = session.get(OutletRow, outlet_id)
    return row.name if row else outlet_id


def save_events(
    session: Session,
    doc_id: str,
    events: Iterable[Event],
    stage_version: str,
    count_sources: SourceCounter = outlets_of_evidence,
) -> int:
    """Replace `doc_id`'s evidence with these events' evidence, merging each event into a stored
    event of another document when they agree; returns the number of events touched."""
    touched = set(
        session.scalars(select(EvidenceRow.event_id).where(EvidenceRow.doc_id == doc_id))
    )
    session.execute(delete(EvidenceRow).where(EvidenceRow.doc_id == doc_id))
    session.flush()
    doc_outlet = session.scalar(select(DocumentRow.outlet_id).where(DocumentRow.id == doc_id))
    claimed: set[str] = set()  # rows that already took one event of this document
    for ev in events:
        row = matching_event(session, ev, claimed)
        if row is None:
            row = session.get(EventRow, ev.event_id)
            if row is not None and row.id in claimed:
                row = None
        if row is None:
            row = EventRow(id=ev.event_id, stage_version=stage_version)
            session.add(row)
            fill_event_row(row, ev)
            session.add_all(participant_rows(ev))
        elif not has_evidence(session, row.id):
            # only this document reported it: its new reading replaces the old one
            session.execute(delete(ParticipantRow).where(ParticipantRow.event_id == row.id))
            fill_event_row(row, ev)
            row.stage_version = stage_version
            session.add_all(participant_rows(ev, row.id))
        else:
            absorb(session, row, ev)
        claimed.add(row.id)
        seen = set()
        for e in ev.evidence:
            if e.doc_id != doc_id or (e.start, e.end) in seen:
                continue
            seen.add((e.start, e.end))
            session.add(
                EvidenceRow(
                    event_id=row.id,
                    doc_id=e.doc_id,
                    unit_id=e.unit_id,
                    start=e.start,
                    end=e.end,
                    text=e.text,
                    outlet_id=doc_outlet,
                    derived_from=e.derived_from,
                )
            )
        touched.add(row.id)
        session.flush()
    refresh_counts(session, touched, count_sources)
    return len(touched)


def has_evidence(session: Session, event_id: str) -> bool:
    return session.scalar(select(EvidenceRow.id).where(EvidenceRow.event_id == event_id).limit(1)) is not None


def matching_event(session: Session, ev: Event, exclude: set[str]) -> EventRow | None:
    """A stored event reported by other documents that `ev` is another report of, if any: the
    one sharing most participants, then with most evidence."""
    ev_codes = frozenset(p.code for p in (*ev.actors, *ev.recipients))
    if not ev_codes:
        return None
    ids = select(ParticipantRow.event_id).where(ParticipantRow.code.in_(sorted(ev_codes)))
    rows = session.scalars(
        select(EventRow).where(EventRow.event_type == ev.event_type, EventRow.id.in_(ids))
    ).all()
    best, best_key = None, None
    for row in rows:
        if row.id in exclude or not has_evidence(session, row.id):
            continue
        if not dates_agree(row.date, ev.date, allow_missing=False):
            continue
        if not (precise(row.date) and precise(ev.date)) and not same_passage(session, row.id, ev):
            continue  # undated (or only yearly dated) reports are one event only when one copies the other
        loc = Location(row.loc_name, row.loc_country) if row.loc_name else None
        if not locations_agree(loc, ev.location):
            continue
        parts = session.execute(select(ParticipantRow.role, ParticipantRow.code).where(ParticipantRow.event_id == row.id)).all()
        row_codes = frozenset(code for _, code in parts)
        row_actors = {code for role, code in parts if role == "actor"}
        if not codes_overlap(row_codes, ev_codes) or not row_actors & {p.code for p in ev.actors}:
            continue  # the same parties, and someone acting in both
        key = (len(row_codes & ev_codes) / len(row_codes | ev_codes), row.n_evidence or 0, row.id)
        if best_key is None or key > best_key:
            best, best_key = row, key
    return best


def precise(day: str | None) -> bool:
    """A date at month or day precision: enough to tell two reports of one event apart."""
    return bool(day) and len(day) >= 7


def squash(text: str) -> str:
    return " ".join(text.split()).lower()


def same_passage(session: Session, event_id: str, ev: Event) -> bool:
    """Whether `ev` is reported in a passage copied from (or identical to) the stored event's."""
    stored = session.scalars(select(EvidenceRow).where(EvidenceRow.event_id == event_id)).all()
    docs = {e.doc_id for e in stored}
    texts = {squash(e.text) for e in stored}
    return any(e.derived_from in docs or squash(e.text) in texts for e in ev.evidence)


def absorb(session: Session, row: EventRow, ev: Event) -> None:
    """A stored event takes what a new report adds: a more precise date, an end date, a place,
    participants it did not name."""
    if ev.date and PRECISION_ORDER.get(ev.date_precision, 3) < PRECISION_ORDER.get(row.date_precision, 3):
        row.date, row.date_precision = ev.date, ev.date_precision
    row.enddate = row.enddate or ev.enddate
    if row.loc_name is None and ev.location is not None:
        loc = ev.location
        row.loc_name, row.loc_country, row.lat, row.lon, row.geonameid = loc.name, loc.country, loc.lat, loc.lon, loc.geonameid
    row.mode = list(dict.fromkeys([*(row.mode or []), *ev.mode]))
    row.context = list(dict.fromkeys([*(row.context or []), *ev.context]))
    known = {(p.code, p.identifier_text) for p in session.scalars(select(ParticipantRow).where(ParticipantRow.event_id == row.id))}
    for p in participant_rows(ev, row.id):
        if (p.code, p.identifier_text) not in known and (p.code, None) not in known:
            session.add(p)
            known.add((p.code, p.identifier_text))


def refresh_counts(
    session: Session, event_ids: Iterable[str], count_sources: SourceCounter = outlets_of_evidence
) -> None:
    """Recount evidence and independent sources; drop events left with no evidence."""
    for eid in event_ids:
        row = session.get(EventRow, eid)
        if row is None:
            continue
        evidence = session.scalars(select(EvidenceRow).where(EvidenceRow.event_id == eid)).all()
        if not evidence:
            session.execute(delete(ParticipantRow).where(ParticipantRow.event_id == eid))
            session.delete(row)
            continue
        row.n_evidence = len(evidence)
        row.sources = count_sources(session, evidence)
        row.n_sources = len(row.sources)


def fill_event_row(row: EventRow, ev: Event) -> None:
    loc = ev.location
    row.event_type = ev.event_type
    row.mode = list(ev.mode)
    row.context = list(ev.context)
    row.date = ev.date
    row.enddate = ev.enddate
    row.date_precision = ev.date_precision
    row.status = ev.status
    row.loc_name = loc.name if loc else None
    row.loc_country = loc.country if loc else None
    row.lat = loc.lat if loc else None
    row.lon = loc.lon if loc else None
    row.geonameid = loc.geonameid if loc else None
    row.confidence = ev.confidence
    row.n_sources = 0
    row.n_evidence = 0


def participant_rows(ev: Event, event_id: str | None = None) -> list[ParticipantRow]:
    rows = []
    for role, people in (("actor", ev.actors), ("recipient", ev.recipients)):
        for p in people:
            rows.append(
                ParticipantRow(
                    event_id=event_id or ev.event_id,
                    role=role,
                    code=p.code,
                    sector=p.sector,
                    entity_text=p.entity_text,
                    identifier_text=p.identifier_text,
                )
            )
    return rows


@dataclass(frozen=True)
class EventFilter:
    """The filters of `sphere events`, `/api/events` and the dashboard pages."""

    actor: str | None = None  # a code; matches actors (or either side with `either`)
    recipient: str | None = None
    either: str | None = None  # a code on either side
    type: str | None = None
    context: str | None = None
    since: str | None = None  # ISO date prefix
    until: str | None = None
    place: str | None = None
    outlet: str | None = None
    min_sources: int | None = None
    status: str | None = None
    doc: str | None = None


def filtered_ids(f: EventFilter) -> Select:
    """A SELECT of event ids matching the filter (parameterised: values are never spliced)."""
    q = select(EventRow.id)
    if f.type:
        q = q.where(EventRow.event_type == f.type.upper())
    if f.since:
        # an event dated "2021-08" (or running until after `since`) happened on or after
        # "2021-08-01" as far as anyone knows: compare at the event's own precision
        q = q.where(or_(
            EventRow.date >= f.since,
            literal(f.since).like(EventRow.date + "%"),
            EventRow.enddate >= f.since,
        ))
    if f.until:
        # "2021" or "2021-08" include every date inside them.
        q = q.where(EventRow.date <= f.until + "\uffff")
    if f.place:
        q = q.where(func.lower(EventRow.loc_name).contains(f.place.lower()))
    if f.context:
        # the JSON list as text, on SQLite and PostgreSQL alike
        q = q.where(func.lower(cast(EventRow.context, String)).contains(f.context.lower()))
    if f.min_sources:
        q = q.where(EventRow.n_sources >= f.min_sources)
    if f.status:
        q = q.where(EventRow.status == f.status)
    for role, code in (("actor", f.actor), ("recipient", f.recipient)):
        if code:
            q = q.where(
                EventRow.id.in_(
                    select(ParticipantRow.event_id).where(
                        ParticipantRow.role == role, ParticipantRow.code == code.upper()
                    )
                )
            )
    if f.either:
        q = q.where(
            EventRow.id.in_(
                select(ParticipantRow.event_id).where(ParticipantRow.code == f.either.upper())
            )
        )
    if f.outlet:
        outlet_ids = select(OutletRow.id).where(
            or_(OutletRow.id == f.outlet, func.lower(OutletRow.name).contains(f.outlet.lower()))
        )
        q = q.where(
            EventRow.id.in_(
                select(EvidenceRow.event_id).where(EvidenceRow.outlet_id.in_(outlet_ids))
            )
        )
    if f.doc:
        q = q.where(
            EventRow.id.in_(select(EvidenceRow.event_id).where(EvidenceRow.doc_id == f.doc))
        )
    return q


def count_events(session: Session, f: EventFilter = EventFilter()) -> int:
    return session.scalar(select(func.count()).select_from(filtered_ids(f).subquery())) or 0


def query_events(
    session: Session, f: EventFilter = EventFilter(), limit: int | None = 100, offset: int = 0
) -> list[Event]:
    """Events matching the filter, by date, with participants and evidence."""
    ids = filtered_ids(f).subquery()
    q = (
        select(EventRow)
        .where(EventRow.id.in_(select(ids.c.id)))
        .order_by(EventRow.date.is_(None), EventRow.date, EventRow.id)
        .offset(offset)
    )
    if limit is not None:
        q = q.limit(limit)
    rows = session.scalars(q).all()
    return load_events(session, rows)


def get_event(session: Session, event_id: str) -> Event | None:
    row = session.get(EventRow, event_id)
    return load_events(session, [row])[0] if row else None


def load_events(session: Session, rows: Sequence[EventRow]) -> list[Event]:
    if not rows:
        return []
    ids = [r.id for r in rows]
    parts: dict[str, list[ParticipantRow]] = {i: [] for i in ids}
    for p in session.scalars(
        select(ParticipantRow).where(ParticipantRow.event_id.in_(ids)).order_by(ParticipantRow.id)
    ):
        parts[p.event_id].append(p)
    evid: dict[str, list[EvidenceRow]] = {i: [] for i in ids}
    for e in session.scalars(
        select(EvidenceRow)
        .where(EvidenceRow.event_id.in_(ids))
        .order_by(EvidenceRow.doc_id, EvidenceRow.start)
    ):
        evid[e.event_id].append(e)
    return [to_event(r, parts[r.id], evid[r.id]) for r in rows]


def to_participant(p: ParticipantRow) -> Participant:
    return Participant(
        code=p.code, sector=p.sector, entity_text=p.entity_text, identifier_text=p.identifier_text
    )


def to_event(r: EventRow, parts: Sequence[ParticipantRow], evid: Sequence[EvidenceRow]) -> Event:
    loc = (
        Location(r.loc_name, r.loc_country, r.lat, r.lon, r.geonameid) if r.loc_name else None
    )
    return Event(
        event_id=r.id,
        event_type=r.event_type,
        actors=tuple(to_participant(p) for p in parts if p.role == "actor"),
        recipients=tuple(to_participant(p) for p in parts if p.role == "recipient"),
        mode=tuple(r.mode or ()),
        context=tuple(r.context or ()),
        date=r.date,
        enddate=r.enddate,
        date_precision=r.date_precision,
        status=r.status,
        location=loc,
        evidence=tuple(
            Evidence(e.doc_id, e.unit_id, e.text, e.start, e.end, e.derived_from) for e in evid
        ),
        sources=tuple(r.sources or ()),
        confidence=r.confidence,
    )
