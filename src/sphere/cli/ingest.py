"""`sphere ingest`: store documents from files, folders, URLs and feeds, then analyse them."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from ..ingest.limits import DEFAULT_MAX_SIZE, parse_size
from ..ingest.workers import DEFAULT_TIMEOUT
from .app import DbOption, app, console, engine_for, err_console


def size_option(value: str) -> int:
    try:
        return parse_size(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(
        ..., metavar="PATH|URL...",
        help="Files, folders (recursive), page URLs or RSS/Atom feed URLs. Accepted: .txt .html .htm "
        ".jsonl .warc .warc.gz .rss .atom .xml.",
    ),
    db: str = DbOption,
    analyse: bool = typer.Option(True, "--analyse/--no-analyse", help="Run entities, events and provenance on what is stored."),
    max_size: str = typer.Option(
        f"{DEFAULT_MAX_SIZE // 1024**2}MB", "--max-size",
        help="Size cap per document (e.g. 20MB): larger documents are refused before parsing, with an error.",
    ),
    timeout: float = typer.Option(DEFAULT_TIMEOUT, "--timeout", help="Seconds trafilatura may spend on one HTML page before the fallback extractor takes over."),
    progress: bool = typer.Option(True, "--progress/--no-progress", help="Show progress bars."),
) -> None:
    """Ingest documents: read, decode, extract, split into units and store, one transaction each.

    Idempotent (a document whose bytes are stored already is skipped). A file that cannot be read
    is reported with the reason and recorded; the batch goes on, and the exit status is 1.
    """
    cap = size_option(max_size)
    engine = engine_for(db)
    from ..ingest.run import ingest as run_ingest

    def report(origin: str, reason: str) -> None:
        err_console.print(f"[red]error:[/red] {escape(origin)}: {escape(reason)}", soft_wrap=True)

    summary = run_ingest(inputs, engine, progress=progress, max_size=cap, timeout=timeout, on_failure=report)
    for origin, note in summary.notes:
        err_console.print(f"[yellow]note:[/yellow] {escape(origin)}: {escape(note)}", soft_wrap=True)
    table = Table("new", "unchanged", "failed", title="ingest")
    table.add_row(str(summary.new), str(summary.unchanged), str(summary.failed))
    console.print(table)
    if summary.failures:
        console.print("[bold]failed:[/bold]")
        for origin, reason in summary.failures:
            console.print(f"  {escape(origin)}: {escape(reason)}", soft_wrap=True)
    if analyse:
        from ..pipeline import analyse as run_analysis

        try:
            result = run_analysis(engine, progress=progress)
        except Exception as exc:  # the stored documents stay; analysis can be re-run
            err_console.print(f"[red]error:[/red] analysis failed: {escape(f'{type(exc).__name__}: {exc}')}")
            raise typer.Exit(1) from exc
        console.print(
            f"analysed {result.documents} document(s): {result.mentions} entity mentions, "
            f"{result.events} events, {result.reuse_links} reuse links"
        )
        for doc_id, reason in result.failures:
            err_console.print(f"[red]error:[/red] analysis of {escape(doc_id)}: {escape(reason)}", soft_wrap=True)
    if summary.failures:
        raise typer.Exit(1)
