"""Which stored event a new report is another report of: the merge rules of `save_events`.

A document's events are matched against events other documents reported: the same PLOVER type,
a date that can agree, an actor in common, participants that overlap, places that do not
contradict (`sphere.events.merge`), or a copied passage (`copied_report`). The store does not
change while one document's events are matched (its writes go out together afterwards), so
what matching reads is read once for the whole document (`MergeLookups`), in plain SQL on the
driver cursor (`store.reuse.run_sql`, `fetch_in`): a few statements per stored document, whose
cost in SQLAlchemy's statement execution was more than the database's.
"""

from __future__ import annotations

import hashlib
import json
from collections import namedtuple
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from sqlalchemy.orm import Session

from ..events.merge import codes_overlap, dates_agree, locations_agree
from ..types import Event, Location
from .event_counts import EVENTS, EVIDENCE, PARTICIPANTS, E
from .reuse import fetch_in, linked_documents, links_by_side, run_sql

# --- the stored event, as merging reads and changes it ---------------------------------------

ROW_COLUMNS = (E.id, E.event_type, E.mode, E.context, E.date, E.enddate, E.date_precision, E.status,
               E.loc_name, E.loc_country, E.lat, E.lon, E.geonameid, E.confidence, E.n_evidence,
               E.stage_version)  # fmt: skip
# the same columns as plain SQL, read on the driver cursor (`event_rows`)
ROW_SQL = ", ".join(f'{EVENTS.name}."{c.name}"' for c in ROW_COLUMNS)
EventValues = namedtuple("EventValues", [c.name for c in ROW_COLUMNS])  # one row of ROW_COLUMNS
JSON_AT = [i for i, c in enumerate(ROW_COLUMNS) if c.name in ("mode", "context")]


def event_rows(raw: Iterable[tuple]) -> list[EventValues]:
    """Driver rows of ROW_SQL as `EventValues`, their JSON lists decoded (SQLite's driver
    returns the text, psycopg the list) as SQLAlchemy's JSON type did."""
    out = []
    for values in raw:
        values = list(values)
        for i in JSON_AT:
            if isinstance(values[i], str):
                values[i] = json.loads(values[i])
        out.append(EventValues._make(values))
    return out


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
class MergeLookups:
    """What matching one document's events against the store reads, in a few queries for all
    of them (the store does not change while they are matched): the stored events each might
    be another report of, those events' participants, and the passages of those that only a
    copied passage can join."""

    candidates: dict[tuple[str, str], list] = field(default_factory=dict)  # (type, day) -> rows
    participants: dict[str, list[tuple[str, str, str | None]]] = field(default_factory=dict)
    passages: dict[str, tuple[set[str], set[str]]] = field(default_factory=dict)
    copies: CopiedEvidence | None = None  # for `copied_report`

    @classmethod
    def read(cls, session: Session, events: Sequence[Event]) -> MergeLookups:
        # one candidates query per (type, day) of the document, for all its events' actors;
        # each event keeps the rows one of its own actors acts in (`rows_for`). The query
        # reads only rows dated precisely enough to merge on their dates; the others (undated
        # or only yearly dated, on either side) merge only by a passage one copies from the
        # other, so they are found through the document's passages (`sharing_passages`)
        actors: dict[tuple[str, str], set[str]] = {}
        for ev in events:
            if participant_set(ev) and (acting := {p.code for p in ev.actors}):
                actors.setdefault(candidate_key(ev), set()).update(acting)
        found = cls(copies=CopiedEvidence.read(session, events))
        for (event_type, day), codes in actors.items():
            if precise(day):
                sql, params = merge_candidates(event_type, day, codes)
                found.candidates[(event_type, day)] = event_rows(run_sql(session, sql, params))
            else:
                found.candidates[(event_type, day)] = []
        found.passages = sharing_passages(session, [ev for ev in events if candidate_key(ev) in actors])
        dated = {r.id for group in found.candidates.values() for r in group}
        loose = [r for r in rows_by_ids(session, sorted(found.passages)) if r.id not in dated]
        for (event_type, day), group in found.candidates.items():
            group += [r for r in loose if r.event_type == event_type and in_window(r.date, day)
                      and not (precise(r.date) and precise(day))]  # fmt: skip
        rows = {r.id for group in found.candidates.values() for r in group}
        found.participants = participants_of(session, sorted(rows))
        return found

    def rows_for(self, ev: Event, ev_actors: set[str]) -> list:
        """The candidate rows of `ev`: one of its actors acting in them (as the query asked)."""
        return [
            row for row in self.candidates.get(candidate_key(ev), [])
            if any(role == "actor" and code in ev_actors for role, code, _ in self.participants.get(row.id, []))
        ]  # fmt: skip


def participant_set(ev: Event) -> frozenset[str]:
    return frozenset(p.code for p in (*ev.actors, *ev.recipients))


def candidate_key(ev: Event) -> tuple[str, str]:
    return ev.event_type, ev.date or ""


def matching_event(session: Session, ev: Event, exclude: set[str], lookups: MergeLookups) -> StoredEvent | None:
    """A stored event reported by other documents that `ev` is another report of, if any: the
    one sharing most participants, then with most evidence.

    The candidates come from indexed queries (same type, a date that can agree with `ev`'s,
    one of its actors acting, some evidence), read for the whole document (`MergeLookups`):
    the cost follows the events that could match, not the events stored.
    """
    ev_codes = participant_set(ev)
    ev_actors = {p.code for p in ev.actors}
    if not ev_codes or not ev_actors:
        return None  # the rules below need someone acting in both
    copied = copied_report(session, ev, ev_codes, ev_actors, exclude, lookups.copies)
    if copied is not None:
        return copied
    rows = [
        row
        for row in lookups.rows_for(ev, ev_actors)
        if row.id not in exclude and dates_agree(row.date, ev.date, allow_missing=False)
    ]
    if not rows:
        return None
    parts, passages = lookups.participants, lookups.passages
    best, best_key = None, None
    for row in rows:
        loose = not (precise(row.date) and precise(ev.date))
        if loose and not same_passage(passages[row.id], ev):
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
    f"SELECT {EVIDENCE.name}.event_id, {EVENTS.name}.event_type, {EVIDENCE.name}.doc_id, {EVIDENCE.name}.text "
    f"FROM {EVIDENCE.name} JOIN {EVENTS.name} ON {EVENTS.name}.id = {EVIDENCE.name}.event_id "
    f"WHERE {EVIDENCE.name}.doc_id IN ({{marks}})"
)


def linked_to(session: Session, ev: Event) -> set[str]:
    """The documents `ev`'s evidence shares a passage with: reuse links either way, and the
    originals its passages are derived from."""
    docs = {e.doc_id for e in ev.evidence}
    linked: set[str] = set()
    for doc_id in docs & linked_documents(session):  # links read once per run (reuse.py)
        copies, originals = links_by_side(session, doc_id)
        linked.update(r.original_doc for r in copies)
        linked.update(r.copy_doc for r in originals)
    linked |= {e.derived_from for e in ev.evidence if e.derived_from}
    return linked - docs


@dataclass
class CopiedEvidence:
    """The stored evidence of the documents a document's events share passages with, read once
    for all its events: (event id, type, document, sentence squashed) rows, and those events'
    rows and participants."""

    found: list[tuple[str, str, str, str]] = field(default_factory=list)
    rows: dict[str, object] = field(default_factory=dict)
    participants: dict[str, list[tuple[str, str, str | None]]] = field(default_factory=dict)

    @classmethod
    def read(cls, session: Session, events: Sequence[Event]) -> CopiedEvidence:
        docs = set().union(*(linked_to(session, ev) for ev in events)) if events else set()
        out = cls()
        out.found = [(i, t, d, squash(text)) for i, t, d, text in fetch_in(session, COPIED_EVIDENCE, sorted(docs))]
        ids = sorted({i for i, _, _, _ in out.found})
        out.rows = {r.id: r for r in rows_by_ids(session, ids)}
        out.participants = participants_of(session, ids)
        return out


def copied_report(
    session: Session, ev: Event, ev_codes: frozenset[str], ev_actors: set[str], exclude: set[str],
    copies: CopiedEvidence | None = None,
) -> StoredEvent | None:
    """The stored event that `ev` is a copy of (or that copies it): the same sentence, coded as
    the same type with the same parties, in a document sharing a passage with `ev`'s (a reuse
    link either way). Dates are not compared: a syndicated copy published a day later dates
    its statements a day later, and is still the same report. The row keeps the earlier date.
    `copies`: what `CopiedEvidence.read` read for all the events of `ev`'s document."""
    linked = linked_to(session, ev)
    if not linked:
        return None
    if copies is None:
        copies = CopiedEvidence.read(session, [ev])
    texts = {squash(e.text) for e in ev.evidence}
    ids = sorted({i for i, etype, doc, text in copies.found
                  if etype == ev.event_type and doc in linked and i not in exclude and text in texts})  # fmt: skip
    for event_id in ids:
        row_parts = copies.participants.get(event_id, [])
        if row_parts and same_parties(row_parts, ev_codes, ev_actors):
            row = StoredEvent.from_row(copies.rows[event_id]).with_participants(row_parts)
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


ACTING = (
    f"EXISTS (SELECT 1 FROM {PARTICIPANTS.name} WHERE {PARTICIPANTS.name}.event_id = {EVENTS.name}.id "
    f"AND {PARTICIPANTS.name}.role = 'actor' AND {PARTICIPANTS.name}.code IN ({{actors}}))"
)
REPORTED = f"EXISTS (SELECT 1 FROM {EVIDENCE.name} WHERE {EVIDENCE.name}.event_id = {EVENTS.name}.id)"
# one query per part of the date window, each a seek on (type, date) (`ix_events_type_date_id`):
# SQLite would not seek on an OR of both, and would read every event of the type instead
BY_PREFIXES = f"SELECT {ROW_SQL} FROM {EVENTS.name} WHERE event_type = {{mark}} AND date IN ({{prefixes}}) AND {ACTING} AND {REPORTED}"
STARTING = f"SELECT {ROW_SQL} FROM {EVENTS.name} WHERE event_type = {{mark}} AND date >= {{mark}} AND date < {{mark}} AND {ACTING} AND {REPORTED}"


def merge_candidates(event_type: str, day: str, actors: set[str]) -> tuple[str, list]:
    """(plain SQL for `run_sql`, its parameters): the stored events of a type that one of
    `actors` acts in (and that have evidence) that an event of precise `day` (a month or a day)
    might be another report of on dates alone: of the dates that can agree with it at the
    coarser precision (`in_window`), those at month precision or finer, its prefixes
    ("2021-08" for "2021-08-10") and the dates it is a prefix of. Yearly dated and undated
    events merge only by a shared passage (`sharing_passages`)."""
    codes = sorted(actors)
    prefixes = [day[:n] for n in range(MONTH_CHARS, len(day))]
    above = day[:-1] + chr(ord(day[-1]) + 1)  # the first string after all starting with `day`
    marks = ", ".join(["{mark}"] * len(codes))
    parts, params = [], []
    if prefixes:
        parts.append(BY_PREFIXES.format(mark="{mark}", prefixes=", ".join(["{mark}"] * len(prefixes)), actors=marks))
        params += [event_type, *prefixes, *codes]
    parts.append(STARTING.format(mark="{mark}", actors=marks))
    params += [event_type, day, above, *codes]
    return " UNION ALL ".join(parts), params


def in_window(date: str | None, day: str) -> bool:
    """Whether a stored event's date can agree with `day` at the coarser precision: one of its
    prefixes, or starting with it (an undated `day`: an undated event)."""
    if not day:
        return not date
    return bool(date) and (day.startswith(date) or date.startswith(day))


ROWS_OF = f"SELECT {ROW_SQL} FROM {EVENTS.name} WHERE id IN ({{marks}})"
PASSAGES_BY_KEY = f"SELECT event_id, doc_id, text FROM {EVIDENCE.name} WHERE passage_key IN ({{marks}})"
PASSAGES_IN_DOCS = f"SELECT event_id, doc_id, text FROM {EVIDENCE.name} WHERE doc_id IN ({{marks}})"


def rows_by_ids(session: Session, event_ids: Sequence[str]) -> list[EventValues]:
    return event_rows(fetch_in(session, ROWS_OF, event_ids))


def sharing_passages(session: Session, events: Sequence[Event]) -> dict[str, tuple[set[str], set[str]]]:
    """event id -> (documents, squashed sentences) of its stored evidence that shares a passage
    with one of `events`: the same sentence (by `passage_key`, then compared squashed), or
    evidence in a document one of theirs derives from. That is all `same_passage` needs to see
    of a stored event, so these are read instead of every undated event's whole evidence."""
    texts = {squash(e.text) for ev in events for e in ev.evidence}
    docs = {e.derived_from for ev in events for e in ev.evidence if e.derived_from}
    found: dict[str, tuple[set[str], set[str]]] = {}

    def take(sql: str, values: set[str], keep) -> None:
        for event_id, doc_id, text in fetch_in(session, sql, sorted(values)):
            squashed = squash(text)
            if keep(doc_id, squashed):
                entry = found.setdefault(event_id, (set(), set()))
                entry[0].add(doc_id)
                entry[1].add(squashed)

    take(PASSAGES_BY_KEY, {passage_key_of(t) for t in texts}, lambda _, text: text in texts)
    take(PASSAGES_IN_DOCS, docs, lambda doc, _: doc in docs)
    return found


ROLES_OF = f"SELECT event_id, role, code, identifier_text FROM {PARTICIPANTS.name} WHERE event_id IN ({{marks}})"


def participants_of(session: Session, event_ids: Sequence[str]) -> dict[str, list[tuple[str, str, str | None]]]:
    """event id -> [(role, code, identifier_text)] of the stored participants, in one query per chunk."""
    found: dict[str, list[tuple[str, str, str | None]]] = {}
    for event_id, role, code, identifier in fetch_in(session, ROLES_OF, event_ids):
        found.setdefault(event_id, []).append((role, code, identifier))
    return found


MONTH_CHARS = len("2021-08")


def precise(day: str | None) -> bool:
    """A date at month or day precision: enough to tell two reports of one event apart."""
    return bool(day) and len(day) >= MONTH_CHARS


def squash(text: str) -> str:
    return " ".join(text.split()).lower()


def passage_key_of(squashed: str) -> str:
    return hashlib.blake2b(squashed.encode("utf-8"), digest_size=8).hexdigest()


def passage_key(text: str) -> str:
    """`evidence.passage_key`: 16 hex characters of the sentence squashed (`squash`)."""
    return passage_key_of(squash(text))


def same_passage(stored: tuple[set[str], set[str]], ev: Event) -> bool:
    """Whether `ev` is reported in a passage copied from (or identical to) a stored event's,
    given that event's documents and squashed sentences (`sharing_passages`)."""
    docs, texts = stored
    return any(e.derived_from in docs or squash(e.text) in texts for e in ev.evidence)
