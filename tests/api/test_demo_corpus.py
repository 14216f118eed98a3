"""The dashboard on the real pipeline's output: the demo corpus ingested and analysed by
`sphere ingest examples/corpus`, every page and API answer of it served without error."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from typer.testing import CliRunner

from sphere.cli import app

CORPUS = __import__("pathlib").Path(__file__).resolve().parents[2] / "examples" / "corpus"
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    from fastapi.testclient import TestClient

    from sphere.api import make_app

    url = f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}"
    result = CliRunner().invoke(app, ["ingest", str(CORPUS), "--db", url])
    assert "broken.html" in result.output  # the one bad file is reported, the rest stored
    application = make_app(url)
    with TestClient(application) as c:
        yield c
    application.state.engine.dispose()


def test_demo_corpus_has_events_with_true_offsets(demo):
    body = demo.get("/api/events?limit=500").json()
    assert body["total"] >= 20
    texts: dict[str, str] = {}
    for ev in body["items"]:
        for e in ev["evidence"]:
            if e["document"] not in texts:
                texts[e["document"]] = demo.get("/api/documents/" + quote(e["document"], safe="")).json()["text"]
            assert texts[e["document"]][e["start"] : e["end"]] == e["text"]


def test_demo_corpus_every_document_page(demo):
    docs = demo.get("/api/documents?limit=500").json()["items"]
    assert len(docs) >= 15
    for d in docs:
        path = "/documents/" + quote(d["doc_id"], safe="")
        for suffix in ("", ".json", ".csv"):
            r = demo.get(path + suffix)
            assert r.status_code == 200, (path + suffix, r.text[:200])


def test_demo_corpus_every_event_page(demo):
    for ev in demo.get("/api/events?limit=500").json()["items"]:
        r = demo.get("/events/" + quote(ev["id"], safe=""))
        assert r.status_code == 200 and "evidence-card" in r.text


@pytest.mark.parametrize("path", ["/", "/events", "/timeline.json", "/graph.json", "/map.json", "/entities",
                                  "/entities/RUS", "/search?q=drills", "/api/search?q=Harbmaidon",
                                  "/api/export?format=gexf", "/api/export?format=parquet"])  # fmt: skip
def test_demo_corpus_pages(demo, path):
    assert demo.get(path).status_code == 200
