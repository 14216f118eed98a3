"""Remembered counts, facets and graphs are dropped as soon as the data changes."""

from __future__ import annotations

from sqlalchemy import delete
from sqlalchemy.orm import Session

from sphere.store import browse, facets, graph, memo
from sphere.store.db import open_engine
from sphere.store.events import EventFilter, save_events
from sphere.store.models import EvidenceRow
from sphere.types import Event, Evidence, Participant


def test_answers_follow_writes(db_url):
    from webdata import DRILLS_TEXT, build_sample

    build_sample(db_url)
    memo.forget()
    engine = open_engine(db_url)
    f = EventFilter(actor="RUS")
    with Session(engine) as session:
        assert browse.events_page(session, f, limit=1)[1] == 4
        assert {v.value for v in facets.event_facets(session, f)["type"]} == {"COOPERATE", "AID", "CONSULT", "THREATEN"}
        assert len(graph.actor_graph(session, f).edges) == 6
    new = Event("ev-new", "PROTEST", (Participant("RUS"),), (Participant("GEO"),), date="2021-05-01",
                evidence=(Evidence("drills.txt", "body", DRILLS_TEXT[:6], 0, 6),))  # fmt: skip
    with Session(engine) as session, session.begin():
        # save_events replaces the document's evidence: keep the document's other events
        from sphere.store.events import query_events

        kept = query_events(session, EventFilter(doc="drills.txt"), limit=None)
        save_events(session, "drills.txt", [*kept, new], "test")
    with Session(engine) as session:
        assert browse.events_page(session, f, limit=1)[1] == 5
        assert "PROTEST" in {v.value for v in facets.event_facets(session, f)["type"]}
        assert any(e.target == "GEO" for e in graph.actor_graph(session, f).edges)
    with Session(engine) as session:
        before = memo.data_stamp(session)
    with Session(engine) as session, session.begin():  # an old piece of evidence goes, nothing else
        session.execute(delete(EvidenceRow).where(EvidenceRow.event_id == "ev-call"))
    with Session(engine) as session:
        assert memo.data_stamp(session) != before
        assert browse.events_page(session, EventFilter(outlet="vostok"), limit=1)[1] == 3
    engine.dispose()


def test_memory_is_bounded(sqlite_url, monkeypatch):
    engine = open_engine(sqlite_url)
    memo.forget()
    monkeypatch.setattr(memo, "MAX_ANSWERS", 3)
    with Session(engine) as session:
        for i in range(10):
            assert memo.remembered(session, "test", i, lambda i=i: i * 2) == i * 2
    assert len(memo._answers) == 3
    engine.dispose()
