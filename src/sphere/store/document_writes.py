"""Storing new documents a chunk per transaction: `save_documents(engine, items)`.

A Session, the ORM's flush of a document row, a commit and the look-ups that keep ingest
idempotent (stored bytes, the stored version of a file, a free id) cost more CPU per document
than segmenting its page. So a chunk of documents goes in one transaction, with Core inserts,
and what those look-ups need for the whole chunk is read with one statement each. Documents are
still stored one after the other in input order (a later one sees the earlier ones: an id
taken, a clipping that dates it), so the result is what storing them one per transaction gives.
Should one fail, the chunk is rolled back and each is stored again in its own transaction, so
it fails alone and the others are kept.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from sqlalchemy import Engine, insert, select
from sqlalchemy.orm import Session

from ..types import Document
from .documents import (
    Saved,
    clipping_of,
    date_by_clipping,
    date_quoted_articles,
    document_fields,
    ensure_outlet,
    quotes_dated,
    replace_version,
    unit_values,
)
from .models import DocumentRow, UnitRow

DOCUMENTS = DocumentRow.__table__
UNITS = UnitRow.__table__


@dataclass(frozen=True)
class NewDocument:
    """A document to store and how (see `store.documents.save_document` for each field)."""

    doc: Document
    outlet_id: str | None = None
    keep_raw: bool = True
    raw_path: str | None = None
    date_source: str | None = None
    notes: list[str] | None = None
    segment_version: str | None = None
    replace_changed: bool = False


class TakenIds:
    """The stored ids a chunk's documents could collide with, read once, then kept up to date
    as the chunk is stored: the id of each content hash, the origin of each id. New documents'
    rows wait in `pending` (one executemany for the lot) until something reads the tables."""

    def __init__(self, session: Session, docs: Sequence[Document]):
        self.pending_documents: list[dict] = []
        self.pending_units: list[dict] = []
        self.pending_clippings = False  # a clipping unit among them
        hashes = {d.content_hash for d in docs}
        ids = {i for d in docs for i in (d.doc_id, d.origin)}
        self.by_hash: dict[str, str] = dict(session.execute(
            select(DocumentRow.content_hash, DocumentRow.id).where(DocumentRow.content_hash.in_(hashes))
        ).all())
        self.origin_of: dict[str, str] = dict(session.execute(
            select(DocumentRow.id, DocumentRow.origin).where(DocumentRow.id.in_(ids))
        ).all())

    def write_pending(self, session: Session) -> None:
        """Write the rows that wait, documents first (their units point to them), in order."""
        if self.pending_documents:
            session.execute(insert(DOCUMENTS), self.pending_documents)
        if self.pending_units:
            session.execute(insert(UNITS), self.pending_units)
        self.pending_documents, self.pending_units, self.pending_clippings = [], [], False

    def taken(self, session: Session, doc_id: str) -> bool:
        if doc_id in self.origin_of:
            return True
        self.write_pending(session)
        return session.get(DocumentRow, doc_id) is not None

    def free_id(self, session: Session, wanted: str, fallback: str) -> str:
        """The id to store a new document under: its file name unless another document has it,
        else its origin, else the origin numbered (`origin#2`, ...)."""
        for candidate in (wanted, fallback):
            if candidate not in self.origin_of:  # both were read
                return candidate
        n = 2
        while self.taken(session, f"{fallback}#{n}"):
            n += 1
        return f"{fallback}#{n}"

    def stored_version(self, session: Session, doc: Document) -> DocumentRow | None:
        """The stored document of `doc`'s origin, under the ids a document of that origin is
        given (its file name, else the origin itself; see `free_id`)."""
        for candidate in dict.fromkeys((doc.doc_id, doc.origin)):
            if self.origin_of.get(candidate) == doc.origin:
                self.write_pending(session)
                return session.get(DocumentRow, candidate)
        return None

    def stored(self, doc_id: str, doc: Document, old_hash: str | None = None) -> None:
        if old_hash is not None and self.by_hash.get(old_hash) == doc_id:
            del self.by_hash[old_hash]
        self.by_hash[doc.content_hash] = doc_id
        self.origin_of.setdefault(doc_id, doc.origin)


def save_in_session(session: Session, taken: TakenIds, item: NewDocument) -> tuple[Saved, str]:
    """Store one document inside the caller's transaction; (status, stored id)."""
    doc = item.doc
    existing = taken.by_hash.get(doc.content_hash)
    if existing is not None:
        return "unchanged", existing
    oid = ensure_outlet(session, doc.outlet, item.outlet_id)
    previous = taken.stored_version(session, doc) if item.replace_changed else None
    if previous is not None:
        old_hash = previous.content_hash
        replace_version(session, previous, doc, oid, item.keep_raw, item.raw_path, item.date_source,
                        item.notes, item.segment_version)
        taken.stored(previous.id, doc, old_hash)
        return "updated", previous.id
    doc_id = taken.free_id(session, doc.doc_id, doc.origin)
    fields = document_fields(doc, oid, item.keep_raw, item.raw_path, item.date_source, item.notes,
                             item.segment_version)
    taken.pending_documents.append({"id": doc_id, "origin": doc.origin, **fields})
    taken.pending_units.extend(unit_values(doc_id, u) for u in doc.units)
    taken.pending_clippings |= any(u.kind == "clipping" for u in doc.units)
    taken.stored(doc_id, doc)
    borrow_dates(session, taken, doc_id, doc)
    return "new", doc_id


def borrow_dates(session: Session, taken: TakenIds, doc_id: str, doc: Document) -> None:
    """`store.documents.borrow_dates` for a document whose row may still wait: the rows that
    wait are written before what could read them (a clipping among them, the documents a
    clipping dates, the new document's own row when it gets a date)."""
    borrowed = None
    if doc.published is None:
        if taken.pending_clippings:
            taken.write_pending(session)
        clip = clipping_of(session, doc_id, doc)
        if clip is not None:
            taken.write_pending(session)
            borrowed = date_by_clipping(session, doc_id, clip)
    if quotes_dated(doc, borrowed):
        taken.write_pending(session)
        date_quoted_articles(session, doc_id, doc, borrowed)


def save_documents(engine: Engine, items: Sequence[NewDocument]) -> list[tuple[Saved, str] | Exception]:
    """Store the documents in order in one transaction: (status, stored id) of each, or the
    exception that failed it (then the others were stored one per transaction)."""
    if not items:
        return []
    try:
        with Session(engine) as session, session.begin():
            taken = TakenIds(session, [item.doc for item in items])
            saved = [save_in_session(session, taken, item) for item in items]
            taken.write_pending(session)
            return saved
    except Exception as exc:  # noqa: BLE001 - found below, document by document
        if len(items) == 1:
            return [exc]
    return [saved for item in items for saved in save_documents(engine, [item])]
