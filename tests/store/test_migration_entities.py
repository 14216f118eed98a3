"""Migration 0003 (entities): mentions.note and the (code, identifier_text) index, up and down."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from sphere.store.db import alembic_config, make_engine


def state(engine) -> tuple[set[str], set[str]]:
    insp = inspect(engine)
    return {c["name"] for c in insp.get_columns("mentions")}, {i["name"] for i in insp.get_indexes("mentions")}


def test_migration_entities_upgrade_and_downgrade(db_url):
    engine = make_engine(db_url)
    cfg = alembic_config(engine)
    command.upgrade(cfg, "0002")
    columns, indexes = state(engine)
    assert "note" not in columns and "ix_mentions_code_identifier" not in indexes
    command.upgrade(cfg, "0003")
    columns, indexes = state(engine)
    assert "note" in columns and "ix_mentions_code_identifier" in indexes
    assert "ix_mentions_doc_unit" in indexes  # batch mode on SQLite keeps the others
    command.downgrade(cfg, "0002")
    columns, indexes = state(engine)
    assert "note" not in columns and "ix_mentions_code_identifier" not in indexes
    engine.dispose()
