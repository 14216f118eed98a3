"""Everything the document reader shows: the text, its units, entity mentions, event evidence,
and passages shared with other documents (which original it copies, who copies it).

All positions are offsets into the document's extracted text, as stored; the web layer cuts the
text at these offsets and escapes each piece.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import or_, select
from sqlalchemy.orm import Session

from ..types import Document
from .citations import Citation, cite_units
from .documents import load_document
from .models import DocumentRow, EventRow, EvidenceRow, MentionRow, ReuseLinkRow


@dataclass(frozen=True)
class MentionSpan:
    start: int
    end: int
    text: str
    code: str | None
    kind: str
    unit_id: str


@dataclass(frozen=True)
class EvidenceSpan:
    start: int
    end: int
    event_id: str
    event_type: str
    date: str | None
    unit_id: str
    derived_from: str | None


@dataclass(frozen=True)
class ReuseSpan:
    """A passage of this document shared with `other_doc` at `other_start`-`other_end`."""

    start: int
    end: int
    other_doc: str
    other_title: str | None
    other_start: int
    other_end: int
    role: str  # "copy": this passage copies the other; "original": the other copies this one
    direction_by: str


@dataclass(frozen=True)
class DocumentView:
    document: Document
    citation: Citation | None
    mentions: list[MentionSpan]
    evidence: list[EvidenceSpan]
    reuse: list[ReuseSpan]


def document_view(session: Session, doc_id: str) -> DocumentView | None:
    doc = load_document(session, doc_id)
    if doc is None:
        return None
    mentions = [
        MentionSpan(m.start, m.end, m.text, m.code, m.kind, m.unit_id)
        for m in session.scalars(
            select(MentionRow).where(MentionRow.doc_id == doc_id).order_by(MentionRow.start)
        )
    ]
    evidence = [
        EvidenceSpan(e.start, e.end, e.event_id, t, d, e.unit_id, e.derived_from)
        for e, t, d in session.execute(
            select(EvidenceRow, EventRow.event_type, EventRow.date)
            .join(EventRow, EventRow.id == EvidenceRow.event_id)
            .where(EvidenceRow.doc_id == doc_id)
            .order_by(EvidenceRow.start, EvidenceRow.event_id)
        )
    ]
    links = session.scalars(
        select(ReuseLinkRow)
        .where(or_(ReuseLinkRow.copy_doc == doc_id, ReuseLinkRow.original_doc == doc_id))
        .order_by(ReuseLinkRow.id)
    ).all()
    others = {lk.original_doc if lk.copy_doc == doc_id else lk.copy_doc for lk in links}
    titles = dict(
        session.execute(select(DocumentRow.id, DocumentRow.title).where(DocumentRow.id.in_(others))).all()
    ) if others else {}  # fmt: skip
    reuse = []
    for lk in links:
        if lk.copy_doc == doc_id:
            reuse.append(ReuseSpan(lk.copy_start, lk.copy_end, lk.original_doc, titles.get(lk.original_doc),
                                   lk.original_start, lk.original_end, "copy", lk.direction_by))  # fmt: skip
        if lk.original_doc == doc_id:
            reuse.append(ReuseSpan(lk.original_start, lk.original_end, lk.copy_doc, titles.get(lk.copy_doc),
                                   lk.copy_start, lk.copy_end, "original", lk.direction_by))  # fmt: skip
    reuse.sort(key=lambda r: (r.start, r.other_doc))
    citation = cite_units(session, [(doc_id, None)]).get((doc_id, None))
    return DocumentView(doc, citation, mentions, evidence, reuse)
