"""`is_negated` reads each child's dependency and form once, and `owners_map` makes Tokens only
of a sentence's verbs when given the unit's POS list: both answer as the plain token-by-token
computation does, on every token of the demo corpus and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphere.events.lexicon import load_lexicon
from sphere.events.participants import TokenMentions
from sphere.events.predicates import find_candidates, has_no, is_negated
from sphere.events.timing import owners_map
from sphere.events.tokens import UnitWords
from sphere.nlp.english import load_nlp

REPO = Path(__file__).resolve().parents[2]
TEXTS = sorted((REPO / "examples" / "corpus").glob("*.txt")) + sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def docs():
    texts = [p.read_text(encoding="utf-8", errors="replace")[:20_000] for p in TEXTS]
    if not texts:
        pytest.skip("no demo corpus or seeds here")
    return list(load_nlp().pipe(texts))


def plain_negated(t) -> bool:
    if any(c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ in ("never",)) for c in t.children):
        return True
    if has_no(t) and t.pos_ in ("NOUN", "PROPN") or any(
        c.dep_ in ("nsubj", "nsubjpass", "dobj", "attr") and has_no(c) for c in t.children
    ):
        return True
    return any(c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children) for c in t.children)


def test_is_negated_same_as_plain(docs):
    negated = 0
    for doc in docs:
        for t in doc:
            assert is_negated(t) == plain_negated(t)
            assert has_no(t) == any(c.dep_ == "det" and c.lower_ == "no" for c in t.children)
            negated += is_negated(t)
    assert negated > 10


def test_owners_map_same_with_pos(docs):
    lex = load_lexicon()
    compared = 0
    for doc in docs:
        tm = TokenMentions.build(doc, 0, ())
        words = tm.words = UnitWords.of(doc, lex.trigger_keys)
        heads = [t.head.i for t in doc]
        for sent in doc.sents:
            cands = find_candidates(sent, lex, tm)
            reporting = [t for t in sent if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in lex.reporting_verbs]
            assert owners_map(sent, cands, reporting, heads, words.pos) == owners_map(sent, cands, reporting, heads)
            compared += bool(cands)
    assert compared > 20
