"""Commands about entities: `entities` (ranked), `entity CODE`, `extract-entities PATH`."""

from __future__ import annotations

import json
from enum import Enum

import typer
from rich.table import Table
from sqlalchemy.orm import Session

from ..store.documents import load_document
from ..store.mentions import aliases_seen, co_occurring, mentions_of, rank_entities
from .app import DbOption, app, console, engine_for, err_console
from .docs import short


class MentionFormat(str, Enum):
    jsonl = "jsonl"
    table = "table"


def kb_name(code: str) -> str:
    """The knowledge base's name for a code, or '' (the KB is optional for display)."""
    from ..kb import load_kb

    ent = load_kb().entity(code)
    return getattr(ent, "name", "") or "" if ent else ""


@app.command()
def entities(
    kind: str = typer.Option(None, help="state, person, igo, armed-group, organisation, military-unit, place"),
    doc: str = typer.Option(None, help="Only mentions in this document."),
    top: int = typer.Option(30, help="How many rows."),
    db: str = DbOption,
) -> None:
    """Entities ranked by mentions: code, name, kind, mentions, documents."""
    engine = engine_for(db)
    with Session(engine) as session:
        rows = rank_entities(session, kind=kind, doc=doc, top=top)
    table = Table("code", "name", "kind", "mentions", "documents")
    for r in rows:
        table.add_row(r.code, kb_name(r.code), r.kind, str(r.mentions), str(r.documents))
    console.print(table)
    if not rows:
        err_console.print("no resolved entities yet: run `sphere ingest` (it analyses what it stores)")


@app.command()
def entity(code: str = typer.Argument(..., help="A canonical code: RUS, CSTO, TALIBAN, PLACE:Bokhtar ..."), limit: int = typer.Option(20, help="How many mentions to show."), db: str = DbOption) -> None:
    """What an entity is, the aliases seen, its mentions with their sentences, and co-occurring entities."""
    from ..kb import load_kb

    kb = load_kb()
    ent = kb.entity(code)
    if ent is None and code.upper() != code:
        ent = kb.entity(code.upper())
        code = code.upper() if ent else code
    engine = engine_for(db)
    with Session(engine) as session:
        mentions = mentions_of(session, code, limit=limit)
        aliases = aliases_seen(session, code)
        others = co_occurring(session, code)
        texts = {}
        for mrow in mentions:
            if mrow.doc_id not in texts:
                texts[mrow.doc_id] = load_document(session, mrow.doc_id).text
    if ent is None and not mentions:
        err_console.print(f"[red]error:[/red] unknown entity {code!r}; `sphere entities` lists those seen")
        raise typer.Exit(1)
    console.print(f"[bold]{code}[/bold]  {getattr(ent, 'name', '') if ent else ''}  ({getattr(ent, 'kind', '') if ent else 'not in the knowledge base'})")
    if aliases:
        console.print("aliases seen: " + ", ".join(f"{t} ({n})" for t, n in aliases))
    table = Table("document", "unit", "text", "sentence")
    for mrow in mentions:
        text = texts[mrow.doc_id]
        table.add_row(mrow.doc_id, mrow.unit_id, mrow.text, short(sentence_around(text, mrow.start, mrow.end), 100))
    console.print(table)
    if others:
        console.print("co-occurs with: " + ", ".join(f"{c} ({n})" for c, n in others))


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence-like stretch holding [start, end): cheap, for display only."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 : right].strip()


MENTION_COLUMNS = ("document", "unit", "start", "end", "text", "code", "kind", "sector", "identifier_text")


@app.command("extract-entities")
def extract_entities(
    paths: list[str] = typer.Argument(..., help="Files, folders or URLs, as for `sphere ingest`."),
    format: MentionFormat = typer.Option(MentionFormat.jsonl, "--format"),
) -> None:
    """Entity mentions of documents, without a database: one row per mention.

    Columns: document, unit, start, end, text, code, kind, sector, identifier_text.
    """
    from ..nlp.export import mention_rows
    from ..pipeline import read_documents

    table = Table(*MENTION_COLUMNS)
    for doc in read_documents(paths):
        for row in mention_rows(doc.doc_id, doc.text, doc.units):
            if format is MentionFormat.jsonl:
                print(json.dumps(row, ensure_ascii=False))
            else:
                table.add_row(*(str(row.get(k) or "") for k in MENTION_COLUMNS))
    if format is MentionFormat.table:
        console.print(table)
