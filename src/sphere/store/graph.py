"""The actor network: who acts on whom, with edge counts by PLOVER event type.

A directed edge goes from each actor to each recipient of an event; an event without
recipients (joint drills, a summit) links its co-actors with an undirected "with" edge. The
busiest edges are kept up to a bound, so the graph of a huge database stays readable.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import and_, exists, func, select
from sqlalchemy.orm import Session, aliased

from .events import EventFilter, filtered_ids
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
    ids = select(filtered_ids(f).subquery().c.id)
    a = aliased(ParticipantRow)
    b = aliased(ParticipantRow)
    n_events = func.count(func.distinct(EventRow.id))
    directed = (
        select(a.code, b.code, EventRow.event_type, n_events)
        .join(a, and_(a.event_id == EventRow.id, a.role == "actor"))
        .join(b, and_(b.event_id == EventRow.id, b.role == "recipient"))
        .where(EventRow.id.in_(ids), a.code != b.code)
        .group_by(a.code, b.code, EventRow.event_type)
    )
    has_recipient = exists().where(
        ParticipantRow.event_id == EventRow.id, ParticipantRow.role == "recipient"
    )
    joint = (
        select(a.code, b.code, EventRow.event_type, n_events)
        .join(a, and_(a.event_id == EventRow.id, a.role == "actor"))
        .join(b, and_(b.event_id == EventRow.id, b.role == "actor", b.code > a.code))
        .where(EventRow.id.in_(ids), ~has_recipient)
        .group_by(a.code, b.code, EventRow.event_type)
    )
    edges = [Edge(s, t, k, n, True) for s, t, k, n in session.execute(directed)]
    edges += [Edge(s, t, k, n, False) for s, t, k, n in session.execute(joint)]
    edges.sort(key=lambda e: (-e.events, e.source, e.target, e.event_type))
    kept = edges[:max_edges]
    roles: dict[str, dict[str, int]] = {}
    role_counts = (
        select(ParticipantRow.code, ParticipantRow.role, func.count(func.distinct(ParticipantRow.event_id)))
        .where(ParticipantRow.event_id.in_(ids))
        .group_by(ParticipantRow.code, ParticipantRow.role)
    )
    for code, role, n in session.execute(role_counts):
        roles.setdefault(code, {})[role] = n
    in_edges = {e.source for e in kept} | {e.target for e in kept}
    nodes = [
        Node(code, r.get("actor", 0), r.get("recipient", 0))
        for code, r in sorted(roles.items())
        if code in in_edges or not kept  # no edges at all: show the lone actors
    ]
    return Graph(nodes, kept, truncated=len(edges) > len(kept))
