"""Remembering expensive read answers (counts, facets, graphs) until the data changes.

A count of 100,000 filtered events can cost tens of milliseconds and a whole-database graph a
second; the dashboard asks the same ones again and again. Answers are kept per database and
per *data stamp*: the largest evidence and participant ids and the numbers of evidence rows
and events. Every write the pipeline makes changes one of them (evidence is deleted and
inserted anew on re-analysis, so its largest id grows; a deleted document takes its evidence
with it), so a remembered answer is not served after the data it came from has changed. The memory is bounded (least recently used answers are dropped).
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import TypeVar

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from .models import EventRow, EvidenceRow, ParticipantRow

T = TypeVar("T")
MAX_ANSWERS = 4096
_answers: OrderedDict[tuple, object] = OrderedDict()
_lock = threading.Lock()


def data_stamp(session: Session) -> tuple:
    """What changes whenever events, participants or evidence change (index lookups and counts)."""
    stmt = select(
        select(func.max(EvidenceRow.id)).scalar_subquery(),
        select(func.count()).select_from(EvidenceRow).scalar_subquery(),
        select(func.max(ParticipantRow.id)).scalar_subquery(),
        select(func.count()).select_from(EventRow).scalar_subquery(),
    )
    return tuple(session.execute(stmt).one())


def remembered(session: Session, kind: str, key: Hashable, compute: Callable[[], T]) -> T:
    """`compute()`, or its answer from before if the database has not changed since."""
    full = (str(session.get_bind().url), data_stamp(session), kind, key)
    with _lock:
        if full in _answers:
            _answers.move_to_end(full)
            return _answers[full]  # type: ignore[return-value]
    answer = compute()
    with _lock:
        _answers[full] = answer
        while len(_answers) > MAX_ANSWERS:
            _answers.popitem(last=False)
    return answer


def forget() -> None:
    with _lock:
        _answers.clear()
