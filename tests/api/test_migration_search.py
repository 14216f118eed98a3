"""Migration 0006: the search index follows every write (triggers), and downgrades cleanly."""

from __future__ import annotations

from alembic import command
from sqlalchemy import delete, inspect, text
from sqlalchemy.orm import Session

from sphere.store import search as fts
from sphere.store.db import alembic_config, open_engine
from sphere.store.models import DocumentRow, EvidenceRow


def hits(engine, q, kind):
    with Session(engine) as session:
        return {(h.doc_id, h.event_id) for h in fts.search(session, q, (kind,)).hits}


def test_index_follows_writes(db_url):
    from webdata import build_sample

    build_sample(db_url)
    engine = open_engine(db_url)
    assert hits(engine, "armoured", "evidence") == {("drills.txt", "ev-aid")}
    with Session(engine) as session, session.begin():
        session.execute(delete(EvidenceRow).where(EvidenceRow.event_id == "ev-aid"))
    assert hits(engine, "armoured", "evidence") == set()
    with Session(engine) as session, session.begin():
        session.get(DocumentRow, "digest.txt").title = "Zanzibar digest"
    assert hits(engine, "zanzibar", "document") == {("digest.txt", None)}
    with Session(engine) as session, session.begin():
        session.delete(session.get(DocumentRow, "digest.txt"))
    assert hits(engine, "zanzibar", "document") == set()
    engine.dispose()


def test_downgrade_removes_search_and_upgrade_restores(db_url):
    from webdata import build_sample

    build_sample(db_url)
    engine = open_engine(db_url)
    command.downgrade(alembic_config(engine), "0005")
    names = set(inspect(engine).get_table_names())
    indexes = {i["name"] for i in inspect(engine).get_indexes("events")}
    assert "documents_fts" not in names and "ix_events_order" not in indexes
    command.upgrade(alembic_config(engine), "head")
    assert hits(engine, "japarov", "document") == {("feed.jsonl#2", None)}  # existing rows re-indexed
    with engine.connect() as conn:
        version = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    assert version >= "0006"
    engine.dispose()
