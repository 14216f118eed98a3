"""Reading events: the filters analysts use, and pages and counts that stay quick at 100,000s.

Lists are ordered by date, then id, undated events last. Two ways of finding a page:

- *walk*: read events in that order from an index (`ix_events_date_id`, or the type's or the
  place's own ordered index; a `since` date starts the walk at that date) and keep those that
  pass the filter, probing participants and evidence per event, until the page is full. Cheap
  when matches are common, whatever the size of the database.
- *collect*: take the ids of the rarest participant/evidence condition from its index
  (`participants (code, role, event_id)`, `evidence (outlet_id, event_id)`), check the rest,
  sort them. Cheap when matches are rare.

A page is walked first, within a bounded number of SQLite VM steps; a walk that runs out of
steps has met a rare filter, and the page is collected instead (the same rows, by the other
route). PostgreSQL plans the same query itself, from its statistics. Counts take the collect
route when some condition is rare, and are remembered until the data changes (`memo`).

Every value is bound as a parameter; place and outlet filters are resolved to the stored names
they match (a short list) so the indexes can serve them.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field, replace

from sqlalchemy import (
    ColumnElement,
    String,
    and_,
    cast,
    false,
    func,
    intersect,
    literal,
    or_,
    select,
)
from sqlalchemy.exc import OperationalError
from sqlalchemy.orm import Session

from ..types import Event
from .date_counts import (
    BUILDS,
    EventHistogram,
    SpanStarts,
    above,
    codepoint_order,
    read_histogram,
    since_prefixes,
)
from .event_dates import counted_histogram, table_if_worth_it, table_matches, total_events
from .event_rows import load_events
from .filter_values import outlet_ids, place_names
from .memo import again, keep, recall, remembered
from .models import EventRow, EvidenceRow, ParticipantRow
from .walks import unindexed, walk_budget

WALK_STEPS = 30_000  # SQLite VM steps a walk may take at least (about 2,500 events, 3 ms)
STEPS_PER_COLLECTED = 25  # ... or as many as collecting would cost: VM steps per collected row
WALK_ROWS = 2500  # events a walk is expected to read at most (the budget above, in rows)
RARE = 5000  # a condition matching fewer events than this drives counts and collected pages
COLLECT = 20_000  # matches of a rare filter sorted here at most (more: by the database)


@dataclass(frozen=True)
class EventFilter:
    """The filters of `sphere events`, `/api/events` and the dashboard pages."""

    actor: str | None = None  # a code; matches actors (or either side with `either`)
    recipient: str | None = None
    either: str | None = None  # a code on either side
    type: str | None = None
    context: str | None = None
    since: str | None = None  # ISO date prefix
    until: str | None = None
    place: str | None = None
    outlet: str | None = None
    min_sources: int | None = None
    status: str | None = None
    doc: str | None = None


@dataclass(frozen=True)
class Related:
    """A condition on rows of another table that point at events (participants, evidence)."""

    key: tuple  # what it says, for remembered counts
    event_id: ColumnElement
    where: tuple[ColumnElement, ...]
    # the same conditions for probing one event's rows, when they differ: an IN list of many
    # values is tested on the event's few rows, not sought value by value (`x || ''`)
    probe: tuple[ColumnElement, ...] | None = None

    def exists(self) -> ColumnElement:
        where = self.where if self.probe is None else self.probe
        return select(literal(1)).where(self.event_id == EventRow.id, *where).exists()

    def ids(self):
        return select(self.event_id).where(*self.where)


@dataclass
class EventQuery:
    """One filter resolved against one database: its conditions, pages and counts."""

    session: Session
    f: EventFilter
    rows: list[ColumnElement] = field(default_factory=list)  # on the events row
    related: list[Related] = field(default_factory=list)
    never: bool = False  # a place or outlet that matches nothing: no event can match
    since: ColumnElement | None = None  # the `since` condition (see `span`)
    start: str | None = None  # no dated match is dated before this (where a walk may begin)
    undated_since: bool = True  # some undated event may match `since` (by its end date)

    def __post_init__(self) -> None:
        f, s = self.f, self.session
        if f.type:
            self.rows.append(EventRow.event_type == f.type.upper())
        if f.since:
            # an event dated "2021-08" (or running until after `since`) happened on or after
            # "2021-08-01" as far as anyone knows: compare at the event's own precision
            prefixes = since_prefixes(f.since)
            self.since = or_(EventRow.date >= f.since, EventRow.date.in_(prefixes), EventRow.enddate >= f.since)
            self.start, self.undated_since = walk_start(s, f.since, prefixes)
        if f.until:
            # "2021" or "2021-08" include every date inside them
            self.rows.append(EventRow.date < above(f.until))
        if f.place:
            names = place_names(s, f.place)
            self.never |= not names
            self.rows.append(EventRow.loc_name.in_(names) if names else false())
        if f.context:
            # the JSON list as text, on SQLite and PostgreSQL alike
            self.rows.append(func.lower(cast(EventRow.context, String)).contains(f.context.lower()))
        if f.min_sources:
            self.rows.append(EventRow.n_sources >= f.min_sources)
        if f.status:
            self.rows.append(EventRow.status == f.status)
        p = ParticipantRow
        for role, code in (("actor", f.actor), ("recipient", f.recipient)):
            if code:
                self.related.append(Related((role, code.upper()), p.event_id, (p.code == code.upper(), p.role == role)))
        if f.either:
            self.related.append(Related(("either", f.either.upper()), p.event_id, (p.code == f.either.upper(),)))
        if f.outlet:
            outlets = outlet_ids(s, f.outlet)
            self.never |= not outlets
            self.related.append(Related(("outlet", *outlets), EvidenceRow.event_id, (EvidenceRow.outlet_id.in_(outlets),),
                                        (EvidenceRow.outlet_id.concat("").in_(outlets),)))
        if f.doc:
            self.related.append(Related(("doc", f.doc), EvidenceRow.event_id, (EvidenceRow.doc_id == f.doc,)))

    @property
    def sqlite(self) -> bool:
        return self.session.get_bind().dialect.name == "sqlite"

    def span(self, dated: bool | None) -> list[ColumnElement]:
        """Conditions for the dated events (dated=True), the undated ones (False) or all of
        them (None), with the `since` condition in the form each part can seek on."""
        if dated is None:
            return [self.since] if self.since is not None else []
        if not dated:
            if self.f.since is None:
                return [EventRow.date.is_(None)]
            if not self.undated_since:
                return [false()]
            running = EventRow.enddate >= self.f.since  # undated: only an end date can match
            return [EventRow.date.is_(None), func.unlikely(running) if self.sqlite else running]
        found = [EventRow.date.is_not(None)]
        if self.since is not None:
            found += [EventRow.date >= self.start, self.since]
        return found

    # --- pages --------------------------------------------------------------------------

    def page_ids(self, limit: int | None, offset: int = 0) -> list[str]:
        """Ids of matching events `offset`.. in list order (dated by date and id, then undated)."""
        if self.never or limit == 0:
            return []
        try:
            ids = self.part_ids(True, limit, offset)
            if limit is not None and len(ids) == limit:
                return ids
            # the dated matches end inside this page: the undated ones follow them
            dated = offset + len(ids) if ids or not offset else self.count(dated=True)
            rest = None if limit is None else limit - len(ids)
            return ids + self.part_ids(False, rest, max(0, offset - dated))
        except Sparse:
            return self.collected(limit or 0, offset)

    def part_ids(self, dated: bool, limit: int | None, offset: int) -> list[str]:
        """A page of the dated (or undated) matches, walked in order; raises `Sparse` (SQLite)
        when the walk would read too many events for it."""
        order = (EventRow.date, EventRow.id) if dated else (EventRow.id,)
        walk = [*self.span(dated), *self.rows, *(r.exists() for r in self.related)]
        stmt = select(EventRow.id).where(*walk).order_by(*order).offset(offset).limit(limit)
        if not dated and self.f.since and not self.undated_since:
            return []
        if not self.related or not self.sqlite or limit is None:
            return list(self.session.scalars(stmt))
        if self.sparse(offset + limit):
            raise Sparse
        # the walk may spend about what collecting would: VM steps for the rows it would sort
        steps = max(WALK_STEPS, STEPS_PER_COLLECTED * min(self.related_count(r) for r in self.related))
        with walk_budget(self.session, steps) as budget:
            try:
                return list(self.session.scalars(stmt))
            except OperationalError:
                if not budget.spent:
                    raise
        raise Sparse

    def collected(self, limit: int, offset: int) -> list[str]:
        """A page of a rare filter's matches (SQLite): every match's id and date, from the ids
        of its rare related conditions, sorted here; their number is the count (remembered).
        The events' own conditions are kept off their indexes (`x || ''`), or SQLite would
        walk them again."""
        own = [unindexed(c) for c in (*self.span(None), *self.rows)]
        rows = None if own else table_matches(self.session, self.related)  # the ids' sets, in memory
        if rows is None:
            stmt = select(EventRow.id, EventRow.date).where(*own, *self.driven()).limit(COLLECT + 1)
            rows = self.session.execute(stmt).all()
        if len(rows) > COLLECT:  # not that rare after all: let SQLite sort them
            order = (EventRow.date.is_(None), EventRow.date, EventRow.id)
            return list(self.session.scalars(select(EventRow.id).where(*own, *self.driven())
                                             .order_by(*order).offset(offset).limit(limit)))  # fmt: skip
        rows.sort(key=lambda r: (r[1] is None, r[1] or "", r[0]))  # what ORDER BY would do (id, date)
        keep(self.session, "events_count", (self.f, None), len(rows))
        return [r[0] for r in rows[offset : offset + limit]]

    def sparse(self, wanted: int) -> bool:
        """Whether collecting the matches is cheaper than walking to `wanted` of them: the
        related conditions' rows (counted up to RARE) give the density of matches, assuming
        independence; a walk reads `wanted / density` events, collecting reads the rarest
        condition's rows (each costing about twice a walked event)."""
        n = total_events(self.session)
        counts = [self.related_count(r) for r in self.related]
        if not n or not min(counts):
            return True
        density = 1.0
        for c in counts:
            density *= c / n
        return wanted / density > max(WALK_ROWS, 2 * min(counts))

    # --- counts -------------------------------------------------------------------------

    def count(self, dated: bool | None = None) -> int:
        """Matching events (only the dated or undated ones when `dated` says so), remembered."""
        if self.never:
            return 0
        return remembered(self.session, "events_count", (self.f, dated), lambda: self.count_now(dated))

    def count_now(self, dated: bool | None) -> int:
        histogram = self.histogram()
        if histogram is not None:
            kind = self.f.type.upper() if histogram.typed else None  # else the type is in the histogram's filter
            return histogram.count(kind, self.f.since, self.f.until, dated)
        if dated is False and self.f.since and not self.undated_since:
            return 0
        if dated is None and self.f.since:
            # a `since` date is an OR of date, prefix and end-date conditions: counted apart,
            # the dated events are a range of the date index and the undated ones a few rows
            return self.count(dated=True) + self.count(dated=False)
        if len(self.related) == 1 and not self.rows and dated is None:
            (only,) = self.related  # straight from its index
            stmt = select(func.count(func.distinct(only.event_id))).where(*only.where)
        else:
            stmt = select(func.count()).select_from(EventRow).where(*self.aggregate_conditions(dated))
        return self.session.scalar(stmt) or 0

    def histogram(self) -> EventHistogram | None:
        """The matches of this filter without its date window (and its type, when a participant
        or an outlet narrows it), by date and end date (and type), remembered; when it has a
        window or a type. Reading it costs about what one count of the filter does when a
        participant or an outlet narrows it (the matches' rows are read either way), a few
        counts otherwise: then only from the second time since the data changed that the
        filter without its window is counted (asked once, a count is cheaper)."""
        f = self.f
        if not (f.type or f.since or f.until) or not codepoint_order(self.session):
            return None
        # by type too when the type is not what narrows the filter to its index (a participant is)
        typed = bool(f.type) and any((f.actor, f.recipient, f.either, f.outlet, f.doc))
        key = (replace(f, since=None, until=None, **({"type": None} if typed else {})), typed)
        found = recall(self.session, "events_histogram", key)
        if found is not None:
            return found  # type: ignore[return-value]
        if not self.related and not again(self.session, "events_histogram_asked", key):
            return None
        found = table_histogram(self.session, key)  # a few milliseconds: not held back
        if found is not None:
            keep(self.session, "events_histogram", key, found)
            return found
        if not BUILDS.open():
            return None  # the database counts, this time
        started = time.perf_counter()
        found = remembered(self.session, "events_histogram", key, lambda: histogram_of(self.session, key))
        BUILDS.spent(time.perf_counter() - started)
        return found

    def aggregate_conditions(self, dated: bool | None = None) -> list[ColumnElement]:
        """Conditions for reading every match (counts, facets, graphs): the ids of the rare
        related conditions as a set when some are rare or nothing else narrows the events;
        otherwise the events' own conditions lead and the related ones are probed."""
        own = [*self.span(dated), *self.rows]
        if not self.related:
            return own
        if own and not self.rare():
            return [*own, *(r.exists() for r in self.related)]
        return [*own, *self.driven()]

    def where(self) -> ColumnElement | None:
        """The filter as one WHERE clause on `events` for aggregates (None: no condition)."""
        conditions = [false()] if self.never else self.aggregate_conditions()
        return and_(*conditions) if conditions else None

    def rare(self) -> list[Related]:
        """The related conditions matching fewer than RARE rows."""
        return [r for r in self.related if self.related_count(r) < RARE]

    def driven(self) -> list[ColumnElement]:
        """The related conditions as `id IN (ids of the rare ones, intersected)` and probes of
        the others: the intersection is made from their indexes alone."""
        lead = self.rare() or [min(self.related, key=self.related_count)]
        ids = lead[0].ids() if len(lead) == 1 else intersect(*(r.ids() for r in lead))
        return [EventRow.id.in_(ids), *(r.exists() for r in self.related if r not in lead)]

    def related_count(self, r: Related) -> int:
        """Rows of the related condition, counted up to RARE (remembered)."""
        capped = select(func.count()).select_from(select(r.event_id).where(*r.where).limit(RARE).subquery())
        return remembered(self.session, "related_count", r.key, lambda: self.session.scalar(capped) or 0)


def histogram_of(session: Session, key: tuple[EventFilter, bool]) -> EventHistogram:
    """The histogram of `EventQuery.histogram` for its key: (filter without window, by type)."""
    base, typed = key
    query = EventQuery(session, base)
    where = [false()] if query.never else query.aggregate_conditions(None)
    return read_histogram(session, where, typed, ordered=not query.related)


def table_histogram(session: Session, key: tuple[EventFilter, bool]) -> EventHistogram | None:
    """The same histogram counted from the event table (`event_dates`) when only participants
    or evidence narrow the filter and the table is at hand; else None."""
    base, typed = key
    query = EventQuery(session, base)
    if not query.related or query.rows or query.never:
        return None
    table = table_if_worth_it(session)
    return counted_histogram(session, query.related, typed, table) if table is not None else None


class Sparse(Exception):
    """A walk in date order would read too many events for one page of this filter."""


def walk_start(session: Session, since: str, prefixes: list[str]) -> tuple[str, bool]:
    """The earliest date a dated match of `since` can have (`since`, a stored prefix of it,
    "2021" for "2021-08-01", or the start of an event running into it), and whether any
    undated event runs into it (by its end date); remembered."""

    def compute() -> tuple[str, bool]:
        if codepoint_order(session):
            earliest_running, undated = span_starts(session).running_into(since)
            prefix = session.scalar(select(func.min(EventRow.date)).where(EventRow.date.in_(prefixes)))
            return min([since, *(d for d in (earliest_running, prefix) if d is not None)]), undated
        running = EventRow.enddate >= since  # few events have an end date: their partial index
        if session.get_bind().dialect.name == "sqlite":
            running = func.unlikely(running)  # (SQLite would rather read the date index)
        starts = list(session.scalars(select(EventRow.date).where(running)))
        prefix = session.scalar(select(func.min(EventRow.date)).where(EventRow.date.in_(prefixes)))
        earliest = min([since, *(d for d in (*starts, prefix) if d is not None)])
        return earliest, any(d is None for d in starts)

    return remembered(session, "walk_start", since, compute)


def span_starts(session: Session) -> SpanStarts:
    """Every event with an end date (few: their partial index), by end date; remembered."""
    stmt = select(EventRow.date, EventRow.enddate).where(EventRow.enddate.is_not(None))
    return remembered(session, "span_starts", None, lambda: SpanStarts.of(session.execute(stmt).all()))


# --- whole events ---------------------------------------------------------------------------


def query_events(
    session: Session, f: EventFilter = EventFilter(), limit: int | None = 100, offset: int = 0
) -> list[Event]:
    """Events matching the filter, by date (undated last), with participants and evidence."""
    return load_events(session, EventQuery(session, f).page_ids(limit, offset))


def count_events(session: Session, f: EventFilter = EventFilter()) -> int:
    return EventQuery(session, f).count()


def get_event(session: Session, event_id: str) -> Event | None:
    found = load_events(session, [event_id])
    return found[0] if found else None
