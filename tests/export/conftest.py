"""Events of the web sample database, with their citations, for the export tests."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "api"))  # the sample database builder
from webdata import build_sample  # noqa: E402

from sphere.store.citations import cite_events  # noqa: E402
from sphere.store.db import open_engine  # noqa: E402
from sphere.store.events import query_events  # noqa: E402


@pytest.fixture(scope="session")
def sample_url(tmp_path_factory) -> str:
    url = f"sqlite:///{tmp_path_factory.mktemp('export') / 'sample.db'}"
    build_sample(url)
    return url


@pytest.fixture(scope="session")
def stored(sample_url):
    engine = open_engine(sample_url)
    with Session(engine) as session:
        events = query_events(session, limit=None)
        citations = cite_events(session, events)
    engine.dispose()
    return events, citations
