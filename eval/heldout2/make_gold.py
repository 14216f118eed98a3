#!/usr/bin/env python3
"""Build eval/heldout2/gold.jsonl from the hand-written annotations (annotations/NN.yaml).

    .venv/bin/python eval/heldout2/make_gold.py [--check]

Why a builder: evidence offsets typed by hand go wrong, so the annotations give each evidence as
the text copied from the document and this script finds its character offsets and its unit.
An evidence text that is missing, or that occurs more than once without saying which occurrence
(`[text, n]`, n counting from 1), is an error, so a silent mis-anchoring cannot happen.
With --check nothing is written; the exit status says whether gold.jsonl is up to date.

Annotation layout (one YAML file per document):
    doc: file name in docs/        published: the date line as printed   pubdate: YYYY-MM-DD
    units: [[unit, marker], ...]   a unit runs from its marker (null = start of file) to the next
    events: list of {event, mode, context, actor, recipient, date, enddate, status, loc,
             evidence, comment}; actor/recipient entries are [code, sector, entity_text,
             identifier_text]; loc is [name, country]; status defaults to "occurred".
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import yaml

HERE = Path(__file__).resolve().parent
DOCS = HERE / "docs"
ANNOTATIONS = HERE / "annotations"
GOLD = HERE / "gold.jsonl"

PRECISION = {4: "year", 7: "month", 10: "day"}


class AnnotationError(ValueError):
    """An annotation that cannot be turned into a gold record."""


def find_occurrence(text: str, needle: str, nth: int | None, where: str) -> int:
    """Offset of the nth occurrence of needle (1-based); without nth it must be unique."""
    starts, i = [], text.find(needle)
    while i != -1:
        starts.append(i)
        i = text.find(needle, i + 1)
    if not starts:
        raise AnnotationError(f"{where}: text not found in the document: {needle[:80]!r}")
    if nth is None:
        if len(starts) > 1:
            raise AnnotationError(f"{where}: text occurs {len(starts)} times, say which: {needle[:80]!r}")
        return starts[0]
    if not 1 <= nth <= len(starts):
        raise AnnotationError(f"{where}: occurrence {nth} asked, {len(starts)} found: {needle[:80]!r}")
    return starts[nth - 1]


def unit_bounds(text: str, units: list, where: str) -> list[tuple[int, str]]:
    """(start offset, unit name) for each unit, in document order."""
    bounds = []
    for name, marker in units:
        if marker is None:
            bounds.append((0, name))
        else:
            needle, nth = (marker, None) if isinstance(marker, str) else (marker[0], marker[1])
            bounds.append((find_occurrence(text, needle, nth, f"{where} unit {name}"), name))
    bounds.sort()
    if not bounds or bounds[0][0] != 0:
        bounds.insert(0, (0, "body"))
    return bounds


def unit_at(bounds: list[tuple[int, str]], offset: int) -> str:
    name = bounds[0][1]
    for start, unit in bounds:
        if start <= offset:
            name = unit
    return name


def entity(row: list, where: str) -> dict:
    if not isinstance(row, list) or len(row) != 4:
        raise AnnotationError(f"{where}: an actor/recipient is [code, sector, entity_text, identifier_text], got {row!r}")
    code, sector, text, ident = row
    return {"code": code, "entity_text": text, "identifier_text": ident, "sector": sector}


def precision(date: str | None) -> str | None:
    if date is None:
        return None
    if len(date) not in PRECISION:
        raise AnnotationError(f"bad date {date!r}")
    return PRECISION[len(date)]


def build_document(path: Path) -> list[dict]:
    spec = yaml.safe_load(path.read_text(encoding="utf-8"))
    doc = spec["doc"]
    text = (DOCS / doc).read_text(encoding="utf-8")
    bounds = unit_bounds(text, spec.get("units") or [["body", None]], path.name)
    records = []
    for n, ev in enumerate(spec["events"], 1):
        where = f"{path.name} event {n}"
        evidence = []
        for item in ev["evidence"]:
            needle, nth = (item, None) if isinstance(item, str) else (item[0], item[1])
            start = find_occurrence(text, needle, nth, where)
            evidence.append({"document": doc, "unit": unit_at(bounds, start), "text": needle,
                             "start": start, "end": start + len(needle)})
        loc = ev.get("loc")
        if loc is not None and (not isinstance(loc, list) or len(loc) != 2):
            raise AnnotationError(f"{where}: loc is [name, country], got {loc!r}")
        record = {
            "id": f"h2-{path.stem}-e{n:02d}",
            "event": [ev["event"]],
            "mode": list(ev.get("mode") or []),
            "context": list(ev.get("context") or []),
            "actor": [entity(r, where) for r in ev["actor"]],
            "recipient": [entity(r, where) for r in ev.get("recipient") or []],
            "date": ev.get("date"),
            "enddate": ev.get("enddate"),
            "date_precision": precision(ev.get("date")),
            "status": ev.get("status", "occurred"),
            "event_loc": {"name": loc[0], "country": loc[1]} if loc else None,
            "evidence": evidence,
        }
        if ev.get("comment"):
            record["comment"] = ev["comment"]
        records.append(record)
    return records


def build_all() -> list[dict]:
    records = []
    for path in sorted(ANNOTATIONS.glob("*.yaml")):
        records.extend(build_document(path))
    return records


def render(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only report whether gold.jsonl is up to date")
    a = ap.parse_args()
    try:
        out = render(build_all())
    except (AnnotationError, KeyError, OSError, yaml.YAMLError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    if a.check:
        current = GOLD.read_text(encoding="utf-8") if GOLD.exists() else ""
        if current != out:
            print("error: eval/heldout2/gold.jsonl is out of date; run make_gold.py", file=sys.stderr)
            return 1
        return 0
    GOLD.write_text(out, encoding="utf-8")
    print(f"{out.count(chr(10))} events written to {GOLD.relative_to(HERE.parents[1])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
