"""Events as plain records: the event.schema.json record, its evidence with provenance, flat rows.

Every export and every API answer about events is built from these functions, so all of them
carry the same provenance for each piece of evidence: document, unit, offsets, verbatim text,
outlet (with the registry's note), URL, publication date, and the original when it is a copy.
"""

from __future__ import annotations

import calendar
from datetime import date

from ..store.citations import Citations, lookup
from ..types import Event
from .quads import quad_of


def schema_record(event: Event) -> dict:
    """The event as a record of ../shared/spec/event.schema.json: the events stage's serializer."""
    from ..events.schema import to_record  # the one serializer of an Event (pure; no NLP model)

    return to_record(event)


def evidence_items(event: Event, citations: Citations | None = None) -> list[dict]:
    """Each piece of evidence with where it comes from (the schema's evidence items, extended)."""
    items = []
    for e in event.evidence:
        cite = lookup(citations, e.doc_id, e.unit_id)
        items.append(
            {
                "document": e.doc_id,
                "unit": e.unit_id,
                "text": e.text,
                "start": e.start,
                "end": e.end,
                "derived_from": e.derived_from,
                "outlet": cite.outlet if cite else None,
                "outlet_note": cite.outlet_note if cite else None,
                "url": cite.url if cite else None,
                "title": cite.title if cite else None,
                "published": cite.published.isoformat() if cite and cite.published else None,
            }
        )
    return items


def event_record(event: Event, citations: Citations | None = None) -> dict:
    """The schema record with provenance on every evidence item, the quad and the source count."""
    record = schema_record(event)
    record["evidence"] = evidence_items(event, citations)
    quad = quad_of(event.event_type)
    record["quad"] = quad.slug if quad else None
    record["n_sources"] = len(event.sources)
    record["confidence"] = event.confidence
    return record


def codes(people) -> str:
    return ";".join(p.code + (f"/{p.sector}" if p.sector else "") for p in people)


ROW_FIELDS = (
    "event_id", "event_type", "quad", "date", "enddate", "date_precision", "status",
    "actors", "recipients", "mode", "context", "place", "country", "lat", "lon",
    "sources", "n_sources", "document", "unit", "start", "end", "evidence_text",
    "derived_from", "outlet", "outlet_note", "url", "published",
)  # fmt: skip


def evidence_rows(event: Event, citations: Citations | None = None) -> list[dict]:
    """Flat rows, one per piece of evidence, each repeating the event's fields (CSV, Parquet)."""
    quad = quad_of(event.event_type)
    loc = event.location
    base = {
        "event_id": event.event_id,
        "event_type": event.event_type,
        "quad": quad.slug if quad else None,
        "date": event.date,
        "enddate": event.enddate,
        "date_precision": event.date_precision,
        "status": event.status,
        "actors": codes(event.actors),
        "recipients": codes(event.recipients),
        "mode": ";".join(event.mode),
        "context": ";".join(event.context),
        "place": loc.name if loc else None,
        "country": loc.country if loc else None,
        "lat": loc.lat if loc else None,
        "lon": loc.lon if loc else None,
        "sources": ";".join(event.sources),
        "n_sources": len(event.sources),
    }
    rows = []
    for item in evidence_items(event, citations):
        row = dict(base)
        row.update(
            document=item["document"], unit=item["unit"], start=item["start"], end=item["end"],
            evidence_text=item["text"], derived_from=item["derived_from"], outlet=item["outlet"],
            outlet_note=item["outlet_note"], url=item["url"], published=item["published"],
        )  # fmt: skip
        rows.append(row)
    if not rows:  # an event without evidence still gets its row
        rows.append(dict(base, **{k: None for k in ROW_FIELDS if k not in base}))
    return rows


DATE_FORMS = "YYYY, YYYY-MM or YYYY-MM-DD"


def check_date_filter(value: str | None) -> str | None:
    """A `since`/`until` filter value as given, when it is a real YYYY, YYYY-MM or YYYY-MM-DD date.

    Raises ValueError saying what is wrong ("'2021-13' is not a date: month 13 does not exist;
    use YYYY, YYYY-MM or YYYY-MM-DD"): events are filtered by comparing stored ISO dates, so
    an unchecked '2021/05' or '2021-13' would silently match the wrong events. Blank is None.
    """
    if value is None or not value.strip():
        return None
    text = value.strip()
    parts = text.split("-")
    digits = all(p.isascii() and p.isdigit() for p in parts)
    if len(parts) > 3 or [len(p) for p in parts] != [4, 2, 2][: len(parts)] or not digits:
        raise ValueError(f"{value!r} is not a date; use {DATE_FORMS}")
    year, *rest = (int(p) for p in parts)
    if year < 1:
        raise ValueError(f"{value!r} is not a date: there is no year 0; use {DATE_FORMS}")
    if rest and not 1 <= rest[0] <= 12:
        raise ValueError(f"{value!r} is not a date: month {rest[0]} does not exist; use {DATE_FORMS}")
    if len(rest) == 2 and not 1 <= rest[1] <= calendar.monthrange(year, rest[0])[1]:
        raise ValueError(f"{value!r} is not a date: {calendar.month_name[rest[0]]} {year} has no day {rest[1]}; use {DATE_FORMS}")
    return text


def period(value: str | None) -> tuple[date, date] | None:
    """The first and last day of a YYYY, YYYY-MM or YYYY-MM-DD date; None when unparseable."""
    if not value:
        return None
    try:
        parts = [int(p) for p in value.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1), date(parts[0], 12, 31)
        if len(parts) == 2:
            last = calendar.monthrange(parts[0], parts[1])[1]
            return date(parts[0], parts[1], 1), date(parts[0], parts[1], last)
        day = date(parts[0], parts[1], parts[2])
        return day, day
    except (ValueError, IndexError):
        return None


def event_span(event: Event) -> tuple[date, date] | None:
    """The days an event covers: from the start of its date to the end of its end date."""
    start = period(event.date)
    if start is None:
        return None
    end = period(event.enddate) or start
    return start[0], max(end[1], start[0])
