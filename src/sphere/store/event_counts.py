"""Recounting a stored event's evidence and independent sources, and dropping events left with
none: after a document's events are stored (`events.save_events`), after a document is found to
be a copy (`pipeline.refresh_copies`) or replaced by a new version (`documents.replace_version`).
Plain Core statements built once, as in `events`."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import NamedTuple

from sqlalchemy import bindparam, delete, update
from sqlalchemy.orm import Session

from .models import EventRow, EvidenceRow, OutletRow, ParticipantRow

# Given a stored event's evidence (rows with doc_id, start, end, outlet_id, derived_from), the
# independent outlets reporting it (provenance stage).
SourceCounter = Callable[[Session, Sequence[EvidenceRow]], list[str]]

EVENTS, PARTICIPANTS, EVIDENCE = EventRow.__table__, ParticipantRow.__table__, EvidenceRow.__table__
E, P, V = EVENTS.c, PARTICIPANTS.c, EVIDENCE.c
DELETE_PARTICIPANTS = delete(PARTICIPANTS).where(P.event_id == bindparam("event"))
DELETE_EVENT = delete(EVENTS).where(E.id == bindparam("event"))


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


def chunked(items: Sequence, size: int = 500) -> Iterable[Sequence]:
    for i in range(0, len(items), size):
        yield items[i : i + size]


class EvidenceSpan(NamedTuple):
    """What counting sources reads of a piece of evidence (`SourceCounter`'s rows)."""

    event_id: str
    doc_id: str
    start: int
    end: int
    outlet_id: str | None
    derived_from: str | None


# read on the driver cursor (`fetch_in`): refresh_counts runs for every stored document
EXISTING = f"SELECT id FROM {EVENTS.name} WHERE id IN ({{marks}})"
EVIDENCE_OF = (
    f'SELECT event_id, doc_id, start, "end", outlet_id, derived_from FROM {EVIDENCE.name} '
    "WHERE event_id IN ({marks}) ORDER BY id"
)
UPDATE_COUNTS = update(EVENTS).where(E.id == bindparam("row_id")).values(
    n_evidence=bindparam("n_evidence"), sources=bindparam("sources"), n_sources=bindparam("n_sources")
)


def refresh_counts(
    session: Session, event_ids: Iterable[str], count_sources: SourceCounter = outlets_of_evidence
) -> None:
    """Recount evidence and independent sources; drop events left with no evidence."""
    from .reuse import fetch_in  # reuse imports `chunked` from here

    session.flush()
    conn = session.connection()
    for part in chunked(sorted(set(event_ids))):
        ids = list(part)
        evidence: dict[str, list] = {eid: [] for eid, in fetch_in(session, EXISTING, ids)}
        for e in fetch_in(session, EVIDENCE_OF, ids):
            evidence[e[0]].append(EvidenceSpan._make(e))
        gone = [{"event": eid} for eid, found in evidence.items() if not found]
        if gone:
            conn.execute(DELETE_PARTICIPANTS, gone)
            conn.execute(DELETE_EVENT, gone)
        counts = []
        for eid, found in evidence.items():
            if found:
                sources = count_sources(session, found)
                counts.append({"row_id": eid, "n_evidence": len(found), "sources": sources, "n_sources": len(sources)})
        if counts:
            conn.execute(UPDATE_COUNTS, counts)
    forget_loaded_events(session)


def forget_loaded_events(session: Session) -> None:
    """Rows written here behind the ORM's back: any loaded as objects are read again on use."""
    for obj in list(session.identity_map.values()):
        if isinstance(obj, (EventRow, ParticipantRow, EvidenceRow)):
            session.expire(obj)
