"""`sphere summary`: what the database holds, and its events as a readable timeline table."""

from __future__ import annotations

import typer
from rich.markup import escape
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
    """One line per event where the terminal allows: the evidence column takes what is left."""
    table = Table(title=title, show_lines=False, expand=False)
    table.add_column("date", no_wrap=True)
    table.add_column("event", no_wrap=True)
    table.add_column("who", overflow="fold", max_width=36)
    table.add_column("place", overflow="ellipsis", no_wrap=True, max_width=18)
    table.add_column("src", justify="right", no_wrap=True)
    table.add_column("evidence", overflow="fold", ratio=1, min_width=20)
    for ev in events:
        first = ev.evidence[0] if ev.evidence else None
        who = participants(ev.actors)
        if ev.recipients:
            who += " → " + participants(ev.recipients)
        more = f" [dim][+{len(ev.evidence) - 1}][/dim]" if len(ev.evidence) > 1 else ""
        table.add_row(
            ev.date or "?",
            ev.event_type + (f" [dim]{ev.status}[/dim]" if ev.status != "occurred" else ""),
            who,
            ev.location.name if ev.location else "",
            str(len(ev.sources)),
            (escape(short(first.text, 90)) + more) if first else "",
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
