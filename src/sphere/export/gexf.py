"""GEXF 1.3 for Gephi: actors as nodes, one edge per event, each with its time interval.

An edge goes from each actor to each recipient (`type="directed"`, relation
`actor-recipient`); an event without recipients links its co-actors with `type="mutual"`
edges (relation `co-actors`: joint drills of three states are three edges). The graph is a
directed one throughout: GEXF 1.3 allows mixing in undirected edges, and Gephi reads that, but
networkx refuses such a file, while a mutual edge is one bidirectional edge in Gephi and two
directed ones in `networkx.read_gexf`. Edges carry the event's type, quad, date and provenance
as attributes, and `start`/`end` (whole days, the event's date widened to its precision) so
Gephi's timeline can play the network over time. An event with a single actor and no
recipient has no edge; its actor is still a node, labelled with its name from the knowledge
base ("Tajikistan", not "TJK").
"""

from __future__ import annotations

from collections.abc import Sequence
from itertools import combinations
from typing import IO
from xml.sax.saxutils import quoteattr

from ..kb import KBDataError, load_kb
from ..store.citations import Citations, lookup
from ..types import Event
from .quads import quad_of
from .records import event_span

EDGE_ATTRIBUTES = (
    ("0", "event_id", "string"),
    ("1", "event_type", "string"),
    ("2", "quad", "string"),
    ("3", "date", "string"),
    ("4", "status", "string"),
    ("5", "n_sources", "integer"),
    ("6", "documents", "string"),
    ("7", "outlets", "string"),
    ("8", "urls", "string"),
    ("9", "offsets", "string"),
    ("10", "evidence", "string"),
    ("11", "relation", "string"),
)
RELATIONS = {"directed": "actor-recipient", "mutual": "co-actors"}


def node_label(code: str) -> str:
    """An actor's name from the knowledge base ('Russia' for RUS); the code when it has none."""
    try:
        entity = load_kb().entity(code)
    except KBDataError:  # a broken data file must not stop an export: codes still identify nodes
        entity = None
    if entity is not None and entity.name:
        return entity.name
    return code.split(":", 1)[1] if code.startswith("PLACE:") else code


def event_edges(event: Event) -> list[tuple[str, str, str]]:
    """(source, target, edge type) of an event: directed to recipients, else mutual between co-actors."""
    actors = list(dict.fromkeys(p.code for p in event.actors))
    recipients = list(dict.fromkeys(p.code for p in event.recipients))
    if recipients:
        return [(a, r, "directed") for a in actors for r in recipients if a != r]
    return [(a, b, "mutual") for a, b in combinations(actors, 2)]


def provenance_values(event: Event, citations: Citations | None) -> dict[str, str]:
    cites = [lookup(citations, e.doc_id, e.unit_id) for e in event.evidence]
    return {
        "documents": ";".join(e.doc_id for e in event.evidence),
        "outlets": ";".join((c.outlet or "") if c else "" for c in cites),
        "urls": ";".join((c.url or "") if c else "" for c in cites),
        "offsets": ";".join(f"{e.doc_id}:{e.start}-{e.end}" for e in event.evidence),
        "evidence": " | ".join(e.text for e in event.evidence),
    }


def write_gexf(events: Sequence[Event], file: IO[str], citations: Citations | None = None) -> None:
    nodes = {p.code for ev in events for p in (*ev.actors, *ev.recipients)}
    out = file.write
    out('<?xml version="1.0" encoding="UTF-8"?>\n')
    out('<gexf xmlns="http://gexf.net/1.3" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
        'xsi:schemaLocation="http://gexf.net/1.3 http://gexf.net/1.3/gexf.xsd" version="1.3">\n')
    out('  <meta><creator>Sphere</creator><description>Actors (nodes) and PLOVER events '
        '(edges, with time intervals)</description></meta>\n')
    out('  <graph mode="dynamic" defaultedgetype="directed" timeformat="date">\n')
    out('    <attributes class="edge" mode="static">\n')
    for aid, title, kind in EDGE_ATTRIBUTES:
        out(f'      <attribute id="{aid}" title="{title}" type="{kind}"/>\n')
    out("    </attributes>\n    <nodes>\n")
    for code in sorted(nodes):
        out(f"      <node id={quoteattr(code)} label={quoteattr(node_label(code))}/>\n")
    out("    </nodes>\n    <edges>\n")
    n = 0
    for ev in events:
        edges = event_edges(ev)
        if not edges:
            continue
        quad = quad_of(ev.event_type)
        values = {
            "event_id": ev.event_id, "event_type": ev.event_type, "quad": quad.slug if quad else "",
            "date": ev.date or "", "status": ev.status, "n_sources": str(len(ev.sources)),
            **provenance_values(ev, citations),
        }  # fmt: skip
        span = event_span(ev)
        when = f' start="{span[0].isoformat()}" end="{span[1].isoformat()}"' if span else ""
        for source, target, kind in edges:
            out(f'      <edge id="e{n}" source={quoteattr(source)} target={quoteattr(target)} '
                f'type="{kind}" label={quoteattr(ev.event_type)}{when}>\n        <attvalues>\n')
            values["relation"] = RELATIONS[kind]
            for aid, title, _kind in EDGE_ATTRIBUTES:
                out(f"          <attvalue for=\"{aid}\" value={quoteattr(values[title])}/>\n")
            out("        </attvalues>\n      </edge>\n")
            n += 1
    out("    </edges>\n  </graph>\n</gexf>\n")
