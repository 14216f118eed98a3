#!/usr/bin/env python3
"""Build eval/heldout/gold.jsonl from the hand-written annotations in eval/heldout/annotations/.

    python eval/heldout/make_gold.py [--check]

The annotations are YAML so that a person can read and correct them; the offsets are never
typed by hand. For every evidence text the builder finds the one place it occurs in its
document (an `[text, n]` pair picks the n-th occurrence, counting from 0 when a sentence is
repeated), stores `start`/`end`, and names the unit (`body`, `clipping-N`, `post-N`,
`comment-N`) from the document's unit markers: the unit of an offset is the last marker that
begins at or before it. An evidence text that is missing, or ambiguous without an index, stops
the build with the document and the text named. With --check nothing is written; the exit
status says whether gold.jsonl is what the annotations produce.
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


def entity(spec: list, doc: str, text: str) -> dict:
    """[code, sector, entity_text, identifier_text] -> the schema's entity object."""
    if not isinstance(spec, list) or not 1 <= len(spec) <= 4:
        raise AnnotationError(f"{doc}: an entity must be [code, sector, entity_text, identifier_text], got {spec!r}")
    code, sector, words, ident = (list(spec) + [None, None, None])[:4]
    if words is not None and words not in text:
        raise AnnotationError(f"{doc}: entity_text {words!r} is not in the document")
    out = {"code": code, "sector": sector}
    if words is not None:
        out["entity_text"] = words
    out["identifier_text"] = ident
    return out


def unit_starts(doc: str, text: str, units: list) -> list[tuple[int, str]]:
    """Positions of the unit markers, each searched after the previous one."""
    starts, pos = [], 0
    for name, marker in units:
        at = text.find(marker, pos)
        if at < 0:
            raise AnnotationError(f"{doc}: unit marker {marker!r} ({name}) not found after offset {pos}")
        starts.append((at, name))
        pos = at + 1
    return starts


def locate(doc: str, text: str, item) -> tuple[str, int, int]:
    """An evidence item (text, or [text, occurrence]) -> (text, start, end)."""
    quote, nth = (item, None) if isinstance(item, str) else (item[0], item[1])
    hits, at = [], text.find(quote)
    while at >= 0:
        hits.append(at)
        at = text.find(quote, at + 1)
    if not hits:
        raise AnnotationError(f"{doc}: evidence text not found: {quote[:80]!r}")
    if nth is None and len(hits) > 1:
        raise AnnotationError(f"{doc}: evidence text occurs {len(hits)} times, give [text, n]: {quote[:80]!r}")
    start = hits[nth or 0]
    return quote, start, start + len(quote)


def unit_of(starts: list[tuple[int, str]], offset: int, doc: str) -> str:
    names = [name for at, name in starts if at <= offset]
    if not names:
        raise AnnotationError(f"{doc}: evidence at offset {offset} lies before the first unit marker")
    return names[-1]


def precision(date: str | None) -> str | None:
    if date is None:
        return None
    if len(date) not in PRECISION:
        raise AnnotationError(f"bad date {date!r}: use YYYY, YYYY-MM or YYYY-MM-DD")
    return PRECISION[len(date)]


def build_document(block: dict, number: int) -> list[dict]:
    doc = block["doc"]
    path = DOCS / doc
    if not path.exists():
        raise AnnotationError(f"{doc}: no such document in {DOCS}")
    text = path.read_text(encoding="utf-8")
    starts = unit_starts(doc, text, block["units"])
    records = []
    for i, ann in enumerate(block["events"], start=1):
        evidence = []
        for item in ann["evidence"]:
            quote, start, end = locate(doc, text, item)
            evidence.append({"document": doc, "unit": unit_of(starts, start, doc), "text": quote,
                             "start": start, "end": end})
        date = ann.get("date")
        loc = ann.get("loc")
        if loc is not None and (not isinstance(loc, list) or len(loc) != 2):
            raise AnnotationError(f"{doc}: loc must be [name, country], got {loc!r}")
        record = {
            "id": f"h{number:02d}-e{i:02d}",
            "event": [ann["event"]] if isinstance(ann["event"], str) else list(ann["event"]),
            "mode": list(ann.get("mode") or []),
            "context": list(ann.get("context") or []),
            "actor": [entity(e, doc, text) for e in ann["actor"]],
            "recipient": [entity(e, doc, text) for e in ann.get("recipient") or []],
            "date": date,
            "enddate": ann.get("enddate"),
            "date_precision": precision(date),
            "status": ann.get("status", "occurred"),
            "event_loc": {"name": loc[0], "country": loc[1]} if loc else None,
            "evidence": evidence,
        }
        if ann.get("comment"):
            record["comment"] = ann["comment"]
        records.append(record)
    return records


def build() -> list[dict]:
    records, number = [], 0
    for path in sorted(ANNOTATIONS.glob("*.yaml")):
        for block in yaml.safe_load(path.read_text(encoding="utf-8")) or []:
            number = int(block["doc"][:2])
            records.extend(build_document(block, number))
    return records


def render(records: list[dict]) -> str:
    return "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="only say whether gold.jsonl is up to date")
    a = ap.parse_args()
    try:
        records = build()
    except (AnnotationError, KeyError) as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    out = render(records)
    if a.check:
        current = GOLD.read_text(encoding="utf-8") if GOLD.exists() else ""
        if current != out:
            print(f"error: {GOLD} is not what the annotations produce; run make_gold.py", file=sys.stderr)
            return 1
        print(f"{GOLD.name} is up to date ({len(records)} events)")
        return 0
    GOLD.write_text(out, encoding="utf-8")
    print(f"wrote {len(records)} events to {GOLD}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
