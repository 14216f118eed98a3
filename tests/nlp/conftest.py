"""Fixtures of the NLP tests: the pipeline loaded once per session, a helper that runs one text
through the whole stage, and the demo corpus ingested once."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from nlp_helpers import make_document

from sphere.types import Mention

REPO = Path(__file__).resolve().parents[2]
CORPUS = REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def nlp():
    from sphere.nlp import load_nlp

    return load_nlp()


@pytest.fixture(scope="session")
def analyse(nlp):
    """text (and date) -> resolved mentions of the whole stage."""
    from sphere.nlp import parse_document

    def run(text: str, day: date | None = None) -> list[Mention]:
        return list(parse_document(make_document(text, day)).mentions())

    return run


@pytest.fixture(scope="session")
def corpus_documents():
    """The demo corpus through the real ingest (a scratch SQLite store), once per session."""
    from sphere.ingest.run import scratch_documents as read_documents

    return list(read_documents([str(CORPUS)]))
