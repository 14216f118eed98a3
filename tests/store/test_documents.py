"""Storage of documents and units, on SQLite and on a real PostgreSQL server."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import func, inspect, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from sphere.ids import content_hash
from sphere.store import models as m
from sphere.store.db import head_revision, open_engine
from sphere.store.documents import (
    DocumentFilter,
    list_documents,
    load_document,
    record_failure,
    save_document,
)
from sphere.types import Document, Unit


def make_doc(name: str, body: str, outlet: str | None = "Example Outlet", published=date(2021, 8, 2)) -> Document:
    raw = body.encode()
    units = (
        Unit(name, "body", "article", 0, body.index("\n\n"), published=published),
        Unit(name, "comment-1", "comment", body.index("\n\n") + 2, len(body), published=published),
    )
    return Document(
        doc_id=name, origin=f"/data/{name}", content_hash=content_hash(raw), encoding="utf-8",
        media_type="text", extractor="plain", text=body, title="A title", outlet=outlet,
        published=published, units=units, raw=raw,
    )


def test_documents_schema_is_migrated_to_head(db_url):
    engine = open_engine(db_url)
    tables = set(inspect(engine).get_table_names())
    assert {"documents", "units", "mentions", "events", "evidence", "reuse_links", "claims"} <= tables
    with engine.connect() as conn:
        from alembic.runtime.migration import MigrationContext

        assert MigrationContext.configure(conn).get_current_revision() == head_revision()


def test_documents_save_is_idempotent_by_content_hash(db_url):
    engine = open_engine(db_url)
    doc = make_doc("a.txt", "Body text here.\n\nA comment.")
    assert save_document(engine, doc) == ("new", "a.txt")
    assert save_document(engine, doc) == ("unchanged", "a.txt")
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.DocumentRow)) == 1
        assert s.scalar(select(func.count()).select_from(m.UnitRow)) == 2


def test_documents_round_trip_keeps_units_offsets_and_raw_bytes(db_url):
    engine = open_engine(db_url)
    doc = make_doc("b.txt", "Первый абзац.\n\nВторой абзац с комментарием.")
    save_document(engine, doc)
    with Session(engine) as s:
        back = load_document(s, "b.txt")
        raw = s.scalar(select(m.DocumentRow.raw).where(m.DocumentRow.id == "b.txt"))
    assert back.text == doc.text
    assert [(u.unit_id, u.kind, u.start, u.end) for u in back.units] == [
        (u.unit_id, u.kind, u.start, u.end) for u in doc.units
    ]
    assert back.text[back.units[1].start : back.units[1].end] == "Второй абзац с комментарием."
    assert raw == doc.raw
    assert back.outlet == "Example Outlet"


def test_documents_same_name_other_content_gets_its_path_as_id(db_url):
    engine = open_engine(db_url)
    save_document(engine, make_doc("index.html", "One.\n\nx"))
    other = make_doc("index.html", "Two.\n\ny")
    status, stored = save_document(engine, other)
    assert status == "new" and stored == other.origin


def test_documents_filter_by_outlet_and_date(db_url):
    engine = open_engine(db_url)
    save_document(engine, make_doc("a.txt", "A.\n\nx", outlet="Caravanserai", published=date(2018, 1, 29)))
    save_document(engine, make_doc("b.txt", "B.\n\ny", outlet="PolitNavigator", published=date(2021, 5, 19)))
    with Session(engine) as s:
        assert [d.id for d in list_documents(s, DocumentFilter(outlet="carav"))] == ["a.txt"]
        assert [d.id for d in list_documents(s, DocumentFilter(since=date(2020, 1, 1)))] == ["b.txt"]
        assert [d.id for d in list_documents(s, DocumentFilter(kind="comment"))] == ["a.txt", "b.txt"]


def test_documents_failure_in_one_transaction_keeps_earlier_documents(db_url):
    engine = open_engine(db_url)
    save_document(engine, make_doc("good.txt", "Good.\n\nz"))
    bad = make_doc("bad.txt", "Bad.\n\nq")
    # Two units with the same id violate the unique constraint: the whole document must roll back.
    bad = Document(**{**bad.__dict__, "units": bad.units + (bad.units[0],)})
    with pytest.raises(IntegrityError):
        save_document(engine, bad)
    record_failure(engine, "bad.txt", "duplicate unit")
    with Session(engine) as s:
        assert [d for d in s.scalars(select(m.DocumentRow.id))] == ["good.txt"]
        assert s.scalar(select(func.count()).select_from(m.UnitRow)) == 2
        assert s.scalar(select(m.IngestFailureRow.reason)) == "duplicate unit"
