#!/usr/bin/env python3
"""Sphere's event evaluation on the development sets, end to end through the real CLI.

    .venv/bin/python eval/run_eval.py [--only seeds|gsr|heldout] [--write] [--keep DIR]

seeds: `sphere extract ../shared/seeds --format jsonl`, scored by
       `../shared/tools/score_events.py --gold ../shared/gold/seeds_events.jsonl --docs ../shared/seeds`;
gsr:   `../shared/tools/gsr_prepare.py ../shared/gold/plover_gsr_dev.jsonl TMP`, extracted the same
       way, scored with `--states-only` (one gold event per sentence: read recall);
heldout: eval/heldout/docs against eval/heldout/gold.jsonl (written by someone who had not read
       the extractor; now a third development set, measured with the other two).

seeds also report `same_event` (eval/same_event.py): of the gold groups of records that are one
       real event told by several seeds, how many Sphere stores as one event with evidence from each.

--keep DIR keeps the predictions (DIR/<set>_pred.jsonl) for eval/heldout/misses.py and friends.

Prints the figures as JSON; with --write also stores them in eval/results.json. The floors that
the test suite holds them to are in eval/floors.json (tests/eval/test_floors.py).
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from same_event import same_event_figures  # noqa: E402

REPO = Path(__file__).resolve().parents[1]
SHARED = Path(os.environ.get("SPHERE_SHARED", REPO / ".." / "shared")).resolve()
TOOLS = SHARED / "tools"
RESULTS = REPO / "eval" / "results.json"


def sphere(*args: str) -> subprocess.CompletedProcess:
    """Run the `sphere` command of this interpreter's install."""
    cmd = [sys.executable, "-c", "from sphere.cli import main; main()", *args]
    return subprocess.run(cmd, capture_output=True, text=True, check=False)


def extract(folder: Path, out: Path) -> dict:
    started = time.perf_counter()
    proc = sphere("extract", str(folder), "--format", "jsonl", "-o", str(out))
    if proc.returncode != 0 or not out.exists():
        raise RuntimeError(f"sphere extract {folder} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    if not out.read_text(encoding="utf-8").strip():
        raise RuntimeError(f"sphere extract {folder} found no events: {proc.stderr[-2000:]}")
    return {"seconds": round(time.perf_counter() - started, 1), "stderr_errors": proc.stderr.count("error:")}


def score(gold: Path, pred: Path, docs: Path, states_only: bool = False) -> dict:
    cmd = [sys.executable, str(TOOLS / "score_events.py"), "--gold", str(gold), "--pred", str(pred),
           "--docs", str(docs), "--json"] + (["--states-only"] if states_only else [])
    proc = subprocess.run(cmd, capture_output=True, text=True, check=True)
    line = next(line for line in proc.stdout.splitlines() if line.startswith("{"))
    return json.loads(line)


def eval_seeds(tmp: Path) -> dict:
    pred = tmp / "seeds_pred.jsonl"
    run = extract(SHARED / "seeds", pred)
    figures = score(SHARED / "gold" / "seeds_events.jsonl", pred, SHARED / "seeds")
    return {**figures, "same_event": same_event_figures(pred), **run}


def eval_gsr(tmp: Path) -> dict:
    prepared = tmp / "gsr"
    subprocess.run([sys.executable, str(TOOLS / "gsr_prepare.py"), str(SHARED / "gold" / "plover_gsr_dev.jsonl"), str(prepared)],
                   check=True, capture_output=True)
    pred = tmp / "gsr_pred.jsonl"
    run = extract(prepared / "docs", pred)
    figures = score(prepared / "gold.jsonl", pred, prepared / "docs", states_only=True)
    return {**figures, **run}


def eval_heldout(tmp: Path) -> dict:
    heldout = REPO / "eval" / "heldout"
    pred = tmp / "heldout_pred.jsonl"
    run = extract(heldout / "docs", pred)
    figures = score(heldout / "gold.jsonl", pred, heldout / "docs")
    return {**figures, **run}


def evaluate(only: str | None = None, keep: Path | None = None) -> dict:
    """The figures of the three development sets (seeds, GSR, heldout), or of the one named."""
    out = {}
    with tempfile.TemporaryDirectory(prefix="sphere-eval-") as scratch:
        tmp = Path(keep) if keep else Path(scratch)
        tmp.mkdir(parents=True, exist_ok=True)
        if only in (None, "seeds"):
            out["seeds"] = eval_seeds(tmp)
        if only in (None, "gsr"):
            out["gsr"] = eval_gsr(tmp)
        if only in (None, "heldout"):
            out["heldout"] = eval_heldout(tmp)
        if only in HELDOUT2_SETS:
            out[only] = HELDOUT2_SETS[only](Path(tmp))
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", choices=["seeds", "gsr", "heldout", *HELDOUT2_SETS])
    ap.add_argument("--write", action="store_true", help="store the figures in eval/results.json")
    ap.add_argument("--keep", type=Path, help="keep the predictions in this folder")
    a = ap.parse_args()
    figures = evaluate(a.only, a.keep)
    print(json.dumps(figures, indent=2))
    if a.write:
        old = json.loads(RESULTS.read_text()) if RESULTS.exists() else {}
        old.update(figures)
        RESULTS.write_text(json.dumps(old, indent=2) + "\n")
    return 0


# heldout2 (eval/heldout2/README.md): a second held-out set, written without reading the
# extractor. A measure, not a target: no floors; run only when named with --only.
HELDOUT2 = REPO / "eval" / "heldout2"


def eval_heldout2(tmp: Path) -> dict:
    """eval/heldout2/docs against eval/heldout2/gold.jsonl."""
    pred = tmp / "heldout2_pred.jsonl"
    run = extract(HELDOUT2 / "docs", pred)
    return {**score(HELDOUT2 / "gold.jsonl", pred, HELDOUT2 / "docs"), **run}


def eval_heldout2_sentences(tmp: Path) -> dict:
    """eval/heldout2/sentences.jsonl, prepared as the GSR is and scored on state codes (read recall)."""
    prepared = tmp / "heldout2_sentences"
    subprocess.run([sys.executable, str(TOOLS / "gsr_prepare.py"), str(HELDOUT2 / "sentences.jsonl"), str(prepared)],
                   check=True, capture_output=True)
    pred = tmp / "heldout2_sentences_pred.jsonl"
    run = extract(prepared / "docs", pred)
    return {**score(prepared / "gold.jsonl", pred, prepared / "docs", states_only=True), **run}


HELDOUT2_SETS = {"heldout2": eval_heldout2, "heldout2-sentences": eval_heldout2_sentences}


if __name__ == "__main__":
    sys.exit(main())
