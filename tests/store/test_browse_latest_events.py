"""The overview's latest events: dated ones, newest first; undated ones are not 'latest'."""

from __future__ import annotations

import pytest
from sqlalchemy.orm import Session
from test_events_merge import doc, event

from sphere.store.browse import latest_events
from sphere.store.db import open_engine
from sphere.store.documents import save_document
from sphere.store.events import save_events

DAYS = [("a.txt", "2019-03-01", "day"), ("b.txt", "2021-08-10", "day"), ("c.txt", "2020", "year"),
        ("d.txt", None, None), ("e.txt", "2021-01", "month")]  # fmt: skip


@pytest.fixture
def session(db_url):
    engine = open_engine(db_url)
    for name, _, _ in DAYS:
        save_document(engine, doc(name, "Outlet " + name))
    with Session(engine) as s:
        for i, (name, day, precision) in enumerate(DAYS):
            actor = ("RUS", "CHN", "KAZ", "IRN", "TUR")[i]  # no two of them merge
            save_events(s, name, [event(name, f"e-{name}", actors=(actor,), day=day, precision=precision)], "1")
        s.commit()
        yield s
    engine.dispose()


@pytest.mark.parametrize("n, expected", [
    (3, ["2021-08-10", "2021-01", "2020"]),
    (10, ["2021-08-10", "2021-01", "2020", "2019-03-01"]),
    (1, ["2021-08-10"]),
])  # fmt: skip
def test_latest_events_are_the_newest_dated(session, n, expected):
    assert [e.date for e in latest_events(session, n)] == expected
