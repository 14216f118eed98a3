"""The REST API: JSON answers for events, entities, documents, search and the charts.

Lists answer `{"items": [...], "total": N, "limit": L, "offset": O}` and take the same filters
as the pages (actor, recipient, type, context, since, until, place, outlet, min_sources, ...).
"""

from __future__ import annotations

from fastapi import APIRouter, Depends, HTTPException, Query, Request
from fastapi.responses import JSONResponse
from sqlalchemy.orm import Session

from ...store.documents import DocumentFilter
from ...store.events import EventFilter
from .. import payloads
from ..deps import MAX_PAGE, Window, document_filter, event_filter, get_session, window

router = APIRouter(prefix="/api", tags=["api"])


def answer(data) -> JSONResponse:
    return payloads.JSONAnswer(data)


@router.get("/events", summary="Events matching the filters, by date, with evidence and sources")
def api_events(f: EventFilter = Depends(event_filter), w: Window = Depends(window),
               facets: bool = Query(False, description="Add facet counts (type, actor, outlet, year)"),
               session: Session = Depends(get_session)) -> JSONResponse:  # fmt: skip
    data = payloads.events_payload(session, f, w)
    if facets:
        data["facets"] = payloads.facets_payload(session, f)
    return answer(data)


@router.get("/events/{event_id}", summary="One event with all its evidence and the outlets reporting it")
def api_event(event_id: str, session: Session = Depends(get_session)) -> JSONResponse:
    data = payloads.event_payload(session, event_id)
    if data is None:
        raise HTTPException(404, f"no event {event_id!r}")
    return answer(data)


@router.get("/entities", summary="Entities by how often they appear in events and texts")
def api_entities(q: str | None = Query(None, max_length=120, description="Code contains"),
                 kind: str | None = Query(None, max_length=40), w: Window = Depends(window),
                 session: Session = Depends(get_session)) -> JSONResponse:  # fmt: skip
    return answer(payloads.entities_payload(session, q or None, kind or None, w))


@router.get("/entities/{code:path}", summary="One entity: names, partners, event types, its events")
def api_entity(code: str, w: Window = Depends(window), session: Session = Depends(get_session)) -> JSONResponse:
    data = payloads.entity_payload(session, code, w)
    if data is None:
        raise HTTPException(404, f"no entity {code!r}")
    return answer(data)


@router.get("/documents", summary="Stored documents with their counts of units, mentions and events")
def api_documents(f: DocumentFilter = Depends(document_filter), w: Window = Depends(window),
                  session: Session = Depends(get_session)) -> JSONResponse:  # fmt: skip
    return answer(payloads.documents_payload(session, f, w))


@router.get("/documents/{doc_id:path}", summary="One document: text with the offsets of units, mentions, evidence, reuse")
def api_document(doc_id: str, session: Session = Depends(get_session)) -> JSONResponse:
    data = payloads.document_payload(session, doc_id)
    if data is None:
        raise HTTPException(404, f"no document {doc_id!r}")
    return answer(data)


@router.get("/search", summary="Full-text search of event sentences and documents (bounded in results and time)")
def api_search(request: Request, q: str = Query(..., max_length=500, description="Words; word* for a prefix"),
               kind: str | None = Query(None, pattern="^(evidence|document)?$"),
               limit: int = Query(20, ge=1, le=MAX_PAGE), offset: int = Query(0, ge=0, le=100_000),
               session: Session = Depends(get_session)) -> JSONResponse:  # fmt: skip
    kinds = (kind,) if kind else ("evidence", "document")
    return answer(payloads.search_payload(session, q, kinds, Window(limit, offset), request.app.state.search_seconds))


@router.get("/timeline", summary="Dated events for a timeline, with their PLOVER quad category")
def api_timeline(f: EventFilter = Depends(event_filter), limit: int = Query(2000, ge=1, le=20_000),
                 session: Session = Depends(get_session)) -> JSONResponse:  # fmt: skip
    return answer(payloads.timeline_payload(session, f, limit))


@router.get("/graph", summary="Actor network: nodes, and edges counted by event type")
def api_graph(f: EventFilter = Depends(event_filter), session: Session = Depends(get_session)) -> JSONResponse:
    return answer(payloads.graph_payload(session, f))


@router.get("/places", summary="Places of events with coordinates, with event counts by type")
def api_places(f: EventFilter = Depends(event_filter), session: Session = Depends(get_session)) -> JSONResponse:
    return answer(payloads.places_payload(session, f))
