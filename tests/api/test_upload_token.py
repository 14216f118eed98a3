"""POST /api/documents: refused without a configured token, and without the right one."""

from __future__ import annotations

import importlib.util

import pytest
from fastapi.testclient import TestClient

from sphere.api import make_app


@pytest.fixture
def files():
    return {"files": ("note.txt", b"Dushanbe, 3 May 2021. Russia and Tajikistan held talks.", "text/plain")}


def test_upload_disabled_without_token(sqlite_url, files, monkeypatch):
    monkeypatch.delenv("SPHERE_TOKEN", raising=False)
    with TestClient(make_app(sqlite_url)) as c:
        r = c.post("/api/documents", files=files)
    assert r.status_code == 403 and "--token" in r.json()["detail"]


@pytest.mark.parametrize("headers", [{}, {"Authorization": "Bearer wrong"}, {"X-Sphere-Token": "s3cre"},
                                     {"Authorization": "s3cret"}])  # fmt: skip
def test_upload_needs_the_token(sqlite_url, files, headers):
    with TestClient(make_app(sqlite_url, token="s3cret")) as c:
        r = c.post("/api/documents", files=files, headers=headers)
    assert r.status_code == 401


@pytest.mark.skipif(importlib.util.find_spec("sphere.ingest.run") is None, reason="the ingest stage is not installed")
def test_upload_with_token_ingests(sqlite_url, files):
    from sphere.api.routes import upload

    with TestClient(make_app(sqlite_url, token="s3cret")) as c:
        r = c.post("/api/documents", files={"files": ("../../etc/evil name.txt", files["files"][1], "text/plain")},
                   headers={"Authorization": "Bearer s3cret"})  # fmt: skip
        assert r.status_code == 200, r.text
        body = r.json()
        assert body["stored"] == [upload.safe_name("../../etc/evil name.txt", 0)] == ["evil_name.txt"]
        listed = c.get("/api/documents").json()
        assert [d["doc_id"] for d in listed["items"]] == ["evil_name.txt"]
