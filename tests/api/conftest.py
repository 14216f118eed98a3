"""Fixtures of the web tests: the sample database (SQLite, and PostgreSQL when SPHERE_TEST_PG
is set) built once per session through the store's writers, and a TestClient on it.

The PostgreSQL sample lives in its own database on the test server (created here), so other
tests that reset the shared test database do not pull it away mid-session.
"""

from __future__ import annotations

import os
import warnings

import pytest
from webdata import Sample, build_sample

warnings.filterwarnings("ignore", message=".*httpx2.*")


def private_postgres(url: str, name: str) -> str:
    """A fresh database `name` on the server of `url`; its URL."""
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    base = make_url(url.replace("postgresql://", "postgresql+psycopg://", 1))
    admin = create_engine(base, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()
    return base.set(database=name).render_as_string(hide_password=False)


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def sample(request, tmp_path_factory) -> Sample:
    if request.param == "sqlite":
        return build_sample(f"sqlite:///{tmp_path_factory.mktemp('web') / 'sample.db'}")
    url = os.environ.get("SPHERE_TEST_PG")
    if not url:
        pytest.skip("SPHERE_TEST_PG is not set: no PostgreSQL server to test against")
    return build_sample(private_postgres(url, "sphere_web_sample"))


@pytest.fixture(scope="session")
def client(sample):
    from fastapi.testclient import TestClient

    from sphere.api import make_app

    app = make_app(sample.url)
    with TestClient(app) as c:
        yield c
    app.state.engine.dispose()
