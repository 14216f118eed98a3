"""TimelineJS JSON: one slide per dated event, grouped by PLOVER quad, sources in the text.

TimelineJS renders `text.text` as HTML, and evidence is hostile document text: every string
put there is escaped, and links are made only for http(s) URLs.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from html import escape
from typing import IO

from ..store.citations import Citations, lookup
from ..types import Event
from .quads import quad_of


def tl_date(value: str | None) -> dict | None:
    if not value:
        return None
    parts = value.split("-")
    keys = ("year", "month", "day")
    try:
        return {k: str(int(p)) for k, p in zip(keys, parts, strict=False)}
    except ValueError:
        return None


def http_url(url: str | None) -> str | None:
    return url if url and url.lower().startswith(("http://", "https://")) else None


def slide_text(event: Event, citations: Citations | None) -> str:
    parts = []
    for e in event.evidence:
        cite = lookup(citations, e.doc_id, e.unit_id)
        outlet = escape(cite.outlet) if cite and cite.outlet else "unknown outlet"
        url = http_url(cite.url if cite else None)
        source = f'<a href="{escape(url, quote=True)}">{outlet}</a>' if url else outlet
        where = escape(f"{e.doc_id} {e.unit_id} {e.start}-{e.end}")
        parts.append(f"<p>&ldquo;{escape(e.text)}&rdquo; &mdash; {source} ({where})</p>")
    return "".join(parts)


def headline(event: Event) -> str:
    actors = ", ".join(p.code for p in event.actors) or "?"
    recipients = ", ".join(p.code for p in event.recipients)
    return f"{actors} {event.event_type}" + (f" {recipients}" if recipients else "")


def timeline_document(events: Sequence[Event], citations: Citations | None = None) -> dict:
    slides = []
    for ev in events:
        start = tl_date(ev.date)
        if start is None:
            continue  # TimelineJS needs a start date
        quad = quad_of(ev.event_type)
        slide = {
            "unique_id": ev.event_id,
            "start_date": start,
            "text": {"headline": escape(headline(ev)), "text": slide_text(ev, citations)},
            "group": quad.name if quad else "other",
        }
        end = tl_date(ev.enddate)
        if end:
            slide["end_date"] = end
        slides.append(slide)
    return {
        "title": {"text": {"headline": "Sphere events", "text": f"{len(slides)} dated events"}},
        "events": slides,
    }


def write_timelinejs(events: Sequence[Event], file: IO[str], citations: Citations | None = None) -> None:
    json.dump(timeline_document(events, citations), file, ensure_ascii=False, indent=1)
    file.write("\n")
