"""Reuse quality on synthetic corpora with known reuse, gated by floors (lowered only on purpose).

The full-size figures are made by `bench/reuse.py` into bench/results/reuse_quality.json; this
test measures a smaller corpus of each kind, and checks the published figures meet the floors.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sphere.provenance.quality import measure, score
from sphere.provenance.synthetic import make_corpus, model_text_from
from sphere.store.db import open_engine

REPO = Path(__file__).resolve().parents[2]
RESULTS = REPO / "bench" / "results" / "reuse_quality.json"

FLOORS = {"precision": 0.95, "recall": 0.95, "direction_accuracy": 0.95}


@pytest.fixture(scope="module")
def measured(tmp_path_factory):
    out = {}
    for name, model in (("pseudo-words", None), ("demo-corpus-bigrams", model_text_from(REPO / "examples" / "corpus"))):
        engine = open_engine(f"sqlite:///{tmp_path_factory.mktemp(name) / 'q.db'}")
        out[name] = measure(engine, make_corpus(n_originals=120, seed=11, model_text=model))
        engine.dispose()
    return out


@pytest.mark.parametrize("corpus", ["pseudo-words", "demo-corpus-bigrams"])
@pytest.mark.parametrize("metric", sorted(FLOORS))
def test_synthetic_quality_meets_the_floors(measured, corpus, metric):
    result = measured[corpus]
    assert result["expected_passages"] > 100
    assert result[metric] >= FLOORS[metric], result


@pytest.mark.parametrize("corpus", ["pseudo-words", "demo-corpus-bigrams"])
def test_synthetic_quality_no_links_from_quotation_lists_or_shared_footers(measured, corpus):
    by_kind = measured[corpus]["by_kind"]
    assert by_kind["quotations"]["links"] <= 1
    assert by_kind["boilerplate"]["links"] == 0


def test_synthetic_quality_published_figures_meet_the_floors():
    if not RESULTS.exists():
        pytest.skip("bench/reuse.py has not been run")
    for name, result in json.loads(RESULTS.read_text())["corpora"].items():
        for metric, floor in FLOORS.items():
            assert result[metric] >= floor, (name, metric, result[metric])


def test_synthetic_quality_score_counts_wrong_links_and_missed_blocks():
    corpus = make_corpus(n_originals=10, seed=3)
    from sphere.types import ReuseLink

    right = [
        ReuseLink(b.original_doc, b.copy_doc, b.original_start, b.original_end, b.copy_start, b.copy_end, b.copy_end - b.copy_start, "date")
        for b in corpus.blocks if b.expected
    ]
    assert score(corpus.blocks, right)["precision"] == 1.0 and score(corpus.blocks, right)["recall"] == 1.0
    wrong = ReuseLink("orig-000001", "orig-000002", 0, 300, 0, 300, 300, "date")
    half = right[: len(right) // 2]
    result = score(corpus.blocks, [*half, wrong])
    assert result["precision"] < 1.0 and result["recall"] < 0.6
    flipped = [ReuseLink(x.copy_doc, x.original_doc, x.copy_start, x.copy_end, x.original_start, x.original_end, x.size, "date") for x in right]
    assert score(corpus.blocks, flipped)["direction_accuracy"] < 0.5
