"""Fixtures for the segmenter tests: the demo corpus ingested once per session."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from sphere.ingest.run import ingest
from sphere.store.db import open_engine
from sphere.store.documents import load_document

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


@pytest.fixture(scope="session")
def corpus_docs(tmp_path_factory):
    """{doc_id: Document} of examples/corpus/ as `sphere ingest` stores it."""
    engine = open_engine(f"sqlite:///{tmp_path_factory.mktemp('corpus') / 'corpus.db'}")
    summary = ingest([str(CORPUS)], engine, progress=False)
    with Session(engine) as session:
        docs = {d: load_document(session, d) for d in summary.doc_ids}
    engine.dispose()
    return docs
