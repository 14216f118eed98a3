"""Migration 0011: the full-text tables get prefix indexes, searches answer exactly as before
(`word*` included), the index still follows writes, and a downgrade takes the prefixes away."""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import delete, text
from sqlalchemy.orm import Session

from sphere.store import search as fts
from sphere.store.db import alembic_config, open_engine
from sphere.store.models import EvidenceRow

QUERIES = ["drill*", "dr*", "arm*", "armoured", "ja*", "japarov", "t*", "the", "zz*", "mi* ex*"]


def answers(engine) -> list:
    with Session(engine) as session:
        return [fts.search(session, q, ("evidence", "document"), limit=50) for q in QUERIES]


def fts_sql(engine) -> dict[str, str]:
    with engine.connect() as conn:
        rows = conn.execute(text("SELECT name, sql FROM sqlite_master WHERE name IN ('evidence_fts', 'documents_fts')"))
        return dict(rows.all())


@pytest.mark.parametrize("down_to", ["0008"])
def test_prefix_indexes_answer_as_before_and_downgrade_away(sqlite_url, down_to):
    from webdata import build_sample

    build_sample(sqlite_url)
    engine = open_engine(sqlite_url)
    assert all("prefix='2 3 4'" in sql for sql in fts_sql(engine).values()) and len(fts_sql(engine)) == 2
    with_prefixes = answers(engine)
    assert any(r.hits for r in with_prefixes)  # the queries do find something
    command.downgrade(alembic_config(engine), down_to)
    assert not any("prefix" in sql for sql in fts_sql(engine).values()) and len(fts_sql(engine)) == 2
    assert answers(engine) == with_prefixes
    command.upgrade(alembic_config(engine), "head")
    assert answers(engine) == with_prefixes
    with Session(engine) as session:
        assert "ev-aid" in {h.event_id for h in fts.search(session, "armour*", ("evidence",)).hits}
    with Session(engine) as session, session.begin():  # the triggers of 0006 feed the new tables
        session.execute(delete(EvidenceRow).where(EvidenceRow.event_id == "ev-aid"))
    with Session(engine) as session:
        assert "ev-aid" not in {h.event_id for h in fts.search(session, "armour*", ("evidence",)).hits}
    engine.dispose()
