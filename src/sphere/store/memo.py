"""Remembering expensive read answers (counts, facets, graphs) until the data changes.

A count of 100,000 filtered events can cost tens of milliseconds and a whole-database graph a
second; the dashboard asks the same ones again and again. Answers are kept per database and
per *data stamp*, which changes with every committed write to the tables the answers are made
of (events, participants, evidence, outlets, documents, units, mentions):

- SQLite: `data_version.changes`, counted by triggers after every insert, update and delete
  (migration 0008). One row read by primary key: the stamp costs next to nothing, and it sees
  updates too (a source count recomputed, an outlet merged), which row counts and largest ids
  did not.
- PostgreSQL: the transaction snapshot (`pg_current_snapshot()`), which moves whenever any
  write transaction starts or ends on the server: never stale, sometimes more cautious than it
  needs to be.

A stamp read in the same transaction as the answer describes the data the answer was made
from; answers read inside a transaction that has written (and may roll back) are not kept.
The memory is bounded (least recently used answers are dropped), and the kinds of answer
that are large (a filter's date histogram: thousands of counts) have a smaller bound of their
own (`BOUNDS`), so they cannot crowd out the small ones nor grow the process.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import event
from sqlalchemy.orm import Session

T = TypeVar("T")
MAX_ANSWERS = 4096
BOUNDS = {"events_histogram": 256, "event_dates": 2, "related_ids": 256}  # large answers: kept apart, at most this many of each kind
_answers: OrderedDict[tuple, object] = OrderedDict()
_large: dict[str, OrderedDict[tuple, object]] = {kind: OrderedDict() for kind in BOUNDS}
_lock = threading.Lock()


STAMP_SQL = {
    "sqlite": "SELECT changes FROM data_version WHERE id = 1",
    "postgresql": "SELECT pg_current_snapshot()::text",
}


def data_stamp(session: Session) -> tuple:
    """What changes whenever the data the remembered answers are made of changes: read once
    per session until it writes, commits or rolls back (a request asks for several answers)."""
    stamp = session.info.get(STAMP_KEY)
    if stamp is None:
        conn = session.connection()
        stamp = session.info[STAMP_KEY] = (conn.exec_driver_sql(STAMP_SQL[conn.dialect.name]).scalar(),)
    return stamp


STAMP_KEY = "sphere.memo.data_stamp"


def _drop_stamp(session: Session, *_args) -> None:
    session.info.pop(STAMP_KEY, None)


for _moment in ("after_flush", "after_commit", "after_rollback", "after_soft_rollback"):
    event.listen(Session, _moment, _drop_stamp)


def writing(session: Session) -> bool:
    """Whether the session's transaction has written: its reads see data that may never be
    committed, so answers made from them are not remembered."""
    conn = session.connection()
    if conn.dialect.name == "postgresql":
        return conn.exec_driver_sql("SELECT pg_current_xact_id_if_assigned()").scalar() is not None
    return bool(getattr(conn.connection.dbapi_connection, "in_transaction", True))


def remembered(session: Session, kind: str, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, or its answer from before if the database has not changed since."""
    if writing(session):
        return compute()
    full = _full_key(session, kind, key)
    with _lock:
        answers = _shelf(kind)
        if full in answers:
            answers.move_to_end(full)
            return answers[full]  # type: ignore[return-value]
    answer = compute()
    _store(kind, full, answer)
    return answer


def _full_key(session: Session, kind: str, key: Hashable) -> tuple:
    return (str(session.get_bind().url), data_stamp(session), kind, key)


def _shelf(kind: str) -> OrderedDict[tuple, object]:
    """Where answers of this kind are kept: their own bounded shelf for the large kinds."""
    return _large.get(kind, _answers)


def _store(kind: str, full: tuple, answer: object) -> None:
    bound = BOUNDS.get(kind, MAX_ANSWERS)
    with _lock:
        answers = _shelf(kind)
        answers[full] = answer
        while len(answers) > bound:
            answers.popitem(last=False)


def keep(session: Session, kind: str, key: Hashable, answer: object) -> None:
    """Remember an answer found on the way (a count that came with a page), as `remembered`
    would have."""
    if not writing(session):
        _store(kind, _full_key(session, kind, key), answer)


def recall(session: Session, kind: str, key: Hashable) -> object | None:
    """The answer remembered since the data last changed, else None (nothing computed)."""
    if writing(session):
        return None
    full = _full_key(session, kind, key)
    with _lock:
        answers = _shelf(kind)
        found = answers.get(full)
        if found is not None:
            answers.move_to_end(full)
        return found


def again(session: Session, kind: str, key: Hashable) -> bool:
    """Whether `key` was asked about before since the data last changed (it is now)."""
    if writing(session):
        return False
    full = _full_key(session, kind, key)
    with _lock:
        answers = _shelf(kind)
        if full in answers:
            answers.move_to_end(full)
            return True
    _store(kind, full, True)
    return False


def forget() -> None:
    with _lock:
        _answers.clear()
        for answers in _large.values():
            answers.clear()
