"""Migration 0002 (ingest): adds documents.date_source and documents.notes, and takes them away."""

from __future__ import annotations

from alembic import command
from sqlalchemy import inspect

from sphere.store.db import alembic_config, make_engine


def columns(engine) -> set[str]:
    return {c["name"] for c in inspect(engine).get_columns("documents")}


def test_migration_ingest_upgrade_and_downgrade(db_url):
    engine = make_engine(db_url)
    cfg = alembic_config(engine)
    command.upgrade(cfg, "0001")
    assert not {"date_source", "notes"} & columns(engine)
    command.upgrade(cfg, "0002")
    assert {"date_source", "notes"} <= columns(engine)
    command.downgrade(cfg, "0001")
    assert not {"date_source", "notes"} & columns(engine)
    engine.dispose()
