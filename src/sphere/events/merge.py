"""One real event, one record: merging mentions of the same event.

Two event records describe the same real event when they share the PLOVER type, their
participants overlap (Jaccard of codes >= 0.5, or one party inside the other's set), their dates agree
at the coarser precision ("2021-08" and "2021-08-10" agree; "2021-08-09" and "2021-08-10" do
not), their places do not contradict, and the persons acting (when both name them) are not
disjoint. Inside one document an undated mention joins a dated
one (the text dates the event once and refers back to it); across documents both must be dated
or both undated. The merged record keeps every evidence sentence, the union of participants, and
the most precise date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from ..ids import make_id
from ..types import Event
from .participants import codes, unique

PRECISION_ORDER = {"day": 0, "month": 1, "year": 2, None: 3}


def dates_agree(a: str | None, b: str | None, allow_missing: bool) -> bool:
    if not a or not b:
        return allow_missing or (not a and not b)
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def participant_codes(e: Event) -> frozenset[str]:
    return codes(e.actors) | codes(e.recipients)


def participants_overlap(a: Event, b: Event) -> bool:
    """Overlapping parties, with someone acting in both (or exactly the same parties): the
    Taliban assuring Moscow is not Moscow's own promise."""
    x, y = participant_codes(a), participant_codes(b)
    return codes_overlap(x, y) and (bool(codes(a.actors) & codes(b.actors)) or x == y)


def codes_overlap(x: frozenset[str], y: frozenset[str]) -> bool:
    """Participant code sets of one event: Jaccard >= 0.5, or a single party inside the other set
    ("Russia signed" of "Russia and Tajikistan signed"). Two leaders meeting on the sidelines of a
    ten-state summit are not that summit."""
    if not x or not y:
        return False
    if (x <= y or y <= x) and min(len(x), len(y)) == 1:
        return True
    return len(x & y) / len(x | y) >= 0.5


def places_agree(a: Event, b: Event) -> bool:
    return locations_agree(a.location, b.location)


def locations_agree(a, b) -> bool:
    """Two places of one event: either unknown, one name inside the other, or one country."""
    if a is None or b is None:
        return True
    na, nb = a.name.lower(), b.name.lower()
    if na in nb or nb in na:
        return True
    return bool(a.country and b.country and a.country == b.country)


def people_differ(a: Event, b: Event) -> bool:
    """Both name the persons who acted, and no person is in both: two visits to Tehran the same
    month, one by the president and one by the chief of staff, are two events."""
    pa = {p.identifier_text for p in a.actors if p.identifier_text}
    pb = {p.identifier_text for p in b.actors if p.identifier_text}
    return bool(pa and pb and not pa & pb)


def same_event(a: Event, b: Event, same_document: bool = True) -> bool:
    """Whether `a` and `b` report one real event (see the module docstring)."""
    return (
        a.event_type == b.event_type
        and participants_overlap(a, b)
        and dates_agree(a.date, b.date, allow_missing=same_document)
        and places_agree(a, b)
        and not people_differ(a, b)
    )


def merge_pair(a: Event, b: Event) -> Event:
    """`a` absorbs `b`: every evidence sentence, all participants, the most precise date."""
    # a date the text gives (confidence 0.6) beats one assumed from the publication date (0.5)
    da = (-a.confidence if a.date else 0, PRECISION_ORDER.get(a.date_precision, 3), 0)
    db = (-b.confidence if b.date else 0, PRECISION_ORDER.get(b.date_precision, 3), 1)
    dated = a if da <= db else b
    evidence = {(e.doc_id, e.start, e.end): e for e in (*a.evidence, *b.evidence)}
    actors = unique((*a.actors, *b.actors))
    actor_codes = codes(actors)
    recipients = unique(p for p in (*a.recipients, *b.recipients) if p.code not in actor_codes or p in a.recipients)
    return replace(
        a,
        actors=actors,
        recipients=recipients,
        mode=tuple(dict.fromkeys((*a.mode, *b.mode))),
        context=tuple(dict.fromkeys((*a.context, *b.context))),
        date=dated.date,
        enddate=dated.enddate or a.enddate or b.enddate,
        date_precision=dated.date_precision,
        status=a.status if a.status != "occurred" or b.status == "occurred" else b.status,
        location=a.location or b.location,
        evidence=tuple(sorted(evidence.values(), key=lambda e: (e.doc_id, e.start))),
        sources=tuple(dict.fromkeys((*a.sources, *b.sources))),
        confidence=max(a.confidence, b.confidence),
    )


def merge_events(events: Sequence[Event]) -> list[Event]:
    """Merge the events of one document (greedy, in text order); ids are recomputed from the
    merged content so a re-run gives the same ids."""
    merged: list[Event] = []
    for ev in events:
        for i, kept in enumerate(merged):
            if same_event(kept, ev, same_document=True):
                merged[i] = merge_pair(kept, ev)
                break
        else:
            merged.append(ev)
    return [with_stable_id(e) for e in merged]


def with_stable_id(e: Event) -> Event:
    first = e.evidence[0] if e.evidence else None
    return replace(e, event_id=make_id(
        "event", e.event_type, ",".join(sorted(codes(e.actors))), ",".join(sorted(codes(e.recipients))),
        e.date, first.doc_id if first else None, first.start if first else None, length=16,
    ))
