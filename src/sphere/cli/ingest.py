"""`sphere ingest`, `sphere resegment`, `sphere analyse`: store documents, split them again,
bring their analysis up to date."""

from __future__ import annotations

import typer
from rich.markup import escape
from rich.table import Table

from ..ingest.limits import DEFAULT_MAX_SIZE, parse_size
from ..ingest.workers import DEFAULT_TIMEOUT
from .app import DbOption, app, console, engine_for, err_console
from .early import likely_documents, start_workers_for  # noqa: F401 - likely_documents: its home was here

ProgressOption = typer.Option(True, "--progress/--no-progress", help="Show progress bars.")
AnalyseOption = typer.Option(
    True, "--analyse/--no-analyse",
    help="Then run provenance, entities and events on every stored document that needs them.",
)
TimeoutOption = typer.Option(
    DEFAULT_TIMEOUT, "--timeout",
    help="Seconds trafilatura may spend on one HTML page before the fallback extractor takes over.",
)


def size_option(value: str) -> int:
    try:
        return parse_size(value)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from exc


def error(origin: str, reason: str) -> None:
    err_console.print(f"[red]error:[/red] {escape(origin)}: {escape(reason)}", soft_wrap=True)


def run_analysis(engine, progress: bool, doc_ids: list[str] | None = None, workers: int | None = None) -> bool:
    """Analyse what needs it and print the summary; False when a document failed."""
    from ..pipeline import analyse

    try:
        result = analyse(engine, doc_ids, progress=progress, workers=workers)
    except Exception as exc:  # the stored documents stay; analysis can be re-run
        err_console.print(f"[red]error:[/red] analysis failed: {escape(f'{type(exc).__name__}: {exc}')}")
        raise typer.Exit(1) from exc
    console.print(
        f"analysed {result.documents} document(s): {result.mentions} entity mentions, "
        f"{result.events} event reports, {result.reuse_links} reuse links"  # reports: per document
        + (f"; {result.skipped_units} unit(s) skipped (no model reads them)" if result.skipped_units else "")
    )
    for doc_id, reason in result.failures:
        error(f"analysis of {doc_id}", reason)
    return not result.failures


@app.command()
def ingest(
    inputs: list[str] = typer.Argument(
        ..., metavar="PATH|URL...",
        help="Files, folders (recursive), page URLs or RSS/Atom feed URLs. Accepted: .txt .html .htm "
        ".jsonl .warc .warc.gz .rss .atom .xml.",
    ),
    db: str = DbOption,
    analyse: bool = AnalyseOption,
    max_size: str = typer.Option(
        f"{DEFAULT_MAX_SIZE // 1024**2}MB", "--max-size",
        help="Size cap per document (e.g. 20MB, 512KB): larger documents are refused before parsing, with an error.",
    ),
    timeout: float = TimeoutOption,
    progress: bool = ProgressOption,
) -> None:
    """Ingest documents: read, decode, extract, split into units and store, one transaction each.

    Idempotent: a document whose bytes are stored already is skipped; a file or page URL stored before whose bytes changed replaces its stored version (same id, analysed again) and counts as updated. A file that cannot be read is reported with the reason and recorded (`sphere stats` counts failures); the batch goes on, and the exit status is 1 after the summary.
    """
    cap = size_option(max_size)
    if analyse:  # first: the workers' server loads the models while the database opens too
        start_workers_for(inputs)  # a no-op when `sphere.cli` started them already
    engine = engine_for(db)
    from ..ingest.run import ingest as run_ingest

    summary = run_ingest(inputs, engine, progress=progress, max_size=cap, timeout=timeout, on_failure=error)
    for origin, note in summary.notes:
        err_console.print(f"[yellow]note:[/yellow] {escape(origin)}: {escape(note)}", soft_wrap=True)
    table = Table("new", "updated", "unchanged", "failed", title="ingest")
    table.add_row(str(summary.new), str(summary.updated), str(summary.unchanged), str(summary.failed))
    console.print(table)
    if summary.failures:
        console.print("[bold]failed:[/bold]")
        for origin, reason in summary.failures:
            console.print(f"  {escape(origin)}: {escape(reason)}", soft_wrap=True)
    if analyse:
        run_analysis(engine, progress)
    if summary.failures:
        raise typer.Exit(1)


@app.command()
def resegment(
    docs: list[str] = typer.Argument(None, metavar="[DOC]...", help="Only these documents (ids as `sphere docs` lists them); default: all of an older segmenter."),
    all_: bool = typer.Option(False, "--all", help="Every document (or every DOC given), whatever segmenter version made its units."),
    db: str = DbOption,
    analyse: bool = AnalyseOption,
    timeout: float = TimeoutOption,
    progress: bool = ProgressOption,
) -> None:
    """Split stored documents into units again with the current segmenter, and analyse the changed ones.

    Each document records the segmenter version that made its units; by default only documents of an older version are redone. The stored text is never changed (HTML pages are extracted again from their stored bytes to find their comments, and one whose extraction no longer gives the stored text is reported: re-ingest it). Stored metadata is kept; what it lacked is filled in. Exit status 1 when a document could not be redone.
    """
    engine = engine_for(db)
    from ..ingest.redo import resegment as run_resegment

    summary = run_resegment(engine, docs or None, force=all_, progress=progress, timeout=timeout)
    for doc_id, reason in summary.failures:
        error(doc_id, reason)
    table = Table("checked", "units changed", "unchanged", "failed", title="resegment")
    unchanged = summary.checked - len(summary.changed) - len(summary.failures)
    table.add_row(str(summary.checked), str(len(summary.changed)), str(unchanged), str(len(summary.failures)))
    console.print(table)
    if analyse and summary.changed:
        run_analysis(engine, progress)
    elif summary.changed:
        console.print("their analysis is out of date: `sphere analyse` brings it up to date")
    if summary.failures:
        raise typer.Exit(1)


@app.command("analyse")
def analyse_command(
    docs: list[str] = typer.Argument(None, metavar="[DOC]...", help="Only these documents; default: every stored document that needs it."),
    db: str = DbOption,
    workers: int = typer.Option(None, "--workers", help="Processes for entities and events (default: up to two, or $SPHERE_WORKERS).", show_default=False),
    progress: bool = ProgressOption,
) -> None:
    """Run provenance, entities and events on stored documents an analysis stage has not seen at its current version.

    `sphere ingest` does this after storing; run it after `sphere resegment --no-analyse`, after an upgrade of Sphere, or after editing the knowledge base or the event lexicon (their files are part of the stage versions, so `sphere stats` shows what is out of date). Exit status 1 when a document failed.
    """
    engine = engine_for(db)
    if not run_analysis(engine, progress, docs or None, workers):
        raise typer.Exit(1)
