"""The main process's side of `pipeline.analyse`: provenance before the workers' results
arrive, then storing what they found. Both go a chunk of documents per transaction (a commit
per document was about a tenth of their CPU); a document that fails rolls its chunk back, and
the chunk is done again a document at a time, so it fails alone and the rest is kept.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, TypeVar

from sqlalchemy import Engine, or_, select
from sqlalchemy.orm import Session
from sqlalchemy.orm.util import identity_key

from .errors import StoreError
from .store.event_counts import chunked
from .store.models import DocumentRow, EvidenceRow, ReuseLinkRow
from .types import Event
from .versions import STAGE_VERSIONS

if TYPE_CHECKING:
    from .pipeline import TextAnalysis

T = TypeVar("T")


def mark_derived(session: Session, doc_id: str, events: Iterable[Event]) -> list[Event]:
    """Evidence lying in a passage copied from another document points to its original."""
    from .provenance import derived_from

    out = []
    for ev in events:
        marked = [(e, derived_from(session, e.doc_id, e.start, e.end)) for e in ev.evidence]
        if all(e.derived_from == original for e, original in marked):
            out.append(ev)  # nothing copied (most evidence): the same values, no copies made
            continue
        evidence = tuple(e if e.derived_from == original else replace(e, derived_from=original) for e, original in marked)
        out.append(replace(ev, evidence=evidence))
    return out


def refresh_copies(session: Session, doc_ids: Iterable[str]) -> None:
    """Documents found to be copies after their events were stored: re-mark their evidence."""
    from .provenance import derived_from, independent_sources
    from .store.events import refresh_counts

    touched = set()
    for doc_id in doc_ids:
        for row in session.scalars(select(EvidenceRow).where(EvidenceRow.doc_id == doc_id)):
            original = derived_from(session, row.doc_id, row.start, row.end)
            if original != row.derived_from:
                row.derived_from = original
                touched.add(row.event_id)
    session.flush()
    refresh_counts(session, touched, independent_sources)


def index_in_session(session: Session, doc_id: str) -> int:
    from .provenance import index_document

    links = index_document(session, doc_id)
    refresh_copies(session, {link.copy_doc for link in links} - {doc_id})
    return len(links)


def index_reuse_many(engine: Engine, doc_ids: Sequence[str]) -> list[int | Exception]:
    """Provenance for several documents in order, in one transaction (a commit per document was
    a tenth of indexing's CPU): links found per document, or the exception that failed it."""
    return each_in_one_transaction(engine, doc_ids, index_in_session)


def links_touching(engine: Engine, doc_ids: Sequence[str]) -> int:
    """Stored reuse links with either end among `doc_ids`, each once (indexing both documents
    of a link again, as a re-analysis does, finds it from each end)."""
    found: set[int] = set()
    with engine.connect() as conn:
        for part in chunked(list(doc_ids)):
            q = select(ReuseLinkRow.id).where(or_(ReuseLinkRow.original_doc.in_(part), ReuseLinkRow.copy_doc.in_(part)))
            found.update(conn.scalars(q))
    return len(found)


def store_in_session(session: Session, result: TextAnalysis, provenance_done: bool = True) -> int:
    from .provenance import independent_sources
    from .store.events import save_events
    from .store.mentions import save_mentions

    save_mentions(session, result.doc_id, result.mentions, STAGE_VERSIONS["nlp"])
    events = mark_derived(session, result.doc_id, result.events)
    n = save_events(session, result.doc_id, events, STAGE_VERSIONS["events"], independent_sources)
    stages = dict(STAGE_VERSIONS)
    if not provenance_done:
        stages.pop("provenance")
    record_stages(session, result.doc_id, stages)
    return n


SET_STAGES = f"UPDATE {DocumentRow.__tablename__} SET stages = {{mark}} WHERE id = {{mark}}"


def record_stages(session: Session, doc_id: str, stages: dict) -> None:
    """`documents.stages` of one document, on the driver cursor: loading the document as an
    object to set it, and flushing that, cost as much as writing its events. The JSON text is
    SQLAlchemy's (`json.dumps`); a loaded object of the document reads it again on use."""
    from .store.reuse import placeholder

    cur = session.connection().connection.cursor()
    try:
        mark = placeholder(session)
        cur.execute(SET_STAGES.format(mark=mark), (json.dumps(stages), doc_id))
        updated = cur.rowcount
    finally:
        cur.close()
    if updated == 0:
        raise StoreError(f"{doc_id}: no such document to record its analysis in")
    loaded = session.identity_map.get(identity_key(DocumentRow, doc_id))
    if loaded is not None:
        session.expire(loaded, ["stages"])


def store_analyses(
    engine: Engine, results: Sequence[TextAnalysis], no_provenance: set[str], reads: dict | None = None
) -> list[int | Exception]:
    """Mentions and events of a chunk of documents, in one transaction: events stored per
    document, or the exception that failed it (a commit, and the full-text index's flush with
    it, cost about as much as storing a document's mentions)."""
    return each_in_one_transaction(
        engine, results, lambda session, r: store_in_session(session, r, r.doc_id not in no_provenance), reads
    )


def each_in_one_transaction(
    engine: Engine, items: Sequence[T], work: Callable[[Session, T], int], info: dict | None = None
) -> list[int | Exception]:
    """`work(session, item)` for every item, in order, in one transaction. Should one fail, the
    transaction is rolled back and each item is done again in a transaction of its own, so the
    others are kept and it fails alone (its exception in its place). One item that fails raises."""
    try:
        with Session(engine, info=info) as session, session.begin():
            return [work(session, item) for item in items]
    except Exception:  # noqa: BLE001 - found below, item by item
        if len(items) == 1:
            raise
    done: list[int | Exception] = []
    for item in items:
        try:
            with Session(engine, info=info) as session, session.begin():
                done.append(work(session, item))
        except Exception as exc:  # noqa: BLE001 - one bad document never stops the batch
            done.append(exc)
    return done
