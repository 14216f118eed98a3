"""Migration 0007 (segmentation): documents.segment_version comes and goes; search still works."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from sphere.store.db import alembic_config, make_engine


def columns(engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("documents")}


def test_migration_segment_upgrade_and_downgrade(db_url):
    engine = make_engine(db_url)
    cfg = alembic_config(engine)
    command.upgrade(cfg, "0006")
    with engine.begin() as conn:  # a document stored before the migration
        conn.execute(text(
            "INSERT INTO documents (id, origin, content_hash, size, encoding, media_type, extractor, text, title, ingested_at)"
            " VALUES ('a.txt', 'a.txt', 'h1', 10, 'utf-8', 'text', 'plain', 'Kant air base grows', 'Kant', '2021-01-01')"
        ))
    assert "segment_version" not in columns(engine)
    command.upgrade(cfg, "0007")
    assert "segment_version" in columns(engine)
    with engine.connect() as conn:
        assert conn.execute(text("SELECT segment_version FROM documents")).scalar() is None
        if engine.dialect.name == "sqlite":  # the full-text triggers of 0006 survive the ALTER
            conn.execute(text(
                "INSERT INTO documents (id, origin, content_hash, size, encoding, media_type, extractor, text, ingested_at)"
                " VALUES ('b.txt', 'b.txt', 'h2', 10, 'utf-8', 'text', 'plain', 'Harbmaidon drills end', '2021-01-01')"
            ))
            hits = conn.execute(text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'harbmaidon'")).all()
            assert len(hits) == 1
            conn.rollback()
    command.downgrade(cfg, "0006")
    assert "segment_version" not in columns(engine)
    if engine.dialect.name == "sqlite":  # dropped in place: the index still follows writes
        with engine.begin() as conn:
            conn.execute(text("UPDATE documents SET title = 'Lyaur range' WHERE id = 'a.txt'"))
            hits = conn.execute(text("SELECT rowid FROM documents_fts WHERE documents_fts MATCH 'lyaur'")).all()
        assert len(hits) == 1
    engine.dispose()
