"""Paginated lists for the dashboard: documents with their counts, entities with theirs.

Lists answer a page of items and the total, so the API can say `{"items": [...], "total": N}`
and the pages can show "41-60 of 1,204". Entities come from both the mentions (what the texts
name) and the participants (who acts in events), so an actor of imported events with no stored
mention is still listed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..types import Event
from .documents import DocumentFilter, list_documents
from .event_query import EventFilter, EventQuery, load_events
from .mentions import aliases_seen, co_occurring
from .models import (
    DocumentRow,
    EventRow,
    EvidenceRow,
    MentionRow,
    OutletRow,
    ParticipantRow,
    UnitRow,
)


def events_page(session: Session, f: EventFilter, limit: int = 50, offset: int = 0) -> tuple[list[Event], int]:
    """A page of events matching `f` in `query_events` order (by date, undated last), and the total."""
    query = EventQuery(session, f)
    ids = query.page_ids(limit, offset)
    if len(ids) < limit and (ids or offset == 0):  # the last page: the total is known
        return load_events(session, ids), offset + len(ids)
    return load_events(session, ids), query.count()


def latest_events(session: Session, n: int = 10) -> list[Event]:
    """The `n` most recent dated events, newest first (undated ones say nothing about recency)."""
    query = EventQuery(session, EventFilter())
    dated = query.count(dated=True)
    ids = query.page_ids(min(n, dated), max(0, dated - n)) if dated else []
    return load_events(session, ids)[::-1]


@dataclass(frozen=True)
class DocumentSummary:
    doc_id: str
    title: str | None
    outlet_id: str | None
    outlet: str | None
    published: date | None
    url: str | None
    units: int
    mentions: int
    events: int


def documents_page(
    session: Session, f: DocumentFilter = DocumentFilter(), limit: int = 50, offset: int = 0
) -> tuple[list[DocumentSummary], int]:
    """A page of documents (by date, as `list_documents` orders them) and how many match."""
    rows = list(list_documents(session, f))
    total = len(rows)
    page = rows[offset : offset + limit]
    ids = [r.id for r in page]
    names = dict(session.execute(select(OutletRow.id, OutletRow.name)).all()) if page else {}
    units = counts(session, UnitRow.doc_id, UnitRow.id, ids)
    mentions = counts(session, MentionRow.doc_id, MentionRow.id, ids)
    events = counts(session, EvidenceRow.doc_id, EvidenceRow.event_id, ids)
    items = [
        DocumentSummary(
            r.id, r.title, r.outlet_id, names.get(r.outlet_id or ""), r.published, r.url,
            units.get(r.id, 0), mentions.get(r.id, 0), events.get(r.id, 0),
        )  # fmt: skip
        for r in page
    ]
    return items, total


def counts(session: Session, key, counted, ids: list[str]) -> dict[str, int]:
    if not ids:
        return {}
    stmt = select(key, func.count(func.distinct(counted))).where(key.in_(ids)).group_by(key)
    return dict(session.execute(stmt).all())


@dataclass(frozen=True)
class EntitySummary:
    code: str
    kind: str | None  # from the mentions; None when only seen as a participant
    mentions: int
    documents: int
    as_actor: int  # events
    as_recipient: int

    @property
    def weight(self) -> int:
        return self.mentions + self.as_actor + self.as_recipient


def all_entities(session: Session) -> dict[str, EntitySummary]:
    mentioned = session.execute(
        select(MentionRow.code, func.min(MentionRow.kind), func.count(MentionRow.id),
               func.count(func.distinct(MentionRow.doc_id)))
        .where(MentionRow.code.is_not(None)).group_by(MentionRow.code)
    )  # fmt: skip
    found = {code: [kind, n, d, 0, 0] for code, kind, n, d in mentioned}
    roles = session.execute(
        select(ParticipantRow.code, ParticipantRow.role, func.count(func.distinct(ParticipantRow.event_id)))
        .group_by(ParticipantRow.code, ParticipantRow.role)
    )
    for code, role, n in roles:
        entry = found.setdefault(code, [None, 0, 0, 0, 0])
        entry[3 if role == "actor" else 4] += n
    return {code: EntitySummary(code, *v) for code, v in found.items()}


def entities_page(
    session: Session, q: str | None = None, kind: str | None = None, limit: int = 50, offset: int = 0
) -> tuple[list[EntitySummary], int]:
    """Entities by how much they appear (mentions + events), optionally matching `q` and `kind`."""
    items = list(all_entities(session).values())
    if q:
        items = [e for e in items if q.lower() in e.code.lower()]
    if kind:
        items = [e for e in items if e.kind == kind]
    items.sort(key=lambda e: (-e.weight, e.code))
    return items[offset : offset + limit], len(items)


@dataclass(frozen=True)
class EntityProfile:
    summary: EntitySummary
    aliases: list[tuple[str, int]]  # surface forms and how often
    co_mentioned: list[tuple[str, int]]  # codes named in the same units
    partners: list[tuple[str, int]]  # codes in the same events
    event_types: list[tuple[str, int]]
    documents: list[tuple[str, int]]  # documents mentioning it, by mentions


def entity_profile(session: Session, code: str) -> EntityProfile | None:
    summary = all_entities_for(session, code)
    if summary is None:
        return None
    mine = select(ParticipantRow.event_id).where(ParticipantRow.code == code)
    n = func.count(func.distinct(ParticipantRow.event_id))
    partners = session.execute(
        select(ParticipantRow.code, n)
        .where(ParticipantRow.event_id.in_(mine), ParticipantRow.code != code)
        .group_by(ParticipantRow.code).order_by(n.desc(), ParticipantRow.code).limit(20)
    ).all()  # fmt: skip
    types = session.execute(
        select(EventRow.event_type, func.count())
        .where(EventRow.id.in_(mine)).group_by(EventRow.event_type)
        .order_by(func.count().desc(), EventRow.event_type)
    ).all()  # fmt: skip
    docs = session.execute(
        select(MentionRow.doc_id, func.count())
        .where(MentionRow.code == code).group_by(MentionRow.doc_id)
        .order_by(func.count().desc(), MentionRow.doc_id).limit(50)
    ).all()  # fmt: skip
    return EntityProfile(
        summary,
        aliases=aliases_seen(session, code)[:30],
        co_mentioned=co_occurring(session, code),
        partners=[tuple(r) for r in partners],
        event_types=[tuple(r) for r in types],
        documents=[tuple(r) for r in docs],
    )


def all_entities_for(session: Session, code: str) -> EntitySummary | None:
    """One entity's counts (the same as `all_entities` would give, without counting them all)."""
    kind, n, d = session.execute(
        select(func.min(MentionRow.kind), func.count(MentionRow.id), func.count(func.distinct(MentionRow.doc_id)))
        .where(MentionRow.code == code)
    ).one()  # fmt: skip
    roles = dict(
        session.execute(
            select(ParticipantRow.role, func.count(func.distinct(ParticipantRow.event_id)))
            .where(ParticipantRow.code == code).group_by(ParticipantRow.role)
        ).all()
    )
    if not n and not roles:
        return None
    return EntitySummary(code, kind, n, d, roles.get("actor", 0), roles.get("recipient", 0))


def overview_counts(session: Session) -> dict[str, int]:
    def count(model) -> int:
        return session.scalar(select(func.count()).select_from(model)) or 0

    return {
        "documents": count(DocumentRow),
        "units": count(UnitRow),
        "mentions": count(MentionRow),
        "events": count(EventRow),
        "evidence": count(EvidenceRow),
        "outlets": count(OutletRow),
        "entities": len(all_entities(session)),
    }
