"""Opening a database: the engine, SQLite's pragmas, and bringing the schema up to date.

SQLite is the default (a file next to the user); PostgreSQL is used when the URL says so.
The schema is owned by Alembic: `open_engine` upgrades to the newest revision on open, so a
database made by an older Sphere is migrated in place.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import SQLAlchemyError

from ..config import database_url
from ..errors import StoreError

MIGRATIONS = Path(__file__).parent / "migrations"


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
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


@cache
def head_revision() -> str:
    return ScriptDirectory.from_config(alembic_config(None)).get_current_head()  # type: ignore[arg-type]


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest revision (a no-op when it is already there)."""
    try:
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
