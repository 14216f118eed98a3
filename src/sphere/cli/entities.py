"""Commands about entities: `entities` (ranked), `entity CODE`, `extract-entities PATH`."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum

import typer
from rich.markup import escape
from rich.table import Table
from sqlalchemy.orm import Session

from ..store.documents import load_document
from ..store.mentions import aliases_seen, co_occurring, mentions_of, rank_entities
from .app import DbOption, app, console, engine_for, err_console
from .docs import short


class MentionFormat(StrEnum):
    jsonl = "jsonl"
    table = "table"


# the kinds a mention has (sphere.kb.records.ENTITY_KINDS), as choices
EntityKind = StrEnum("EntityKind", [(k, k) for k in ("state", "person", "igo", "armed-group", "organisation", "military-unit", "place")])


def kb_name(code: str) -> str:
    """The knowledge base's name for a code, or '' (the KB is optional for display)."""
    from ..kb import load_kb

    ent = load_kb().entity(code)
    return getattr(ent, "name", "") or "" if ent else ""


@app.command()
def entities(
    kind: EntityKind = typer.Option(None, help="Only mentions of this kind (persons and units carry the code of the state they act for).", show_default=False),
    doc: str = typer.Option(None, help="Only mentions in this document (its id as `sphere docs` lists it)."),
    top: int = typer.Option(30, help="How many rows (0: all)."),
    db: str = DbOption,
) -> None:
    """Entities ranked by mentions: code, name, kind, mentions, documents."""
    engine = engine_for(db)
    with Session(engine) as session:
        rows = rank_entities(session, kind=kind.value if kind else None, doc=doc, top=top or None)
    table = Table("code", "name", "kind", "mentions", "documents")
    for r in rows:
        table.add_row(r.code, kb_name(r.code), r.kind, str(r.mentions), str(r.documents))
    console.print(table)
    if not rows:
        err_console.print("no resolved entities yet: run `sphere ingest` (it analyses what it stores)")


@dataclass(frozen=True)
class EntityQuery:
    code: str
    identifier: str | None  # a person's or unit's canonical name, when one was asked for
    title: str
    kind: str


def find_entity(query: str) -> EntityQuery | None:
    """A code ("RUS", "csto", "PLACE:Bokhtar"), a person's or unit's name ("Putin", "201st
    base") or any alias the knowledge base knows ("Kurgan-Tyube")."""
    from ..kb import load_kb

    kb = load_kb()
    for code in (query, query.upper(), f"PLACE:{query}"):
        ent = kb.entity(code)
        if ent is not None:
            if ent.kind == "military-unit":
                return EntityQuery(ent.state, ent.name, ent.name, ent.kind)
            return EntityQuery(ent.code, None, ent.name, ent.kind)
    targets = kb.targets(query)
    persons = kb.persons_named(query)
    if persons:
        p = persons[0]
        office, _ = p.office_at(None)
        return EntityQuery(office.acts_for, p.name, f"{p.name}, {office.role} ({office.acts_for})", "person")
    for t in targets:
        ent = kb.entity(t.ref)
        if ent is None:
            continue
        if ent.kind == "military-unit":
            return EntityQuery(ent.state, ent.name, ent.name, ent.kind)
        if t.role in ("name", "demonym", "capital", "organ"):
            ent = kb.entity(t.ref)
        return EntityQuery(ent.code, None, ent.name, ent.kind)
    return None


@app.command()
def entity(
    code: str = typer.Argument(..., help="A code (RUS, CSTO, TALIBAN, PLACE:Bokhtar), a person or unit (Putin, 201st base), or an alias."),
    limit: int = typer.Option(20, help="How many mentions to show, in document order."),
    db: str = DbOption,
) -> None:
    """What an entity is, the aliases seen, its mentions with their sentences, and co-occurring entities."""
    found = find_entity(code)
    query = found or EntityQuery(code, None, "", "not in the knowledge base")
    engine = engine_for(db)
    with Session(engine) as session:
        mentions = mentions_of(session, query.code, limit=limit, identifier=query.identifier)
        aliases = aliases_seen(session, query.code, identifier=query.identifier)
        others = co_occurring(session, query.code)
        texts = {}
        for mrow in mentions:
            if mrow.doc_id not in texts:
                texts[mrow.doc_id] = load_document(session, mrow.doc_id).text
    if found is None and not mentions:
        err_console.print(f"[red]error:[/red] unknown entity {code!r}; `sphere entities` lists those seen")
        raise typer.Exit(1)
    label = f"{query.code} / {query.identifier}" if query.identifier else query.code
    console.print(f"[bold]{label}[/bold]  {query.title}  ({query.kind})")
    if aliases:
        console.print("aliases seen: " + ", ".join(f"{t} ({n})" for t, n in aliases))
    table = Table("document", "unit", "text", "sector", "sentence")
    for mrow in mentions:
        text = texts[mrow.doc_id]
        table.add_row(mrow.doc_id, mrow.unit_id, mrow.text, mrow.sector or "", short(sentence_around(text, mrow.start, mrow.end), 100))
    console.print(table)
    if others:
        console.print("co-occurs with: " + ", ".join(f"{c} ({n})" for c, n in others))


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence-like stretch holding [start, end): cheap, for display only."""
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", end), text.find("\n", end)) if i != -1]
    right = min(right_candidates) + 1 if right_candidates else len(text)
    return text[left + 1 : right].strip()


@app.command("extract-entities")
def extract_entities(
    paths: list[str] = typer.Argument(..., help="Files, folders or URLs, as for `sphere ingest`."),
    format: MentionFormat = typer.Option(MentionFormat.jsonl, "--format", help="jsonl (one JSON object per mention, for scripts) or table."),
) -> None:
    """Entity mentions of documents, without a database: one row per mention.

    Columns: document, unit, start, end, text, code, kind, sector, identifier_text. start and end are offsets into the document's text as `sphere ingest` stores it. Mentions in page text outside the units (a title, labels, furniture) have unit "page". Inputs that cannot be read (exit status 1) and units no model reads are reported on stderr.
    """
    from ..ingest.run import scratch_documents
    from ..nlp import pipe_documents
    from ..nlp.export import COLUMNS, mention_row

    failed: list[str] = []

    def report(origin: str, reason: str) -> None:
        failed.append(origin)
        err_console.print(f"[red]error:[/red] {escape(origin)}: {escape(reason)}", soft_wrap=True)

    table = Table(*COLUMNS)
    skipped = 0
    for parsed in pipe_documents(scratch_documents(paths, on_failure=report)):
        skipped += len(parsed.skipped)
        for unit_id, reason in parsed.skipped:
            err_console.print(f"note: {escape(parsed.document.doc_id)} {unit_id}: skipped ({escape(reason)})", soft_wrap=True)
        for m in parsed.mentions():
            row = mention_row(m)
            if format is MentionFormat.jsonl:
                print(json.dumps(row, ensure_ascii=False))
            else:
                table.add_row(*(str(row.get(k) or "") for k in COLUMNS))
    if format is MentionFormat.table:
        console.print(table)
    if skipped:
        err_console.print(f"{skipped} unit(s) skipped")
    if failed:
        raise typer.Exit(1)
