"""Fixtures shared by every test: where ../shared is, and fresh databases to write into."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
SEEDS = SHARED / "seeds"
GOLD = SHARED / "gold"
CORPUS = REPO / "examples" / "corpus"


@pytest.fixture(scope="session")
def seeds_dir() -> Path:
    if not SEEDS.is_dir():
        pytest.skip(f"the seed documents are not at {SEEDS}")
    return SEEDS


def reset_postgres(url: str) -> None:
    """Empty the test database: each test starts from no schema at all."""
    from sqlalchemy import text

    from sphere.store.db import make_engine

    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


DB_KINDS = ["sqlite", "postgresql"]


@pytest.fixture(params=DB_KINDS)
def db_url(request, tmp_path) -> str:
    """A fresh database URL: SQLite in tmp_path, and PostgreSQL when SPHERE_TEST_PG is set."""
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'test.db'}"
    url = os.environ.get("SPHERE_TEST_PG")
    if not url:
        pytest.skip("SPHERE_TEST_PG is not set: no PostgreSQL server to test against")
    reset_postgres(url)
    return url


@pytest.fixture
def sqlite_url(tmp_path) -> str:
    return f"sqlite:///{tmp_path / 'test.db'}"
