"""The ingest stage end to end: inputs -> pages -> documents with units -> the store.

    ingest(inputs, engine, progress=True) -> IngestSummary
    scratch_documents(inputs, on_failure) -> Iterator[Document]   the same, without a database

Each document is stored in its own transaction as soon as it is segmented, so a run that is
killed keeps everything committed before the kill, and running it again stores the rest: a
document whose bytes are stored already (same content hash) counts as unchanged. A file or
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
from ..store.documents import clear_failures, failed_origins, record_failure, save_document
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


def store_page(engine: Engine, item: SourceItem, page: Page, notes: list[str]) -> tuple[str, str]:
    doc = segment_page(page, item)
    ref = lookup_outlet(url=doc.url, name=doc.outlet)
    path = local_file(item)
    keep_raw = len(item.raw) <= RAW_INLINE_MAX or path is None
    return save_document(
        engine, doc, outlet_id=ref.id if ref else None, keep_raw=keep_raw, raw_path=path,
        date_source=dated_by(page, item, doc), notes=notes, segment_version=SEGMENT_VERSION,
        replace_changed=whole_source(item),
    )


def whole_source(item: SourceItem) -> bool:
    """A file or a page URL, whose origin names one document (not a part of a container)."""
    return "#" not in item.origin and (is_url(item.origin) or local_file(item) is not None)


def one_line(text: str) -> str:
    return " ".join(text.split())


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
            for result in pipe(read_inputs(sources, max_size, fetcher), pool, batch_size=4 * pool.workers):
                if isinstance(result, InputError):
                    fail(result.origin, result.reason)
                    advance(result.origin)
                    continue
                item, page, notes = result
                try:
                    status, doc_id = store_page(engine, item, page, notes)
                except InputError as exc:
                    fail(exc.origin, exc.reason)
                except Exception as exc:  # one bad document never stops the batch
                    fail(item.origin, f"could not be stored: {type(exc).__name__}: {exc}")
                else:
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
