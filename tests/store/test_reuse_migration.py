"""Migration 0004 (provenance) upgrades and downgrades; the band table is the reuse index."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from sphere.store.db import alembic_config, open_engine


def test_reuse_migration_upgrades_and_downgrades(db_url):
    engine = open_engine(db_url)
    cfg = alembic_config(engine)
    tables = set(inspect(engine).get_table_names())
    assert {"reuse_docs", "reuse_bands", "reuse_links", "signatures"} <= tables
    cols = {c["name"] for c in inspect(engine).get_columns("reuse_links")}
    assert {"words", "stage_version"} <= cols
    pk = inspect(engine).get_pk_constraint("reuse_bands")["constrained_columns"]
    assert pk == ["band_key", "doc_num"]  # lookups by key use the primary key
    command.downgrade(cfg, "0003")
    tables = set(inspect(engine).get_table_names())
    assert "reuse_bands" not in tables and "reuse_docs" not in tables
    assert "words" not in {c["name"] for c in inspect(engine).get_columns("reuse_links")}
    command.upgrade(cfg, "head")
    assert "reuse_bands" in set(inspect(engine).get_table_names())
