#!/usr/bin/env python3
"""List the held-out misses: gold events no prediction matched, predictions no gold event matched.

    python eval/heldout/misses.py --pred PRED.jsonl [--gold GOLD] [--doc PREFIX]

Uses the matching of ../shared/tools/score_events.py itself (same type, participant-code Jaccard
>= 0.5, date at the gold's precision, one-to-one per document), so what it lists is exactly what
the scorer counts as false negatives and false positives. For each miss it also says which rule
kept the nearest candidate from matching (type, participants, date), to tell a wrong type from a
wrong actor. Reading this is for understanding the figures, not for tuning the extractor to them
(see README.md).
"""

from __future__ import annotations

import argparse
import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SCORER = (HERE.parents[1] / ".." / "shared" / "tools" / "score_events.py").resolve()


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_events", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def describe(event: dict, sc) -> str:
    codes = ",".join(sorted(sc.codes(event, False)))
    text = (event.get("evidence") or [{}])[0].get("text", "")
    return f"{'/'.join(sorted(sc.types(event)))} {{{codes}}} {event.get('date')} | {sc.squash(text)[:150]}"


def why_not(event: dict, others: list[dict], sc, is_gold: bool) -> str:
    """Which rule the most similar event on the other side fails."""
    best, reason = 0.0, "no candidate"
    for o in others:
        overlap = sc.jaccard(sc.codes(event, False), sc.codes(o, False))
        if overlap <= best:
            continue
        best = overlap
        fails = []
        if not sc.types(event) & sc.types(o):
            fails.append(f"type {'/'.join(sorted(sc.types(o)))}")
        if overlap < 0.5:
            fails.append(f"participants {overlap:.2f}")
        gold, pred = (event, o) if is_gold else (o, event)
        if not sc.date_ok(pred, gold):
            fails.append(f"date {o.get('date')}")
        reason = "nearest: " + (", ".join(fails) or "taken by another pair")
    return reason


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", required=True, type=Path)
    ap.add_argument("--gold", type=Path, default=HERE / "gold.jsonl")
    ap.add_argument("--doc", default="", help="only documents whose name starts with this")
    a = ap.parse_args()
    sc = load_scorer()
    golds, preds = sc.by_document(sc.load(a.gold)), sc.by_document(sc.load(a.pred))
    for doc in sorted(set(golds) | set(preds)):
        if not doc.startswith(a.doc):
            continue
        g, p = golds.get(doc, []), preds.get(doc, [])
        pairs = sc.match(p, g, False)
        hit_g, hit_p = {id(x) for _, x in pairs}, {id(x) for x, _ in pairs}
        print(f"== {doc}: gold {len(g)}, pred {len(p)}, matched {len(pairs)}")
        for e in g:
            if id(e) not in hit_g:
                print(f"  FN {e['id']} {describe(e, sc)}\n       {why_not(e, p, sc, True)}")
        for e in p:
            if id(e) not in hit_p:
                print(f"  FP {describe(e, sc)}\n       {why_not(e, g, sc, False)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
