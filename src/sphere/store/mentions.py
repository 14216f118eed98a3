"""Writing entity mentions and ranking the entities they point to."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sqlalchemy import case, func, select
from sqlalchemy.orm import Session

from ..types import Mention
from .models import MentionRow
from .reuse import insert_sql, run_sql

MENTIONS = MentionRow.__table__
DELETE_MENTIONS = f"DELETE FROM {MENTIONS.name} WHERE doc_id = {{mark}}"
MENTION_COLUMNS = ("doc_id", "unit_id", "start", "end", "text", "code", "kind", "sector", "identifier_text",
                   "label", "lang", "note", "stage_version")  # fmt: skip
NEW_MENTION = insert_sql(MENTIONS, MENTION_COLUMNS)


def save_mentions(session: Session, doc_id: str, mentions: Iterable[Mention], stage_version: str) -> int:
    """Replace a document's mentions (re-analysis leaves no stale rows); returns how many.
    Plain SQL on the session's driver cursor, one statement each way: a document has hundreds
    of mentions, and SQLAlchemy's per-row parameter processing cost more than the database's
    insert (the rows are plain strings and integers: no type conversion to skip)."""
    session.flush()  # pending rows (the document) reach the database first, as autoflush did
    run_sql(session, DELETE_MENTIONS, (doc_id,))
    rows = [
        (doc_id, m.unit_id, m.start, m.end, m.text, m.code, m.kind, m.sector, m.identifier_text, m.label,
         m.lang, m.note, stage_version)
        for m in mentions
    ]  # fmt: skip
    if rows:
        run_sql(session, NEW_MENTION, rows, many=True)
    return len(rows)


ACTING_KINDS = ("person", "military-unit")  # mentions that carry the code of what they act for


@dataclass(frozen=True)
class EntityCount:
    code: str
    kind: str
    mentions: int
    documents: int


def rank_entities(
    session: Session, kind: str | None = None, doc: str | None = None, top: int | None = 50,
    offset: int = 0, q: str | None = None,
) -> list[EntityCount]:
    """Resolved entities by number of mentions (ties by code), optionally within a document.

    An entity's kind is that of its own mentions: RUS is a state even though the mentions of
    Putin and of the 201st base carry RUS too (persons and units sort after the other kinds).
    """
    acting = MentionRow.kind.in_(ACTING_KINDS)
    kind_key = case((acting, "~" + MentionRow.kind), else_=MentionRow.kind)
    stmt = (
        select(
            MentionRow.code,
            func.min(kind_key),
            func.count(MentionRow.id),
            func.count(func.distinct(MentionRow.doc_id)),
        )
        .where(MentionRow.code.is_not(None))
        .group_by(MentionRow.code)
        .order_by(func.count(MentionRow.id).desc(), MentionRow.code)
        .offset(offset)
    )
    if kind:
        stmt = stmt.where(MentionRow.kind == kind)
    if doc:
        stmt = stmt.where(MentionRow.doc_id == doc)
    if q:
        stmt = stmt.where(func.lower(MentionRow.code).contains(q.lower()))
    if top:
        stmt = stmt.limit(top)
    return [EntityCount(c, k.lstrip("~"), n, d) for c, k, n, d in session.execute(stmt)]


def mentions_of(session: Session, code: str, limit: int = 200, identifier: str | None = None) -> list[MentionRow]:
    """Mentions of a code, or (with `identifier`) of one person or unit acting for it."""
    stmt = select(MentionRow).where(MentionRow.code == code)
    if identifier is not None:
        stmt = stmt.where(MentionRow.identifier_text == identifier)
    return list(session.scalars(stmt.order_by(MentionRow.doc_id, MentionRow.start).limit(limit)))


def aliases_seen(session: Session, code: str, identifier: str | None = None) -> list[tuple[str, int]]:
    stmt = select(MentionRow.text, func.count(MentionRow.id)).where(MentionRow.code == code)
    if identifier is not None:
        stmt = stmt.where(MentionRow.identifier_text == identifier)
    stmt = stmt.group_by(MentionRow.text).order_by(func.count(MentionRow.id).desc(), MentionRow.text)
    return [(t, n) for t, n in session.execute(stmt)]


def co_occurring(session: Session, code: str, top: int = 15) -> list[tuple[str, int]]:
    """Entities mentioned in the same units as `code`, by number of shared units."""
    units = (
        select(MentionRow.doc_id, MentionRow.unit_id)
        .where(MentionRow.code == code)
        .distinct()
        .subquery()
    )
    stmt = (
        select(MentionRow.code, func.count(func.distinct(MentionRow.doc_id + "/" + MentionRow.unit_id)))
        .join(units, (units.c.doc_id == MentionRow.doc_id) & (units.c.unit_id == MentionRow.unit_id))
        .where(MentionRow.code.is_not(None), MentionRow.code != code)
        .group_by(MentionRow.code)
        .order_by(func.count(func.distinct(MentionRow.doc_id + "/" + MentionRow.unit_id)).desc())
        .limit(top)
    )
    return [(c, n) for c, n in session.execute(stmt)]
