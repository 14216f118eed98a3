#!/usr/bin/env python3
"""What the event stage costs next to the NLP stage, on the same documents, in one process.

    .venv/bin/python eval/stage_cost.py [PATH ...]     (default: ../shared/seeds examples/corpus)

Documents are ingested into a scratch store, parsed once by `sphere.nlp.parse_document`, then
`sphere.events.extract_events` runs on the parses; both are timed after a warm-up, and the event
stage's milliseconds per document are printed with their share of the NLP time.
"""

from __future__ import annotations

import sys
import tempfile
import time
from pathlib import Path

from sqlalchemy.orm import Session

REPO = Path(__file__).resolve().parents[1]


def main(paths: list[str]) -> int:
    from sphere.events import extract_events
    from sphere.ingest.run import ingest
    from sphere.kb import load_kb
    from sphere.nlp import load_nlp, parse_document
    from sphere.store.db import open_engine
    from sphere.store.documents import load_document

    with tempfile.TemporaryDirectory() as tmp:
        engine = open_engine(f"sqlite:///{tmp}/scratch.db")
        summary = ingest(paths, engine, progress=False)
        with Session(engine) as session:
            docs = [d for d in (load_document(session, i) for i in summary.doc_ids) if d is not None]
        engine.dispose()
    load_nlp()
    load_kb()
    for p in [parse_document(d) for d in docs[:2]]:
        extract_events(p)  # warm-up: lexicon, gazetteer, caches
    started = time.perf_counter()
    parsed = [parse_document(d) for d in docs]
    nlp_s = time.perf_counter() - started
    started = time.perf_counter()
    n = sum(len(extract_events(p)) for p in parsed)
    events_s = time.perf_counter() - started
    print(f"{len(docs)} documents, {sum(len(d.text) for d in docs)} characters: "
          f"nlp {nlp_s * 1000 / len(docs):.1f} ms/doc, events {events_s * 1000 / len(docs):.1f} ms/doc "
          f"({100 * events_s / nlp_s:.1f}% of nlp), {n} events")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:] or [str(REPO.parent / "shared" / "seeds"), str(REPO / "examples" / "corpus")]))
