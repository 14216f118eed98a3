"""Commands about events: `events` (query), `event ID` (one, with evidence), `extract` (no database)."""

from __future__ import annotations

import sys
import tempfile
from enum import StrEnum
from pathlib import Path

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy.orm import Session

from ..store.citations import cite_events, lookup
from ..store.events import EventFilter, count_events, get_event, query_events
from .app import DbOption, app, console, date_filter, engine_for, err_console
from .ingest import error
from .summary import participants, timeline_table


class EventFormat(StrEnum):
    table = "table"
    jsonl = "jsonl"
    csv = "csv"
    parquet = "parquet"


def cut_note(shown: int, total: int | None) -> str:
    """'200 of 1,234 events; --limit 0 for all' when --limit cut the list, else ''."""
    if total is None or total <= shown:
        return ""
    return f"{shown:,} of {total:,} events; --limit 0 for all"


def write_events(
    events, format: EventFormat, output: Path | None, title: str, citations=None, total: int | None = None
) -> None:
    """Events to stdout (table, jsonl, csv) or a file (any format; parquet needs one).

    jsonl, csv and parquet are `sphere export`'s formats (`sphere.export`): the same records
    with `quad`, `n_sources` and each evidence item's outlet and URL (given `citations`).
    `total` (the filter's count) says when --limit cut the list.
    """
    note = cut_note(len(events), total)
    if format is EventFormat.table:
        console.print(timeline_table(events, note or title))
        return
    if format is EventFormat.parquet and output is None:
        err_console.print("[red]error:[/red] parquet is binary: give a file with -o FILE.parquet")
        raise typer.Exit(2)
    from ..export import write_export

    if output is None:
        write_export(events, format.value, sys.stdout, citations)
        if note:
            err_console.print(f"[yellow]note:[/yellow] {note}")
        return
    mode = "wb" if format is EventFormat.parquet else "w"
    with open(output, mode, **({} if mode == "wb" else {"encoding": "utf-8", "newline": ""})) as f:
        write_export(events, format.value, f, citations)
    err_console.print(f"wrote {len(events)} events to {output}" + (f" ({note})" if note else ""))


@app.command()
def events(
    actor: str = typer.Option(None, help="Actor code, e.g. RUS."),
    recipient: str = typer.Option(None, help="Recipient code, e.g. TJK."),
    type: str = typer.Option(None, "--type", help="PLOVER event type, e.g. COOPERATE."),
    context: str = typer.Option(None, help="PLOVER context, e.g. military."),
    since: str = typer.Option(None, help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    until: str = typer.Option(None, help="Up to this date, inclusive."),
    place: str = typer.Option(None, help="Place name (partial)."),
    outlet: str = typer.Option(None, help="Reported by this outlet (name or id, partial)."),
    min_sources: int = typer.Option(None, help="At least this many independent outlets."),
    status: str = typer.Option(None, help="occurred, ongoing, future, hypothetical, negated, historical."),
    doc: str = typer.Option(None, help="With evidence in this document."),
    limit: int = typer.Option(200, min=0, help="At most this many events (0: all); the output says when it cut the list."),
    format: EventFormat = typer.Option(EventFormat.table, "--format"),
    output: Path = typer.Option(None, "-o", "--output", help="Write to this file."),
    db: str = DbOption,
) -> None:
    """Stored events, filtered, as a table, JSON Lines, CSV or Parquet."""
    since, until = date_filter(since, "--since"), date_filter(until, "--until")
    f = EventFilter(actor=actor, recipient=recipient, type=type, context=context, since=since,
                    until=until, place=place, outlet=outlet, min_sources=min_sources, doc=doc,
                    status=status)
    engine = engine_for(db)
    with Session(engine) as session:
        found = query_events(session, f, limit=limit or None)
        total = count_events(session, f) if limit and len(found) >= limit else len(found)
        citations = cite_events(session, found) if format is not EventFormat.table else None
    write_events(found, format, output, f"{len(found)} events", citations, total)


@app.command()
def event(event_id: str = typer.Argument(..., help="An event id from `sphere events`."), db: str = DbOption) -> None:
    """One event with all its evidence, side by side with the outlets that report it."""
    engine = engine_for(db)
    with Session(engine) as session:
        ev = get_event(session, event_id)
        citations = cite_events(session, [ev]) if ev is not None else None
    if ev is None:
        err_console.print(f"[red]error:[/red] no event {event_id!r}; `sphere events` lists them")
        raise typer.Exit(1)
    grid = Table.grid(padding=(0, 2))
    for key, value in (
        ("id", ev.event_id), ("event", ev.event_type), ("mode", ", ".join(ev.mode)),
        ("context", ", ".join(ev.context)), ("actor", participants(ev.actors)),
        ("recipient", participants(ev.recipients)),
        ("date", f"{ev.date or '?'}" + (f" to {ev.enddate}" if ev.enddate else "") + f" ({ev.date_precision or 'undated'})"),
        ("status", ev.status), ("place", ev.location.name if ev.location else ""),
        ("independent sources", ", ".join(ev.sources) or "none known"),
    ):
        grid.add_row(f"[bold]{key}[/bold]", value)
    console.print(grid)
    table = Table()
    for header in ("document", "unit", "outlet", "offsets", "evidence", "copied from"):
        # document ids are folded, never cut: they are what a user types next
        table.add_column(header, overflow="fold" if header in ("document", "copied from") else "ellipsis")
    for e in ev.evidence:
        cite = lookup(citations, e.doc_id, e.unit_id)
        outlet = escape(cite.outlet) if cite and cite.outlet else "[dim]unknown[/dim]"
        if cite and cite.outlet_note:  # the registry's note on the outlet's slant or sponsor
            outlet += f"\n[dim]{escape(cite.outlet_note)}[/dim]"
        table.add_row(escape(e.doc_id), e.unit_id, outlet, f"{e.start}-{e.end}", escape(e.text), escape(e.derived_from or ""))
    console.print(table)


@app.command()
def extract(
    paths: list[str] = typer.Argument(..., help="Files, folders or URLs, as for `sphere ingest`."),
    format: EventFormat = typer.Option(EventFormat.jsonl, "--format"),
    output: Path = typer.Option(None, "-o", "--output", help="Write to this file."),
    progress: bool = typer.Option(False, help="Show progress bars on stderr."),
    workers: int = typer.Option(None, help="Worker processes for NLP and events (default: up to 2)."),
) -> None:
    """Events of documents without a configured database (a scratch store), for scripts and evaluation.

    Each line of --format jsonl is one event record of the PLOVER event schema; events reported
    by several of the documents are merged, with every evidence sentence. An input that cannot be read (or analysed) is reported; the events of the others are still written, and the exit status is 1.
    """
    from ..ingest.run import ingest
    from ..pipeline import analyse
    from ..store.db import open_engine

    with tempfile.TemporaryDirectory(prefix="sphere-extract-") as tmp:
        engine = open_engine(f"sqlite:///{Path(tmp) / 'scratch.db'}")
        try:
            result = ingest(paths, engine, progress=progress)
            for origin, reason in result.failures:
                error(origin, reason)
            summary = analyse(engine, progress=progress, workers=workers)
            for doc_id, reason in summary.failures:
                error(f"analysis of {doc_id}", reason)
            with Session(engine) as session:
                found = query_events(session, EventFilter(), limit=None)
                citations = cite_events(session, found)
        finally:
            engine.dispose()
    write_events(found, format, output, f"{len(found)} events", citations)
    if result.failures or summary.failures:  # like `sphere ingest`: what could be read is written
        raise typer.Exit(1)
