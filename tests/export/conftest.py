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


def stored_events(url: str):
    """Every stored event of the database at `url`, with its citations."""
    engine = open_engine(url)
    with Session(engine) as session:
        events = query_events(session, limit=None)
        citations = cite_events(session, events)
    engine.dispose()
    return events, citations


@pytest.fixture(scope="session")
def stored(sample_url):
    return stored_events(sample_url)


@pytest.fixture(scope="session")
def demo_url(tmp_path_factory) -> str:
    """The demo corpus ingested and analysed by the real pipeline (`sphere ingest examples/corpus`)."""
    from typer.testing import CliRunner

    from sphere.cli import app

    corpus = Path(__file__).resolve().parents[2] / "examples" / "corpus"
    url = f"sqlite:///{tmp_path_factory.mktemp('export-demo') / 'demo.db'}"
    result = CliRunner().invoke(app, ["ingest", str(corpus), "--db", url])
    assert "broken.html" in result.output  # the one bad file is reported, the rest stored
    return url


@pytest.fixture(scope="session")
def demo_stored(demo_url):
    events, citations = stored_events(demo_url)
    assert len(events) >= 20
    return events, citations
