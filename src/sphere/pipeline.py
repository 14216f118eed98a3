"""Sphere's pipeline, composed from its stages in this order:

    ingest (read, decode, extract) -> segment (units) -> store
    provenance (reuse links, copied units) -> nlp (entity mentions) -> events -> store

`ingest` stores documents and their units, one transaction per document. `analyse` brings every
stored document up to the current version of each analysis stage (documents record which stage
versions have run on them), so it can be re-run at any time and only does what is missing.
Provenance runs first so that evidence from copied passages is known as derived when events
are stored, and an event's sources count independent outlets only.
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from .store.db import open_engine
from .store.documents import load_document
from .store.models import DocumentRow
from .types import Document

# Bump a stage's version when its output changes: documents analysed by an older version are
# analysed again by `analyse`.
STAGE_VERSIONS = {"provenance": "1", "nlp": "1", "events": "1"}


@dataclass
class AnalysisSummary:
    documents: int = 0
    mentions: int = 0
    events: int = 0
    reuse_links: int = 0
    skipped_units: int = 0
    failures: list[tuple[str, str]] = field(default_factory=list)


def progress_bar(enabled: bool) -> Progress:
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"),
        disable=not enabled,
        transient=True,
    )


def stale_documents(engine: Engine, doc_ids: Sequence[str] | None = None) -> list[str]:
    """Documents on which some analysis stage has not run at its current version."""
    with Session(engine) as session:
        q = select(DocumentRow.id, DocumentRow.stages).order_by(DocumentRow.id)
        if doc_ids is not None:
            q = q.where(DocumentRow.id.in_(list(doc_ids)))
        return [i for i, stages in session.execute(q) if (stages or {}) != STAGE_VERSIONS]


def analyse(engine: Engine, doc_ids: Sequence[str] | None = None, progress: bool = True) -> AnalysisSummary:
    """Run provenance, entities and events on documents that need them; one transaction each."""
    from .analysis import analyse_document, index_reuse

    todo = stale_documents(engine, doc_ids)
    summary = AnalysisSummary()
    if not todo:
        return summary
    with progress_bar(progress) as bar:
        task = bar.add_task("reuse", total=len(todo), current="")
        for doc_id in todo:
            bar.update(task, current=doc_id)
            summary.reuse_links += index_reuse(engine, doc_id)
            bar.advance(task)
        task = bar.add_task("entities and events", total=len(todo), current="")
        for doc_id in todo:
            bar.update(task, current=doc_id)
            try:
                result = analyse_document(engine, doc_id, STAGE_VERSIONS)
            except Exception as exc:  # one bad document never stops the batch
                summary.failures.append((doc_id, f"{type(exc).__name__}: {exc}"))
            else:
                summary.documents += 1
                summary.mentions += result.mentions
                summary.events += result.events
                summary.skipped_units += result.skipped_units
            bar.advance(task)
    return summary


def read_documents(inputs: Sequence[str], progress: bool = False) -> Iterator[Document]:
    """Documents read from files, folders or URLs through a scratch store (no database needed)."""
    from .ingest.run import ingest

    with tempfile.TemporaryDirectory(prefix="sphere-scratch-") as tmp:
        engine = open_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        try:
            summary = ingest(inputs, engine, progress=progress)
            with Session(engine) as session:
                for doc_id in summary.doc_ids:
                    doc = load_document(session, doc_id)
                    if doc is not None:
                        yield doc
        finally:
            engine.dispose()
