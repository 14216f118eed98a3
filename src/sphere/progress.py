"""The progress bar every long step shows (Rich): what, how far, how long, which item."""

from __future__ import annotations

from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn


def progress_bar(enabled: bool) -> Progress:
    """A transient bar; tasks name their step (`bar.add_task("ingest", current="")`)."""
    return Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        TextColumn("{task.fields[current]}"),
        console=Console(stderr=True),  # stdout stays clean for --format jsonl|csv output
        disable=not enabled,
        transient=True,
    )
