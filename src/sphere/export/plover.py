"""PLOVER JSON records (the manual's table 'PLOVER JSON'), one per event, with their sources.

PLOVER JSON is the interchange format of the PLOVER manual; the manual's text and citation
objects are filled from Sphere's evidence and outlets, and every piece of evidence is listed
with its document, outlet, URL and offsets. Each record is also a valid record of
../shared/spec/event.schema.json (its required fields are all here, `event_loc` carries the
schema's `name`/`country` beside the manual's `extracted_place`/`country_code`), so one
validator serves both exports.
"""

from __future__ import annotations

from ..store.citations import Citations, lookup
from ..types import Event, Participant
from .quads import quad_of
from .records import evidence_items

CODEBOOK = "PLOVER (../shared/spec/plover/PLOVER_MANUAL.tex)"


def plover_entity(p: Participant) -> dict:
    entity = {"code": p.code}
    if p.sector:
        entity["sector"] = p.sector
    if p.entity_text:
        entity["entity_text"] = p.entity_text
    if p.identifier_text:
        entity["identifier_text"] = p.identifier_text
    return entity


def plover_record(event: Event, citations: Citations | None = None) -> dict:
    """A PLOVER JSON record: the manual's fields, plus every piece of evidence with its source.

    `text_info`/`cite_info` describe the first piece of evidence (the manual has one text per
    record); `evidence` (Sphere's extension, as in event.schema.json) lists all of them.
    """
    quad = quad_of(event.event_type)
    loc = event.location
    first = event.evidence[0] if event.evidence else None
    first_cite = lookup(citations, first.doc_id, first.unit_id) if first else None
    record: dict = {
        "id": event.event_id,
        "has_event": True,
        "date": event.date,
        "enddate": event.enddate,
        "actor": [plover_entity(p) for p in event.actors],
        "recipient": [plover_entity(p) for p in event.recipients],
        "event": [event.event_type],
        "quad_code": quad.code if quad else None,
        "mode": list(event.mode),
        "context": list(event.context),
        "event_loc": None,
        "event_text": [e.text for e in event.evidence],
        "text_info": {"start": first.start, "end": first.end} if first else None,
        "cite_info": None,
        "coder": "sphere",
        "codebook": CODEBOOK,
    }
    if loc is not None:  # event.schema.json's place (name, country, ...) and the manual's names
        record["event_loc"] = {
            "name": loc.name,
            "country": loc.country,
            "lat": loc.lat,
            "lon": loc.lon,
            "geonameid": loc.geonameid,
            "extracted_place": loc.name,
            "resolved_place": loc.name,
            "country_code": loc.country,
        }
    if first is not None:
        record["cite_info"] = {
            "citation": first.doc_id,
            "url": first_cite.url if first_cite else None,
            "title": first_cite.title if first_cite else None,
            "publication": first_cite.outlet if first_cite else None,
        }
    record["evidence"] = evidence_items(event, citations)
    record["sources"] = list(event.sources)
    record["status"] = event.status
    record["date_precision"] = event.date_precision
    return record
