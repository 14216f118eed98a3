"""The dashboard's pages, each with `.json` and `.csv` twins of what it shows.

    /  /events  /events/{id}  /timeline  /graph  /map  /documents  /documents/{id}
    /entities  /entities/{code}  /search?q=

Filters live in the query string, so every view is a shareable URL. The charts (timeline,
graph, map) are drawn in the browser from the API answer named in their `data-src`, the
same data as the page's `.json` twin.
"""

from __future__ import annotations

from collections import Counter
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Query, Request
from sqlalchemy.orm import Session

from ...store.documents import DocumentFilter
from ...store.events import EventFilter
from ...store.facets import event_facets
from ...store.reader import document_view
from .. import payloads
from ..deps import MAX_PAGE, Window, document_filter, event_filter, get_session, window
from ..highlight import sections
from ..render import View, twin_routes
from ..vendor import missing_vendor_files

router = APIRouter()


def not_found(request: Request, what: str) -> View:
    return View(request, "error.html", "Not found", {"detail": f"No {what}."}, status_code=404)


def event_rows(items: list[dict]) -> list[dict]:
    """One CSV row per event: its fields and where its evidence comes from."""
    return [
        {
            "id": ev["id"], "date": ev["date"], "enddate": ev["enddate"], "type": ev["event"][0],
            "quad": ev["quad"], "status": ev["status"],
            "actors": ";".join(p["code"] for p in ev["actor"]),
            "recipients": ";".join(p["code"] for p in ev["recipient"]),
            "place": ev["event_loc"]["name"] if ev["event_loc"] else None,
            "n_sources": ev["n_sources"], "sources": ";".join(ev["sources"]),
            "documents": ";".join(dict.fromkeys(e["document"] for e in ev["evidence"])),
            "outlets": ";".join(dict.fromkeys(e["outlet"] or "" for e in ev["evidence"])),
            "urls": ";".join(dict.fromkeys(e["url"] or "" for e in ev["evidence"])),
            "evidence": " | ".join(e["text"] for e in ev["evidence"]),
        }  # fmt: skip
        for ev in items
    ]


@twin_routes(router, "/")
def overview(request: Request, session: Session = Depends(get_session), fmt: str = "html") -> View:
    data = payloads.overview_payload(session)
    return View(request, "overview.html", "Overview", data, rows=event_rows(data["events"]))


@twin_routes(router, "/events")
def events_page(
    request: Request,
    f: EventFilter = Depends(event_filter),
    w: Window = Depends(window),
    session: Session = Depends(get_session),
    fmt: str = "html",
) -> View:
    data = payloads.events_payload(session, f, w)
    data["facets"] = payloads.facets_payload(session, f)
    return View(request, "events.html", "Events", data, rows=event_rows(data["items"]), context={"f": f})


@twin_routes(router, "/events/{event_id}")
def event_page(request: Request, event_id: str, session: Session = Depends(get_session), fmt: str = "html") -> View:
    data = payloads.event_payload(session, event_id)
    if data is None:
        return not_found(request, f"event {event_id!r}")
    return View(request, "event.html", f"{data['label']} ({data['date'] or 'undated'})", data,
                rows=data["evidence"])  # fmt: skip


CHARTS = {
    # page: (title, element id, API answer, scripts, styles, hint under the chart)
    "timeline": ("Timeline", "timeline", "/api/timeline",
                 ["moment.min.js", "vis-data.min.js", "vis-timeline.min.js"], ["vis-timeline.min.css"], "Click an event to open it."),
    "graph": ("Actor network", "graph", "/api/graph", ["cytoscape.min.js"], [],
              "Click an edge to list its events, a node to open the entity."),
    "map": ("Map of event places", "map", "/api/places",
            ["d3-array.min.js", "d3-geo.min.js", "topojson-client.min.js"], [],
            "Click a place to list its events."),
}  # fmt: skip


def chart_view(request: Request, name: str, f: EventFilter, session: Session, fmt: str) -> View:
    title, element, api, scripts, styles, hint = CHARTS[name]
    if name == "timeline":
        data = payloads.timeline_payload(session, f) if fmt != "html" else {}
        rows = data.get("items")
    elif name == "graph":
        data = payloads.graph_payload(session, f) if fmt != "html" else {}
        rows = data.get("edges")
    else:
        data = payloads.places_payload(session, f) if fmt != "html" else {}
        rows = data.get("items")
    query = urlencode(payloads.filter_params(f))
    context = {
        "f": f,
        "actors": event_facets(session, EventFilter(), top=60)["actor"] if fmt == "html" else [],
        "chart": element,
        "data_src": api + (f"?{query}" if query else ""),
        "chart_data": {"atlas": "/static/vendor/countries-50m.json"} if name == "map" else {},
        "scripts": [f"/static/vendor/{s}" for s in scripts] + ["/static/js/sphere.js", f"/static/js/{name}.js"],
        "styles": [f"/static/vendor/{s}" for s in styles],
        "missing": [m for m in missing_vendor_files() if m in scripts + styles],
        "hint": hint,
    }
    return View(request, "chart.html", title, data, rows=rows, context=context)


@twin_routes(router, "/timeline")
def timeline_page(request: Request, f: EventFilter = Depends(event_filter),
                  session: Session = Depends(get_session), fmt: str = "html") -> View:  # fmt: skip
    return chart_view(request, "timeline", f, session, fmt)


@twin_routes(router, "/graph")
def graph_page(request: Request, f: EventFilter = Depends(event_filter),
               session: Session = Depends(get_session), fmt: str = "html") -> View:  # fmt: skip
    return chart_view(request, "graph", f, session, fmt)


@twin_routes(router, "/map")
def map_page(request: Request, f: EventFilter = Depends(event_filter),
             session: Session = Depends(get_session), fmt: str = "html") -> View:  # fmt: skip
    return chart_view(request, "map", f, session, fmt)


@twin_routes(router, "/documents")
def documents_page(
    request: Request,
    f: DocumentFilter = Depends(document_filter),
    w: Window = Depends(window),
    session: Session = Depends(get_session),
    fmt: str = "html",
) -> View:
    data = payloads.documents_payload(session, f, w)
    return View(request, "documents.html", "Documents", data, rows=data["items"], context={"f": f})


def annotation_rows(data: dict) -> list[dict]:
    rows = [{"layer": "unit", "start": u["start"], "end": u["end"], "label": u["kind"], "ref": u["unit_id"]}
            for u in data["units"]]  # fmt: skip
    rows += [{"layer": "mention", "start": m["start"], "end": m["end"], "label": m["kind"], "ref": m["code"]}
             for m in data["mentions"]]  # fmt: skip
    rows += [{"layer": "evidence", "start": e["start"], "end": e["end"], "label": e["event_type"], "ref": e["event_id"]}
             for e in data["evidence"]]  # fmt: skip
    rows += [{"layer": f"reuse-{r['role']}", "start": r["start"], "end": r["end"], "label": r["direction_by"],
              "ref": f"{r['other_doc']}:{r['other_start']}-{r['other_end']}"} for r in data["reuse"]]  # fmt: skip
    for row in rows:
        row["text"] = data["text"][row["start"] : row["end"]]
    return sorted(rows, key=lambda r: (r["start"], r["layer"]))


@twin_routes(router, "/documents/{doc_id:path}")
def document_page(request: Request, doc_id: str, session: Session = Depends(get_session), fmt: str = "html") -> View:
    view = document_view(session, doc_id)
    if view is None and fmt != "html":
        # "/documents/x.json" is document "x" as JSON, unless a document is called "x.json".
        view = document_view(session, f"{doc_id}.{fmt}")
        fmt = "html" if view is not None else fmt
    if view is None:
        return not_found(request, f"document {doc_id!r}")
    data = payloads.document_payload(session, view.document.doc_id)
    counts = Counter(m.code for m in view.mentions if m.code)
    context = {"view": view, "sections": sections(view), "mention_counts": counts.most_common()}
    page = View(request, "document.html", view.document.title or view.document.doc_id, data,
                rows=annotation_rows(data), context=context)  # fmt: skip
    return page


@twin_routes(router, "/entities")
def entities_page(
    request: Request,
    q: str | None = Query(None, max_length=120),
    kind: str | None = Query(None, max_length=40),
    w: Window = Depends(window),
    session: Session = Depends(get_session),
    fmt: str = "html",
) -> View:
    data = payloads.entities_payload(session, q or None, kind or None, w)
    return View(request, "entities.html", "Entities", data, rows=data["items"], context={"q": q, "kind": kind})


@twin_routes(router, "/entities/{code:path}")
def entity_page(request: Request, code: str, w: Window = Depends(window),
                session: Session = Depends(get_session), fmt: str = "html") -> View:  # fmt: skip
    data = payloads.entity_payload(session, code, w)
    if data is None:
        return not_found(request, f"entity {code!r}")
    return View(request, "entity.html", f"{data['name']} ({code})", data, rows=event_rows(data["events"]["items"]))


@twin_routes(router, "/search")
def search_page(
    request: Request,
    q: str = Query("", max_length=500),
    kind: str | None = Query(None, pattern="^(evidence|document)?$"),
    limit: int = Query(20, ge=1, le=MAX_PAGE),
    offset: int = Query(0, ge=0),
    session: Session = Depends(get_session),
    fmt: str = "html",
) -> View:
    kinds = (kind,) if kind else ("evidence", "document")
    data = payloads.search_payload(session, q, kinds, Window(limit, offset), request.app.state.search_seconds)
    return View(request, "search.html", f"Search: {q}" if q else "Search", data, rows=data["items"],
                context={"kind": kind})  # fmt: skip
