"""Fixtures for the event-stage tests: one spaCy model per session, and a parse helper that
builds ParsedDocuments with mentions from the small test gazetteer (see gazetteer.py)."""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent))

from gazetteer import TinyKB, parse_text  # noqa: E402

from sphere.events import extract_events  # noqa: E402


@pytest.fixture(scope="session")
def tiny_kb() -> TinyKB:
    return TinyKB()


@pytest.fixture(scope="session")
def events_of(tiny_kb):
    """events_of(text, published) -> list[Event] for a one-unit document."""

    def run(text: str, published: date | None = date(2021, 8, 2), **options):
        return extract_events(parse_text(text, published), kb=tiny_kb)

    return run


def codes(people) -> set[str]:
    return {p.code for p in people}


def of_type(events, etype):
    return [e for e in events if e.event_type == etype]


def only(events, etype):
    """The one event of `etype` (the assertion lists every event when there is not exactly one)."""
    found = of_type(events, etype)
    assert len(found) == 1, [(e.event_type, codes(e.actors), codes(e.recipients), e.date) for e in events]
    return found[0]
