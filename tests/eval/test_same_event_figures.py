"""eval/same_event.py counts merged, split and falsely merged events the way its docstring says."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
SCORER = (REPO / ".." / "shared" / "tools" / "score_events.py").resolve()

pytestmark = pytest.mark.skipif(not SCORER.exists(), reason=f"no scorer at {SCORER}")


def load():
    spec = importlib.util.spec_from_file_location("same_event", REPO / "eval" / "same_event.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.same_event_figures


def record(rid, etype, actor, recipient, date, *docs):
    return {"id": rid, "event": [etype], "actor": [{"code": actor}], "recipient": [{"code": recipient}],
            "date": date, "evidence": [{"document": d, "text": "x"} for d in docs]}


def write(path: Path, rows: list[dict]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def gold(tmp_path):
    rows = [record("a1", "AGREE", "RUS", "TJK", "2021-05", "a.txt"),
            record("b1", "AGREE", "RUS", "TJK", "2021-05", "b.txt"),
            record("a2", "ASSAULT", "TALIBAN", "AFG", "2021-07", "a.txt"),
            record("b2", "AID", "RUS", "KGZ", "2020", "b.txt")]  # fmt: skip
    groups = [{"event": "the pact", "records": ["a1", "b1"]}]
    return write(tmp_path / "gold.jsonl", rows), write(tmp_path / "groups.jsonl", groups)


@pytest.mark.parametrize(
    ("preds", "expected"),
    [
        ([record("p", "AGREE", "RUS", "TJK", "2021-05-12", "a.txt", "b.txt")],
         {"found": 1, "merged": 1, "multi_document_events": 1, "false_merges": 0}),
        ([record("p", "AGREE", "RUS", "TJK", "2021-05-12", "a.txt"), record("q", "AGREE", "RUS", "TJK", "2021-05", "b.txt")],
         {"found": 1, "merged": 0, "multi_document_events": 0, "false_merges": 0}),
        ([record("p", "AGREE", "RUS", "TJK", "2021-05", "a.txt")],
         {"found": 0, "merged": 0, "multi_document_events": 0, "false_merges": 0}),
        ([record("p", "AGREE", "RUS", "TJK", "2021-05", "a.txt", "b.txt"), record("q", "ASSAULT", "TALIBAN", "AFG", "2021-07", "a.txt")],
         {"found": 1, "merged": 1, "multi_document_events": 1, "false_merges": 0}),
    ],
    ids=["merged", "split", "half-found", "merged-beside-other"],
)
def test_same_event_counts(tmp_path, gold, preds, expected):
    figures = load()(write(tmp_path / "pred.jsonl", preds), *gold)
    assert {k: figures[k] for k in expected} == expected
    assert figures["groups"] == 1


def test_a_record_joining_two_real_events_is_a_false_merge(tmp_path, gold):
    # one predicted AID/AGREE record citing both documents, matched to a1 in a.txt and b2 in b.txt
    pred = record("p", "AGREE", "RUS", "TJK", "2021-05", "a.txt", "b.txt")
    pred["event"] = ["AGREE", "AID"]
    pred["recipient"] = [{"code": "TJK"}, {"code": "KGZ"}]
    gold_rows = [json.loads(line) for line in gold[0].read_text().splitlines()]
    gold_rows[1]["event"] = ["SUPPORT"]  # b.txt's pact record no longer matches ...
    gold_rows[3]["date"] = "2021"  # ... but its aid record does
    figures = load()(write(tmp_path / "pred.jsonl", [pred]), write(tmp_path / "g.jsonl", gold_rows), gold[1])
    assert figures["multi_document_events"] == 1
    assert figures["false_merges"] == 1
