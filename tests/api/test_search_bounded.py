"""`/api/search`: full-text hits with highlights, queries that are never SQL or FTS syntax,
and the time limit that stops a search instead of stalling the server."""

from __future__ import annotations

import pytest
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from sphere.store import search as fts
from sphere.store.db import open_engine
from sphere.store.models import EventRow


def test_search_finds_evidence_and_documents(client):
    body = client.get("/api/search?q=drills").json()
    kinds = {h["kind"] for h in body["items"]}
    assert kinds == {"evidence", "document"}
    ev = [h for h in body["items"] if h["kind"] == "evidence"]
    assert {h["event_id"] for h in ev} == {"ev-drills"}
    assert all("drills" in " ".join(t for t, matched in h["highlight"] if matched).lower() for h in ev)
    assert body["totals"]["document"] == 2 and not body["timed_out"]


@pytest.mark.parametrize("q, kind, expected", [
    ("armoured vehicles", "evidence", {"ev-aid"}),
    ("drill*", "evidence", {"ev-drills"}),       # prefix
    ("exercising", "document", {"drills.txt", "digest.txt"}),  # stemming: exercise ~ exercising
    ("japarov", "document", {"feed.jsonl#2"}),
])  # fmt: skip
def test_search_terms(client, q, kind, expected):
    body = client.get("/api/search", params={"q": q, "kind": kind}).json()
    got = {h["event_id"] if kind == "evidence" else h["doc_id"] for h in body["items"]}
    assert got == expected


HOSTILE_QUERIES = [
    "'; DROP TABLE events; --",
    '" OR 1=1 --',
    "drills\" OR \"x",
    "NEAR(drills troops)",
    "drills AND NOT troops",
    "text:drills",
    "*",
    "\"",
    "(((",
    "^drills",
    "%' OR '%'='",
    "\\x00\x00",
    "drills -troops +border",
    "évènement ДРОНЫ 无人机",
    "a" * 400,
]


@pytest.mark.parametrize("q", HOSTILE_QUERIES)
def test_search_queries_are_plain_words(client, sample, q):
    r = client.get("/api/search", params={"q": q})
    assert r.status_code == 200, r.text
    body = r.json()
    assert body["terms"] == [w for w, _ in fts.query_terms(q)]
    engine = open_engine(sample.url)
    with Session(engine) as session:  # nothing was dropped or changed
        assert session.scalar(select(func.count()).select_from(EventRow)) == 5
    engine.dispose()


def test_search_drop_table_words_match_as_words(client):
    body = client.get("/api/search", params={"q": "'; DROP TABLE events; --"}).json()
    assert body["terms"] == ["drop", "table", "events"] and body["items"] == []


@pytest.mark.parametrize("q, expected", [
    ('NEAR("a" b)', '"near" "a" "b"'),
    ("drill* army", '"drill"* "army"'),
    ("'; DROP", '"drop"'),
    ("", ""),
])  # fmt: skip
def test_fts5_query_quotes_every_word(q, expected):
    assert fts.fts5_query(fts.query_terms(q)) == expected


def test_marked_segments_survive_stray_marks():
    snippet = f"a {fts.MARK_START}b{fts.MARK_END} c{fts.MARK_END} {fts.MARK_START}"
    assert fts.marked_segments(snippet) == [("a ", False), ("b", True), (" c", False), (" ", False)]


@pytest.fixture(scope="module")
def busy_db(tmp_path_factory):
    """A database whose evidence all contains one very common word."""
    from webdata import build_sample

    url = f"sqlite:///{tmp_path_factory.mktemp('busy') / 'busy.db'}"
    build_sample(url)
    engine = open_engine(url)
    with engine.begin() as conn:
        conn.execute(text(
            "INSERT INTO evidence (event_id, doc_id, unit_id, start, \"end\", text, outlet_id) "
            "SELECT 'ev-aid', 'drills.txt', 'body', value, value + 5, "
            "'common word number ' || value || ' repeated common common', NULL "
            "FROM (WITH RECURSIVE n(value) AS (SELECT 1000 UNION ALL SELECT value + 1 FROM n WHERE value < 21000) SELECT value FROM n)"
        ))  # fmt: skip
    yield engine
    engine.dispose()


def test_search_time_limit_interrupts(busy_db):
    with Session(busy_db) as session:
        cut = fts.search(session, "common", ("evidence",), time_budget=1e-6)
        assert cut.timed_out
        full = fts.search(session, "common", ("evidence",), limit=10, time_budget=30)
    assert not full.timed_out and len(full.hits) == 10
    assert full.totals["evidence"] == fts.COUNT_CAP and full.capped


def test_search_result_limit(busy_db):
    with Session(busy_db) as session:
        result = fts.search(session, "common", ("evidence",), limit=7, offset=3)
    assert len(result.hits) == 7
