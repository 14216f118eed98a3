"""Migration 0013: evidence.passage_key is added and filled with the key storing writes, then
dropped in place; the evidence full-text index follows writes on both sides of it."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect, text

from sphere.store.db import alembic_config, make_engine
from sphere.store.event_merge import passage_key

SENTENCES = ["Russia and Tajikistan  held joint drills near Harbmaidon.", "THE CSTO met in Dushanbe."]


def columns(engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("evidence")}


def fts_hits(conn, word: str) -> int:
    return len(conn.execute(text("SELECT rowid FROM evidence_fts WHERE evidence_fts MATCH :w"), {"w": word}).all())


def test_migration_passage_keys_upgrade_fills_and_downgrade_drops(db_url):
    engine = make_engine(db_url)
    cfg = alembic_config(engine)
    command.upgrade(cfg, "0011")
    with engine.begin() as conn:  # evidence stored before the migration
        conn.execute(text(
            "INSERT INTO documents (id, origin, content_hash, size, encoding, media_type, extractor, text, ingested_at)"
            " VALUES ('a.txt', 'a.txt', 'h1', 10, 'utf-8', 'text', 'plain', 'x', '2021-01-01')"))
        conn.execute(text("INSERT INTO events (id, event_type, status, confidence, n_sources, n_evidence, stage_version) VALUES ('e1', 'CONSULT', 'occurred', 1.0, 0, 0, '4')"))
        for i, sentence in enumerate(SENTENCES):
            conn.execute(text('INSERT INTO evidence (event_id, doc_id, unit_id, start, "end", text)'
                              " VALUES ('e1', 'a.txt', 'body', :s, :e, :t)"), {"s": i * 100, "e": i * 100 + 50, "t": sentence})
    assert "passage_key" not in columns(engine)
    command.upgrade(cfg, "0013")
    assert "passage_key" in columns(engine)
    with engine.connect() as conn:
        keys = dict(conn.execute(text("SELECT text, passage_key FROM evidence")).all())
    assert keys == {s: passage_key(s) for s in SENTENCES}
    assert passage_key(SENTENCES[0]) == passage_key("russia and tajikistan held joint drills near harbmaidon.")
    assert passage_key(SENTENCES[0]) != passage_key(SENTENCES[1])
    if engine.dialect.name == "sqlite":  # added by a plain ALTER: the full-text triggers survive
        with engine.begin() as conn:
            conn.execute(text("UPDATE evidence SET text = 'Kant air base grows' WHERE start = 0"))
            assert fts_hits(conn, "kant") == 1
    command.downgrade(cfg, "0011")
    assert "passage_key" not in columns(engine)
    if engine.dialect.name == "sqlite":
        with engine.begin() as conn:
            conn.execute(text("UPDATE evidence SET text = 'Lyaur range' WHERE start = 100"))
            assert fts_hits(conn, "lyaur") == 1
    engine.dispose()
