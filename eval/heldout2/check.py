#!/usr/bin/env python3
"""Validate the second held-out set: documents, gold events and single sentences.

    .venv/bin/python eval/heldout2/check.py

Why: a held-out set is only worth its figures if its gold is mechanically sound, so this checks
what a reader cannot see: every gold record validates against ../shared/spec/event.schema.json;
every evidence text sits at its offsets in its document and in the unit the annotation says;
gold.jsonl is what make_gold.py builds from annotations/ (no hand edits); dates are real dates,
not after the document's date line, with enddate not before date; modes and contexts are PLOVER's;
codes are ISO 3166-1 alpha-3 states or named organisations; there are 14-18 documents of 250-900
words, each with gold events. For sentences.jsonl: the GSR record layout, 120 records, every
PLOVER type 7-8 times, one sentence each, the type's own name not used as the wording, and no
sentence copied or closely paraphrased from ../shared/gold/plover_gsr_dev.jsonl.
Prints one line per problem and exits 1 if there is any.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import re
import sys
from collections import Counter
from pathlib import Path

import jsonschema
import pycountry
import yaml

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
SHARED = Path(os.environ.get("SPHERE_SHARED", REPO / ".." / "shared")).resolve()
sys.path.insert(0, str(HERE))

import make_gold  # noqa: E402  (the builder next to this file)

TYPES = ["AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
         "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT"]
# Mode tables of the PLOVER manual (../shared/spec/plover/PLOVER_MANUAL.tex), by event type.
_REQ = ["assist", "change", "yield", "meet"]
MODES = {
    "CONSULT": ["visit", "third-party", "multilateral", "phone"],
    "RETREAT": ["withdraw", "release", "disarm", "ceasefire", "access", "resign"],
    "REQUEST": _REQ, "REJECT": _REQ,
    "ACCUSE": ["disapprove", "investigate", "allege"],
    "THREATEN": ["restrict", "arrest", "relations", "expel", "territory", "violence"],
    "PROTEST": ["demo", "riot", "strike", "hunger", "boycott", "obstruct", "vandalize"],
    "SANCTION": ["convict", "expel", "withdraw", "discontinue"],
    "MOBILIZE": ["troops", "weapons", "police", "militia"],
    "COERCE": ["seize", "restrict", "censor", "curfew", "martial-law", "arrest", "deport", "withhold",
               "misinformation", "cyber"],
    "ASSAULT": ["abduct", "beat", "torture", "sexual", "targeted", "destroy", "primitive", "firearms",
                "explosives", "suicide-attack", "aerial", "drone", "heavy-weapons", "crowd-control",
                "unconventional"],
}
# The manual's table "General contexts".
CONTEXTS = set("""military intelligence executive legislative election political_institutions
pro_democracy pro_autocracy economic legal reparations human_rights rights_freedoms repression
human_security gender lgbt religion_ethnicity inequality diplomatic territory peacekeeping health
asylum migration disasters natural_resource environment technology terrorism cbrn cyber
misinformation crime corruption illegal_drugs trafficking""".split())
SECTORS = set("COP GOV JUD LEG MIL PRM PTY REB SPY UAF UNK AGR BUS CRM CVL EDU ELI JRN LAB MED REF "
              "OPP PRE REL SOC".split())
# Organisations and armed groups (ACTORS.md style) and the PLOVER generic codes (GSR style).
ORGS = {"CSTO", "SCO", "NATO", "CIS", "EAEU", "UN", "EU", "OSCE", "G7", "AU", "ASEAN", "OPEC", "IAEA",
        "TALIBAN", "ISIS", "NUSRA", "ALQAEDA", "MSF", "ICRC", "IGO", "NGO", "IMG", "ISM", "MNC", "UNO", "EUR"}
STATES = {c.alpha_3 for c in pycountry.countries} | {"KOS"}
GSR_KEYS = ["id", "text", "event", "gsr_event", "mode", "context", "actor", "recipient"]
# A type's own word, which the sentences must not lean on.
TYPE_WORDS = {
    "AGREE": r"agree", "CONSULT": r"consult", "SUPPORT": r"support", "CONCEDE": r"conced",
    "COOPERATE": r"co-?operat", "AID": r"\baid", "RETREAT": r"retreat", "REQUEST": r"request",
    "ACCUSE": r"accus", "REJECT": r"reject", "THREATEN": r"threat", "PROTEST": r"protest",
    "SANCTION": r"sanction", "MOBILIZE": r"mobili[sz]", "COERCE": r"coerc", "ASSAULT": r"assault",
}
WORDS_MIN, WORDS_MAX, DOCS_MIN, DOCS_MAX = 250, 900, 14, 18


def parse_date(value: str, where: str, problems: list[str]) -> dt.date | None:
    parts = value.split("-")
    try:
        return dt.date(int(parts[0]), int(parts[1]) if len(parts) > 1 else 1, int(parts[2]) if len(parts) > 2 else 1)
    except ValueError:
        problems.append(f"{where}: {value!r} is not a real date")
        return None


def check_entity(ent: dict, where: str, problems: list[str], text_key: str = "entity_text") -> None:
    code = ent.get("code") or ""
    if code not in STATES and code not in ORGS:
        problems.append(f"{where}: code {code!r} is neither an ISO 3166-1 alpha-3 state nor a known organisation")
    if ent.get("sector") is not None and ent["sector"] not in SECTORS:
        problems.append(f"{where}: sector {ent['sector']!r} is not a PLOVER sector code")
    if not (ent.get(text_key) or "").strip():
        problems.append(f"{where}: empty {text_key}")


def check_plover_fields(event: str, modes: list, contexts: list, where: str, problems: list[str]) -> None:
    if event not in TYPES:
        problems.append(f"{where}: {event!r} is not a PLOVER event type")
        return
    for m in modes:
        if m not in MODES.get(event, []):
            problems.append(f"{where}: mode {m!r} is not a mode of {event}")
    for c in contexts:
        if c not in CONTEXTS:
            problems.append(f"{where}: context {c!r} is not a PLOVER context")


def check_gold(problems: list[str]) -> list[dict]:
    schema = json.loads((SHARED / "spec" / "event.schema.json").read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    gold_path = HERE / "gold.jsonl"
    records = [json.loads(line) for line in gold_path.read_text(encoding="utf-8").splitlines() if line.strip()]
    try:
        if make_gold.render(make_gold.build_all()) != gold_path.read_text(encoding="utf-8"):
            problems.append("gold.jsonl: differs from what make_gold.py builds from annotations/ (run make_gold.py)")
    except make_gold.AnnotationError as exc:
        problems.append(f"annotations: {exc}")

    specs = {}
    for path in sorted((HERE / "annotations").glob("*.yaml")):
        spec = yaml.safe_load(path.read_text(encoding="utf-8"))
        specs[spec["doc"]] = spec
    docs = sorted(p.name for p in (HERE / "docs").glob("*.txt"))
    if not DOCS_MIN <= len(docs) <= DOCS_MAX:
        problems.append(f"docs/: {len(docs)} documents, expected {DOCS_MIN}-{DOCS_MAX}")
    texts = {}
    for name in docs:
        raw = (HERE / "docs" / name).read_bytes()
        try:
            texts[name] = raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            problems.append(f"docs/{name}: not UTF-8 ({exc})")
            continue
        words = len(texts[name].split())
        if not WORDS_MIN <= words <= WORDS_MAX:
            problems.append(f"docs/{name}: {words} words, expected {WORDS_MIN}-{WORDS_MAX}")
        if name not in specs:
            problems.append(f"docs/{name}: no annotation file names it")

    seen_ids, per_doc = set(), Counter()
    for r in records:
        where = f"gold {r.get('id')}"
        for err in validator.iter_errors(r):
            problems.append(f"{where}: schema: {err.message}")
        if r["id"] in seen_ids:
            problems.append(f"{where}: duplicate id")
        seen_ids.add(r["id"])
        check_plover_fields(r["event"][0], r.get("mode") or [], r.get("context") or [], where, problems)
        for side in ("actor", "recipient"):
            for ent in r.get(side) or []:
                check_entity(ent, f"{where} {side}", problems)
        doc = r["evidence"][0]["document"]
        per_doc[doc] += 1
        spec = specs.get(doc)
        start = parse_date(r["date"], where, problems) if r.get("date") else None
        end = parse_date(r["enddate"], where, problems) if r.get("enddate") else None
        if spec and start:
            published = dt.date.fromisoformat(spec["pubdate"])
            if start > published:
                problems.append(f"{where}: date {r['date']} is after the document's date {published}")
        if start and end and end < start:
            problems.append(f"{where}: enddate {r['enddate']} before date {r['date']}")
        if r.get("date") and len(r["date"]) != {"year": 4, "month": 7, "day": 10}.get(r.get("date_precision")):
            problems.append(f"{where}: date_precision {r.get('date_precision')} does not fit {r['date']}")
        for ev in r["evidence"]:
            text = texts.get(ev["document"])
            if text is None:
                problems.append(f"{where}: evidence names a missing document {ev['document']}")
                continue
            if text[ev["start"]:ev["end"]] != ev["text"]:
                problems.append(f"{where}: evidence text is not at {ev['start']}:{ev['end']} in {ev['document']}")
            if spec:
                bounds = make_gold.unit_bounds(text, spec.get("units") or [["body", None]], doc)
                if make_gold.unit_at(bounds, ev["start"]) != ev.get("unit"):
                    problems.append(f"{where}: evidence unit {ev.get('unit')!r} does not match its position")
    for name in docs:
        if per_doc[name] == 0:
            problems.append(f"docs/{name}: no gold events")
    return records


def ngrams(text: str, n: int) -> set[tuple[str, ...]]:
    toks = re.findall(r"[a-z0-9']+", text.lower())
    return {tuple(toks[i:i + n]) for i in range(len(toks) - n + 1)}


def check_sentences(problems: list[str]) -> list[dict]:
    path = HERE / "sentences.jsonl"
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    dev = [json.loads(line) for line in (SHARED / "gold" / "plover_gsr_dev.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()]
    dev_grams = set().union(*(ngrams(d["text"], 6) for d in dev))
    dev_texts = {d["text"].strip().lower() for d in dev}
    if len(rows) != 120:
        problems.append(f"sentences.jsonl: {len(rows)} records, expected 120")
    ids, texts, per_type = set(), set(), Counter()
    for r in rows:
        where = f"sentence {r.get('id')}"
        if list(r) != GSR_KEYS:
            problems.append(f"{where}: keys {list(r)} differ from the GSR layout {GSR_KEYS}")
            continue
        if r["id"] in ids:
            problems.append(f"{where}: duplicate id")
        ids.add(r["id"])
        text = r["text"]
        if text.strip().lower() in texts:
            problems.append(f"{where}: duplicate text")
        texts.add(text.strip().lower())
        per_type[r["event"]] += 1
        check_plover_fields(r["event"], [r["mode"]] if r["mode"] else [], r["context"] or [], where, problems)
        if r["gsr_event"] != r["event"]:
            problems.append(f"{where}: gsr_event {r['gsr_event']!r} differs from event {r['event']!r}")
        if "\n" in text or not text.rstrip().endswith((".", ".\"", ".'", ".”")) or len(text.split()) > 60:
            problems.append(f"{where}: not a single news-wire sentence")
        if re.search(TYPE_WORDS.get(r["event"], "^$"), text, re.I):
            problems.append(f"{where}: uses the type's own word for {r['event']}")
        if text.strip().lower() in dev_texts or ngrams(text, 6) & dev_grams:
            problems.append(f"{where}: shares a six-word run with a GSR dev sentence")
        if not r["actor"]:
            problems.append(f"{where}: no actor")
        for side in ("actor", "recipient"):
            if not isinstance(r[side], list):
                problems.append(f"{where}: {side} is not a list")
                continue
            for ent in r[side]:
                if set(ent) != {"code", "text", "sector"}:
                    problems.append(f"{where} {side}: fields {sorted(ent)} differ from code/text/sector")
                    continue
                check_entity(ent, f"{where} {side}", problems, text_key="text")
                if ent["text"] not in text:
                    problems.append(f"{where} {side}: text {ent['text']!r} is not in the sentence")
    for t in TYPES:
        if not 7 <= per_type[t] <= 8:
            problems.append(f"sentences.jsonl: {per_type[t]} records of {t}, expected 7-8")
    return rows


def main() -> int:
    problems: list[str] = []
    records = check_gold(problems)
    rows = check_sentences(problems)
    for p in problems:
        print(f"error: {p}")
    types = Counter(r["event"][0] for r in records)
    print(f"{len(records)} gold events in {len({r['evidence'][0]['document'] for r in records})} documents; "
          f"{len(rows)} sentences; types: " + ", ".join(f"{t} {types[t]}" for t in TYPES))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
