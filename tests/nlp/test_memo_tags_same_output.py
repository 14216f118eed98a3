"""The remembering attribute ruler and lemmatizer (`nlp.memo_tags`) give every token the POS,
morphology and lemma the model's own components give it: on the seeds, the demo corpus, the
GSR sentences and sentences made to hit the ruler's two-token patterns."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import spacy

from sphere.nlp.memo_tags import MemoAttributeRuler, MemoLemmatizer, use_remembered_tags
from sphere.nlp.model import model_package

REPO = Path(__file__).resolve().parents[2]
SEEDS, GOLD, CORPUS = REPO.parent / "shared" / "seeds", REPO.parent / "shared" / "gold", REPO / "examples" / "corpus"

TRICKY = [
    "We're gonna stay, y'all. There is a base and there were three. Let's see: it ain't so.",
    "C'mon, they gotta sign it. Is there a pact? There's no pact, but there are drills.",
    "  Two  spaces\tand a tab.\n\nA new paragraph; THE TREATY, signed by RUSSIA.",
]


def texts() -> list[str]:
    found = [p.read_text(encoding="utf-8", errors="replace") for p in sorted(SEEDS.glob("*.txt"))]
    found += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(CORPUS.glob("*.txt"))]
    gsr = GOLD / "plover_gsr_dev.jsonl"
    if gsr.exists():
        lines = gsr.read_text(encoding="utf-8").splitlines()
        found += [json.loads(line)["text"] for line in lines[:300] if line.strip()]
    return found + TRICKY


@pytest.fixture(scope="module")
def pipelines():
    return spacy.load(model_package()), use_remembered_tags(spacy.load(model_package()))


def annotations(doc) -> list[tuple]:
    return [(t.text, t.tag_, t.dep_, t.pos_, str(t.morph), t.lemma_) for t in doc]


def test_memo_tags_every_token_as_the_model(pipelines):
    model, remembered = pipelines
    batch = texts()
    assert len(batch) > 20
    mismatches = [
        (a, b)
        for da, db in zip(model.pipe(batch), remembered.pipe(batch), strict=True)
        for a, b in zip(annotations(da), annotations(db), strict=True)
        if a != b
    ]
    assert mismatches == []
    ruler = remembered.get_pipe("attribute_ruler")
    assert isinstance(ruler, MemoAttributeRuler) and ruler.remembered  # it did remember
    assert isinstance(remembered.get_pipe("lemmatizer"), MemoLemmatizer)


def test_memo_tags_two_token_patterns_still_apply(pipelines):
    _, remembered = pipelines
    doc = remembered("They are gonna leave. There is a base.")
    assert [t.lemma_ for t in doc][2:4] == ["go", "to"]  # "gonna": the ruler's two-token pattern
    assert doc[7].pos_ == "VERB"  # "is" after expletive "There"


def test_memo_tags_swap_keeps_names_and_order(pipelines):
    model, remembered = pipelines
    assert remembered.pipe_names == model.pipe_names
    assert use_remembered_tags(remembered).pipe_names == model.pipe_names  # twice: no change
