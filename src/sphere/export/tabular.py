"""Flat exports, one row per piece of evidence: CSV for spreadsheets, Parquet for dataframes.

A row repeats its event's fields, so a spreadsheet filter on outlet or document still shows
the whole event, and every row carries its provenance (document, offsets, outlet, URL).
"""

from __future__ import annotations

import csv
from collections.abc import Sequence
from typing import IO

from ..store.citations import Citations
from ..types import Event
from .records import ROW_FIELDS, evidence_rows


def all_rows(events: Sequence[Event], citations: Citations | None) -> list[dict]:
    return [row for ev in events for row in evidence_rows(ev, citations)]


def write_csv(events: Sequence[Event], file: IO[str], citations: Citations | None = None) -> None:
    writer = csv.DictWriter(file, fieldnames=ROW_FIELDS, extrasaction="ignore")
    writer.writeheader()
    for ev in events:
        writer.writerows(evidence_rows(ev, citations))


def arrow_table(events: Sequence[Event], citations: Citations | None = None):
    import pyarrow as pa  # local: a heavy import that only this format needs

    integers = {"n_sources", "start", "end"}
    floats = {"lat", "lon"}
    schema = pa.schema(
        [
            (name, pa.int64() if name in integers else pa.float64() if name in floats else pa.string())
            for name in ROW_FIELDS
        ]
    )
    rows = all_rows(events, citations)
    columns = {name: [row.get(name) for row in rows] for name in ROW_FIELDS}
    return pa.Table.from_pydict(columns, schema=schema)


def write_parquet(events: Sequence[Event], file: IO[bytes], citations: Citations | None = None) -> None:
    import pyarrow.parquet as pq

    pq.write_table(arrow_table(events, citations), file)
