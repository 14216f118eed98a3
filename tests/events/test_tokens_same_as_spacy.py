"""The per-unit token arrays and sentence texts the event rules read instead of spaCy's
attributes give exactly what spaCy's own attributes give (on the demo corpus and the seeds)."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphere.events.dates import find_dates
from sphere.events.lexicon import load_lexicon
from sphere.events.neighbours import sentence_texts
from sphere.events.tokens import UnitWords
from sphere.nlp.english import load_nlp

REPO = Path(__file__).resolve().parents[2]
TEXTS = sorted((REPO / "examples" / "corpus").glob("*.txt")) + sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))


@pytest.fixture(scope="module")
def docs():
    nlp = load_nlp()
    texts = [p.read_text(encoding="utf-8", errors="replace")[:20_000] for p in TEXTS]
    if not texts:
        pytest.skip("no demo corpus or seeds here")
    return list(nlp.pipe(texts))


def test_unit_words_equal_token_attributes(docs):
    keys = load_lexicon().trigger_keys
    for doc in docs:
        words = UnitWords.of(doc, keys)
        assert words.pos == [t.pos_ for t in doc]
        assert words.lemma == [t.lemma_.lower() for t in doc]
        assert words.lower == [t.lower_ for t in doc]
        plain = {s.start for s in doc.sents if any(t.lemma_.lower() in keys or t.lower_ in keys for t in s)}
        assert words.trigger_sentences(list(doc.sents)) == plain
        for sent in doc.sents:
            assert words.sentence_words(sent) == {t.lemma_.lower() for t in sent} | {t.lower_ for t in sent}


def test_some_sentences_hold_no_trigger_word(docs):
    keys = load_lexicon().trigger_keys
    sents = [s for doc in docs for s in doc.sents]
    wanted = set().union(*(UnitWords.of(doc, keys).trigger_sentences(list(doc.sents)) for doc in docs))
    assert 0 < len(wanted) < len(sents)  # the filter does filter


def test_sentence_texts_equal_span_text(docs):
    for doc in docs:
        sents = list(doc.sents)
        texts = sentence_texts(sents, doc.text)
        assert [texts[s.start] for s in sents] == [s.text for s in sents]


@pytest.mark.parametrize("text", [
    "On Monday, July 5, the ministers met; talks went on until August 10 and resumed last week.",
    "Since 2019 the base has hosted drills every spring; two days ago more troops arrived.",
])
def test_find_dates_same_for_each_tense_and_anchor(text):
    from datetime import date

    from sphere.events.dates import _date_matches, _find_dates

    for pub in (date(2021, 8, 2), date(2020, 1, 3), None):
        for direction in (-1, 0, 1):
            first = find_dates(text, pub, direction)
            _find_dates.cache_clear()
            _date_matches.cache_clear()
            assert find_dates(text, pub, direction) == first
    assert find_dates(text, date(2021, 8, 2), -1) != find_dates(text, date(2020, 1, 3), -1)
