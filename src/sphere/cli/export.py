"""`sphere export`: the stored events, filtered, as a file for other tools, with provenance.

csv and parquet (one row per piece of evidence), jsonl (event.schema.json records), plover
(PLOVER JSON Lines), gexf (Gephi, with time intervals), timelinejs, geojson (event places).
"""

from __future__ import annotations

import sys
from enum import StrEnum
from pathlib import Path

import typer
from sqlalchemy.orm import Session

from ..store.events import EventFilter, query_events
from .app import DbOption, app, date_filter, engine_for, err_console


class ExportFormat(StrEnum):
    csv = "csv"
    jsonl = "jsonl"
    parquet = "parquet"
    gexf = "gexf"
    plover = "plover"
    timelinejs = "timelinejs"
    geojson = "geojson"


@app.command()
def export(
    format: ExportFormat = typer.Option(..., "--format", help="Output format."),
    output: Path = typer.Option(None, "-o", "--output", help="Write to this file (default: standard output)."),
    actor: str = typer.Option(None, help="Actor code, e.g. RUS."),
    recipient: str = typer.Option(None, help="Recipient code, e.g. TJK."),
    either: str = typer.Option(None, help="A code on either side."),
    type: str = typer.Option(None, "--type", help="PLOVER event type, e.g. COOPERATE."),
    context: str = typer.Option(None, help="PLOVER context, e.g. military."),
    since: str = typer.Option(None, help="From this date (YYYY, YYYY-MM or YYYY-MM-DD)."),
    until: str = typer.Option(None, help="Up to this date, inclusive."),
    place: str = typer.Option(None, help="Place name (partial)."),
    outlet: str = typer.Option(None, help="Reported by this outlet (name or id, partial)."),
    min_sources: int = typer.Option(None, help="At least this many independent outlets."),
    doc: str = typer.Option(None, help="With evidence in this document."),
    limit: int = typer.Option(None, help="At most this many events (default: all)."),
    db: str = DbOption,
) -> None:
    """Export events (filtered) with their provenance: document, outlet, URL, sentence offsets."""
    from ..export import export_format
    from ..store.citations import cite_events

    since, until = date_filter(since, "--since"), date_filter(until, "--until")
    fmt = export_format(format.value)
    if fmt.binary and output is None and sys.stdout.isatty():
        err_console.print(f"[red]error:[/red] {fmt.name} is binary: give a file with -o FILE{fmt.suffix}")
        raise typer.Exit(2)
    f = EventFilter(actor=actor, recipient=recipient, either=either, type=type, context=context,
                    since=since, until=until, place=place, outlet=outlet, min_sources=min_sources, doc=doc)  # fmt: skip
    engine = engine_for(db)
    with Session(engine) as session:
        events = query_events(session, f, limit=limit)
        citations = cite_events(session, events)
    try:
        if output is None:
            stream = sys.stdout.buffer if fmt.binary else sys.stdout
            fmt.write(events, stream, citations)
            stream.flush()
        elif fmt.binary:
            with open(output, "wb") as out:
                fmt.write(events, out, citations)
        else:
            with open(output, "w", encoding="utf-8", newline="") as out:
                fmt.write(events, out, citations)
    except BrokenPipeError:  # `sphere export ... | head`: the reader has what it wanted
        sys.stderr.close()
        raise typer.Exit(0) from None
    except OSError as exc:
        err_console.print(f"[red]error:[/red] cannot write {output or 'standard output'}: {exc.strerror or exc}")
        raise typer.Exit(1) from exc
    if output is not None:
        err_console.print(f"wrote {len(events)} events to {output} ({fmt.name})")
