"""Counts of a date window (and type) from the remembered histogram equal the database's own
count of the same filter, on SQLite and PostgreSQL: seeded random filters over events dated at
every precision, undated, running over a span (some undated but ending), with windows at the
edges (a stored date, its prefixes, the day after, a day ending in 9 whose `above` is ':')."""

from __future__ import annotations

import random
from dataclasses import replace
from datetime import date, timedelta
from unittest import mock

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sphere.ids import content_hash
from sphere.store import date_counts, event_query, memo
from sphere.store.date_counts import DateHistogram, EventHistogram, SpanStarts, codepoint_order
from sphere.store.db import open_engine
from sphere.store.documents import save_document
from sphere.store.event_query import EventFilter, EventQuery, walk_start
from sphere.store.events import save_events
from sphere.store.models import EventRow
from sphere.types import Document, Event, Evidence, Location, Participant, Unit

CODES = ["RUS", "TJK", "UZB", "KGZ", "KAZ", "AFG"]
TYPES = ["AGREE", "CONSULT", "AID", "ASSAULT", "PROTEST"]
PLACES = [("Dushanbe", "TJK", 38.56, 68.77), ("Osh", "KGZ", 40.53, 72.8), ("Kabul", "AFG", 34.53, 69.17)]
OUTLETS = ["Wire One", "Wire Two", "Gazette"]
CONTEXTS = ["military", "diplomatic", "economic"]


def build(url: str, seed: int = 11, docs: int = 8, per_doc: int = 30) -> tuple[list[str], list[str]]:
    """Random events through the store's writers; some then made undated (keeping their end
    date). Returns the stored dates, and those of events with an end date, for windows at
    their edges."""
    rng = random.Random(seed)
    engine = open_engine(url)
    start = date(2019, 12, 20)
    for n in range(docs):
        doc_id = f"win-{n}.txt"
        sentences = [f"Sentence {i} of report {n} about the border." for i in range(per_doc)]
        body = "\n\n".join(sentences)
        published = start + timedelta(days=rng.randrange(400))
        save_document(engine, Document(doc_id, f"/t/{doc_id}", content_hash(body.encode()), "utf-8", "text", "plain",
                                       body, title=f"Report {n}", outlet=rng.choice(OUTLETS), url=f"https://t.example/{n}",
                                       published=published, units=(Unit(doc_id, "body", "article", 0, len(body)),)))  # fmt: skip
        events, pos = [], 0
        for i, text in enumerate(sentences):
            day = start + timedelta(days=rng.randrange(500))
            precision = rng.choice(["day"] * 4 + ["month", "year", None])
            when = {"day": day.isoformat(), "month": day.isoformat()[:7], "year": day.isoformat()[:4], None: None}[precision]
            until = (day + timedelta(days=rng.randrange(1, 60))).isoformat() if precision and rng.random() < 0.15 else None
            actor, recipient = rng.sample(CODES, 2)
            events.append(Event(f"win-{n}-{i}", rng.choice(TYPES), (Participant(actor),), (Participant(recipient),), (),
                                (rng.choice(CONTEXTS),), when, until, precision, location=Location(*rng.choice(PLACES)),
                                evidence=(Evidence(doc_id, "body", text, pos, pos + len(text)),)))  # fmt: skip
            pos += len(text) + 2
        with Session(engine) as session, session.begin():
            save_events(session, doc_id, events, "test")
    with Session(engine) as session, session.begin():
        spans = list(session.scalars(select(EventRow.id).where(EventRow.enddate.is_not(None)).order_by(EventRow.id)))
        session.execute(update(EventRow).where(EventRow.id.in_(spans[::3])).values(date=None))  # undated, still ending
        dates = sorted({d for d in session.scalars(select(EventRow.date)) if d})
        ending = sorted({d for d in session.scalars(select(EventRow.date).where(EventRow.enddate.is_not(None))) if d})
    engine.dispose()
    return dates, ending


def windows(rng: random.Random, stored: tuple[list[str], list[str]]) -> list[str | None]:
    """`since`/`until` values: stored dates, their prefixes, the days around one and the month
    before one (`above` of which is that date), days ending in 9."""
    dates = rng.choice(stored)  # any stored date, or one of an event with an end date
    day = date.fromisoformat(rng.choice([d for d in dates if len(d) == 10]))
    month = rng.choice([d for d in dates if len(d) == 7] or [d[:7] for d in dates])
    before = f"{month[:4]}-{int(month[5:]) - 1:02d}" if month[5:] != "01" else f"{int(month[:4]) - 1}-12"
    return [None, rng.choice(dates), rng.choice(dates)[:7], rng.choice(dates)[:4], (day + timedelta(days=1)).isoformat(),
            (day - timedelta(days=1)).isoformat(), before, day.replace(day=9).isoformat(), day.replace(day=19).isoformat(),
            "2020-02-29", "2019", "2022"]  # fmt: skip


def random_filter(rng: random.Random, dates: tuple[list[str], list[str]], others: float = 0.25) -> EventFilter:
    """A date window, and each other filter with probability `others`."""
    f = EventFilter(since=rng.choice(windows(rng, dates)), until=rng.choice(windows(rng, dates)))
    for name, values in (("actor", CODES), ("recipient", CODES), ("either", CODES), ("type", TYPES),
                         ("place", [p[0] for p in PLACES] + ["sh"]), ("outlet", OUTLETS), ("context", CONTEXTS),
                         ("min_sources", [1, 2])):  # fmt: skip
        if rng.random() < others:
            f = replace(f, **{name: rng.choice(values)})
    return f


def database_count(session: Session, f: EventFilter, dated: bool | None) -> int:
    memo.forget()
    with mock.patch.object(event_query, "codepoint_order", lambda _s: False):
        return EventQuery(session, f).count_now(dated)


def histogram_count(session: Session, f: EventFilter, dated: bool | None) -> int:
    memo.forget()
    date_counts.BUILDS.until = 0.0  # read now, whatever the last one cost
    with mock.patch.object(event_query, "again", lambda *_a: True):
        query = EventQuery(session, f)
        assert query.histogram() is not None  # the histogram's way, not the database's
        return query.count_now(dated)


@pytest.fixture
def stored(db_url) -> tuple[str, tuple[list[str], list[str]]]:
    return db_url, build(db_url)


def test_window_counts_from_the_histogram_equal_the_database_count(stored):
    url, dates = stored
    engine = open_engine(url)
    rng = random.Random(5)
    checked = 0
    with Session(engine) as session:
        if not codepoint_order(session):
            pytest.skip("this PostgreSQL compares dates by its collation: the database counts them itself")
        for i in range(300):
            f = random_filter(rng, dates, 0.25 if i % 2 else 0.05)
            if not (f.since or f.until or f.type):
                continue
            for dated in (None, True, False):
                assert histogram_count(session, f, dated) == database_count(session, f, dated), (f, dated)
            checked += 1
        # the counts are not all zero: the windows do select
        assert sum(database_count(session, random_filter(rng, dates), None) > 0 for _ in range(20)) >= 5
    engine.dispose()
    memo.forget()
    assert checked >= 150


def test_walk_start_from_the_span_list_equals_the_database_answer(stored):
    url, dates = stored
    engine = open_engine(url)
    rng = random.Random(8)
    with Session(engine) as session:
        for _ in range(60):
            since = rng.choice([w for w in windows(rng, dates) if w])
            prefixes = [since[:n] for n in range(len(since))]
            memo.forget()
            fast = walk_start(session, since, prefixes)
            memo.forget()
            with mock.patch.object(event_query, "codepoint_order", lambda _s: False):
                slow = walk_start(session, since, prefixes)
            assert fast == slow, since
    engine.dispose()
    memo.forget()


@pytest.mark.parametrize(
    ("since", "until", "dated", "expected"),
    [
        (None, None, None, 1 + 2 + 4 + 8 + 16 + 32 + 64),
        ("2021-08-05", None, None, 2 + 4 + 8 + 16 + 32),  # 2021-08-05, the month, the year, spans
        ("2021-08-05", None, True, 2 + 4 + 8 + 16),
        ("2021-08-05", None, False, 32),  # undated, running until 2021-09-01
        (None, "2021-08", None, 1 + 2 + 4 + 8 + 16),  # "2021" is before "2021-09"
        ("2021-08-06", "2021-08-09", None, 4 + 8 + 16),  # "2021-08-09" ends before "2021-08-0:"
        ("2021-09", None, None, 8 + 16 + 32),  # "2021" is a prefix of "2021-09"
        ("2022", None, None, 0),
        (None, None, False, 32 + 64),
    ],
)
def test_a_histogram_counts_each_condition_as_the_sql_does(since, until, dated, expected):
    h = DateHistogram.of([("2021-07-31", None, 1), ("2021-08-05", None, 2), ("2021-08", None, 4), ("2021", None, 8),
                          ("2021-08-01", "2021-09-30", 16), (None, "2021-09-01", 32), (None, None, 64)])  # fmt: skip
    assert h.count(since, until, dated) == expected


def test_an_event_histogram_counts_by_type_and_refuses_a_type_it_was_not_read_by():
    typed = EventHistogram((("AID", "2021-08", None, 3), ("AGREE", "2021-08-02", None, 5), ("AID", None, "2021-09", 1)))
    assert typed.count("AID", "2021-08", None) == 4
    assert typed.count("AGREE", "2021-08", None) == 5
    assert typed.count("ASSAULT", None, None) == 0
    assert typed.count(None, "2021-08", None) == 9
    untyped = EventHistogram(((None, "2021-08", None, 3),), typed=False)
    with pytest.raises(ValueError):
        untyped.count("AID", None, None)


def test_span_starts_answer_the_earliest_start_and_an_undated_one():
    starts = SpanStarts.of([("2021-08-01", "2021-08-20"), (None, "2021-09-05"), ("2021-09-01", "2021-10-01")])
    assert starts.running_into("2021-08-10") == ("2021-08-01", True)
    assert starts.running_into("2021-09-10") == ("2021-09-01", False)
    assert starts.running_into("2021-11") == (None, False)


def test_histograms_are_read_at_most_a_share_of_the_time(monkeypatch):
    now = [100.0]
    monkeypatch.setattr(date_counts.time, "monotonic", lambda: now[0])
    budget = date_counts.BuildBudget(0.25)
    assert budget.open()
    budget.spent(0.02)  # then 0.06 s of counts by the database
    assert not budget.open()
    now[0] += 0.059
    assert not budget.open()
    now[0] += 0.002
    assert budget.open()
