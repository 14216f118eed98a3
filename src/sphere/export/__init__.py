"""Exports of events, each row with its provenance: csv, jsonl, parquet, gexf, plover,
timelinejs, geojson.

    write_export(events, "gexf", file, citations)

`citations` (from `sphere.store.citations.cite_events`) gives each piece of evidence its
outlet, outlet note, URL and date; without it rows still carry document, unit and offsets.
Text formats write `str` to a text file; parquet writes bytes to a binary file. The same
formats are on the CLI (`sphere export`) and the API (`/api/export?format=...`).
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import IO, Any

from ..errors import ConfigError
from ..store.citations import Citations
from ..types import Event
from .geojson import write_geojson
from .gexf import write_gexf
from .plover import plover_record
from .records import event_record
from .tabular import write_csv, write_parquet
from .timelinejs import write_timelinejs


def write_jsonl(events: Sequence[Event], file: IO[str], citations: Citations | None = None) -> None:
    """event.schema.json records, one per line, evidence items extended with their sources."""
    for ev in events:
        file.write(json.dumps(event_record(ev, citations), ensure_ascii=False) + "\n")


def write_plover(events: Sequence[Event], file: IO[str], citations: Citations | None = None) -> None:
    for ev in events:
        file.write(json.dumps(plover_record(ev, citations), ensure_ascii=False) + "\n")


@dataclass(frozen=True)
class ExportFormat:
    name: str
    write: Callable[[Sequence[Event], Any, Citations | None], None]
    media_type: str
    suffix: str
    binary: bool = False


FORMATS: dict[str, ExportFormat] = {
    f.name: f
    for f in (
        ExportFormat("csv", write_csv, "text/csv; charset=utf-8", ".csv"),
        ExportFormat("jsonl", write_jsonl, "application/x-ndjson; charset=utf-8", ".jsonl"),
        ExportFormat("parquet", write_parquet, "application/vnd.apache.parquet", ".parquet", True),
        ExportFormat("gexf", write_gexf, "application/gexf+xml; charset=utf-8", ".gexf"),
        ExportFormat("plover", write_plover, "application/x-ndjson; charset=utf-8", ".plover.jsonl"),
        ExportFormat("timelinejs", write_timelinejs, "application/json; charset=utf-8", ".timeline.json"),
        ExportFormat("geojson", write_geojson, "application/geo+json; charset=utf-8", ".geojson"),
    )
}


def export_format(name: str) -> ExportFormat:
    try:
        return FORMATS[name.lower()]
    except KeyError:
        raise ConfigError(f"unknown export format {name!r}; use one of: {', '.join(FORMATS)}") from None


def write_export(
    events: Sequence[Event], format: str, file, citations: Citations | None = None
) -> None:
    """Write events in `format` to an open file (text mode; binary for parquet)."""
    export_format(format).write(events, file, citations)


__all__ = ["FORMATS", "ExportFormat", "export_format", "write_export"]
