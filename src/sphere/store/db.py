"""Opening a database: the engine, SQLite's pragmas, and bringing the schema up to date.

SQLite is the default (a file next to the user); PostgreSQL is used when the URL says so.
The schema is owned by Alembic: `open_engine` upgrades to the newest revision on open, so a
database made by an older Sphere is migrated in place. Importing Alembic and loading its
scripts costs about 0.1 CPU s, every command opens a database, and the database is nearly
always at the newest revision already: so that is checked first without Alembic (the revision
the migration files end at, read as text, against the one stamped in `alembic_version`), and
Alembic runs only when they differ or either is unclear.
"""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.exc import SQLAlchemyError

from ..config import database_url
from ..errors import StoreError

if TYPE_CHECKING:
    from alembic.config import Config

MIGRATIONS = Path(__file__).parent / "migrations"
# `revision = "0007"` / `down_revision = "0006"` (or None) at the top level of a migration file
REVISION_LINE = re.compile(r"^(down_revision|revision)\s*(?::[^=\n]+)?=\s*(?:['\"]([^'\"\n]+)['\"]|None)\s*$", re.M)


def _sqlite_pragmas(dbapi_conn, _record) -> None:
    # WAL lets readers (the dashboard) work while an ingest writes; busy_timeout waits out
    # short write locks instead of failing; foreign keys are off by default in SQLite.
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA busy_timeout=30000")
    cur.close()


def make_engine(url: str | None = None) -> Engine:
    """An engine for the URL (see `sphere.config.database_url`), without touching the schema."""
    url = database_url(url)
    try:
        if url.startswith("sqlite"):
            engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
            event.listen(engine, "connect", _sqlite_pragmas)
        else:
            if url.startswith("postgresql://"):
                url = "postgresql+psycopg://" + url[len("postgresql://") :]
            engine = create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)
    except (SQLAlchemyError, ValueError, ImportError) as exc:
        raise StoreError(f"cannot use database {url!r}: {exc}") from exc
    return engine


def alembic_config(engine: Engine) -> Config:
    from alembic.config import Config

    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


@cache
def head_revision() -> str:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config(None)).get_current_head()  # type: ignore[arg-type]


@cache
def files_head() -> str | None:
    """The newest revision as the migration files name it, read as text: the one revision no
    other file names as its `down_revision`. None when a file does not say both plainly (a
    merge's tuple, say) or there is not exactly one head: then Alembic decides."""
    revisions, parents = set(), set()
    for path in (MIGRATIONS / "versions").glob("*.py"):
        if path.name.startswith("__"):
            continue
        found = {m[1]: m[2] for m in REVISION_LINE.finditer(path.read_text(encoding="utf-8"))}
        if not found.get("revision") or "down_revision" not in found:
            return None
        revisions.add(found["revision"])
        if found["down_revision"]:
            parents.add(found["down_revision"])
    heads = revisions - parents
    return heads.pop() if len(heads) == 1 else None


def stamped_revision(engine: Engine) -> str | None:
    """The one revision `alembic_version` holds; None when it holds none, several, or is missing."""
    try:
        with engine.connect() as conn:
            rows = conn.execute(text("SELECT version_num FROM alembic_version")).all()
    except SQLAlchemyError:
        return None
    return rows[0][0] if len(rows) == 1 else None


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is already there)."""
    head = files_head()
    if head is not None and stamped_revision(engine) == head:
        return
    try:
        from alembic import command
        from alembic.runtime.migration import MigrationContext

        with engine.connect() as conn:
            current = MigrationContext.configure(conn).get_current_revision()
        if current != head_revision():
            command.upgrade(alembic_config(engine), "head")
    except SQLAlchemyError as exc:
        raise StoreError(f"cannot open or migrate the database {engine.url!r}: {exc}") from exc


def open_engine(url: str | None = None) -> Engine:
    """An engine whose schema is up to date: what every command uses."""
    engine = make_engine(url)
    upgrade(engine)
    return engine
