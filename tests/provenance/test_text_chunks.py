"""Tokens keep exact offsets and ignore addresses; chunk cuts depend only on nearby text."""

from __future__ import annotations

import pytest

from sphere.provenance.synthetic import Writer
from sphere.provenance.text import MAX_CHUNK_TOKENS, chunk_tokens, index_spans, tokenize


@pytest.mark.parametrize(
    "text, words",
    [
        ("Russia’s 201st base — in Dushanbe.", ["russia", "s", "201st", "base", "in", "dushanbe"]),
        ("Сотрудничество  с\nОДКБ", ["сотрудничество", "с", "одкб"]),
        ("see https://www.example.org/a/b-c?x=1 now", ["see", "now"]),
        ("write to desk@example.org today", ["write", "to", "today"]),
    ],
)
def test_text_tokens_map_back_to_the_words(text, words):
    t = tokenize(text)
    assert [text[s:e].casefold() for s, e in zip(t.starts, t.ends, strict=True)] == words


def test_text_index_spans_merge_units_and_default_to_the_text():
    assert index_spans(100, []) == [(0, 100)]
    assert index_spans(100, [(50, 80), (0, 20), (10, 30), (90, 200)]) == [(0, 30), (50, 80), (90, 100)]


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_text_chunks_of_a_copied_passage_are_cut_the_same_way_in_any_context(seed):
    w = Writer(seed)
    passage = " ".join(w.sentence() for _ in range(8))
    before_a = " ".join(w.sentence() for _ in range(3))
    before_b = " ".join(w.sentence() for _ in range(5))

    def chunks_of_passage(text: str) -> set[str]:
        t = tokenize(text)
        lo = text.index(passage)
        return {
            text[t.starts[s] : t.ends[e - 1]]
            for s, e in chunk_tokens(t)
            if t.starts[s] >= lo and t.ends[e - 1] <= lo + len(passage)
        }

    in_a = chunks_of_passage(f"{before_a}\n\n{passage}\n\nThe end of it all, said the writer.")
    in_b = chunks_of_passage(f"{before_b} {passage} More text follows here.")
    shared = in_a & in_b
    assert shared and len(shared) >= len(in_a) - 2  # only the chunks at the edges may differ


def test_text_chunks_cover_every_token_once_and_stay_bounded():
    w = Writer(5)
    text = " ".join(w.sentence() for _ in range(60)) + " " + " ".join(["word"] * 300)
    t = tokenize(text)
    chunks = chunk_tokens(t)
    assert chunks[0][0] == 0 and chunks[-1][1] == len(t)
    assert all(a[1] == b[0] for a, b in zip(chunks, chunks[1:], strict=False))
    assert max(e - s for s, e in chunks[:-1]) <= MAX_CHUNK_TOKENS + 12


@pytest.mark.parametrize("text", ["Russia base camp", "CSTO  drills — Tajikistan", "two words"])
def test_text_without_a_sentence_end_breaks_only_at_its_end(text):
    tokens = tokenize(text)
    assert len(tokens) >= 2
    assert tokens.breaks.tolist() == [False] * (len(tokens) - 1) + [True]
    assert chunk_tokens(tokens) == [(0, len(tokens))]
