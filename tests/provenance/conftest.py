"""Fixtures for provenance: stored documents built with `save_document`, seeds from the gold units."""

from __future__ import annotations

import json
import re
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from sphere.ids import content_hash
from sphere.kb.outlets import find_outlet
from sphere.store.db import open_engine
from sphere.store.documents import save_document
from sphere.store.outlets import sync_registry
from sphere.types import Document, Unit

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SEEDS = (REPO / ".." / "shared" / "seeds").resolve()
GOLD = (REPO / ".." / "shared" / "gold").resolve()


def make_doc(
    doc_id: str,
    text: str,
    units: list[Unit] | None = None,
    outlet: str | None = None,
    url: str | None = None,
    published: date | None = None,
) -> Document:
    raw = text.encode()
    if units is None:
        units = [Unit(doc_id, "body", "article", 0, len(text), published=published)]
    return Document(
        doc_id=doc_id, origin=f"/test/{doc_id}", content_hash=content_hash(raw), encoding="utf-8",
        media_type="text", extractor="plain", text=text, outlet=outlet, url=url,
        published=published, units=tuple(units), raw=raw,
    )


def store_doc(engine, doc: Document) -> str:
    """Save a document under the registry's outlet when the registry knows it."""
    hit = find_outlet(url=doc.url, name=doc.outlet)
    _, stored = save_document(engine, doc, outlet_id=hit.id if hit else None)
    return stored


@pytest.fixture
def engine(db_url):
    """A fresh database with the registry synced: SQLite, and PostgreSQL when SPHERE_TEST_PG is set."""
    eng = open_engine(db_url)
    with Session(eng) as s, s.begin():
        sync_registry(s)
    yield eng
    eng.dispose()


def find_marker(text: str, marker: str) -> int:
    """Where a gold marker starts, whitespace-insensitively (the gold may reflow a line)."""
    pattern = r"\s+".join(re.escape(w) for w in marker.split())
    m = re.search(pattern, text)
    if m is None:
        raise AssertionError(f"gold marker {marker!r} not found")
    return m.start()


def seed_documents() -> list[Document]:
    """The five seeds with units located by the gold's text markers (searched at run time)."""
    if not SEEDS.is_dir():
        pytest.skip(f"the seeds are not at {SEEDS}")
    rows = [json.loads(line) for line in (GOLD / "seeds_documents.jsonl").read_text().splitlines() if line.strip()]
    docs = []
    for path in sorted(SEEDS.glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        mine = [r for r in rows if r["document"] == path.name]
        starts = [find_marker(text, r["text_start_marker"]) for r in mine]
        order = sorted(range(len(mine)), key=lambda i: starts[i])
        units = []
        for k, i in enumerate(order):
            r = mine[i]
            end = starts[order[k + 1]] if k + 1 < len(order) else len(text)
            units.append(Unit(
                path.name, r["unit"], r["kind"], starts[i], end,
                published=date.fromisoformat(r["published"]) if r["published"] else None,
                author=r["author"], title=r["title"], outlet=r["outlet"], url=r["url"],
            ))
        body = next((r for r in mine if r["kind"] == "article"), None)
        outlet = body["outlet"] if body else None
        published = date.fromisoformat(body["published"]) if body and body["published"] else None
        if body is None and mine and mine[0]["kind"] == "forum-post":
            published = date.fromisoformat(mine[0]["published"]) if mine[0]["published"] else None
        docs.append(make_doc(path.name, text, units, outlet=outlet, published=published))
    return docs


def index_all(engine) -> None:
    from sqlalchemy import select

    from sphere.provenance import index_document
    from sphere.store.models import DocumentRow

    with Session(engine) as s, s.begin():
        for doc_id in s.scalars(select(DocumentRow.id).order_by(DocumentRow.id)).all():
            index_document(s, doc_id)


def load_seeds(engine, how: str):
    """The seeds stored with units from the gold's markers ("gold-units") or by the real
    ingest ("ingested": its own segmentation and outlets), then indexed for reuse."""
    if how == "ingested":
        ingest_run = pytest.importorskip("sphere.ingest.run")
        if not SEEDS.is_dir():
            pytest.skip(f"the seeds are not at {SEEDS}")
        ingest_run.ingest([str(SEEDS)], engine, progress=False)
    else:
        for d in seed_documents():
            store_doc(engine, d)
    index_all(engine)
    return engine


@pytest.fixture(name="load_seeds")
def load_seeds_fixture():
    return load_seeds


@pytest.fixture
def seeds_db(engine):
    return load_seeds(engine, "gold-units")


@pytest.fixture
def seed_text() -> dict[str, str]:
    if not SEEDS.is_dir():
        pytest.skip(f"the seeds are not at {SEEDS}")
    return {p.name: p.read_text(encoding="utf-8") for p in SEEDS.glob("*.txt")}


@pytest.fixture(name="make_doc")
def make_doc_fixture():
    return make_doc


@pytest.fixture
def add(engine):
    """Store a document (see make_doc) and index it for reuse; returns the links found."""
    from sphere.provenance import index_document

    def add_doc(doc_id: str, text: str, index: bool = True, **kw):
        stored = store_doc(engine, make_doc(doc_id, text, **kw))
        if not index:
            return []
        with Session(engine) as s, s.begin():
            return index_document(s, stored)

    return add_doc
