"""Opening a database at the newest revision does not need Alembic; any other still gets it.

`open_engine` compares the revision the migration files end at (read as text) with the one the
database is stamped with. Pinned here: that text reading agrees with Alembic's own head; a
database at head opens in a fresh process without importing Alembic; one a revision behind is
migrated to head; and migration files the text reading is unsure of leave it to Alembic.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from alembic import command
from sqlalchemy import text

from sphere.store import db
from sphere.store.db import alembic_config, files_head, head_revision, open_engine, stamped_revision


def test_db_revision_check_files_head_is_alembics_head():
    assert files_head() == head_revision()


def test_db_revision_check_at_head_opens_without_alembic(db_url):
    open_engine(db_url).dispose()  # made and migrated here
    probe = textwrap.dedent(f"""
        import sys
        from sphere.store.db import open_engine
        engine = open_engine({db_url!r})
        print(sorted(m for m in sys.modules if m == "alembic" or m.startswith("alembic.")))
    """)
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, timeout=120, check=True)
    assert out.stdout.strip() == "[]"


def test_db_revision_check_one_behind_is_migrated(db_url):
    engine = open_engine(db_url)
    command.downgrade(alembic_config(engine), "-1")
    assert stamped_revision(engine) not in (None, head_revision())
    engine.dispose()
    engine = open_engine(db_url)
    assert stamped_revision(engine) == head_revision()
    engine.dispose()


def test_db_revision_check_missing_or_several_stamps_read_as_unknown(sqlite_url):
    engine = open_engine(sqlite_url)
    with engine.begin() as conn:
        conn.execute(text("INSERT INTO alembic_version (version_num) VALUES ('0001')"))
    assert stamped_revision(engine) is None  # two rows: Alembic decides
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE alembic_version"))
    assert stamped_revision(engine) is None
    engine.dispose()


def revision_file(rev: str, down: str) -> str:
    return f'"""Migration {rev}."""\n\nrevision = "{rev}"\ndown_revision = {down}\n\n\ndef upgrade():\n    pass\n'


@pytest.mark.parametrize(("files", "head"), [
    ({"a.py": revision_file("0001", "None"), "b.py": revision_file("0002", '"0001"')}, "0002"),
    ({"a.py": revision_file("0001", "None"), "b.py": revision_file("0003", '"0001"'),
      "c.py": revision_file("0002", '"0001"')}, None),  # two heads
    ({"a.py": revision_file("0001", "None"), "b.py": revision_file("0002", '"0001"'),
      "m.py": revision_file("0003", '("0001", "0002")')}, None),  # a merge: its parents as a tuple
    ({"a.py": revision_file("0001", "None"), "b.py": "# no revision here\n"}, None),
    ({"a.py": revision_file("0001", "None").replace("revision = ", "revision: str = ")}, "0001"),
])
def test_db_revision_check_files_head_unsure_is_none(files, head, tmp_path, monkeypatch):
    (tmp_path / "versions").mkdir()
    for name, body in files.items():
        (tmp_path / "versions" / name).write_text(body, encoding="utf-8")
    monkeypatch.setattr(db, "MIGRATIONS", tmp_path)
    assert db.files_head.__wrapped__() == head
