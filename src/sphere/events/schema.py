"""Event records in the shape of ../shared/spec/event.schema.json (PLOVER JSON plus evidence).

`to_record` is the one serialiser of an `Event` for files and APIs: field names follow the
PLOVER JSON table (event, mode, context, actor, recipient, date, event_loc), Sphere adds
evidence (document, unit, verbatim text, offsets), sources, date_precision and status.
`validate` checks a record against the schema shipped with Sphere (a copy of the shared spec).
"""

from __future__ import annotations

import json
from functools import cache
from importlib import resources

from ..types import Event, Participant


def participant_record(p: Participant) -> dict:
    rec = {"code": p.code, "sector": p.sector, "identifier_text": p.identifier_text}
    if p.entity_text is not None:
        rec["entity_text"] = p.entity_text
    return rec


def to_record(event: Event) -> dict:
    """The schema record of an event (evidence `unit` is the unit id; offsets into the document)."""
    loc = event.location
    return {
        "id": event.event_id,
        "event": [event.event_type],
        "mode": list(event.mode),
        "context": list(event.context),
        "actor": [participant_record(p) for p in event.actors],
        "recipient": [participant_record(p) for p in event.recipients],
        "date": event.date,
        "enddate": event.enddate,
        "date_precision": event.date_precision if event.date else None,
        "status": event.status,
        "event_loc": None if loc is None else {
            "name": loc.name, "country": loc.country, "lat": loc.lat, "lon": loc.lon,
            "geonameid": loc.geonameid,
        },
        "evidence": [
            {"document": e.doc_id, "unit": e.unit_id, "text": e.text, "start": e.start, "end": e.end}
            | ({"derived_from": e.derived_from} if e.derived_from else {})
            for e in event.evidence
        ],
        "sources": list(event.sources),
    }


@cache
def event_schema() -> dict:
    ref = resources.files("sphere.events") / "data" / "event.schema.json"
    return json.loads(ref.read_text(encoding="utf-8"))


@cache
def _validator():
    import jsonschema

    schema = event_schema()
    cls = jsonschema.validators.validator_for(schema)
    return cls(schema)


def validate(record: dict) -> None:
    """Raise `jsonschema.ValidationError` when `record` does not follow event.schema.json."""
    _validator().validate(record)


def errors(record: dict) -> list[str]:
    """Every schema violation of `record`, as readable strings (empty when valid)."""
    return [f"{'/'.join(map(str, e.path)) or '(record)'}: {e.message}" for e in _validator().iter_errors(record)]
