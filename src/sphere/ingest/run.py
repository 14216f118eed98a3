"""The ingest stage end to end: inputs -> pages -> documents with units -> the store.

    ingest(inputs, engine, progress=True) -> IngestSummary
    scratch_documents(inputs, on_failure) -> Iterator[Document]   the same, without a database

Documents are stored a chunk of `STORE_CHUNK` per transaction as they are segmented (a commit
and the dedup look-ups per document cost more than segmenting it; see `store.document_writes`),
so a run that is killed keeps everything committed before the kill, and running it again stores
the rest: a document whose bytes are stored already (same content hash) counts as unchanged. A
document that cannot be stored fails alone: its chunk is stored again one document at a time. A file or
page URL stored before whose bytes changed is a new version: it replaces the stored document
under the same id (its old units, mentions, evidence and reuse links go, its analysis is due
again) and counts as updated. A part of a container (a feed item, a JSONL line, an archive
record) is not replaced: its number says where it sits, not which article it is. An input
that cannot be read is reported with its origin and reason, recorded in `ingest_failures`,
and the batch goes on.
"""

from __future__ import annotations

import os
import tempfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from sqlalchemy import Engine

from ..errors import InputError
from ..progress import progress_bar
from ..segment import SEGMENT_VERSION, dated_by, segment_page
from ..segment.outlets import lookup_outlet
from ..store.document_writes import NewDocument, save_documents
from ..store.documents import clear_failures, failed_origins, record_failure
from ..types import Document, Page, SourceItem
from .fetch import Fetcher
from .limits import DEFAULT_MAX_SIZE, RAW_INLINE_MAX
from .pages import make_pool, pipe
from .sources import is_url, read_inputs, walk


@dataclass
class IngestSummary:
    new: int = 0
    unchanged: int = 0
    updated: int = 0  # stored before under the same origin, with other bytes: replaced
    failures: list[tuple[str, str]] = field(default_factory=list)  # (origin, reason)
    doc_ids: list[str] = field(default_factory=list)  # new, updated and unchanged, in input order
    notes: list[tuple[str, str]] = field(default_factory=list)  # stored, with a warning

    @property
    def failed(self) -> int:
        return len(self.failures)


def sync_outlets(engine: Engine) -> None:
    """Copy the outlet registry into the outlets table, when the registry is installed."""
    try:
        from ..store.outlets import sync_registry
    except ImportError:
        return
    from sqlalchemy.orm import Session

    with Session(engine) as session, session.begin():
        sync_registry(session)


def local_file(item: SourceItem) -> str | None:
    """The file the item's bytes are, byte for byte, when there is one (not a container part)."""
    if is_url(item.origin) or "#" in item.origin:
        return None
    path = Path(item.origin)
    return str(path.resolve()) if path.is_file() else None


def prepare_page(item: SourceItem, page: Page, notes: list[str]) -> NewDocument:
    """The document of a page, segmented, with how to store it."""
    doc = segment_page(page, item)
    ref = lookup_outlet(url=doc.url, name=doc.outlet)
    path = local_file(item)
    keep_raw = len(item.raw) <= RAW_INLINE_MAX or path is None
    return NewDocument(
        doc, outlet_id=ref.id if ref else None, keep_raw=keep_raw, raw_path=path,
        date_source=dated_by(page, item, doc), notes=notes, segment_version=SEGMENT_VERSION,
        replace_changed=path is not None or whole_source(item),  # a local file is a whole source
    )


def store_pages(engine: Engine, pages: list[tuple[SourceItem, Page, list[str]]]) -> list[tuple[str, str] | Exception]:
    """Segment and store pages in one transaction (see `store.document_writes`): (status, stored
    id) of each, or the exception that failed it, alone."""
    prepared: list[NewDocument | Exception] = []
    for item, page, notes in pages:
        try:
            prepared.append(prepare_page(item, page, notes))
        except Exception as exc:  # noqa: BLE001 - this page's failure, reported in its place
            prepared.append(exc)
    saved = iter(save_documents(engine, [p for p in prepared if isinstance(p, NewDocument)]))
    return [p if isinstance(p, Exception) else next(saved) for p in prepared]


def whole_source(item: SourceItem) -> bool:
    """A file or a page URL, whose origin names one document (not a part of a container)."""
    return "#" not in item.origin and (is_url(item.origin) or local_file(item) is not None)


def one_line(text: str) -> str:
    return " ".join(text.split())


STORE_CHUNK = 16  # documents per transaction: a kill loses at most these, and a re-run stores them
STORE_CHUNK_BYTES = 32 * 1024**2  # fewer when they are large, so a chunk's pages stay small in memory


def default_workers() -> int:
    return max(1, min(2, os.cpu_count() or 1))


def ingest(
    inputs: Sequence[str],
    engine: Engine,
    progress: bool = True,
    max_size: int = DEFAULT_MAX_SIZE,
    timeout: float | None = None,
    workers: int | None = None,
    on_failure: Callable[[str, str], None] | None = None,
) -> IngestSummary:
    """Read, segment and store every document of `inputs` (files, folders, URLs, feeds)."""
    summary = IngestSummary()
    sync_outlets(engine)
    failed_before = failed_origins(engine)
    walked = walk(inputs)
    sources = walked.sources
    summary.notes.extend(walked.notes)
    fetcher = Fetcher()
    pool = make_pool(workers or default_workers(), timeout)

    def fail(origin: str, reason: str) -> None:
        reason = one_line(reason)  # a library's message may run over several lines
        summary.failures.append((origin, reason))
        record_failure(engine, origin, reason)
        if on_failure:
            on_failure(origin, reason)

    try:
        with progress_bar(progress) as bar:
            task = bar.add_task("ingest", total=len(sources), current="")
            seen_sources: set[str] = set()

            def advance(origin: str) -> None:
                source = origin.split("#")[0]
                bar.update(task, current=Path(source).name if not is_url(source) else source)
                if source not in seen_sources and source in sources_set:
                    seen_sources.add(source)
                    bar.advance(task)

            sources_set = set(sources)

            def report(result, saved) -> None:
                if isinstance(result, InputError):
                    fail(result.origin, result.reason)
                    advance(result.origin)
                    return
                item, _page, notes = result
                if isinstance(saved, InputError):
                    fail(saved.origin, saved.reason)
                elif isinstance(saved, Exception):  # one bad document never stops the batch
                    fail(item.origin, f"could not be stored: {type(saved).__name__}: {saved}")
                else:
                    status, doc_id = saved
                    if status == "new":
                        summary.new += 1
                        if doc_id != item.doc_id:  # its own name is another document's
                            notes = [*notes, f"stored as {doc_id}: the id {item.doc_id} is another stored document's"]
                    elif status == "updated":
                        summary.updated += 1
                        notes = [*notes, f"its bytes changed: replaced the stored version of {doc_id}"]
                    else:
                        summary.unchanged += 1
                        if doc_id not in (item.doc_id, item.origin):
                            notes = [*notes, f"same bytes as the stored document {doc_id}: not stored again"]
                    summary.doc_ids.append(doc_id)
                    summary.notes.extend((item.origin, one_line(note)) for note in notes)
                    if item.origin in failed_before:
                        clear_failures(engine, item.origin)
                advance(item.origin)

            def store_chunk(chunk: list) -> None:
                pages = [r for r in chunk if not isinstance(r, InputError)]
                saved = iter(store_pages(engine, pages))
                for result in chunk:
                    report(result, None if isinstance(result, InputError) else next(saved))
                chunk.clear()

            chunk: list = []  # pipe's results, stored a chunk per transaction, reported in order
            size = 0
            for result in pipe(read_inputs(sources, max_size, fetcher), pool, batch_size=4 * pool.workers):
                chunk.append(result)
                size += 0 if isinstance(result, InputError) else len(result[0].raw)
                if len(chunk) >= STORE_CHUNK or size >= STORE_CHUNK_BYTES:
                    store_chunk(chunk)
                    size = 0
            store_chunk(chunk)
    finally:
        pool.close()
        fetcher.close()
    return summary


def scratch_documents(
    inputs: Sequence[str], on_failure: Callable[[str, str], None] | None = None, progress: bool = False,
) -> Iterator[Document]:
    """Documents read from files, folders or URLs through a throw-away store (no database
    needed), in input order; what cannot be read goes to `on_failure(origin, reason)`."""
    from sqlalchemy.orm import Session

    from ..store.db import open_engine
    from ..store.documents import load_document

    with tempfile.TemporaryDirectory(prefix="sphere-scratch-") as tmp:
        engine = open_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        try:
            summary = ingest(inputs, engine, progress=progress, on_failure=on_failure)
            with Session(engine) as session:
                for doc_id in dict.fromkeys(summary.doc_ids):
                    doc = load_document(session, doc_id)
                    if doc is not None:
                        yield doc
        finally:
            engine.dispose()
