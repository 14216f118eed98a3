"""Every event's type, date and end date in memory: the histograms of participant and outlet
filters counted without seeking an events row per match.

A filter narrowed by a participant or an outlet (`actor=RUS`, `either=TJK&type=AID`,
`outlet=...`) has its date histogram (`date_counts`) read by seeking each match's row of
`events` for its type and dates: some 6,500 seeks for a code in a tenth of 100,000 events,
30-60 ms, on each server process, for each code and outlet, every request queued behind it
waiting meanwhile. The matches' ids come from the participants' and evidence's own indexes at
about a microsecond each; with every event's (type, date, end date) at hand, the histogram is
counted here in a few milliseconds, with the same answer (the same ids, the same values).

The table (`event_dates`) is read in one pass (100,000 events: about 0.1 s and 15 MB), kept
until the data changes (`memo`), the second time such a histogram is wanted since it changed
(a database written to all the time does not read it after every write), or when a server
starts (`warm_reads`, before it takes requests); only for databases of up to MAX_EVENTS events.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from sqlalchemy import Connection, func, select
from sqlalchemy.orm import Session

from .date_counts import EventHistogram
from .memo import again, recall, remembered
from .models import EventRow

MAX_EVENTS = 500_000  # past this many events the table is not kept (memory): the database counts
DATES_SQL = "SELECT id, event_type, date, enddate FROM events"
EventDates = dict[str, tuple[str, str | None, str | None]]  # id -> (type, date, enddate)


def total_events(session: Session) -> int:
    stmt = select(func.count()).select_from(EventRow)
    return remembered(session, "total_events", None, lambda: session.scalar(stmt) or 0)


def event_dates(session: Session) -> EventDates:
    """Every event's (type, date, end date) by id, remembered (equal tuples shared)."""

    def read() -> EventDates:
        shared: dict[tuple, tuple] = {}
        rows = driver_rows(session.connection(), DATES_SQL, ())
        table: EventDates = {}
        for eid, kind, day, end in rows:
            key = (kind, day, end)
            table[eid] = shared.setdefault(key, key)
        return table

    return remembered(session, "event_dates", None, read)


def table_if_worth_it(session: Session) -> EventDates | None:
    """The table when it is remembered, or wanted a second time since the data changed (then
    read now); None otherwise, or when the database is too large to keep it."""
    found = recall(session, "event_dates", None)
    if found is not None:
        return found  # type: ignore[return-value]
    if total_events(session) > MAX_EVENTS or not again(session, "event_dates_asked", None):
        return None
    return event_dates(session)


def counted_histogram(session: Session, related: Sequence, typed: bool, table: EventDates) -> EventHistogram:
    """The histogram of the events matching every one of `related` (`event_query.Related`:
    conditions on participants or evidence) and nothing else, by type too when `typed`: what
    `read_histogram` reads for them, counted from `table`."""
    ids = matching_ids(session, related)
    counts = Counter(map(table.get, ids))
    counts.pop(None, None)  # an id without its event row: no match
    if typed:
        return EventHistogram(tuple((*key, n) for key, n in counts.items()))
    by_dates: Counter = Counter()
    for (_, day, end), n in counts.items():
        by_dates[day, end] += n
    return EventHistogram(tuple((None, *key, n) for key, n in by_dates.items()), typed=False)


def matching_ids(session: Session, related: Sequence) -> frozenset[str]:
    """Ids of the events (or dangling ids) matching every one of `related`."""
    found = [related_ids(session, r) for r in related]
    found.sort(key=len)
    return found[0].intersection(*found[1:]) if len(found) > 1 else found[0]


def related_ids(session: Session, r) -> frozenset[str]:
    """The event ids of one related condition (`event_query.Related`), from its index alone;
    remembered until the data changes (a participant's or outlet's few thousand ids)."""

    def read() -> frozenset[str]:
        conn = session.connection()
        compiled = r.ids().compile(dialect=conn.dialect, compile_kwargs={"render_postcompile": True})
        values = tuple(compiled.params[k] for k in compiled.positiontup) if compiled.positional else compiled.params
        return frozenset(eid for eid, in driver_rows(conn, compiled.string, values))

    return remembered(session, "related_ids", r.key, read)


def table_matches(session: Session, related: Sequence) -> list[tuple[str, str | None]] | None:
    """(id, date) of every event matching every one of `related` (and nothing else), from the
    event table when it is at hand (None otherwise): what `EventQuery.collected` reads."""
    table = recall(session, "event_dates", None)
    if table is None:
        return None
    get = table.get  # type: ignore[attr-defined]
    return [(eid, key[1]) for eid in matching_ids(session, related) if (key := get(eid)) is not None]


def driver_rows(conn: Connection, sql: str, values) -> list[tuple]:
    """Rows as the database driver hands them over (plain tuples; thousands of them: no
    SQLAlchemy row made for each)."""
    cursor = conn.connection.dbapi_connection.cursor()
    try:
        cursor.execute(sql, values)
        return cursor.fetchall()
    finally:
        cursor.close()


def warm_reads(session: Session) -> None:
    """Read what the first requests of a server would otherwise each wait for: the event
    table (when the database is small enough to keep it)."""
    if total_events(session) <= MAX_EVENTS:
        event_dates(session)
