"""Sphere's pipeline, composed from its stages in this order:

    ingest (read, decode, extract) -> segment (units) -> store
    provenance (reuse links, copied units) -> nlp (entity mentions) -> events -> store

`ingest` (in `sphere.ingest.run`) stores documents and their units, one transaction per
document. `analyse` brings every stored document up to the current version of each analysis
stage (documents record which stage versions have run on them), so it can be re-run at any time
and only does what is missing:

1. provenance, in this process: each document is compared with what is stored (before it, in
   order; a transaction per chunk of documents, one document's failure redoing the chunk a
   document at a time), so copied passages are known before any evidence is stored;
2. nlp and events, in worker processes (`analyse_texts`): pure functions of a document's text
   and units, so they parallelise without touching the database;
3. storing, in this process, one transaction per chunk of documents (one document's failure
   rolls the chunk back, and the chunk is stored again a document at a time): mentions, then
   events whose evidence is marked as derived where it lies in a copied passage, with sources
   counted as independent outlets.

Around it: `sphere.storing` (this process's side: provenance and storing, a chunk per
transaction), `sphere.pool` (how many workers, and the fork server they come from) and
`sphere.versions` (the stage versions documents record).
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field, replace

from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .nlp.parsed import ParsedDocument
from .pool import MIN_DOCS_PER_WORKER, start_workers_early, worker_context, worker_count  # noqa: F401 - re-exported
from .progress import progress_bar
from .store.documents import load_document
from .store.models import DocumentRow
from .storing import index_reuse_many, links_touching, store_analyses
from .types import Document, Event, Mention
from .versions import CODE_VERSIONS, STAGE_VERSIONS, data_digest  # noqa: F401 - re-exported

# Documents handed to a worker at once: small, so memory stays flat (spaCy batches of 16 units
# kept a worker near 0.6 GiB; 256 took 6 GiB). spaCy parses 16 texts a batch about 7% faster
# than 8, but a big last chunk leaves the other core idle: chunks shrink towards the end.
CHUNK_DOCS = 16
LAST_CHUNK_DOCS = 4
IN_FLIGHT_PER_WORKER = 4


@dataclass
class AnalysisSummary:
    documents: int = 0
    mentions: int = 0
    events: int = 0
    reuse_links: int = 0
    skipped_units: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class TextAnalysis:
    """What the worker-side stages found in one document: no database involved."""

    doc_id: str
    mentions: tuple[Mention, ...] = ()
    events: tuple[Event, ...] = ()
    skipped: tuple[tuple[str, str], ...] = ()
    error: str | None = None


def stale_documents(engine: Engine, doc_ids: Sequence[str] | None = None) -> list[str]:
    """Documents on which some analysis stage has not run at its current version."""
    with Session(engine) as session:
        q = select(DocumentRow.id, DocumentRow.stages).order_by(DocumentRow.id)
        if doc_ids is not None:
            q = q.where(DocumentRow.id.in_(list(doc_ids)))
        return [i for i, stages in session.execute(q) if (stages or {}) != STAGE_VERSIONS]


# --- worker side: nlp and events, pure functions of the document ---------------------------


def analyse_texts(documents: Sequence[Document]) -> list[TextAnalysis]:
    """Entities and events of each document; one bad document yields an error, not a crash."""
    from .nlp import pipe_documents

    try:
        return [events_of(parsed) for parsed in pipe_documents(documents)]
    except Exception:  # noqa: BLE001 - find the culprit one by one; the others still go through
        return [analyse_text(doc) for doc in documents]


def analyse_text(document: Document) -> TextAnalysis:
    from .nlp import parse_document

    try:
        return events_of(parse_document(document))
    except Exception as exc:  # noqa: BLE001 - reported per document, the batch goes on
        return TextAnalysis(document.doc_id, error=f"{type(exc).__name__}: {exc}")


def events_of(parsed: ParsedDocument) -> TextAnalysis:
    from .events import extract_events

    mentions = parsed.mentions()  # units and the page text outside them (titles, labels)
    events = tuple(extract_events(parsed))
    return TextAnalysis(parsed.document.doc_id, mentions, events, parsed.skipped)


def warm_worker() -> None:
    """Load the models once per worker process, before the first document arrives."""
    from .kb import load_kb
    from .nlp import load_nlp

    load_kb()
    load_nlp()


def chunks(items: Sequence[str], size: int) -> Iterator[list[str]]:
    for i in range(0, len(items), size):
        yield list(items[i : i + size])


def guided_chunks(items: Sequence[str], workers: int) -> Iterator[list[str]]:
    """Chunks of CHUNK_DOCS while plenty is left, then smaller (each about half of what is
    left per worker, down to LAST_CHUNK_DOCS), so the workers finish close together."""
    i = 0
    while i < len(items):
        left = len(items) - i
        size = max(LAST_CHUNK_DOCS, min(CHUNK_DOCS, left // (2 * workers)))
        yield list(items[i : i + size])
        i += size


def analysed_chunks(
    engine: Engine,
    doc_ids: Sequence[str],
    workers: int,
    meanwhile: Callable[[], None] | None = None,
) -> Iterator[list[TextAnalysis]]:
    """Documents are read here and analysed in `workers` processes (or here when 1), in order,
    handed out a chunk (what one worker analysed at once) at a time.

    `meanwhile` runs in this process once the workers have their first documents, before any
    result is handed out: the provenance stage uses that time, which the workers spend parsing.
    """

    def load(ids: Iterable[str]) -> list[Document]:
        with Session(engine) as session:
            return [d for d in (load_document(session, i) for i in ids) if d is not None]

    if workers == 1:
        if meanwhile:
            meanwhile()
        for ids in chunks(doc_ids, CHUNK_DOCS):
            yield analyse_texts(load(ids))
        return
    # Not a plain fork: the parent may hold database connections and progress-bar threads. A
    # fork server is a fresh process that loads the models once (`nlp.preload`) and forks
    # the workers from there, so they start with the models loaded.
    ctx = worker_context()
    todo = guided_chunks(doc_ids, workers)
    with ProcessPoolExecutor(workers, mp_context=ctx, initializer=warm_worker) as pool:
        pending: deque = deque()

        def top_up() -> None:
            # A few chunks queued per worker: workers never wait, and what is queued (text in,
            # mentions and events out) stays small; spaCy's own batches stay at 16 units.
            while len(pending) < IN_FLIGHT_PER_WORKER * workers and (ids := next(todo, None)):
                pending.append(pool.submit(analyse_texts, load(ids)))

        # The first chunks go out from a thread: handing them over waits for the fork server to
        # have loaded the models, and this process has its own work meanwhile.
        failed: list[BaseException] = []

        def first_top_up() -> None:
            try:
                top_up()
            except BaseException as exc:  # noqa: BLE001 - raised again below, in this thread
                failed.append(exc)

        first = threading.Thread(target=first_top_up, name="sphere-first-chunks", daemon=True)
        first.start()
        if meanwhile:
            meanwhile()
        first.join()
        if failed:
            raise failed[0]
        handed: set[str] = set()
        while pending:
            done = pending.popleft()
            top_up()
            try:
                results = done.result()
            except BrokenProcessPool:
                # A worker died (killed, out of memory): finish here, one process, so the batch
                # still completes; a document that kills the parser fails alone in analyse_text.
                left = [i for i in doc_ids if i not in handed]
                yield from analysed_chunks(engine, left, 1)
                return
            handed.update(r.doc_id for r in results)
            yield results


def analyse(
    engine: Engine,
    doc_ids: Sequence[str] | None = None,
    progress: bool = True,
    workers: int | None = None,
) -> AnalysisSummary:
    """Run provenance, entities and events on the documents that need them."""
    todo = stale_documents(engine, doc_ids)
    summary = AnalysisSummary()
    if not todo:
        return summary
    no_provenance: set[str] = set()
    with progress_bar(progress) as bar:

        def provenance() -> None:
            task = bar.add_task("reuse", total=len(todo), current="")
            for group in chunks(todo, CHUNK_DOCS):
                bar.update(task, current=group[-1])
                try:
                    found = index_reuse_many(engine, group)
                except Exception as exc:  # noqa: BLE001 - a group of one that failed
                    found = [exc]
                for doc_id, links in zip(group, found, strict=True):
                    if isinstance(links, Exception):
                        summary.failures.append((doc_id, f"provenance: {type(links).__name__}: {links}"))
                        no_provenance.add(doc_id)
                bar.advance(task, len(group))
            summary.reuse_links = links_touching(engine, [d for d in todo if d not in no_provenance])

        analysed = analysed_chunks(engine, todo, worker_count(len(todo), workers), provenance)
        from .provenance import shared_reads

        reads = shared_reads()  # provenance is done before the first result: links are final
        task = None
        for chunk in analysed:
            if task is None:
                task = bar.add_task("entities and events", total=len(todo), current="")
            bar.update(task, current=chunk[-1].doc_id)
            ok = [r for r in chunk if r.error is None]
            try:
                outcome = dict(zip((r.doc_id for r in ok), store_analyses(engine, ok, no_provenance, reads), strict=True))
            except Exception as exc:  # noqa: BLE001 - a chunk of one that failed
                outcome = {r.doc_id: exc for r in ok}
            for result in chunk:
                stored = outcome.get(result.doc_id)
                if isinstance(stored, Exception):
                    result = replace(result, error=f"store: {type(stored).__name__}: {stored}")
                if result.error is not None:
                    summary.failures.append((result.doc_id, result.error))
                else:
                    summary.events += stored
                    summary.documents += 1
                    summary.mentions += len(result.mentions)
                    summary.skipped_units += len(result.skipped)
                bar.advance(task)
    return summary
