"""Writing events with their evidence, and querying them with the filters analysts use.

One real event is one row, however many documents report it: when a document's event agrees
with a stored event of another document (same PLOVER type, overlapping participants, dates that
agree at the coarser precision, places that do not contradict: `sphere.events.merge`; and an
actor in common), its evidence joins that row instead of making a new one. Reports dated only
by year, or not at all, join only when one passage copies the other (provenance's
`derived_from`, or the same sentence): two undated arrests in two papers are not known to be
one arrest. Re-analysing a document replaces that
document's evidence and leaves other documents' evidence alone; an event left with no evidence
is dropped. Reading events (filters, pages, counts) is `event_query`'s.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence

from sqlalchemy import and_, delete, select, union_all
from sqlalchemy.orm import Session

from ..events.merge import PRECISION_ORDER, codes_overlap, dates_agree, locations_agree
from ..types import Event, Location
from .event_query import (  # reading events: re-exported, callers import them from here
    EventFilter,
    count_events,
    get_event,
    load_events,
    query_events,
)
from .models import DocumentRow, EventRow, EvidenceRow, OutletRow, ParticipantRow
from .reuse import linked_documents, links_by_side

__all__ = ["EventFilter", "count_events", "get_event", "load_events", "query_events", "save_events",
           "refresh_counts", "matching_event", "SourceCounter"]  # fmt: skip

# Given a stored event's evidence rows, the independent outlets reporting it (provenance stage).
SourceCounter = Callable[[Session, Sequence[EvidenceRow]], list[str]]


def outlets_of_evidence(session: Session, evidence: Sequence[EvidenceRow]) -> list[str]:
    """Default source count: distinct outlets of evidence not derived from another document."""
    names: set[str] = set()
    known: dict[str | None, str | None] = {}
    for ev in evidence:
        if ev.derived_from:
            continue
        if ev.outlet_id not in known:
            known[ev.outlet_id] = outlet_name(session, ev.outlet_id)
        names.add(known[ev.outlet_id] or f"unknown: {ev.doc_id}")
    return sorted(names)


OUTLET_NAMES = "outlet_names"  # session.info: outlet id -> name


def outlet_name(session: Session, outlet_id: str | None) -> str | None:
    """The outlet's name, looked up once per session (the identity map holds rows weakly, so
    `session.get` alone would read the outlet again for every event)."""
    if not outlet_id:
        return None
    names = session.info.setdefault(OUTLET_NAMES, {})
    if outlet_id not in names:
        row = session.get(OutletRow, outlet_id)
        names[outlet_id] = row.name if row else outlet_id
    return names[outlet_id]


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
    one sharing most participants, then with most evidence.

    The candidates come from one indexed query (same type, a date that can agree with `ev`'s,
    one of its actors acting, some evidence), their participants and passages from one query
    each: the cost follows the events that could match, not the events stored. Only the
    winner is loaded as an ORM row.
    """
    ev_codes = frozenset(p.code for p in (*ev.actors, *ev.recipients))
    ev_actors = {p.code for p in ev.actors}
    if not ev_codes or not ev_actors:
        return None  # the rules below need someone acting in both
    copied = copied_report(session, ev, ev_codes, ev_actors, exclude)
    if copied is not None:
        return copied
    rows = [
        row
        for row in session.execute(merge_candidates(ev, ev_actors))
        if row.id not in exclude and dates_agree(row.date, ev.date, allow_missing=False)
    ]
    if not rows:
        return None
    parts = participants_of(session, [r.id for r in rows])
    # undated (or only yearly dated) reports are one event only when one copies the other
    loose = [r.id for r in rows if not (precise(r.date) and precise(ev.date))]
    passages = passages_of(session, loose)
    best, best_key = None, None
    for row in rows:
        if row.id in passages and not same_passage(passages[row.id], ev):
            continue
        loc = Location(row.loc_name, row.loc_country) if row.loc_name else None
        if not locations_agree(loc, ev.location):
            continue
        row_parts = parts.get(row.id, [])
        row_codes = frozenset(code for _, code in row_parts)
        if not same_parties(row_parts, ev_codes, ev_actors):
            continue
        key = (len(row_codes & ev_codes) / len(row_codes | ev_codes), row.n_evidence or 0, row.id)
        if best_key is None or key > best_key:
            best, best_key = row, key
    return session.get(EventRow, best.id) if best is not None else None


def copied_report(
    session: Session, ev: Event, ev_codes: frozenset[str], ev_actors: set[str], exclude: set[str]
) -> EventRow | None:
    """The stored event that `ev` is a copy of (or that copies it): the same sentence, coded as
    the same type with the same parties, in a document sharing a passage with `ev`'s (a reuse
    link either way). Dates are not compared: a syndicated copy published a day later dates
    its statements a day later, and is still the same report. The row keeps the earlier date."""
    docs = sorted({e.doc_id for e in ev.evidence})
    linked: set[str] = set()
    for doc_id in set(docs) & linked_documents(session):  # links read once per run (reuse.py)
        copies, originals = links_by_side(session, doc_id)
        linked.update(r.original_doc for r in copies)
        linked.update(r.copy_doc for r in originals)
    linked |= {e.derived_from for e in ev.evidence if e.derived_from}
    linked -= set(docs)
    if not linked:
        return None
    texts = {squash(e.text) for e in ev.evidence}
    stmt = (
        select(EvidenceRow.event_id, EvidenceRow.text)
        .join(EventRow, EventRow.id == EvidenceRow.event_id)
        .where(EvidenceRow.doc_id.in_(sorted(linked)), EventRow.event_type == ev.event_type)
    )
    ids = sorted({eid for eid, text in session.execute(stmt) if eid not in exclude and squash(text) in texts})
    for event_id, row_parts in participants_of(session, ids).items():
        if same_parties(row_parts, ev_codes, ev_actors):
            row = session.get(EventRow, event_id)
            if ev.date and row.date and row.date_precision == ev.date_precision and ev.date < row.date:
                row.date = ev.date  # the original, stored after its copy: its day is the event's
            return row
    return None


def same_parties(row_parts: Sequence[tuple[str, str]], ev_codes: frozenset[str], ev_actors: set[str]) -> bool:
    """Whether a stored event's (role, code) participants are `ev`'s: overlapping parties, and
    someone acting in both."""
    row_codes = frozenset(code for _, code in row_parts)
    row_actors = {code for role, code in row_parts if role == "actor"}
    return codes_overlap(row_codes, ev_codes) and bool(row_actors & ev_actors)


def merge_candidates(ev: Event, ev_actors: set[str]):
    """Stored events `ev` might be another report of, narrowed by indexes: the type and a date
    window (`ix_events_type_date_id`), one of `ev`'s actors acting in it and some evidence
    (probes by event id). The columns the rules read, as plain rows."""
    acting = (
        select(ParticipantRow.id)
        .where(ParticipantRow.event_id == EventRow.id, ParticipantRow.role == "actor",
               ParticipantRow.code.in_(sorted(ev_actors)))
        .exists()
    )  # fmt: skip
    reported = select(EvidenceRow.id).where(EvidenceRow.event_id == EventRow.id).exists()
    columns = (EventRow.id, EventRow.date, EventRow.loc_name, EventRow.loc_country, EventRow.n_evidence)
    # one query per part of the date window, each a seek on (type, date): SQLite would not
    # seek on an OR of both, and would read every event of the type instead
    parts = [select(*columns).where(EventRow.event_type == ev.event_type, window, acting, reported)
             for window in agreeing_dates(EventRow.date, ev.date)]  # fmt: skip
    return union_all(*parts) if len(parts) > 1 else parts[0]


def agreeing_dates(column, day: str | None) -> list:
    """Conditions (one or the other) for the dates that can agree with `day` at the coarser
    precision (`dates_agree` decides): its prefixes ("2021", "2021-08" for "2021-08-10"), and
    the dates it is a prefix of; without a day, none."""
    if not day:
        return [column.is_(None), column == ""]
    above = day[:-1] + chr(ord(day[-1]) + 1)  # the first string after every one starting with `day`
    return [column.in_([day[:n] for n in range(1, len(day))]), and_(column >= day, column < above)]


def participants_of(session: Session, event_ids: Sequence[str]) -> dict[str, list[tuple[str, str]]]:
    """event id -> [(role, code)] of the stored participants, in one query per chunk."""
    found: dict[str, list[tuple[str, str]]] = {}
    for part in chunked(event_ids):
        stmt = select(ParticipantRow.event_id, ParticipantRow.role, ParticipantRow.code).where(
            ParticipantRow.event_id.in_(part)
        )
        for event_id, role, code in session.execute(stmt):
            found.setdefault(event_id, []).append((role, code))
    return found


def passages_of(session: Session, event_ids: Sequence[str]) -> dict[str, tuple[set[str], set[str]]]:
    """event id -> (documents of its evidence, its evidence sentences squashed)."""
    found: dict[str, tuple[set[str], set[str]]] = {i: (set(), set()) for i in event_ids}
    for part in chunked(event_ids):
        stmt = select(EvidenceRow.event_id, EvidenceRow.doc_id, EvidenceRow.text).where(
            EvidenceRow.event_id.in_(part)
        )
        for event_id, doc_id, text in session.execute(stmt):
            found[event_id][0].add(doc_id)
            found[event_id][1].add(squash(text))
    return found


def chunked(items: Sequence[str], size: int = 500) -> Iterable[Sequence[str]]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


def precise(day: str | None) -> bool:
    """A date at month or day precision: enough to tell two reports of one event apart."""
    return bool(day) and len(day) >= 7


def squash(text: str) -> str:
    return " ".join(text.split()).lower()


def same_passage(stored: tuple[set[str], set[str]], ev: Event) -> bool:
    """Whether `ev` is reported in a passage copied from (or identical to) a stored event's,
    given that event's documents and squashed sentences (`passages_of`)."""
    docs, texts = stored
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
    for part in chunked(sorted(set(event_ids))):
        rows = {r.id: r for r in session.scalars(select(EventRow).where(EventRow.id.in_(part)))}
        evidence: dict[str, list[EvidenceRow]] = {eid: [] for eid in rows}
        stmt = select(EvidenceRow).where(EvidenceRow.event_id.in_(part)).order_by(EvidenceRow.id)
        for e in session.scalars(stmt):
            evidence[e.event_id].append(e)
        for eid, row in rows.items():
            if not evidence[eid]:
                session.execute(delete(ParticipantRow).where(ParticipantRow.event_id == eid))
                session.delete(row)
                continue
            row.n_evidence = len(evidence[eid])
            row.sources = count_sources(session, evidence[eid])
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
