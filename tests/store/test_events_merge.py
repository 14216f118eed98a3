"""Events stored from several documents: one real event is one row with all its evidence."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy.orm import Session

from sphere.ids import content_hash
from sphere.store.db import open_engine
from sphere.store.documents import save_document
from sphere.store.events import EventFilter, count_events, get_event, query_events, save_events
from sphere.types import Document, Event, Evidence, Participant, Unit

TEXT = "Russia and Tajikistan held joint drills. Nothing else happened here at all."


def doc(name: str, outlet: str) -> Document:
    raw = (TEXT + name).encode()
    return Document(name, f"/x/{name}", content_hash(raw), "utf-8", "text", "plain", TEXT, outlet=outlet,
                    published=date(2021, 8, 10), units=(Unit(name, "body", "article", 0, len(TEXT)),), raw=raw)


def event(doc_id: str, eid: str, etype="COOPERATE", actors=("RUS",), recipients=("TJK",), day="2021-08-10",
          precision="day", start=0, end=40) -> Event:
    return Event(
        event_id=eid, event_type=etype, actors=tuple(Participant(c) for c in actors),
        recipients=tuple(Participant(c) for c in recipients), date=day, date_precision=precision,
        evidence=(Evidence(doc_id, "body", TEXT[start:end], start, end),),
    )


def session_with(db_url: str, documents: tuple[tuple[str, str], ...]):
    """A session on a database holding these (name, outlet) documents of TEXT."""
    engine = open_engine(db_url)
    for name, outlet in documents:
        save_document(engine, doc(name, outlet))
    with Session(engine) as s:
        yield s
    engine.dispose()


@pytest.fixture
def session(db_url):
    yield from session_with(db_url, (("a.txt", "Outlet A"), ("b.txt", "Outlet B"), ("c.txt", "Outlet C")))


@pytest.mark.parametrize("other_date,other_precision,merged", [
    ("2021-08-10", "day", True),
    ("2021-08", "month", True),  # coarser precision agrees
    ("2021-08-09", "day", False),  # another day: another event
    (None, None, False),  # across documents both must be dated (or both undated)
])
def test_events_from_different_documents_merge_when_they_agree(session, other_date, other_precision, merged):
    save_events(session, "a.txt", [event("a.txt", "e-a")], "1")
    save_events(session, "b.txt", [event("b.txt", "e-b", day=other_date, precision=other_precision)], "1")
    session.commit()
    assert count_events(session) == (1 if merged else 2)
    if merged:
        ev = get_event(session, "e-a")
        assert {e.doc_id for e in ev.evidence} == {"a.txt", "b.txt"}
        assert len(ev.sources) == 2 and ev.date == "2021-08-10"


def test_undated_reports_merge_only_when_one_copies_the_other(session):
    save_events(session, "a.txt", [event("a.txt", "e-a", day=None, precision=None)], "1")
    save_events(session, "b.txt", [event("b.txt", "e-b", day=None, precision=None, start=41, end=70)], "1")
    session.commit()
    assert count_events(session) == 2  # another sentence, no date: not known to be the same
    copied = event("c.txt", "e-c", day=None, precision=None)  # the very sentence of a.txt
    save_events(session, "c.txt", [copied], "1")
    session.commit()
    assert count_events(session) == 2
    assert {e.doc_id for e in get_event(session, "e-a").evidence} == {"a.txt", "c.txt"}


def test_year_dates_or_different_actors_do_not_merge_across_documents(session):
    save_events(session, "a.txt", [event("a.txt", "e-a", day="2021", precision="year")], "1")
    save_events(session, "b.txt", [event("b.txt", "e-b", day="2021-05-02", precision="day", start=41, end=70)], "1")
    save_events(session, "c.txt", [event("c.txt", "e-c", actors=("TJK",), recipients=("RUS",), start=41, end=70)], "1")
    session.commit()
    assert count_events(session) == 3


def test_overlapping_participants_merge_disjoint_do_not(session):
    save_events(session, "a.txt", [event("a.txt", "e-a", actors=("RUS",), recipients=("TJK", "UZB"))], "1")
    save_events(session, "b.txt", [event("b.txt", "e-b", actors=("RUS", "TJK"), recipients=())], "1")
    save_events(session, "c.txt", [event("c.txt", "e-c", actors=("CHN",), recipients=("KGZ",))], "1")
    session.commit()
    assert count_events(session) == 2
    rows = query_events(session, EventFilter(doc="b.txt"))
    assert [r.event_id for r in rows] == ["e-a"]


def test_a_more_precise_report_sharpens_the_stored_date(session):
    save_events(session, "a.txt", [event("a.txt", "e-a", day="2021-08", precision="month")], "1")
    save_events(session, "b.txt", [event("b.txt", "e-b", day="2021-08-10", precision="day")], "1")
    session.commit()
    ev = get_event(session, "e-a")
    assert (ev.date, ev.date_precision) == ("2021-08-10", "day")


def test_two_events_of_one_document_never_collapse_into_one_row(session):
    save_events(session, "a.txt", [event("a.txt", "e-a")], "1")
    save_events(session, "b.txt", [event("b.txt", "e-b1", start=0, end=20), event("b.txt", "e-b2", start=41, end=60)], "1")
    session.commit()
    assert count_events(session) == 2


def test_reanalysing_a_document_keeps_other_documents_evidence(session):
    save_events(session, "a.txt", [event("a.txt", "e-a")], "1")
    save_events(session, "b.txt", [event("b.txt", "e-b")], "1")
    save_events(session, "a.txt", [], "1")  # a.txt now reports nothing
    session.commit()
    assert count_events(session) == 1
    (ev,) = query_events(session)
    assert {e.doc_id for e in ev.evidence} == {"b.txt"}
    save_events(session, "b.txt", [], "1")
    session.commit()
    assert count_events(session) == 0



def test_a_yearly_dated_report_joins_a_dated_one_through_the_same_sentence_however_spaced(session):
    save_events(session, "a.txt", [event("a.txt", "e-a", day="2021", precision="year")], "1")
    other = event("c.txt", "e-c", day="2021-08-10", precision="day", recipients=("TJK", "UZB"), start=41, end=70)
    save_events(session, "c.txt", [other], "1")  # another sentence: a year does not make it a's event
    assert count_events(session) == 2
    respaced = replace(event("b.txt", "e-b", day="2021-08-10", precision="day"),
                       evidence=(Evidence("b.txt", "body", "RUSSIA and  Tajikistan\nheld joint drills.", 0, 40),))
    save_events(session, "b.txt", [respaced], "1")
    session.commit()
    # b's sentence is a's, case and spacing aside: b joins a's event (c's has b's day too, but
    # a's participants are b's, c's only overlap them), and makes its date precise
    ev = get_event(session, "e-a")
    assert {e.doc_id for e in ev.evidence} == {"a.txt", "b.txt"}
    assert ev.date == "2021-08-10"
    assert count_events(session) == 2


def test_an_undated_report_in_a_passage_copied_from_another_document_joins_its_event(session):
    save_events(session, "a.txt", [event("a.txt", "e-a", day=None, precision=None)], "1")
    copy = event("b.txt", "e-b", day=None, precision=None, start=41, end=70)  # another sentence, in a passage copied from a.txt
    copy = replace(copy, evidence=tuple(replace(e, derived_from="a.txt") for e in copy.evidence))
    save_events(session, "b.txt", [copy], "1")
    save_events(session, "c.txt", [event("c.txt", "e-c", day=None, precision=None, start=0, end=21)], "1")
    session.commit()
    assert {e.doc_id for e in get_event(session, "e-a").evidence} == {"a.txt", "b.txt"}
    assert count_events(session) == 2  # c: a sentence of its own, copied from nowhere
