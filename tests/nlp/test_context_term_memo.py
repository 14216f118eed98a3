"""`term_at` remembers its answers per neighbouring tokens: the remembered answer is the one
the lookup gives, at every position of real text, both ways, at the edges too."""

from __future__ import annotations

from pathlib import Path

from sphere.kb import load_kb
from sphere.nlp import context
from sphere.nlp.context import _longest_term, term_at

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"


def expected(doc, i, kb, backwards):
    if not 0 <= i < len(doc):
        return None
    found = _longest_term(doc, i, kb, backwards)
    return None if found is None else (found[0], i - found[1] + 1 if backwards else i + found[1])


def test_term_at_remembered_equals_looked_up(nlp):
    kb = load_kb()
    texts = [p.read_text(encoding="utf-8", errors="replace")[:3000] for p in sorted(CORPUS.glob("*.txt"))[:6]]
    texts.append("The Russian Defence Ministry and the Ministry of Defense of Uzbekistan met Tajik border guards.")
    found_terms = 0
    for doc in nlp.pipe(texts):
        for backwards in (False, True):
            for i in range(-2, len(doc) + 2):
                want = expected(doc, i, kb, backwards)
                assert term_at(doc, i, kb, backwards) == want  # first time: looked up
                assert term_at(doc, i, kb, backwards) == want  # again: remembered
                found_terms += want is not None
    assert found_terms > 20
    assert context._terms_seen(kb)  # answers were kept
