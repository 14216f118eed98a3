"""The JSON answers of the API, built from the store: one function per kind of answer.

The REST routes return these dicts as they are, and the pages render them and offer them as
their `.json` twins, so a page and its JSON never disagree. Lists are `{"items": [...],
"total": N, "limit": L, "offset": O}`. Every event carries its evidence with provenance
(document, offsets, outlet and its note, URL), built by `sphere.export.records` as the
exports are.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from datetime import date
from typing import Any

import orjson
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from ..export.quads import quad_of
from ..export.records import event_record, event_span
from ..store import browse, facets, graph, search, timeline
from ..store.citations import Citation, Citations, cite_events
from ..store.documents import DocumentFilter
from ..store.events import EventFilter, get_event
from ..store.reader import document_view
from ..types import Event
from .deps import Window
from .names import display_name


class JSONAnswer(JSONResponse):
    """JSON whose dates are written as ISO strings by the encoder itself: no second walk over
    the answer to convert them first (`jsonable`), which cost more than encoding it. orjson
    encodes a page of 25 events with their evidence about ten times faster than `json` (a
    twentieth of the request instead of a tenth); what it refuses (a non-string key, an integer
    beyond 64 bits) goes through `json` as before."""

    def render(self, content: Any) -> bytes:
        return encode_json(content)


def encode_json(content: Any) -> bytes:
    """Compact UTF-8 JSON, dates as ISO strings (orjson, else the json module)."""
    try:
        return orjson.dumps(content, default=iso_date)
    except TypeError:  # orjson.JSONEncodeError is one
        return json.dumps(content, ensure_ascii=False, allow_nan=False, separators=(",", ":"), default=iso_date).encode()


def iso_date(value: Any) -> str:
    if isinstance(value, date):
        return value.isoformat()
    raise TypeError(f"{type(value).__name__} is not JSON serializable")


def jsonable(value: Any) -> Any:
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [jsonable(v) for v in value]
    return value


def filter_params(f: EventFilter) -> dict:
    return {k: v for k, v in asdict(f).items() if v is not None}


def event_item(ev: Event, citations: Citations | None) -> dict:
    record = event_record(ev, citations)
    record["label"] = event_label(ev)
    return record


def event_label(ev: Event) -> str:
    actors = ", ".join(p.code for p in ev.actors) or "?"
    recipients = ", ".join(p.code for p in ev.recipients)
    return f"{actors} {ev.event_type}" + (f" {recipients}" if recipients else "")


def events_payload(session: Session, f: EventFilter, w: Window) -> dict:
    found, total = browse.events_page(session, f, w.limit, w.offset)
    citations = cite_events(session, found)
    return {
        "items": [event_item(ev, citations) for ev in found],
        "total": total,
        "limit": w.limit,
        "offset": w.offset,
        "filters": filter_params(f),
    }


def facets_payload(session: Session, f: EventFilter) -> dict:
    return {
        name: [asdict(v) for v in values] for name, values in facets.event_facets(session, f).items()
    }


def outlet_entry(cite: Citation) -> dict:
    return {
        "outlet": cite.outlet,
        "outlet_id": cite.outlet_id,
        "note": cite.outlet_note,
        "country": cite.outlet_country,
        "sponsor": cite.outlet_sponsor,
        "in_registry": cite.outlet_known,
    }


def event_payload(session: Session, event_id: str) -> dict | None:
    ev = get_event(session, event_id)
    if ev is None:
        return None
    citations = cite_events(session, [ev])
    item = event_item(ev, citations)
    outlets: dict[str, dict] = {}
    for e in ev.evidence:
        cite = citations.get((e.doc_id, e.unit_id)) or citations.get((e.doc_id, None))
        if cite is None:
            continue
        entry = outlets.setdefault(cite.outlet or f"unknown: {e.doc_id}", outlet_entry(cite))
        entry.setdefault("documents", [])
        if e.doc_id not in entry["documents"]:
            entry["documents"].append(e.doc_id)
    item["outlets"] = list(outlets.values())
    item["actor_names"] = {p.code: display_name(p.code) for p in (*ev.actors, *ev.recipients)}
    return jsonable(item)


def timeline_payload(session: Session, f: EventFilter, limit: int = 2000) -> dict:
    t = timeline.timeline(session, f, limit=limit)
    items = []
    for it in t.items:
        span = event_span(Event(it.event_id, it.event_type, (), date=it.date, enddate=it.enddate))
        quad = quad_of(it.event_type)
        items.append(
            {
                "id": it.event_id,
                "type": it.event_type,
                "quad": quad.slug if quad else None,
                "date": it.date,
                "enddate": it.enddate,
                "date_precision": it.date_precision,
                "start": span[0].isoformat() if span else None,
                "end": span[1].isoformat() if span else None,
                "status": it.status,
                "n_sources": it.n_sources,
                "place": it.place,
                "actors": list(it.actors),
                "recipients": list(it.recipients),
                "label": " ".join(
                    [", ".join(it.actors) or "?", it.event_type, ", ".join(it.recipients)]
                ).strip(),
            }
        )
    return {"items": items, "total": t.total, "undated": t.undated, "truncated": t.truncated,
            "filters": filter_params(f)}  # fmt: skip


def graph_payload(session: Session, f: EventFilter) -> dict:
    g = graph.actor_graph(session, f)
    return {
        "nodes": [
            {"id": n.code, "label": display_name(n.code), "as_actor": n.as_actor, "as_recipient": n.as_recipient}
            for n in g.nodes
        ],
        "edges": [
            {"source": e.source, "target": e.target, "type": e.event_type,
             "quad": (q.slug if (q := quad_of(e.event_type)) else None),
             "events": e.events, "directed": e.directed}  # fmt: skip
            for e in g.edges
        ],
        "truncated": g.truncated,
        "filters": filter_params(f),
    }


def places_payload(session: Session, f: EventFilter) -> dict:
    found = timeline.places(session, f)
    return {"items": [asdict(p) for p in found], "total": len(found), "filters": filter_params(f)}


def documents_payload(session: Session, f: DocumentFilter, w: Window) -> dict:
    items, total = browse.documents_page(session, f, w.limit, w.offset)
    return jsonable({"items": [asdict(i) for i in items], "total": total, "limit": w.limit, "offset": w.offset})


def document_payload(session: Session, doc_id: str) -> dict | None:
    view = document_view(session, doc_id)
    if view is None:
        return None
    d = view.document
    return jsonable(
        {
            "id": d.doc_id,
            "title": d.title,
            "author": d.author,
            "outlet": d.outlet,
            "outlet_note": view.citation.outlet_note if view.citation else None,
            "url": d.url,
            "published": d.published,
            "origin": d.origin,
            "media_type": d.media_type,
            "extractor": d.extractor,
            "encoding": d.encoding,
            "text": d.text,
            "units": [asdict(u) for u in d.units],
            "mentions": [asdict(m) for m in view.mentions],
            "evidence": [asdict(e) for e in view.evidence],
            "reuse": [asdict(r) for r in view.reuse],
        }
    )


def entity_item(e: browse.EntitySummary) -> dict:
    return {
        "code": e.code,
        "name": display_name(e.code),
        "kind": e.kind,
        "mentions": e.mentions,
        "documents": e.documents,
        "as_actor": e.as_actor,
        "as_recipient": e.as_recipient,
    }


def entities_payload(session: Session, q: str | None, kind: str | None, w: Window) -> dict:
    items, total = browse.entities_page(session, q, kind, w.limit, w.offset)
    return {"items": [entity_item(e) for e in items], "total": total, "limit": w.limit, "offset": w.offset}


def entity_payload(session: Session, code: str, w: Window) -> dict | None:
    profile = browse.entity_profile(session, code)
    if profile is None:
        return None
    f = EventFilter(either=code)
    found, total = browse.events_page(session, f, w.limit, w.offset)
    citations = cite_events(session, found)
    return {
        **entity_item(profile.summary),
        "aliases": [{"text": t, "count": n} for t, n in profile.aliases],
        "co_mentioned": [{"code": c, "name": display_name(c), "units": n} for c, n in profile.co_mentioned],
        "partners": [{"code": c, "name": display_name(c), "events": n} for c, n in profile.partners],
        "event_types": [{"type": t, "events": n} for t, n in profile.event_types],
        "documents_mentioning": [{"document": d, "mentions": n} for d, n in profile.documents],
        "events": {
            "items": [event_item(ev, citations) for ev in found],
            "total": total,
            "limit": w.limit,
            "offset": w.offset,
        },
    }


def search_payload(session: Session, q: str, kinds: tuple[str, ...], w: Window, time_budget: float) -> dict:
    result = search.search(session, q, kinds, limit=w.limit, offset=w.offset, time_budget=time_budget)
    items = []
    for hit in result.hits:
        item = dict(vars(hit))  # its fields are plain values: asdict's deep copy cost a quarter of a search
        pieces = search.marked_segments(hit.snippet)
        item["snippet"] = "".join(text for text, _ in pieces)
        item["highlight"] = [[text, matched] for text, matched in pieces]  # matched words marked
        items.append(item)
    return {
        "query": result.query,
        "terms": list(result.terms),
        "items": items,
        "total": result.total,
        "totals": result.totals,
        "total_is_lower_bound": result.capped,
        "timed_out": result.timed_out,
        "limit": w.limit,
        "offset": w.offset,
    }


def overview_payload(session: Session) -> dict:
    counts = browse.overview_counts(session)
    recent = browse.latest_events(session, 10)
    citations = cite_events(session, recent)
    top, _ = browse.entities_page(session, limit=12)
    return {
        "counts": counts,
        "facets": facets_payload(session, EventFilter()),
        "events": [event_item(ev, citations) for ev in recent],
        "entities": [entity_item(e) for e in top],
    }
