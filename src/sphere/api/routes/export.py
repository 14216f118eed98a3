"""`/api/export?format=...`: the matching events as a file, each row with its provenance."""

from __future__ import annotations

import io

from fastapi import APIRouter, Depends, HTTPException, Query
from fastapi.responses import Response
from sqlalchemy.orm import Session

from ...errors import ConfigError
from ...export import FORMATS, export_format
from ...store.citations import cite_events
from ...store.events import EventFilter, query_events
from ..deps import event_filter, get_session

router = APIRouter(prefix="/api", tags=["export"])
FORMAT_PATTERN = "^(" + "|".join(FORMATS) + ")$"


def export_bytes(session: Session, f: EventFilter, format: str, limit: int | None = None) -> tuple[bytes, str, str]:
    """(content, media type, file name) of the events matching `f` in `format`."""
    fmt = export_format(format)
    events = query_events(session, f, limit=limit)
    citations = cite_events(session, events)
    if fmt.binary:
        out = io.BytesIO()
        fmt.write(events, out, citations)
        content = out.getvalue()
    else:
        text = io.StringIO(newline="")
        fmt.write(events, text, citations)
        content = text.getvalue().encode("utf-8")
    return content, fmt.media_type, f"sphere-events{fmt.suffix}"


@router.get("/export", summary="Export events: csv, jsonl, parquet, gexf, plover, timelinejs, geojson")
def api_export(
    format: str = Query(..., pattern=FORMAT_PATTERN, description="One of: " + ", ".join(FORMATS)),
    limit: int | None = Query(None, ge=1, description="At most this many events (default: all)"),
    f: EventFilter = Depends(event_filter),
    session: Session = Depends(get_session),
) -> Response:
    try:
        content, media_type, name = export_bytes(session, f, format, limit)
    except ConfigError as exc:
        raise HTTPException(400, str(exc)) from exc
    return Response(content, media_type=media_type,
                    headers={"Content-Disposition": f'attachment; filename="{name}"'})  # fmt: skip
