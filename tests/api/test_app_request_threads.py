"""The app runs at most REQUEST_THREADS sync requests at once per process (not anyio's 40)."""

from __future__ import annotations

import anyio.to_thread
import pytest
from fastapi.testclient import TestClient

from sphere.api import make_app
from sphere.api.app import REQUEST_THREADS


@pytest.mark.parametrize("path", ["/threads"])
def test_the_thread_pool_is_sized_on_startup(tmp_path, path):
    app = make_app(f"sqlite:///{tmp_path / 'empty.db'}")

    @app.get(path)
    async def threads() -> dict:
        return {"tokens": anyio.to_thread.current_default_thread_limiter().total_tokens}

    with TestClient(app) as client:
        assert client.get(path).json() == {"tokens": REQUEST_THREADS}
        assert client.get("/api/events").status_code == 200  # sync endpoints still served
    app.state.engine.dispose()
    assert 1 <= REQUEST_THREADS <= 5  # within SQLite's pooled connections
