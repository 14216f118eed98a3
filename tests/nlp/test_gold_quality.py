"""Mention precision/recall and resolution accuracy against the hand-made entity gold:
the demo corpus (tests/data/entities_demo.jsonl, 8 documents) and two seed documents
(tests/data/entities_seed_001.jsonl, _002.jsonl, offsets into ../shared/seeds). The figures go
to bench/results/entities_quality.json; the floors below are pinned just under them and only
lowered on purpose."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from entity_gold import load_demo_gold, load_seed_gold, score

REPO = Path(__file__).resolve().parents[2]
DATA = REPO / "tests" / "data"
RESULTS = REPO / "bench" / "results" / "entities_quality.json"
FLOORS = {
    "demo": {"precision": 0.99, "recall": 0.99, "resolution_accuracy": 0.97},
    "seeds": {"precision": 0.985, "recall": 0.985, "resolution_accuracy": 0.99},
}
SEED_GOLD = ("entities_seed_001.jsonl", "entities_seed_002.jsonl")


@pytest.fixture(scope="module")
def figures(corpus_documents, seeds_dir):
    from sphere.ingest.run import scratch_documents as read_documents
    from sphere.nlp import pipe_documents

    texts = {d.doc_id: d.text for d in corpus_documents}
    demo_gold, dropped = load_demo_gold(DATA / "entities_demo.jsonl", REPO / "examples" / "corpus", texts)
    wanted = {g.document for g in demo_gold}
    docs = [d for d in corpus_documents if d.doc_id in wanted]
    demo_pred = [m for p in pipe_documents(docs) for m in p.mentions() if m.code]

    seed_gold, seed_pred = [], []
    for name in SEED_GOLD:
        gold = load_seed_gold(DATA / name, seeds_dir)
        document = gold[0].document
        (doc,) = read_documents([str(seeds_dir / document)])
        assert doc.text == (seeds_dir / document).read_text(encoding="utf-8")  # offsets hold
        seed_gold += gold
        seed_pred += [replace(m, doc_id=document) for p in pipe_documents([doc]) for m in p.mentions() if m.code]

    out = {
        "demo": {**score(demo_gold, demo_pred).as_dict(), "documents": len(wanted), "gold_dropped_by_extraction": dropped},
        "seeds": {**score(seed_gold, seed_pred).as_dict(), "documents": len(SEED_GOLD)},
        "command": ".venv/bin/pytest tests/nlp/test_gold_quality.py",
    }
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return out


@pytest.mark.parametrize("corpus", ["demo", "seeds"])
@pytest.mark.parametrize("figure", ["precision", "recall", "resolution_accuracy"])
def test_gold_figure_above_floor(figures, corpus, figure):
    assert figures[corpus][figure] >= FLOORS[corpus][figure], figures[corpus]


def test_gold_demo_fully_mapped(figures):
    assert figures["demo"]["gold_dropped_by_extraction"] == 0


def test_gold_seed_drift_detected(tmp_path, seeds_dir):
    rows = (DATA / SEED_GOLD[0]).read_text(encoding="utf-8").splitlines()
    first = json.loads(rows[0])
    first["start"] += 1
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(first) + "\n", encoding="utf-8")
    with pytest.raises(AssertionError, match="changed"):
        load_seed_gold(bad, seeds_dir)


@pytest.mark.parametrize("name", SEED_GOLD)
def test_gold_seed_file_holds_no_seed_text(name):
    for line in (DATA / name).read_text(encoding="utf-8").splitlines():
        assert set(json.loads(line)) == {"document", "start", "end", "sha", "code", "kind", "sector", "identifier_text"}
