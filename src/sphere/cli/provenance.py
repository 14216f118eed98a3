"""Commands about where text comes from: `reuse` (links), `provenance DOC`, `outlets`."""

from __future__ import annotations

import json

import typer
from rich.table import Table
from sqlalchemy import select
from sqlalchemy.orm import Session

from ..store import models as m
from ..store.outlets import list_outlets, sync_registry
from ..store.reuse import links_of
from .app import DbOption, app, console, engine_for, err_console
from .docs import Format


def one_line(text: str, width: int | None = None) -> str:
    text = " ".join(text.split())
    return text if width is None or len(text) <= width else text[: width - 1] + "…"


def link_record(row: m.ReuseLinkRow, texts: dict[str, str]) -> dict:
    return {
        "original": row.original_doc,
        "copy": row.copy_doc,
        "original_start": row.original_start,
        "original_end": row.original_end,
        "copy_start": row.copy_start,
        "copy_end": row.copy_end,
        "size": row.size,
        "words": row.words,
        "direction_by": row.direction_by,
        "original_text": texts[row.original_doc][row.original_start : row.original_end],
        "copy_text": texts[row.copy_doc][row.copy_start : row.copy_end],
    }


def texts_of(session: Session, doc_ids: set[str]) -> dict[str, str]:
    if not doc_ids:
        return {}
    return dict(
        session.execute(
            select(m.DocumentRow.id, m.DocumentRow.text).where(m.DocumentRow.id.in_(sorted(doc_ids)))
        ).all()
    )


def index_missing(session: Session) -> int:
    """Index for reuse the stored documents that have no signature yet; returns how many."""
    from ..provenance import index_document

    todo = session.scalars(
        select(m.DocumentRow.id)
        .where(m.DocumentRow.id.not_in(select(m.SignatureRow.doc_id)))
        .order_by(m.DocumentRow.published.is_(None), m.DocumentRow.published, m.DocumentRow.id)
    ).all()
    for doc_id in todo:
        index_document(session, doc_id)
    return len(todo)


@app.command()
def reuse(
    doc: str = typer.Option(None, "--doc", help="Only links with this document on either side."),
    format: Format = typer.Option(Format.table, "--format", help="table, or jsonl for scripts."),
    index: bool = typer.Option(False, "--index", help="First index stored documents not indexed yet."),
    db: str = DbOption,
) -> None:
    """Text reuse: one row per copied passage, with the original and the copy and both offsets."""
    engine = engine_for(db)
    if index:
        with Session(engine) as session, session.begin():
            n = index_missing(session)
        err_console.print(f"indexed {n} document(s) for reuse")
    with Session(engine) as session:
        if doc and session.get(m.DocumentRow, doc) is None:
            err_console.print(f"[red]error:[/red] no document {doc!r}; `sphere docs` lists them")
            raise typer.Exit(1)
        rows = links_of(session, doc)
        texts = texts_of(session, {d for r in rows for d in (r.original_doc, r.copy_doc)})
        records = [link_record(r, texts) for r in rows]
    if format is Format.jsonl:
        for rec in records:
            print(json.dumps(rec, ensure_ascii=False))
        return
    table = Table()
    table.add_column("original [chars]", overflow="fold")
    table.add_column("copy [chars]", overflow="fold")
    table.add_column("size", no_wrap=True)
    table.add_column("direction by", no_wrap=True)
    table.add_column("passage", overflow="fold")
    for rec in records:
        table.add_row(
            f"{rec['original']} [{rec['original_start']}-{rec['original_end']}]",
            f"{rec['copy']} [{rec['copy_start']}-{rec['copy_end']}]",
            f"{rec['size']} ({rec['words'] or '?'} words)", rec["direction_by"], one_line(rec["copy_text"], 60),
        )
    console.print(table)
    if not records:
        err_console.print("no reuse links stored (run `sphere analyse`, or `sphere reuse --index`)")


@app.command()
def provenance(doc: str = typer.Argument(..., help="Document id (its file name)."), db: str = DbOption) -> None:
    """Where a document's passages come from, and who copied it."""
    engine = engine_for(db)
    with Session(engine) as session:
        row = session.get(m.DocumentRow, doc)
        if row is None:
            err_console.print(f"[red]error:[/red] no document {doc!r}; `sphere docs` lists them")
            raise typer.Exit(1)
        outlet = session.get(m.OutletRow, row.outlet_id) if row.outlet_id else None
        indexed = session.get(m.SignatureRow, doc) is not None
        rows = links_of(session, doc)
        texts = texts_of(session, {d for r in rows for d in (r.original_doc, r.copy_doc)} | {doc})
        units = session.scalars(select(m.UnitRow).where(m.UnitRow.doc_id == doc).order_by(m.UnitRow.start)).all()
        console.print(f"[bold]{doc}[/bold]  outlet: {outlet.name if outlet else 'unknown'}"
                      f"{'' if not outlet or outlet.known else ' (not in the registry)'}"
                      f"  published: {row.published or 'unknown'}")
        if outlet and (outlet.sponsor or outlet.slant):
            console.print(f"  sponsor: {outlet.sponsor or '-'}   slant: {outlet.slant or '-'}")
        if not indexed:
            err_console.print("not indexed for reuse yet (run `sphere analyse`, or `sphere reuse --index`)")
        sections = (
            ("Copied from", [r for r in rows if r.copy_doc == doc], "original", "original"),
            ("Copied by", [r for r in rows if r.original_doc == doc], "copy", "copy"),
        )
        for title, subset, side, key in sections:
            table = Table("document", "its chars", "chars here", "words", "direction by", "passage", title=title)
            for r in subset:
                rec = link_record(r, texts)
                here = (rec["copy_start"], rec["copy_end"]) if side == "original" else (rec["original_start"], rec["original_end"])
                there = (rec[f"{key}_start"], rec[f"{key}_end"])
                table.add_row(rec[key], f"{there[0]}-{there[1]}", f"{here[0]}-{here[1]}", str(rec["words"] or ""),
                              rec["direction_by"], one_line(rec["copy_text"], 50))
            if subset:
                console.print(table)
            else:
                console.print(f"{title}: none")
        table = Table("unit", "kind", "own outlet", "copied share", "copied from", title="Units")
        for u in units:
            table.add_row(u.unit_id, u.kind, u.outlet or "", "" if u.copied_share is None else f"{u.copied_share:.0%}", u.copied_from or "")
        console.print(table)


@app.command()
def outlets(
    seen: bool = typer.Option(False, "--seen", help="Only outlets with stored documents."),
    format: Format = typer.Option(Format.table, "--format", help="table, or jsonl for scripts."),
    db: str = DbOption,
) -> None:
    """The outlet registry and the outlets seen in documents, with sponsors and slant notes."""
    engine = engine_for(db)
    with Session(engine) as session, session.begin():
        sync_registry(session)
        rows = list_outlets(session, seen_only=seen)
    if format is Format.jsonl:
        for o in rows:
            print(json.dumps({
                "id": o.id, "name": o.name, "known": o.known, "fictional": o.fictional,
                "documents": o.documents, "country": o.country, "domains": list(o.domains),
                "sponsor": o.sponsor, "slant": o.slant,
            }, ensure_ascii=False))
        return
    table = Table("outlet", "docs", "country", "sponsor", "slant", "registry")
    for o in rows:
        status = "demo (fictional)" if o.fictional else ("known" if o.known else "unknown: seen only")
        table.add_row(o.name, str(o.documents), o.country or "", one_line(o.sponsor or "", 50), one_line(o.slant or "", 50), status)
    console.print(table)
