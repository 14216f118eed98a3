"""Writing and reading documents and their units.

Each document is written in its own transaction, units included, so a crash or a bad file
never leaves half a document behind and never touches what was committed before.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Literal

from sqlalchemy import Engine, delete, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from ..types import Document, Unit
from .models import DocumentRow, IngestFailureRow, OutletRow, UnitRow

Saved = Literal["new", "unchanged", "updated"]


def now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def find_by_hash(session: Session, content_hash: str) -> str | None:
    return session.scalar(select(DocumentRow.id).where(DocumentRow.content_hash == content_hash))


def free_doc_id(session: Session, wanted: str, fallback: str) -> str:
    """The id to store a new document under: its file name unless another document has it."""
    for candidate in (wanted, fallback):
        if session.get(DocumentRow, candidate) is None:
            return candidate
    n = 2
    while session.get(DocumentRow, f"{fallback}#{n}") is not None:
        n += 1
    return f"{fallback}#{n}"


def ensure_outlet(session: Session, name: str | None, outlet_id: str | None = None) -> str | None:
    """The outlet row for a document: the registry's when known, else one recorded as unknown."""
    if not name and not outlet_id:
        return None
    from ..ids import make_id  # local: keeps this module's import list about storage

    oid = outlet_id or make_id(name.lower(), prefix="outlet-", length=10)
    if session.get(OutletRow, oid) is None:
        session.add(OutletRow(id=oid, name=name or oid, domains=[], known=False))
        session.flush()
    return oid


def save_document(
    engine: Engine,
    doc: Document,
    outlet_id: str | None = None,
    keep_raw: bool = True,
    raw_path: str | None = None,
    date_source: str | None = None,
    notes: list[str] | None = None,
    segment_version: str | None = None,
    replace_changed: bool = False,
) -> tuple[Saved, str]:
    """Store a document and its units in one transaction; (status, stored id).

    Idempotent: a document whose content hash is stored already is left as it is. With
    `keep_raw=False` the bytes are not stored, only `raw_path` (default: the origin) and the
    hash, which is enough to find and check the file when it is re-extracted. With
    `replace_changed`, a document of a stored document's origin whose bytes changed is a new
    version of it: it replaces the stored one under the same id ("updated", see `replace_version`).
    A new document is stored under its file name, else its origin, else the origin numbered
    (`origin#2`) when those are other documents' ids. `document_writes.save_documents` stores
    several in one transaction.
    """
    from .document_writes import NewDocument, save_documents

    item = NewDocument(doc, outlet_id, keep_raw, raw_path, date_source, notes, segment_version, replace_changed)
    saved = save_documents(engine, [item])[0]
    if isinstance(saved, Exception):
        raise saved
    return saved


def document_fields(
    doc: Document, outlet_id: str | None, keep_raw: bool, raw_path: str | None, date_source: str | None,
    notes: list[str] | None, segment_version: str | None,
) -> dict:
    """A document row's columns for `doc` (all but its id and origin), as a new version sets them."""
    return {
        "content_hash": doc.content_hash, "size": len(doc.raw or b"") or len(doc.text.encode()),
        "encoding": doc.encoding, "media_type": doc.media_type, "extractor": doc.extractor,
        "raw": doc.raw if keep_raw else None, "raw_path": None if keep_raw else (raw_path or doc.origin),
        "text": doc.text, "title": doc.title, "author": doc.author, "outlet_id": outlet_id,
        "url": doc.url, "published": doc.published, "ingested_at": now(),
        "date_source": date_source if doc.published else None, "notes": notes or None,
        "stages": {}, "segment_version": segment_version,
    }  # fmt: skip


def replace_version(
    session: Session, row: DocumentRow, doc: Document, outlet_id: str | None, keep_raw: bool,
    raw_path: str | None, date_source: str | None, notes: list[str] | None, segment_version: str | None,
) -> None:
    """Make `row` the new version `doc` of the same file or page, inside the caller's transaction.

    Its text, bytes, metadata and units become the new version's; what was found in the old text
    goes: its mentions, its evidence (events left with none are dropped, the others recounted)
    and its reuse links and index. Its stage versions are cleared, so the next analysis reads the
    new text, and the documents it shared reuse links with are marked for provenance again.
    """
    from .events import refresh_counts
    from .models import EvidenceRow, MentionRow, ReuseLinkRow
    from .reuse import clear_index

    doc_id = row.id
    session.execute(delete(MentionRow).where(MentionRow.doc_id == doc_id))
    touched = set(session.scalars(select(EvidenceRow.event_id).where(EvidenceRow.doc_id == doc_id)))
    session.execute(delete(EvidenceRow).where(EvidenceRow.doc_id == doc_id))
    session.flush()
    refresh_counts(session, touched)
    links = or_(ReuseLinkRow.original_doc == doc_id, ReuseLinkRow.copy_doc == doc_id)
    partners = {d for pair in session.execute(select(ReuseLinkRow.original_doc, ReuseLinkRow.copy_doc).where(links)) for d in pair}
    partners |= set(session.scalars(select(EvidenceRow.doc_id).where(EvidenceRow.derived_from == doc_id)))
    session.execute(delete(ReuseLinkRow).where(links))
    clear_index(session, doc_id)
    for other in session.scalars(select(DocumentRow).where(DocumentRow.id.in_(partners - {doc_id}))):
        other.stages = {k: v for k, v in (other.stages or {}).items() if k != "provenance"}
    for field, value in document_fields(doc, outlet_id, keep_raw, raw_path, date_source, notes, segment_version).items():
        setattr(row, field, value)
    session.execute(delete(UnitRow).where(UnitRow.doc_id == doc_id))
    session.flush()
    if doc.units:
        session.execute(insert(UnitRow), [unit_values(doc_id, u) for u in doc.units])
    borrow_dates(session, doc_id, doc)


def _same_article(title: str | None, url: str | None):
    """SQL condition: a document that is the article with this title or URL."""
    conds = []
    if title and len(title.split()) >= 4:  # short titles ("Update") name many articles
        conds.append(DocumentRow.title == " ".join(title.split()))
    if url:
        conds.append(DocumentRow.url == url)
    return or_(*conds) if conds else None


def _date_undated(session: Session, doc_id: str, when: date, source: str) -> None:
    doc = session.get(DocumentRow, doc_id)
    doc.published, doc.date_source = when, source
    session.execute(
        update(UnitRow).where(UnitRow.doc_id == doc_id, UnitRow.published.is_(None)).values(published=when)
    )


def borrow_dates(session: Session, doc_id: str, doc: Document) -> None:
    """Date an undated article by a dated clipping of it in another document, both ways.

    A clipping blog quotes an article with the article's date, title and URL; the article's own
    copied page often shows no date at all. When one is stored (`doc`, just written under
    `doc_id`), the other is looked up: an undated document whose title (four words or more) or
    URL is that of a dated clipping gets the clipping's date, and `date_source` names the clipping.
    """
    clip = clipping_of(session, doc_id, doc) if doc.published is None else None
    borrowed = date_by_clipping(session, doc_id, clip) if clip is not None else None
    date_quoted_articles(session, doc_id, doc, borrowed)


def clipping_of(session: Session, doc_id: str, doc: Document) -> UnitRow | None:
    """The earliest dated clipping in another document quoting `doc` (its title or URL)."""
    cond = _same_clipping(doc.title, doc.url)
    if cond is None:
        return None
    return session.scalars(  # only clipping units are scanned (indexed by kind)
        select(UnitRow).where(UnitRow.kind == "clipping", UnitRow.doc_id != doc_id,
                              UnitRow.published.is_not(None), cond).order_by(UnitRow.published)
    ).first()


def date_by_clipping(session: Session, doc_id: str, clip: UnitRow) -> date:
    """Give the stored `doc_id` and its undated units the clipping's date; returns it."""
    _date_undated(session, doc_id, clip.published, f"clipping {clip.doc_id}#{clip.unit_id}")
    return clip.published


def quotes_dated(doc: Document, borrowed: date | None) -> bool:
    """Whether `doc` has a dated clipping (its undated units dated `borrowed`, if given)."""
    return any(u.kind == "clipping" and (u.published is not None or borrowed is not None) for u in doc.units)


def date_quoted_articles(session: Session, doc_id: str, doc: Document, borrowed: date | None) -> None:
    """Date the undated articles the dated clippings of `doc` (stored as `doc_id`) quote; its
    units without a date of their own have `borrowed`, the date it got from a clipping."""
    for clip in doc.units:  # as stored, in order
        published = clip.published if clip.published is not None else borrowed
        if clip.kind != "clipping" or published is None:
            continue
        cond = _same_article(clip.title, clip.url)
        if cond is None:
            continue
        for other in session.scalars(
            select(DocumentRow.id).where(DocumentRow.id != doc_id, DocumentRow.published.is_(None), cond)
        ).all():
            _date_undated(session, other, published, f"clipping {doc_id}#{clip.unit_id}")


def _same_clipping(title: str | None, url: str | None):
    """SQL condition: a clipping unit quoting the article with this title or URL."""
    conds = []
    if title and len(title.split()) >= 4:
        conds.append(UnitRow.title == " ".join(title.split()))
    if url:
        conds.append(UnitRow.url == url)
    return or_(*conds) if conds else None


def outdated_documents(session: Session, version: str, doc_ids: list[str] | None = None,
                       force: bool = False) -> list[str]:
    """Documents whose units an older segmenter made (all of them, or of `doc_ids`, with `force`)."""
    q = select(DocumentRow.id).order_by(DocumentRow.id)
    if doc_ids is not None:
        q = q.where(DocumentRow.id.in_(doc_ids))
    if not force:
        q = q.where(or_(DocumentRow.segment_version.is_(None), DocumentRow.segment_version != version))
    return list(session.scalars(q))


UNIT_FIELDS = ("unit_id", "kind", "start", "end", "published", "author", "title", "outlet", "url")


def replace_units(engine: Engine, doc: Document, version: str, outlet_id: str | None = None,
                  date_source: str | None = None) -> bool:
    """Give a stored document the units (and the metadata it lacked) of a new segmentation of its
    own text, in one transaction; True when its units changed.

    Changed units void the document's analysis (its stage versions are cleared, so the next
    analysis redoes mentions, events and reuse links for it); metadata already stored is kept,
    and only what it lacked (title, author, URL, outlet, date) is filled in.
    """
    with Session(engine) as session, session.begin():
        row = session.get(DocumentRow, doc.doc_id)
        if row is None:
            raise KeyError(doc.doc_id)
        old = [tuple(getattr(u, f) for f in UNIT_FIELDS) for u in load_units(session, doc.doc_id)]
        new = [tuple(getattr(u, f) for f in UNIT_FIELDS) for u in sorted(doc.units, key=lambda u: u.start)]
        changed = old != new
        if changed:
            session.execute(delete(UnitRow).where(UnitRow.doc_id == doc.doc_id))
            if doc.units:
                session.execute(insert(UnitRow), [unit_values(doc.doc_id, u) for u in doc.units])
            row.stages = {}
        for field in ("title", "author", "url"):
            if getattr(row, field) is None and getattr(doc, field) is not None:
                setattr(row, field, getattr(doc, field))
        if row.outlet_id is None and doc.outlet:
            row.outlet_id = ensure_outlet(session, doc.outlet, outlet_id)
        if row.published is None and doc.published is not None:
            row.published, row.date_source = doc.published, date_source
            session.execute(update(UnitRow).where(UnitRow.doc_id == doc.doc_id, UnitRow.published.is_(None))
                            .values(published=doc.published))
        row.segment_version = version
    return changed


def unit_values(doc_id: str, u: Unit) -> dict:
    return {"doc_id": doc_id, **{f: getattr(u, f) for f in UNIT_FIELDS}}


def record_failure(engine: Engine, origin: str, reason: str) -> None:
    """Keep a failed input on record, once per (origin, reason): a re-run updates its time."""
    try:
        with Session(engine) as session, session.begin():
            row = session.scalars(
                select(IngestFailureRow).where(
                    IngestFailureRow.origin == origin, IngestFailureRow.reason == reason
                )
            ).first()
            if row is None:
                session.add(IngestFailureRow(origin=origin, reason=reason, at=now()))
            else:
                row.at = now()
    except IntegrityError:
        pass


def failed_origins(engine: Engine) -> set[str]:
    with Session(engine) as session:
        return set(session.scalars(select(IngestFailureRow.origin).distinct()))


def clear_failures(engine: Engine, origin: str) -> None:
    """Forget the failures of an input that has now been read."""
    with Session(engine) as session, session.begin():
        session.execute(delete(IngestFailureRow).where(IngestFailureRow.origin == origin))


def load_units(session: Session, doc_id: str) -> list[Unit]:
    rows = session.scalars(
        select(UnitRow).where(UnitRow.doc_id == doc_id).order_by(UnitRow.start)
    ).all()
    return [to_unit(r) for r in rows]


def to_unit(r: UnitRow) -> Unit:
    return Unit(doc_id=r.doc_id, **{f: getattr(r, f) for f in UNIT_FIELDS})


def load_document(session: Session, doc_id: str) -> Document | None:
    row = session.get(DocumentRow, doc_id)
    if row is None:
        return None
    outlet = session.get(OutletRow, row.outlet_id) if row.outlet_id else None
    return Document(
        doc_id=row.id,
        origin=row.origin,
        content_hash=row.content_hash,
        encoding=row.encoding,
        media_type=row.media_type,
        extractor=row.extractor,
        text=row.text,
        title=row.title,
        author=row.author,
        outlet=outlet.name if outlet else None,
        url=row.url,
        published=row.published,
        units=tuple(load_units(session, row.id)),
    )


@dataclass(frozen=True)
class DocumentFilter:
    outlet: str | None = None
    since: date | None = None
    until: date | None = None
    kind: str | None = None  # documents having at least one unit of this kind


def list_documents(session: Session, f: DocumentFilter = DocumentFilter()) -> Iterator[DocumentRow]:
    q = select(DocumentRow).order_by(DocumentRow.published.is_(None), DocumentRow.published, DocumentRow.id)
    if f.outlet:
        q = q.join(OutletRow, OutletRow.id == DocumentRow.outlet_id).where(
            func.lower(OutletRow.name).contains(f.outlet.lower()) | (OutletRow.id == f.outlet)
        )
    if f.since:
        q = q.where(DocumentRow.published >= f.since)
    if f.until:
        q = q.where(DocumentRow.published <= f.until)
    if f.kind:
        q = q.where(DocumentRow.id.in_(select(UnitRow.doc_id).where(UnitRow.kind == f.kind)))
    yield from session.scalars(q)
