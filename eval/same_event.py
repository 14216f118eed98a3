"""One real event told by several documents: is it one Sphere event with evidence from each?

    .venv/bin/python eval/same_event.py PRED.jsonl     # predictions of the seeds (run_eval --keep)

`../shared/gold/seeds_same_event.jsonl` groups gold records of different seed documents that are
the same real event. Gold records are matched to predicted ones document by document, with the
scorer's own matching (`score_events.match`); a group is *found* when each of its records is
matched, and *merged* when those matches are one predicted record (evidence citing every document).
A predicted record whose evidence cites several documents, but which no gold group supports, is a
*false merge* when its matches are gold records of different real events.
"""

from __future__ import annotations

import importlib.util
import json
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()


def load_scorer():
    spec = importlib.util.spec_from_file_location("score_events", SHARED / "tools" / "score_events.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def read_jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def same_event_figures(pred_path: Path, gold_path: Path | None = None, groups_path: Path | None = None) -> dict:
    scorer = load_scorer()
    gold = read_jsonl(gold_path or SHARED / "gold" / "seeds_events.jsonl")
    groups = read_jsonl(groups_path or SHARED / "gold" / "seeds_same_event.jsonl")
    preds = read_jsonl(pred_path)
    gold_docs, pred_docs = scorer.by_document(gold), scorer.by_document(preds)
    # gold id -> the predicted record (by identity) it is matched to in its document
    matched: dict[str, int] = {}
    gold_of_pred: dict[int, set[str]] = {}
    for doc, golds in gold_docs.items():
        for p, g in scorer.match(pred_docs.get(doc, []), golds, False):
            matched[g["id"]] = id(p)
            gold_of_pred.setdefault(id(p), set()).add(g["id"])
    found = merged = 0
    for group in groups:
        hits = [matched.get(r) for r in group["records"]]
        if all(h is not None for h in hits):
            found += 1
            merged += len(set(hits)) == 1
    same = {r: i for i, g in enumerate(groups) for r in g["records"]}
    multi = [p for p in preds if len({Path(e.get("document", "")).name for e in p.get("evidence") or []}) > 1]
    false_merges = sum(
        1 for p in multi
        if len({same.get(g, g) for g in gold_of_pred.get(id(p), set())}) > 1
    )  # fmt: skip
    return {
        "groups": len(groups),
        "found": found,
        "merged": merged,
        "merged_share_of_found": round(merged / found, 3) if found else None,
        "multi_document_events": len(multi),
        "false_merges": false_merges,
    }


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    print(json.dumps(same_event_figures(Path(sys.argv[1])), indent=2))
