#!/usr/bin/env python3
"""Validate the held-out event gold: schema, evidence offsets, and that it matches its sources.

    python eval/heldout/check.py [--gold GOLD] [--docs DIR] [--schema SCHEMA]

Checks, for every record of gold.jsonl:
- it validates against ../shared/spec/event.schema.json (JSON Schema 2020-12);
- its id is unique, and every evidence names a document that exists in docs/;
- every evidence text is exactly document[start:end] (so offsets can be trusted) and its unit is
  one of body, comment-N, post-N, clipping-N;
- date_precision agrees with the length of date.
It also checks that every document in docs/ is 250-900 words, carries at least one gold event, and
that gold.jsonl is what make_gold.py builds from annotations/ (so nobody edits it by hand).
Prints one line per problem and exits 1 if there is any, else prints a summary and exits 0.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from jsonschema import Draft202012Validator

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SCHEMA = (REPO / ".." / "shared" / "spec" / "event.schema.json").resolve()
UNIT = re.compile(r"^(body|(comment|post|clipping)-[1-9][0-9]*)$")
PRECISION = {4: "year", 7: "month", 10: "day"}


def check_record(record: dict, validator: Draft202012Validator, texts: dict[str, str]) -> list[str]:
    rid = record.get("id", "?")
    problems = [f"{rid}: schema: {e.message} at {'/'.join(map(str, e.absolute_path)) or 'top'}"
                for e in validator.iter_errors(record)]
    date = record.get("date")
    want = PRECISION.get(len(date)) if isinstance(date, str) else None
    if record.get("date_precision") != want:
        problems.append(f"{rid}: date_precision {record.get('date_precision')!r} does not fit date {date!r}")
    for ev in record.get("evidence") or []:
        doc = ev.get("document")
        if doc not in texts:
            problems.append(f"{rid}: evidence names {doc!r}, which is not in the docs folder")
            continue
        start, end, quote = ev.get("start"), ev.get("end"), ev.get("text")
        if not isinstance(start, int) or not isinstance(end, int):
            problems.append(f"{rid}: evidence in {doc} has no integer start/end")
        elif texts[doc][start:end] != quote:
            problems.append(f"{rid}: {doc}[{start}:{end}] is not the evidence text {quote[:60]!r}")
        if not UNIT.match(ev.get("unit") or ""):
            problems.append(f"{rid}: bad unit {ev.get('unit')!r}")
    return problems


def check(gold: Path, docs: Path, schema: Path) -> tuple[list[str], list[dict]]:
    validator = Draft202012Validator(json.loads(schema.read_text(encoding="utf-8")))
    texts = {p.name: p.read_text(encoding="utf-8") for p in sorted(docs.glob("*.txt"))}
    problems, records, seen = [], [], set()
    for n, line in enumerate(gold.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            problems.append(f"{gold.name} line {n}: not JSON ({err})")
            continue
        if record.get("id") in seen:
            problems.append(f"{record.get('id')}: duplicate id")
        seen.add(record.get("id"))
        records.append(record)
        problems.extend(check_record(record, validator, texts))
    cited = {ev.get("document") for r in records for ev in r.get("evidence") or []}
    for name, text in texts.items():
        words = len(re.findall(r"[A-Za-z0-9][\w'’.-]*", text))
        if not 250 <= words <= 900:
            problems.append(f"{name}: {words} words, outside 250-900")
        if name not in cited:
            problems.append(f"{name}: no gold event cites this document")
    return problems, records


def built_matches(gold: Path) -> list[str]:
    """gold.jsonl must be exactly what make_gold.py produces from the annotations."""
    sys.path.insert(0, str(HERE))
    import make_gold  # noqa: PLC0415 - the builder lives next to this script

    try:
        expected = make_gold.render(make_gold.build())
    except make_gold.AnnotationError as err:
        return [f"annotations: {err}"]
    if gold.read_text(encoding="utf-8") != expected:
        return [f"{gold.name} differs from what make_gold.py builds from annotations/; run it"]
    return []


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--gold", type=Path, default=HERE / "gold.jsonl")
    ap.add_argument("--docs", type=Path, default=HERE / "docs")
    ap.add_argument("--schema", type=Path, default=SCHEMA)
    a = ap.parse_args()
    for path in (a.gold, a.docs, a.schema):
        if not path.exists():
            print(f"error: {path} does not exist", file=sys.stderr)
            return 1
    problems, records = check(a.gold, a.docs, a.schema)
    if a.gold.resolve() == (HERE / "gold.jsonl").resolve():
        problems.extend(built_matches(a.gold))
    for p in problems:
        print(f"error: {p}", file=sys.stderr)
    if problems:
        return 1
    n_docs = len({ev["document"] for r in records for ev in r["evidence"]})
    n_ev = sum(len(r["evidence"]) for r in records)
    print(f"ok: {len(records)} events, {n_ev} evidence spans, {n_docs} documents")
    return 0


if __name__ == "__main__":
    sys.exit(main())
