"""SQLite walks kept within a budget of VM steps, and conditions kept off the events' indexes.

`event_query` walks an ordered index for a page while matches are common, and collects the
matches of a rare filter from other indexes instead: a walk that would read too long is
interrupted (`walk_budget`), and a collected page keeps SQLite from walking again
(`unindexed`).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy import ColumnElement, Float, Integer, String
from sqlalchemy.orm import Session
from sqlalchemy.sql.visitors import replacement_traverse

from .models import EventRow

STEP = 1000  # the progress handler's granularity, in VM steps


def unindexed(condition: ColumnElement) -> ColumnElement:
    """`condition` with its events columns as expressions (`date || ''`, `n_sources + 0`):
    the same values, but SQLite no longer considers their indexes for it."""

    def wrap(element):
        if getattr(element, "table", None) is not EventRow.__table__ or element.name == "id":
            return None
        if isinstance(element.type, String):
            return element.concat("")
        if isinstance(element.type, Integer | Float):
            return element + 0
        return None

    return replacement_traverse(condition, {}, wrap)


class Budget:
    spent = False


@contextmanager
def walk_budget(session: Session, steps: int) -> Iterator[Budget]:
    """On SQLite, interrupt a statement inside after `steps` VM steps (`budget.spent` then)."""
    budget = Budget()
    raw = session.connection().connection.dbapi_connection
    left = [steps // STEP]

    def tick() -> int:
        left[0] -= 1
        if left[0] < 0:
            budget.spent = True
            return 1
        return 0

    raw.set_progress_handler(tick, STEP)
    try:
        yield budget
    finally:
        raw.set_progress_handler(None, 0)
