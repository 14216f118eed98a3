"""`sphere summary`: what the database holds, and its events as a readable timeline table."""

from __future__ import annotations

import typer
from rich.table import Table
from sqlalchemy.orm import Session

from ..store.events import count_events, query_events
from .app import DbOption, app, console, engine_for
from .docs import short, stats


def participants(people) -> str:
    return ", ".join(
        p.code + (f" {p.sector}" if p.sector else "") + (f" ({p.identifier_text})" if p.identifier_text else "")
        for p in people
    )


def timeline_table(events, title: str) -> Table:
    table = Table(title=title, show_lines=False)
    for col in ("date", "event", "actor", "recipient", "place", "sources", "evidence"):
        table.add_column(col, overflow="fold")
    for ev in events:
        first = ev.evidence[0] if ev.evidence else None
        table.add_row(
            ev.date or "?",
            ev.event_type + (f" ({ev.status})" if ev.status != "occurred" else ""),
            participants(ev.actors),
            participants(ev.recipients),
            ev.location.name if ev.location else "",
            str(len(ev.sources)),
            short(first.text, 70) + (f"  [+{len(ev.evidence) - 1}]" if len(ev.evidence) > 1 else "") if first else "",
        )
    return table


@app.command()
def summary(
    limit: int = typer.Option(40, help="How many events to list."),
    db: str = DbOption,
) -> None:
    """Counts of what is stored, then the events as a timeline table."""
    stats(db=db)
    engine = engine_for(db)
    with Session(engine) as session:
        total = count_events(session)
        events = query_events(session, limit=limit)
    console.print(timeline_table(events, f"Events ({len(events)} of {total}, by date)"))
