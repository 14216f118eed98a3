"""A copy of a report is the same report, whatever day the copy dates it by.

A syndicated copy published a day after its original dates its statements by its own day; the
sentence is the same, and so is the event. Without a reuse link between the two documents, the
same sentence on two days stays two events (two papers may print one boilerplate line).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy.orm import Session
from test_events_merge import TEXT, event, session_with

from sphere.store.events import count_events, get_event, save_events
from sphere.store.models import ReuseLinkRow
from sphere.types import Evidence


@pytest.fixture
def session(db_url):
    yield from session_with(db_url, (("orig.txt", "Outlet A"), ("copy.txt", "Outlet B"), ("other.txt", "Outlet C")))


def link(session: Session, original: str, copy: str) -> None:
    session.add(ReuseLinkRow(original_doc=original, copy_doc=copy, original_start=0, original_end=len(TEXT),
                             copy_start=0, copy_end=len(TEXT), size=len(TEXT), direction_by="date"))
    session.flush()


def copied(doc_id: str, eid: str, day: str, source: str | None) -> object:
    ev = event(doc_id, eid, day=day)
    return replace(ev, evidence=tuple(Evidence(e.doc_id, e.unit_id, e.text, e.start, e.end, source) for e in ev.evidence))


@pytest.mark.parametrize("copy_first", [False, True], ids=["original-first", "copy-first"])
def test_a_copy_dated_a_day_later_joins_its_original(session, copy_first):
    link(session, "orig.txt", "copy.txt")
    saves = [("orig.txt", [event("orig.txt", "e-orig", day="2021-08-10")]),
             ("copy.txt", [copied("copy.txt", "e-copy", "2021-08-11", "orig.txt")])]  # fmt: skip
    for doc_id, events in reversed(saves) if copy_first else saves:
        save_events(session, doc_id, events, "1")
    session.commit()
    assert count_events(session) == 1
    stored = get_event(session, "e-copy" if copy_first else "e-orig")
    assert {e.doc_id for e in stored.evidence} == {"orig.txt", "copy.txt"}
    assert stored.date == "2021-08-10"  # the original's day, whichever was stored first


def test_the_same_sentence_on_another_day_without_a_link_stays_apart(session):
    save_events(session, "orig.txt", [event("orig.txt", "e-orig", day="2021-08-10")], "1")
    save_events(session, "other.txt", [event("other.txt", "e-other", day="2021-08-11")], "1")
    session.commit()
    assert count_events(session) == 2


def test_a_linked_document_coding_other_parties_is_another_event(session):
    link(session, "orig.txt", "copy.txt")
    save_events(session, "orig.txt", [event("orig.txt", "e-orig", day="2021-08-10")], "1")
    other = event("copy.txt", "e-copy", actors=("CHN",), recipients=("KGZ",), day="2021-08-11")
    save_events(session, "copy.txt", [other], "1")
    session.commit()
    assert count_events(session) == 2
