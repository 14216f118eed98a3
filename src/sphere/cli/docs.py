"""Commands that read the stored documents: `docs`, `show`, `units`, `stats`."""

from __future__ import annotations

import json
from datetime import date
from enum import StrEnum

import typer
from rich.markup import escape
from rich.table import Column, Table
from sqlalchemy import func, select
from sqlalchemy.orm import Session

from ..segment.furniture import furniture_spans, without_furniture
from ..store import models as m
from ..store.documents import DocumentFilter, list_documents, load_document
from ..types import UNIT_KINDS
from .app import DbOption, app, console, engine_for, err_console

UnitKind = StrEnum("UnitKind", [(k, k) for k in UNIT_KINDS])
DocOption = "Document id as `sphere docs` lists it: its file name (its path when the name is taken), NAME#N for the Nth document of a JSON Lines file, feed or archive, or the URL of a fetched page."


class Format(StrEnum):
    table = "table"
    jsonl = "jsonl"


def parse_day(value: str | None, name: str) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise typer.BadParameter(f"{value!r} is not a date; use YYYY-MM-DD", param_hint=name) from exc


def outlet_names(session: Session) -> dict[str, str]:
    return dict(session.execute(select(m.OutletRow.id, m.OutletRow.name)).all())


def short(text: str | None, width: int = 70) -> str:
    text = " ".join((text or "").split())
    return text if len(text) <= width else text[: width - 1] + "…"


@app.command()
def docs(
    outlet: str = typer.Option(None, help="Only documents of this outlet (name or id, partial)."),
    since: str = typer.Option(None, help="Published on or after YYYY-MM-DD."),
    until: str = typer.Option(None, help="Published on or before YYYY-MM-DD."),
    kind: UnitKind = typer.Option(None, help="Only documents with a unit of this kind.", show_default=False),
    db: str = DbOption,
) -> None:
    """List stored documents with their outlet, date and units, oldest first (undated last)."""
    engine = engine_for(db)
    f = DocumentFilter(outlet, parse_day(since, "--since"), parse_day(until, "--until"), kind.value if kind else None)
    wide = console.width >= 110  # the extractor (also in `sphere show`) only when there is room
    table = Table(  # ids and dates are never cut (they are what a user types next)
        Column("document", overflow="fold", min_width=18, max_width=None if wide else 22),
        Column("published", no_wrap=True, min_width=10),
        Column("outlet", overflow="fold", max_width=14 if not wide else 22),
        Column("title", overflow="fold", max_width=None if wide else 24),
        Column("units", no_wrap=True, justify="right", min_width=5),
        *([Column("extractor", overflow="fold", max_width=11)] if wide else []),
    )
    with Session(engine) as session:
        names = outlet_names(session)
        counts = dict(
            session.execute(select(m.UnitRow.doc_id, func.count()).group_by(m.UnitRow.doc_id)).all()
        )
        for row in list_documents(session, f):
            table.add_row(
                escape(row.id),
                str(row.published or ""),
                escape(names.get(row.outlet_id or "", "")),
                escape(short(row.title, 60)),
                str(counts.get(row.id, 0)),
                *([row.extractor] if wide else []),
            )
    console.print(table)


@app.command()
def show(doc: str = typer.Argument(..., help=DocOption), db: str = DbOption) -> None:
    """Show one document: its metadata and its units, with kinds, dates and the start of their text (furniture left out)."""
    engine = engine_for(db)
    with Session(engine) as session:
        d = load_document(session, doc)
    if d is None:
        err_console.print(f"[red]error:[/red] no document {escape(doc)!r}; `sphere docs` lists them")
        raise typer.Exit(1)
    with Session(engine) as session:
        row = session.get(m.DocumentRow, d.doc_id)
        extra = {
            "date from": row.date_source, "size": f"{row.size} bytes",
            "raw bytes": "stored" if row.raw_path is None else f"not stored; file {row.raw_path}",
            "notes": "; ".join(row.notes or []),
        }
    meta = Table.grid(padding=(0, 2))
    for key in ("doc_id", "title", "outlet", "author", "url", "published", "origin", "encoding", "extractor", "content_hash"):
        meta.add_row(f"[bold]{key}[/bold]", escape(str(getattr(d, key) or "")))
    for key, value in extra.items():
        meta.add_row(f"[bold]{key}[/bold]", escape(str(value or "")))
    console.print(meta)
    table = Table("unit", "kind", "published", "author", "outlet", "chars", "text")
    furniture = furniture_spans(d.text, d.units)
    for u in d.units:
        text = without_furniture(d.text, u.start, u.end, furniture.get(u.unit_id, ()))
        table.add_row(
            u.unit_id, u.kind, str(u.published or ""), escape(u.author or ""), escape(u.outlet or ""),
            f"{u.start}-{u.end}", escape(short(text, 80)),
        )
    console.print(table)


@app.command()
def units(
    doc: str = typer.Option(None, help="Only this document's units. " + DocOption),
    format: Format = typer.Option(Format.table, "--format", help="table, or jsonl for scripts (one JSON object per line)."),
    db: str = DbOption,
) -> None:
    """One row per unit: document, unit, kind, published, title, outlet, author, url, start, end, text, furniture.

    start and end are offsets into the document's stored text. text is the unit's text without its furniture (a subscription prompt or view counter between its paragraphs); furniture lists those lines as [start, end] offsets, so text is the stored text from start to end with them taken out.
    """
    engine = engine_for(db)
    columns = ("document", "unit", "kind", "published", "title", "outlet", "author", "url", "start", "end")
    table = Table(*columns, "text")
    with Session(engine) as session:
        q = select(m.DocumentRow.id).order_by(m.DocumentRow.id)
        if doc:
            if session.get(m.DocumentRow, doc) is None:
                err_console.print(f"[red]error:[/red] no document {escape(doc)!r}; `sphere docs` lists them")
                raise typer.Exit(1)
            q = q.where(m.DocumentRow.id == doc)
        for doc_id in session.scalars(q):
            d = load_document(session, doc_id)
            furniture = furniture_spans(d.text, d.units)
            for u in d.units:
                spans = furniture.get(u.unit_id, ())
                row = {
                    "document": d.doc_id, "unit": u.unit_id, "kind": u.kind,
                    "published": u.published.isoformat() if u.published else None,
                    "title": u.title, "outlet": u.outlet or d.outlet, "author": u.author,
                    "url": u.url, "start": u.start, "end": u.end,
                    "text": without_furniture(d.text, u.start, u.end, spans),
                    "furniture": [list(sp) for sp in spans],
                }
                if format is Format.jsonl:
                    print(json.dumps(row, ensure_ascii=False))
                else:
                    cells = [escape(short(str(row[k] if row[k] is not None else ""), 40)) for k in columns]
                    table.add_row(*cells, escape(short(row["text"], 60)))
    if format is Format.table:
        console.print(table)


@app.command()
def stats(db: str = DbOption) -> None:
    """Counts of what is stored: documents, units by kind, mentions, events, links, failures, and what is out of date."""
    engine = engine_for(db)
    table = Table("what", "count")
    with Session(engine) as session:
        def count(model) -> int:
            return session.scalar(select(func.count()).select_from(model)) or 0

        table.add_row("documents", str(count(m.DocumentRow)))
        table.add_row("outlets", str(count(m.OutletRow)))
        for kind, n in session.execute(select(m.UnitRow.kind, func.count()).group_by(m.UnitRow.kind).order_by(m.UnitRow.kind)):
            table.add_row(f"units: {kind}", str(n))
        table.add_row("entity mentions", str(count(m.MentionRow)))
        table.add_row("events", str(count(m.EventRow)))
        table.add_row("evidence sentences", str(count(m.EvidenceRow)))
        table.add_row("reuse links", str(count(m.ReuseLinkRow)))
        table.add_row("ingest failures", str(count(m.IngestFailureRow)))
        for what, n, fix in out_of_date(session):
            if n:
                table.add_row(f"[yellow]{what}[/yellow]", f"{n}  ({fix})")
    console.print(table)


def out_of_date(session: Session) -> list[tuple[str, int, str]]:
    """Documents an older segmenter split, and documents an analysis stage has not seen at its
    current version: (what, how many, the command that fixes it)."""
    from ..pipeline import STAGE_VERSIONS
    from ..segment import SEGMENT_VERSION

    old_units = session.scalar(
        select(func.count()).select_from(m.DocumentRow)
        .where((m.DocumentRow.segment_version.is_(None)) | (m.DocumentRow.segment_version != SEGMENT_VERSION))
    ) or 0
    stale = sum(1 for stages in session.scalars(select(m.DocumentRow.stages)) if (stages or {}) != STAGE_VERSIONS)
    return [("documents of an older segmenter", old_units, "sphere resegment"),
            ("documents awaiting analysis", stale, "sphere analyse")]
