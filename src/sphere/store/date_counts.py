"""Counting a filter's events in any date window from one remembered histogram.

The dashboard and the API ask for the total of a filter again and again with another
`since`/`until` window (a timeline brushed, a month stepped through): each a new count that
reads every match again (a quarter to a third of the work of an event page). The matches of
the filter without its dates are the same every time, so their dates are read once, grouped
(`date, enddate -> count`, a few thousand rows at most: one per day, month and year that has
events, plus the few events running over a span), remembered until the data changes (`memo`),
and any window is then counted from them here, by bisection. The event type is one more
dimension of the same histogram when a participant or an outlet narrows the filter (`either=RUS`
asked with each type in turn).

The window's conditions are the ones `event_query` puts to the database, mirrored exactly:

- `since`: `date >= since OR date IN (every proper prefix of since) OR enddate >= since`
  (an event dated "2021-08", or running past `since`, may have happened on or after it);
  an undated event matches only by its end date;
- `until`: `date < above(until)` ("2021" and "2021-08" include every date inside them);
  an undated event never matches.

Both compare dates as strings, which the database does in code-point order: SQLite's binary
collation, or PostgreSQL with a C collation (`codepoint_order`; with another collation the
database keeps counting itself).
"""

from __future__ import annotations

import time
from array import array
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property
from itertools import accumulate
from sys import intern

from sqlalchemy import ColumnElement, func, select
from sqlalchemy.orm import Session

from .memo import remembered
from .models import EventRow

C_COLLATIONS = {"C", "POSIX", "C.UTF-8", "C.utf8", "ucs_basic"}


def above(prefix: str) -> str:
    """The first string after every string starting with `prefix` ("2021-08" -> "2021-09")."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1)


def since_prefixes(since: str) -> list[str]:
    """Dates at a coarser precision that `since` falls inside ("2021-08-05": "2021-08", "2021", ...)."""
    return [since[:n] for n in range(len(since))]


@dataclass(frozen=True)
class DateHistogram:
    """How many matches each (date, end date) has, arranged for counting windows."""

    dates: tuple[str, ...]  # distinct dates of the dated matches without an end date, sorted
    cumulative: array  # cumulative[i]: those matches dated before dates[i] (one more entry)
    spans: tuple[tuple[str | None, str, int], ...]  # (date, end date, matches) of those with an end date
    undated: int  # matches with neither a date nor an end date

    @classmethod
    def of(cls, rows: Iterable[tuple[str | None, str | None, int]]) -> DateHistogram:
        """From `(date, enddate, count)` rows, as `GROUP BY date, enddate` gives them."""
        by_date: dict[str, int] = {}
        spans, undated = [], 0
        for day, end, n in rows:
            if end is not None:
                spans.append((day, end, n))
            elif day is None:
                undated += n
            else:
                by_date[day] = by_date.get(day, 0) + n
        dates = sorted(by_date)
        return cls(tuple(map(intern, dates)), array("q", accumulate((by_date[d] for d in dates), initial=0)),
                   tuple(spans), undated)  # fmt: skip

    def between(self, lo: str | None, hi: str | None) -> int:
        """Matches without an end date dated in [lo, hi) (None: unbounded)."""
        i = bisect_left(self.dates, lo) if lo is not None else 0
        j = bisect_left(self.dates, hi) if hi is not None else len(self.dates)
        return self.cumulative[j] - self.cumulative[i] if j > i else 0

    def count(self, since: str | None, until: str | None, dated: bool | None = None) -> int:
        """Matches of the window (only the dated or undated ones when `dated` says so)."""
        end = above(until) if until else None
        prefixes = set(since_prefixes(since)) if since else set()
        total = 0
        if dated is not False:
            total += self.between(since or None, end)
            # a proper prefix of `since` sorts before it: never counted twice
            total += sum(self.between(p, p + "\0") for p in prefixes if end is None or p < end)
        for day, enddate, n in self.spans:
            if (day is None and dated is True) or (day is not None and dated is False):
                continue
            if end is not None and (day is None or not day < end):
                continue
            if since and not ((day is not None and (day >= since or day in prefixes)) or enddate >= since):
                continue
            total += n
        if dated is not True and not since and not until:
            total += self.undated
        return total


@dataclass(frozen=True)
class EventHistogram:
    """A filter's matches by event type, date and end date: counts of the filter with any
    type and date window."""

    rows: tuple[tuple[str | None, str | None, str | None, int], ...]  # (event_type, date, enddate, count)
    typed: bool = True  # False: every type is None (the histogram was not read by type)

    @cached_property
    def typed_rows(self) -> dict[str | None, list[tuple[str | None, str | None, int]]]:
        typed: dict[str | None, list[tuple[str | None, str | None, int]]] = {}
        for kind, day, end, n in self.rows:
            typed.setdefault(kind, []).append((day, end, n))
        return typed

    @cached_property
    def by_type(self) -> dict[str, DateHistogram]:
        """Each type's histogram, made when first counted (a request asks for one type)."""
        return {}

    def of_type(self, event_type: str) -> DateHistogram | None:
        found = self.by_type.get(event_type)
        if found is None and event_type in self.typed_rows:
            found = self.by_type[event_type] = DateHistogram.of(self.typed_rows[event_type])
        return found

    @cached_property
    def every(self) -> DateHistogram:
        """Whatever the type."""
        return DateHistogram.of(r[1:] for r in self.rows)

    def count(self, event_type: str | None, since: str | None, until: str | None, dated: bool | None = None) -> int:
        """Matches of this type (None: any) in the window (only the dated or undated ones when
        `dated` says so)."""
        if event_type is not None and not self.typed:
            raise ValueError("this histogram was not read by type")
        if event_type is None:
            return self.every.count(since, until, dated)
        found = self.of_type(event_type)
        return found.count(since, until, dated) if found is not None else 0


class BuildBudget:
    """Histograms read at most a share of the time (BUILD_SHARE): after one that took t
    seconds, the next waits t * (1 / share - 1), the counts asked meanwhile made by the
    database. A server meeting many new filters at once (a dashboard opened by many, a bench)
    would otherwise read histogram after histogram, each holding every request queued on its
    worker; spread out, they cost the same and hold each request a little."""

    def __init__(self, share: float):
        self.share = share
        self.until = 0.0

    def open(self) -> bool:
        return time.monotonic() >= self.until

    def spent(self, seconds: float) -> None:
        self.until = time.monotonic() + seconds * (1 / self.share - 1)


BUILD_SHARE = 0.25
BUILDS = BuildBudget(BUILD_SHARE)  # this process's


def read_histogram(session: Session, where: list[ColumnElement], typed: bool, ordered: bool) -> EventHistogram:
    """The histogram of the events matching `where` (by type too when `typed`). When an index
    of the events hands their matches over in date order (`ordered`: no condition on other
    tables), two grouped reads, in that order: every match by (type,) date, and the few with
    an end date by (type,) date and end date; a match without an end date is the difference.
    Otherwise one read, grouped by all of them."""
    by = (EventRow.event_type, EventRow.date) if typed else (EventRow.date,)
    conn = session.connection()
    if not ordered:
        rows = conn.execute(select(*by, EventRow.enddate, func.count()).where(*where).group_by(*by, EventRow.enddate))
        return EventHistogram(tuple(tuple(r) if typed else (None, *r) for r in rows), typed)
    totals = conn.execute(select(*by, func.count()).where(*where).group_by(*by)).all()
    ending = select(*by, EventRow.enddate, func.count()).where(*where, EventRow.enddate.is_not(None))
    spans = conn.execute(ending.group_by(*by, EventRow.enddate)).all()
    plain = {tuple(r[:-1]): r[-1] for r in totals}
    for r in spans:
        plain[tuple(r[:-2])] -= r[-1]
    if not typed:  # one type for all: None
        return EventHistogram(tuple((None, *k, None, n) for k, n in plain.items() if n)
                              + tuple((None, *r) for r in spans), typed=False)  # fmt: skip
    return EventHistogram(tuple((*k, None, n) for k, n in plain.items() if n) + tuple(tuple(r) for r in spans))


def codepoint_order(session: Session) -> bool:
    """Whether the database compares the date columns as Python compares strings."""
    bind = session.get_bind()
    if bind.dialect.name == "sqlite":
        return True
    if bind.dialect.name != "postgresql":
        return False

    def compute() -> bool:
        conn = session.connection()
        collation = conn.exec_driver_sql(
            "SELECT coalesce(c.collation_name, d.datcollate) FROM information_schema.columns c, pg_database d "
            "WHERE c.table_name = 'events' AND c.column_name = 'date' AND c.table_schema = current_schema() "
            "AND d.datname = current_database()"
        ).scalar()
        return collation in C_COLLATIONS

    return remembered(session, "codepoint_order", None, compute)


@dataclass(frozen=True)
class SpanStarts:
    """The events with an end date, by end date: where a walk for `since` may begin."""

    ends: tuple[str, ...]  # sorted end dates
    earliest: tuple[str | None, ...]  # earliest[i]: the earliest date among the events ends[i:]
    undated: tuple[bool, ...]  # undated[i]: some event of ends[i:] has no date

    @classmethod
    def of(cls, rows: Iterable[tuple[str | None, str]]) -> SpanStarts:
        ordered = sorted(((end, day) for day, end in rows), key=lambda r: r[0])
        earliest: list[str | None] = [None] * (len(ordered) + 1)
        undated = [False] * (len(ordered) + 1)
        for i in range(len(ordered) - 1, -1, -1):
            day = ordered[i][1]
            later = earliest[i + 1]
            earliest[i] = day if later is None else later if day is None else min(day, later)
            undated[i] = undated[i + 1] or day is None
        return cls(tuple(e for e, _ in ordered), tuple(earliest), tuple(undated))

    def running_into(self, since: str) -> tuple[str | None, bool]:
        """The earliest date of an event ending on or after `since`, and whether one is undated."""
        i = bisect_left(self.ends, since)
        return self.earliest[i], self.undated[i]
