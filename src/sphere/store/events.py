"""Writing events with their evidence, and querying them with the filters analysts use.

One real event is one row, however many documents report it: when a document's event agrees
with a stored event of another document (same PLOVER type, overlapping participants, dates that
agree at the coarser precision, places that do not contradict: `sphere.events.merge`; and an
actor in common), its evidence joins that row instead of making a new one. Reports dated only
by year, or not at all, join only when one passage copies the other (provenance's
`derived_from`, or the same sentence): two undated arrests in two papers are not known to be
one arrest. Re-analysing a document replaces that
document's evidence and leaves other documents' evidence alone; an event left with no evidence
is dropped. Reading events (filters, pages, counts) is `event_query`'s, recounting their
sources `event_counts`'.

Storing runs once per event of every document, on the one process that writes: it is written
with SQLAlchemy Core statements built once (no ORM objects, no statement building per event),
and a document's writes go out together after its events are matched. That is safe because a
document's writes only touch rows it has claimed, which the rest of its events never match.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy import Connection, and_, bindparam, delete, insert, select, union_all, update
from sqlalchemy.orm import Session

from ..events.merge import PRECISION_ORDER, codes_overlap, dates_agree, locations_agree
from ..types import Event, Location
from .event_counts import (  # recounting sources: re-exported, callers import them from here
    DELETE_PARTICIPANTS,
    EVENTS,
    EVIDENCE,
    PARTICIPANTS,
    E,
    P,
    SourceCounter,
    V,
    chunked,
    outlets_of_evidence,
    refresh_counts,
)
from .event_query import (  # reading events: re-exported, callers import them from here
    EventFilter,
    count_events,
    get_event,
    load_events,
    query_events,
)
from .models import DocumentRow
from .reuse import linked_documents, links_by_side

__all__ = ["EventFilter", "count_events", "get_event", "load_events", "query_events", "save_events",
           "refresh_counts", "matching_event", "SourceCounter", "outlets_of_evidence"]  # fmt: skip


# --- the stored event, as merging reads and changes it ---------------------------------------

ROW_COLUMNS = (E.id, E.event_type, E.mode, E.context, E.date, E.enddate, E.date_precision, E.status,
               E.loc_name, E.loc_country, E.lat, E.lon, E.geonameid, E.confidence, E.n_evidence,
               E.stage_version)  # fmt: skip


@dataclass
class StoredEvent:
    """One row of `events` (the columns a new report can change), read or about to be written."""

    id: str
    event_type: str
    mode: list = field(default_factory=list)
    context: list = field(default_factory=list)
    date: str | None = None
    enddate: str | None = None
    date_precision: str | None = None
    status: str = "occurred"
    loc_name: str | None = None
    loc_country: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    confidence: float = 1.0
    n_evidence: int = 0
    stage_version: str = ""
    # (code, identifier_text) of its stored participants, when read already (not a column)
    participants: set[tuple[str, str | None]] | None = None

    @classmethod
    def from_row(cls, row) -> StoredEvent:
        values = row._asdict()
        values["mode"], values["context"] = list(values["mode"] or []), list(values["context"] or [])
        values["n_evidence"] = values["n_evidence"] or 0
        return cls(**values)

    def fill(self, ev: Event, stage_version: str) -> None:
        """Take the new reading's values (a new row, or one only this document reported)."""
        loc = ev.location
        self.event_type, self.mode, self.context = ev.event_type, list(ev.mode), list(ev.context)
        self.date, self.enddate, self.date_precision, self.status = ev.date, ev.enddate, ev.date_precision, ev.status
        self.loc_name, self.loc_country = (loc.name, loc.country) if loc else (None, None)
        self.lat, self.lon, self.geonameid = (loc.lat, loc.lon, loc.geonameid) if loc else (None, None, None)
        self.confidence, self.stage_version = ev.confidence, stage_version

    def values(self) -> dict:
        return {c.name: getattr(self, c.name) for c in ROW_COLUMNS if c.name != "n_evidence"}

    def with_participants(self, parts: Sequence[tuple[str, str, str | None]]) -> StoredEvent:
        self.participants = {(code, identifier) for _, code, identifier in parts}
        return self


@dataclass
class DocumentWrites:
    """What storing one document's events will write, gathered while its events are matched."""

    new: list[StoredEvent] = field(default_factory=list)
    changed: dict[str, StoredEvent] = field(default_factory=dict)
    cleared: list[str] = field(default_factory=list)  # rows whose participants are replaced
    participants: list[dict] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)

    def write(self, conn: Connection) -> None:
        if self.cleared:
            conn.execute(DELETE_PARTICIPANTS, [{"event": i} for i in self.cleared])
        if self.new:
            conn.execute(insert(EVENTS), [{**r.values(), "n_sources": 0, "n_evidence": 0} for r in self.new])
        if self.changed:
            conn.execute(UPDATE_EVENT, [{"row_id": r.id, **r.values()} for r in self.changed.values()])
        if self.participants:
            conn.execute(insert(PARTICIPANTS), self.participants)
        if self.evidence:
            conn.execute(insert(EVIDENCE), self.evidence)


UPDATE_EVENT = update(EVENTS).where(E.id == bindparam("row_id")).values(
    {c.name: bindparam(c.name) for c in ROW_COLUMNS if c.name not in ("id", "n_evidence")}
)
DOC_EVENTS = select(V.event_id).where(V.doc_id == bindparam("doc")).distinct()
DELETE_DOC_EVIDENCE = delete(EVIDENCE).where(V.doc_id == bindparam("doc"))
DOC_OUTLET = select(DocumentRow.__table__.c.outlet_id).where(DocumentRow.__table__.c.id == bindparam("doc"))
ROW_BY_ID = select(*ROW_COLUMNS).where(E.id == bindparam("event"))
ROWS_BY_IDS = select(*ROW_COLUMNS).where(E.id.in_(bindparam("ids", expanding=True)))
REPORTED = select(V.event_id).where(V.event_id.in_(bindparam("ids", expanding=True))).distinct()
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
    touched = set(conn.execute(DOC_EVENTS, {"doc": doc_id}).scalars())
    conn.execute(DELETE_DOC_EVIDENCE, {"doc": doc_id})
    doc_outlet = conn.execute(DOC_OUTLET, {"doc": doc_id}).scalar()
    events = list(events)
    # the stored rows under these events' own ids, and which of them other documents report:
    # read once (nothing below writes before the end)
    same_id, reported = {}, set()
    for part in chunked(sorted({ev.event_id for ev in events})):
        same_id.update((r.id, r) for r in conn.execute(ROWS_BY_IDS, {"ids": list(part)}))
        reported.update(conn.execute(REPORTED, {"ids": list(part)}).scalars())
    writes = DocumentWrites()
    claimed: dict[str, StoredEvent] = {}  # rows that already took one event of this document
    for ev in events:
        row = matching_event(session, ev, set(claimed))  # a row other documents report
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
            writes.evidence.append({"event_id": row.id, "doc_id": e.doc_id, "unit_id": e.unit_id, "start": e.start,
                                    "end": e.end, "text": e.text, "outlet_id": doc_outlet, "derived_from": e.derived_from})  # fmt: skip
        touched.add(row.id)
    writes.write(conn)
    refresh_counts(session, touched, count_sources)
    return len(touched)


def matching_event(session: Session, ev: Event, exclude: set[str]) -> StoredEvent | None:
    """A stored event reported by other documents that `ev` is another report of, if any: the
    one sharing most participants, then with most evidence.

    The candidates come from one indexed query (same type, a date that can agree with `ev`'s,
    one of its actors acting, some evidence), their participants and passages from one query
    each: the cost follows the events that could match, not the events stored.
    """
    ev_codes = frozenset(p.code for p in (*ev.actors, *ev.recipients))
    ev_actors = {p.code for p in ev.actors}
    if not ev_codes or not ev_actors:
        return None  # the rules below need someone acting in both
    conn = session.connection()
    copied = copied_report(session, ev, ev_codes, ev_actors, exclude)
    if copied is not None:
        return copied
    rows = [
        row
        for row in conn.execute(*merge_candidates(ev, ev_actors))
        if row.id not in exclude and dates_agree(row.date, ev.date, allow_missing=False)
    ]
    if not rows:
        return None
    parts = participants_of(conn, [r.id for r in rows])
    # undated (or only yearly dated) reports are one event only when one copies the other
    loose = [r.id for r in rows if not (precise(r.date) and precise(ev.date))]
    passages = passages_of(conn, loose)
    best, best_key = None, None
    for row in rows:
        if row.id in passages and not same_passage(passages[row.id], ev):
            continue
        loc = Location(row.loc_name, row.loc_country) if row.loc_name else None
        if not locations_agree(loc, ev.location):
            continue
        row_parts = parts.get(row.id, [])
        row_codes = frozenset(code for _, code, _ in row_parts)
        if not same_parties(row_parts, ev_codes, ev_actors):
            continue
        key = (len(row_codes & ev_codes) / len(row_codes | ev_codes), row.n_evidence or 0, row.id)
        if best_key is None or key > best_key:
            best, best_key = row, key
    return StoredEvent.from_row(best).with_participants(parts.get(best.id, [])) if best is not None else None


COPIED_EVIDENCE = (
    select(V.event_id, V.text)
    .join(EVENTS, E.id == V.event_id)
    .where(V.doc_id.in_(bindparam("docs", expanding=True)), E.event_type == bindparam("type"))
)


def copied_report(
    session: Session, ev: Event, ev_codes: frozenset[str], ev_actors: set[str], exclude: set[str]
) -> StoredEvent | None:
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
    conn = session.connection()
    texts = {squash(e.text) for e in ev.evidence}
    found = conn.execute(COPIED_EVIDENCE, {"docs": sorted(linked), "type": ev.event_type})
    ids = sorted({eid for eid, text in found if eid not in exclude and squash(text) in texts})
    for event_id, row_parts in participants_of(conn, ids).items():
        if same_parties(row_parts, ev_codes, ev_actors):
            row = StoredEvent.from_row(conn.execute(ROW_BY_ID, {"event": event_id}).one()).with_participants(row_parts)
            if ev.date and row.date and row.date_precision == ev.date_precision and ev.date < row.date:
                row.date = ev.date  # the original, stored after its copy: its day is the event's
            return row
    return None


def same_parties(row_parts: Sequence[tuple[str, str, str | None]], ev_codes: frozenset[str], ev_actors: set[str]) -> bool:
    """Whether a stored event's (role, code, identifier) participants are `ev`'s: overlapping
    parties, and someone acting in both."""
    row_codes = frozenset(code for _, code, _ in row_parts)
    row_actors = {code for role, code, _ in row_parts if role == "actor"}
    return codes_overlap(row_codes, ev_codes) and bool(row_actors & ev_actors)


def candidates_statement(dated: bool):
    """Stored events an event might be another report of, narrowed by indexes: the type and a
    date window (`ix_events_type_date_id`), one of the event's actors acting in it and some
    evidence (probes by event id). Built once per shape; `merge_candidates` binds it."""
    acting = (
        select(P.id)
        .where(P.event_id == E.id, P.role == "actor", P.code.in_(bindparam("actors", expanding=True)))
        .exists()
    )  # fmt: skip
    reported = select(V.id).where(V.event_id == E.id).exists()
    if dated:
        windows = [E.date.in_(bindparam("prefixes", expanding=True)),
                   and_(E.date >= bindparam("day"), E.date < bindparam("above"))]  # fmt: skip
    else:
        windows = [E.date.is_(None), E.date == ""]
    # one query per part of the date window, each a seek on (type, date): SQLite would not
    # seek on an OR of both, and would read every event of the type instead
    parts = [select(*ROW_COLUMNS).where(E.event_type == bindparam("type"), window, acting, reported)
             for window in windows]  # fmt: skip
    return union_all(*parts)


CANDIDATES = {True: candidates_statement(True), False: candidates_statement(False)}


def merge_candidates(ev: Event, ev_actors: set[str]) -> tuple:
    """(statement, parameters) of the stored events `ev` might be another report of: the dates
    that can agree with its day at the coarser precision (`dates_agree` decides) are its
    prefixes ("2021", "2021-08" for "2021-08-10") and the dates it is a prefix of."""
    params = {"type": ev.event_type, "actors": sorted(ev_actors)}
    day = ev.date
    if day:
        params["prefixes"] = [day[:n] for n in range(1, len(day))]
        params["day"] = day
        params["above"] = day[:-1] + chr(ord(day[-1]) + 1)  # the first string after all starting with `day`
    return CANDIDATES[bool(day)], params


ROLES_OF = select(P.event_id, P.role, P.code, P.identifier_text).where(P.event_id.in_(bindparam("ids", expanding=True)))
PASSAGES_OF = select(V.event_id, V.doc_id, V.text).where(V.event_id.in_(bindparam("ids", expanding=True)))


def participants_of(conn: Connection, event_ids: Sequence[str]) -> dict[str, list[tuple[str, str, str | None]]]:
    """event id -> [(role, code, identifier_text)] of the stored participants, in one query per chunk."""
    found: dict[str, list[tuple[str, str, str | None]]] = {}
    for part in chunked(event_ids):
        for event_id, role, code, identifier in conn.execute(ROLES_OF, {"ids": list(part)}):
            found.setdefault(event_id, []).append((role, code, identifier))
    return found


def passages_of(conn: Connection, event_ids: Sequence[str]) -> dict[str, tuple[set[str], set[str]]]:
    """event id -> (documents of its evidence, its evidence sentences squashed)."""
    found: dict[str, tuple[set[str], set[str]]] = {i: (set(), set()) for i in event_ids}
    for part in chunked(event_ids):
        for event_id, doc_id, text in conn.execute(PASSAGES_OF, {"ids": list(part)}):
            found[event_id][0].add(doc_id)
            found[event_id][1].add(squash(text))
    return found


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
