"""Starting the analysis workers' fork server as the `sphere ingest` command starts.

The server imports Sphere and loads the models (~2.5 s of CPU) before the first worker can
parse; started from `sphere.cli`'s first lines, before the command line's own imports (~0.7 s:
SQLAlchemy, Typer, Rich) and before the database is opened, it does that on the other core
while this process is still starting. Only for an `ingest` that analyses and is given enough
documents for two workers (`likely_documents`); otherwise nothing happens here, and the
command starts what it needs itself.
"""

from __future__ import annotations

import sys
from pathlib import Path

# `sphere ingest` options that take a value (the next argument, unless given as --opt=value)
VALUE_OPTIONS = frozenset({"--db", "--max-size", "--timeout"})
NOT_ANALYSING = frozenset({"--no-analyse", "--help"})


def likely_documents(inputs: list[str], enough: int) -> int:
    """About how many documents the inputs hold, counted up to `enough`: each file or URL ingest
    will read (`ingest.sources.expand`), a JSON Lines file, an archive or a feed counting as enough."""
    from ..ingest.sources import (
        FEED_SUFFIXES,
        JSONL_SUFFIXES,
        WARC_SUFFIXES,
        expand,
        is_url,
        suffix_of,
    )

    collections = (*FEED_SUFFIXES, *JSONL_SUFFIXES, *WARC_SUFFIXES)
    found = sum(enough if not is_url(s) and suffix_of(Path(s)) in collections else 1 for s in expand(inputs))
    return min(found, enough)


def start_workers_for(inputs: list[str]) -> bool:
    """Start the fork server when these inputs likely hold documents for two workers."""
    from ..pool import MIN_DOCS_PER_WORKER, start_workers_early

    return start_workers_early(likely_documents(inputs, enough=2 * MIN_DOCS_PER_WORKER))


def ingest_inputs(argv: list[str]) -> list[str] | None:
    """The inputs of a `sphere ingest ...` command line that analyses, else None."""
    if len(argv) < 2 or Path(argv[0]).name != "sphere" or argv[1] != "ingest":
        return None
    inputs, skip = [], False
    for arg in argv[2:]:
        if skip:
            skip = False
        elif arg in NOT_ANALYSING:
            return None
        elif arg in VALUE_OPTIONS:
            skip = True
        elif not arg.startswith("-"):
            inputs.append(arg)
    return inputs


def start_early(argv: list[str] = sys.argv) -> None:
    """From `sphere.cli`'s first lines: start the workers' server for `sphere ingest`."""
    import multiprocessing

    inputs = ingest_inputs(argv)
    if inputs and multiprocessing.parent_process() is None:
        try:
            start_workers_for(inputs)
        except Exception:  # noqa: BLE001, S110 - the command starts the server itself, and reports
            pass
