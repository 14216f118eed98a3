"""The token strings `term_at`, `trim`, `span_text` and `doc_text` read from a Doc's arrays
(`DocWords`) are spaCy's own: texts, spacing, lower case, punctuation and space flags; the
longest sector term found from them is the one found over the tokens, at every position both
ways; a trimmed name is the one trimming token by token gives."""

from __future__ import annotations

from pathlib import Path

import pytest

from sphere.kb import load_kb
from sphere.nlp.context import (
    ARTICLES,
    POSSESSIVE,
    DocWords,
    _longest_term,
    _term_in_words,
    doc_text,
    span_text,
    trim,
)

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"
EXTRA = [
    "The Russian Defence Ministry and the Ministry of Defense of Uzbekistan met Tajik border guards.",
    "the  CSTO's\n\nCouncil of Foreign Ministers (CFM)  said: \"no\" -- Kyrgyz President's office.",
    "",
]


@pytest.fixture(scope="module")
def docs(nlp):
    texts = [p.read_text(encoding="utf-8", errors="replace")[:4000] for p in sorted(CORPUS.glob("*.txt"))[:8]] + EXTRA
    return list(nlp.pipe(texts))


def plain_trim(span):
    start, end = span.start, span.end
    doc = span.doc
    for i in range(start, end):
        if "\n" in doc[i].text or (i + 1 < end and "\n" in doc[i].whitespace_):
            end = i if "\n" in doc[i].text else i + 1
            break
    while start < end and (doc[start].lower_ in ARTICLES or doc[start].is_punct or doc[start].is_space):
        start += 1
    while end > start and (doc[end - 1].lower_ in POSSESSIVE or doc[end - 1].is_punct or doc[end - 1].is_space):
        end -= 1
    return None if start >= end else doc[start:end]


def test_doc_words_equal_token_attributes(docs):
    for doc in docs:
        words = DocWords.of(doc)
        assert words.with_ws == [t.text_with_ws for t in doc]
        assert words.text == [t.text for t in doc]
        assert words.lower == [t.lower_ for t in doc]
        assert words.punct == [t.is_punct for t in doc]
        assert words.space == [t.is_space for t in doc]
        assert doc_text(doc) == doc.text
        for lo in range(0, len(doc), 7):
            for hi in (lo + 1, lo + 3, lo + 6):
                if hi <= len(doc):
                    assert span_text(doc[lo:hi]) == doc[lo:hi].text


def test_terms_from_words_equal_terms_over_tokens(docs):
    kb = load_kb()
    found = 0
    for doc in docs:
        words = DocWords.of(doc)
        for i in range(len(doc)):
            for backwards in (False, True):
                want = _longest_term(doc, i, kb, backwards)
                assert _term_in_words(words, i, kb, backwards) == want
                found += want is not None
    assert found > 20


def test_trim_equals_trimming_token_by_token(docs):
    spans = [ent for doc in docs for ent in doc.ents]
    spans += [doc[i:j] for doc in docs for i in range(0, len(doc), 11) for j in (i + 1, i + 4) if j <= len(doc)]
    assert len(spans) > 100
    for span in spans:
        got, want = trim(span), plain_trim(span)
        assert (None if got is None else (got.start, got.end)) == (None if want is None else (want.start, want.end))
