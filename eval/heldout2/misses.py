#!/usr/bin/env python3
"""List the false negatives and false positives of a prediction file against heldout2's gold.

    .venv/bin/python eval/heldout2/misses.py --pred PRED.jsonl [--gold GOLD] [--states-only]

Why: the F1 of a held-out set says how much is missed, not what; this prints, per document,
every gold event left unmatched and every prediction left over, each with the nearest
candidate on the other side and the rule of ../shared/tools/score_events.py that kept them
apart (type, participants with Jaccard < 0.5, or date). It reuses the scorer's own matching,
so the lists agree with the figures. For reading the misses only: do not tune to them.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
SHARED = Path(os.environ.get("SPHERE_SHARED", HERE.parents[1] / ".." / "shared")).resolve()


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_events", SHARED / "tools" / "score_events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def describe(e: dict, scorer, states_only: bool) -> str:
    codes = ",".join(sorted(scorer.codes(e, states_only)))
    return f"{'/'.join(sorted(scorer.types(e)))} {{{codes}}} {e.get('date')}"


def why_apart(p: dict, g: dict, scorer, states_only: bool) -> str:
    reasons = []
    if not scorer.types(p) & scorer.types(g):
        reasons.append("type")
    if scorer.jaccard(scorer.codes(p, states_only), scorer.codes(g, states_only)) < 0.5:
        reasons.append("participants")
    if not scorer.date_ok(p, g):
        reasons.append("date")
    return "+".join(reasons) or "taken by a better pair"


def nearest(e: dict, others: list[dict], scorer, states_only: bool) -> dict | None:
    """The other-side event sharing the most: same type first, then participant overlap."""
    def key(o):
        return (bool(scorer.types(o) & scorer.types(e)),
                scorer.jaccard(scorer.codes(o, states_only), scorer.codes(e, states_only)))
    return max(others, key=key) if others else None


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--pred", required=True)
    ap.add_argument("--gold", default=str(HERE / "gold.jsonl"))
    ap.add_argument("--states-only", action="store_true")
    a = ap.parse_args()
    scorer = load_scorer()
    golds, preds = scorer.by_document(scorer.load(a.gold)), scorer.by_document(scorer.load(a.pred))
    n_fn = n_fp = 0
    for doc in sorted(set(golds) | set(preds)):
        g_doc, p_doc = golds.get(doc, []), preds.get(doc, [])
        pairs = scorer.match(p_doc, g_doc, a.states_only)
        got_g, got_p = {id(g) for _, g in pairs}, {id(p) for p, _ in pairs}
        fns = [g for g in g_doc if id(g) not in got_g]
        fps = [p for p in p_doc if id(p) not in got_p]
        if not fns and not fps:
            continue
        print(f"== {doc}: {len(pairs)} matched, {len(fns)} missed, {len(fps)} extra")
        for g in fns:
            n_fn += 1
            near = nearest(g, p_doc, scorer, a.states_only)
            text = g["evidence"][0]["text"][:110]
            hint = f"; nearest pred {describe(near, scorer, a.states_only)} ({why_apart(near, g, scorer, a.states_only)})" if near else ""
            print(f"  FN {g.get('id')} {describe(g, scorer, a.states_only)}{hint}\n     {text!r}")
        for p in fps:
            n_fp += 1
            near = nearest(p, g_doc, scorer, a.states_only)
            text = (p.get("evidence") or [{}])[0].get("text", "")[:110]
            hint = f"; nearest gold {near.get('id')} {describe(near, scorer, a.states_only)} ({why_apart(p, near, scorer, a.states_only)})" if near else ""
            print(f"  FP {describe(p, scorer, a.states_only)}{hint}\n     {text!r}")
    print(f"{n_fn} false negatives, {n_fp} false positives")
    return 0


if __name__ == "__main__":
    sys.exit(main())
