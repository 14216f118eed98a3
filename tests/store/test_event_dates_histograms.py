"""A participant's or outlet's histogram counted from the in-memory event table equals the one
the database groups itself, on SQLite and PostgreSQL (seeded random filters over the events of
test_date_counts_windows: every precision, undated, spans); the table is read the second time
it is wanted since the data changed, and not kept across a write."""

from __future__ import annotations

import random
from collections import Counter
from dataclasses import replace

import pytest
from sqlalchemy import false, update
from sqlalchemy.orm import Session
from test_date_counts_windows import CODES, OUTLETS, build

from sphere.store import event_dates, memo
from sphere.store.date_counts import read_histogram
from sphere.store.db import open_engine
from sphere.store.event_query import EventFilter, EventQuery, histogram_of, table_histogram
from sphere.store.models import EventRow


def grouped(rows, typed: bool) -> dict:
    """A histogram's rows as {(type, date, enddate): count} (type None when not typed)."""
    found: Counter = Counter()
    for kind, day, end, n in rows:
        found[(kind if typed else None, day, end)] += n
    return dict(found)


def related_filter(rng: random.Random) -> EventFilter:
    """One to three conditions on participants and evidence, nothing on the events' own columns."""
    f = EventFilter()
    while f == EventFilter():
        for name, values in (("actor", CODES), ("recipient", CODES), ("either", CODES), ("outlet", OUTLETS + ["Wire"]),
                             ("doc", [f"win-{n}.txt" for n in range(9)])):  # fmt: skip
            if rng.random() < 0.35:
                f = replace(f, **{name: rng.choice(values)})
    return f


@pytest.fixture
def stored_url(db_url) -> str:
    build(db_url)
    return db_url


def test_histograms_from_the_event_table_equal_the_database_grouping(stored_url):
    engine = open_engine(stored_url)
    rng = random.Random(3)
    nonzero = 0
    with Session(engine) as session:
        memo.forget()
        table = event_dates.event_dates(session)
        assert len(table) == session.query(EventRow).count()
        for _ in range(80):
            f = related_filter(rng)
            query = EventQuery(session, f)
            for typed in (True, False):
                fast = event_dates.counted_histogram(session, query.related, typed, table)
                where = [false()] if query.never else query.aggregate_conditions(None)
                slow = read_histogram(session, where, typed, ordered=False)
                assert fast.typed == slow.typed
                assert grouped(fast.rows, typed) == grouped(slow.rows, typed), (f, typed)
            nonzero += bool(fast.rows)
    engine.dispose()
    memo.forget()
    assert nonzero >= 40  # the filters do match events


def test_the_table_is_read_when_wanted_again_and_not_kept_across_a_write(stored_url):
    engine = open_engine(stored_url)
    memo.forget()
    key = (EventFilter(either="RUS"), True)
    with Session(engine) as session:
        assert table_histogram(session, key) is None  # asked once: the database groups
        from_table = table_histogram(session, key)  # asked again: the table is read
        assert from_table is not None and event_dates.table_if_worth_it(session) is not None
        assert grouped(from_table.rows, True) == grouped(histogram_of(session, key).rows, True)
    with Session(engine) as session, session.begin():
        session.execute(update(EventRow).where(EventRow.event_type == "AID").values(event_type="AGREE"))
    with Session(engine) as session:
        assert memo.recall(session, "event_dates", None) is None  # the data changed: not that table
        assert event_dates.table_if_worth_it(session) is None
        table = event_dates.table_if_worth_it(session)
        assert table is not None and not any(kind == "AID" for kind, _, _ in table.values())
    engine.dispose()
    memo.forget()


def test_no_table_is_kept_for_a_database_past_the_bound(stored_url, monkeypatch):
    monkeypatch.setattr(event_dates, "MAX_EVENTS", 10)
    engine = open_engine(stored_url)
    memo.forget()
    with Session(engine) as session:
        event_dates.warm_reads(session)
        assert memo.recall(session, "event_dates", None) is None
        assert event_dates.table_if_worth_it(session) is None
        assert event_dates.table_if_worth_it(session) is None
    engine.dispose()
    memo.forget()


@pytest.mark.parametrize(("limit", "offset"), [(25, 0), (10, 15), (5, 30)])
def test_a_collected_page_from_the_event_table_equals_the_database_one(stored_url, limit, offset):
    engine = open_engine(stored_url)
    rng = random.Random(limit + offset)
    pages = 0
    with Session(engine) as session:
        for _ in range(40):
            f = related_filter(rng)
            memo.forget()  # no table: the database collects
            slow, slow_total = EventQuery(session, f).collected(limit, offset), memo.recall(session, "events_count", (f, None))
            event_dates.event_dates(session)  # the table at hand: collected from the ids' sets
            assert event_dates.table_matches(session, EventQuery(session, f).related) is not None
            fast, fast_total = EventQuery(session, f).collected(limit, offset), memo.recall(session, "events_count", (f, None))
            assert fast == slow and fast_total == slow_total, f
            pages += bool(fast)
    engine.dispose()
    memo.forget()
    assert pages >= 5
