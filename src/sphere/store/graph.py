"""The actor network: who acts on whom, with edge counts by PLOVER event type.

A directed edge goes from each actor to each recipient of an event; an event without
recipients (joint drills, a summit) links its co-actors with an undirected "with" edge. The
busiest edges are kept up to a bound, so the graph of a huge database stays readable.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from itertools import combinations, groupby

from sqlalchemy import select
from sqlalchemy.orm import Session

from .event_query import EventFilter, EventQuery
from .memo import remembered
from .models import EventRow, ParticipantRow


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    event_type: str
    events: int
    directed: bool  # False: co-actors of events without a recipient


@dataclass(frozen=True)
class Node:
    code: str
    as_actor: int  # matching events with this code as actor
    as_recipient: int


@dataclass(frozen=True)
class Graph:
    nodes: list[Node]
    edges: list[Edge]
    truncated: bool  # some edges were left out (max_edges)


def actor_graph(session: Session, f: EventFilter = EventFilter(), max_edges: int = 500) -> Graph:
    """The network of the events matching `f` (remembered until the data changes)."""
    return remembered(session, "graph", (f, max_edges), lambda: build_graph(session, f, max_edges))


def build_graph(session: Session, f: EventFilter, max_edges: int) -> Graph:
    """Nodes and edges of the events matching `f`, from one pass over their participants.

    One indexed read of (event, role, code, type) rows grouped here is much cheaper than
    self-joins of the participants table grouped by the database, on 100,000 events.
    """
    where = EventQuery(session, f).where()  # on `events`; None without filters
    stmt = (
        select(ParticipantRow.event_id, ParticipantRow.role, ParticipantRow.code, EventRow.event_type)
        .join(EventRow, EventRow.id == ParticipantRow.event_id)
        .order_by(ParticipantRow.event_id)
    )
    if where is not None:
        stmt = stmt.where(where)
    edge_events: Counter[tuple[str, str, str, bool]] = Counter()
    roles: dict[str, Counter[str]] = defaultdict(Counter)
    rows = session.connection().execute(stmt)  # Core rows: no ORM bookkeeping for 100,000s of them
    for _event, group in groupby(rows, key=lambda r: r[0]):
        actors: list[str] = []
        recipients: list[str] = []
        event_type = ""
        for row in group:
            side = actors if row[1] == "actor" else recipients
            if row[2] not in side:
                side.append(row[2])
            event_type = row[3]
        for code in actors:
            roles[code]["actor"] += 1
        for code in recipients:
            roles[code]["recipient"] += 1
        if recipients:
            pairs = [(a, r, True) for a in actors for r in recipients if a != r]
        else:
            pairs = [(a, b, False) for a, b in combinations(sorted(actors), 2)]
        for source, target, directed in pairs:
            edge_events[(source, target, event_type, directed)] += 1
    edges = [Edge(s, t, k, n, d) for (s, t, k, d), n in edge_events.items()]
    edges.sort(key=lambda e: (-e.events, e.source, e.target, e.event_type))
    kept = edges[:max_edges]
    in_edges = {e.source for e in kept} | {e.target for e in kept}
    nodes = [
        Node(code, r["actor"], r["recipient"])
        for code, r in sorted(roles.items())
        if code in in_edges or not kept  # no edges at all: show the lone actors
    ]
    return Graph(nodes, kept, truncated=len(edges) > len(kept))
