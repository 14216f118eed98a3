"""Segmenting stored documents again, when the segmenter has improved since they were stored.

    resegment(engine, doc_ids=None, force=False) -> ResegmentSummary

Every document records the segmenter version that made its units (`segment.SEGMENT_VERSION`).
`resegment` takes the documents of an older version (all of them with `force`), splits them
again and replaces their units where they changed, each in its own transaction; a changed
document's analysis is voided, so the next `analyse` redoes its mentions, events and reuse
links.

The stored text is never changed, so every offset into it (evidence, reuse links of other
documents) stays valid: plain-text pages are segmented from their stored text; HTML pages are
extracted again from their stored bytes (or their file, checked against the content hash) to
recover the article and comment parts, and a page whose extraction no longer gives the stored
text is left as it is and reported (re-ingesting it is the way to update its text). Metadata
already stored (title, author, outlet, URL, date) is kept; only what it lacked is filled in.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine
from sqlalchemy.orm import Session

from ..errors import InputError
from ..ids import content_hash
from ..progress import progress_bar
from ..segment import SEGMENT_VERSION, dated_by, segment_page
from ..segment.outlets import lookup_outlet
from ..store.documents import outdated_documents, replace_units
from ..store.models import DocumentRow, OutletRow
from ..types import Page, SourceItem
from .pages import make_pool, read_page
from .workers import ExtractorPool


@dataclass
class ResegmentSummary:
    checked: int = 0
    changed: list[str] = field(default_factory=list)  # documents whose units changed
    failures: list[tuple[str, str]] = field(default_factory=list)  # (document, reason)


def stored_bytes(row: DocumentRow) -> bytes:
    """The document's raw bytes: stored, or read from its file and checked against the hash."""
    if row.raw is not None:
        return row.raw
    path = Path(row.raw_path or row.origin)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(row.id, f"its bytes are not stored and its file {path} cannot be read ({exc.strerror or exc})") from exc
    if content_hash(raw) != row.content_hash:
        raise InputError(row.id, f"its file {path} has changed since it was ingested: re-ingest it")
    return raw


def stored_item(row: DocumentRow, outlet: str | None, raw: bytes) -> SourceItem:
    """The document as a source item whose container gives what is stored: stored metadata wins."""
    return SourceItem(
        doc_id=row.id, origin=row.origin, raw=raw, media_type="html" if row.media_type == "html" else "text",
        url=row.url, title=row.title, published=row.published.isoformat() if row.published else None,
        outlet=outlet, author=row.author, encoding=row.encoding,
    )


def stored_page(row: DocumentRow, item: SourceItem, pool: ExtractorPool) -> Page:
    """The page to segment: the stored text, with the HTML parts extraction finds in it."""
    if item.media_type != "html":
        return Page(text=row.text, encoding=row.encoding, extractor=row.extractor)
    page, _notes = read_page(item, pool)
    if page.text != row.text:
        raise InputError(row.id, "extracting its bytes again no longer gives the stored text "
                                 "(another extractor version?): re-ingest it to update its text")
    return page


def resegment_one(engine: Engine, doc_id: str, pool: ExtractorPool) -> bool:
    """Segment one stored document again; True when its units changed."""
    with Session(engine) as session:
        row = session.get(DocumentRow, doc_id)
        outlet = session.get(OutletRow, row.outlet_id).name if row.outlet_id else None
        raw = stored_bytes(row) if row.media_type == "html" else (row.raw or b"")
        item = stored_item(row, outlet, raw)
        page = stored_page(row, item, pool)
    doc = segment_page(page, item)
    ref = lookup_outlet(url=doc.url, name=doc.outlet)
    return replace_units(engine, doc, SEGMENT_VERSION, outlet_id=ref.id if ref else None,
                         date_source=dated_by(page, item, doc))


def resegment(
    engine: Engine, doc_ids: Sequence[str] | None = None, force: bool = False,
    progress: bool = True, timeout: float | None = None,
) -> ResegmentSummary:
    """Segment again the stored documents an older segmenter made (all of them with `force`)."""
    with Session(engine) as session:
        todo = outdated_documents(session, SEGMENT_VERSION, list(doc_ids) if doc_ids else None, force)
    summary = ResegmentSummary()
    pool = make_pool(1, timeout)
    try:
        with progress_bar(progress) as bar:
            task = bar.add_task("resegment", total=len(todo), current="")
            for doc_id in todo:
                bar.update(task, current=doc_id)
                summary.checked += 1
                try:
                    if resegment_one(engine, doc_id, pool):
                        summary.changed.append(doc_id)
                except InputError as exc:
                    summary.failures.append((doc_id, exc.reason))
                except Exception as exc:  # one document never stops the others
                    summary.failures.append((doc_id, f"{type(exc).__name__}: {exc}"))
                bar.advance(task)
    finally:
        pool.close()
    return summary
