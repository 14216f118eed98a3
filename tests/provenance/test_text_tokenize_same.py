"""The numpy tokenizer (`tokenize`) gives exactly the tokens of the regex loop it replaced:
same hashes, offsets and breaks, on texts built to hit every rule (non-ASCII letters and
digits, case folding that changes length, addresses and e-mail addresses, words cut by span
ends, lone surrogates, no sentence end at all)."""

from __future__ import annotations

import random
import zlib

import numpy as np
import pytest

from sphere.provenance import text as text_module
from sphere.provenance.text import ADDRESS, SENTENCE_END, WEB_ADDRESS, WORD, index_spans, tokenize


def loop_tokenize(text: str, spans: list[tuple[int, int]] | None = None):
    """The per-match loop tokenize used before (kept as the reference): hashes, starts, ends,
    breaks."""
    hashes, starts, ends, span_ends = [], [], [], []
    for lo, hi in spans if spans is not None else [(0, len(text))]:
        pattern = ADDRESS if text.find("@", lo, hi) >= 0 else WEB_ADDRESS
        skip = [(a.start(), a.end()) for a in pattern.finditer(text, lo, hi)]
        k = 0
        for m in WORD.finditer(text, lo, hi):
            a, b = m.span()
            while k < len(skip) and skip[k][1] <= a:
                k += 1
            if k < len(skip) and skip[k][0] <= a:
                continue
            hashes.append(zlib.crc32(text[a:b].casefold().encode("utf-8")))
            starts.append(a)
            ends.append(b)
        if starts:
            span_ends.append(len(starts) - 1)
    s_arr, e_arr = np.array(starts, dtype=np.int64), np.array(ends, dtype=np.int64)
    marks = np.array([m.start() for m in SENTENCE_END.finditer(text)], dtype=np.int64)
    breaks = np.ones(len(s_arr), dtype=bool)
    if len(s_arr) > 1 and not len(marks):
        breaks[:-1] = False
    elif len(s_arr) > 1:
        idx = np.searchsorted(marks, e_arr[:-1])
        nxt = np.where(idx < len(marks), marks[np.minimum(idx, len(marks) - 1)], np.iinfo(np.int64).max)
        breaks[:-1] = nxt < s_arr[1:]
    breaks[span_ends] = True
    return np.array(hashes, dtype=np.uint64), s_arr, e_arr, breaks


PIECES = list("abcXYZ019_ .,;!?…\n\t-'\"/:@") + [
    "Σσς", "ß", "İı", "ﬁ", "ǅ", "é", "e\u0301", "٣", "²", "Ⅻ", "漢字", "Сотрудничество", "ОДКБ",
    "\ud800", "\u00a0", "www.example.org/x", "https://a.b/c?d=1", "desk@example.org", "a@b", "@",
]


def random_text(rng: random.Random) -> str:
    return "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 120)))


def spans_of(rng: random.Random, n: int) -> list[tuple[int, int]] | None:
    if n < 4 or rng.random() < 0.4:
        return None
    cuts = sorted(rng.sample(range(n + 1), 4))
    return index_spans(n, [(cuts[0], cuts[1]), (cuts[2], cuts[3])])


@pytest.mark.parametrize("seed", range(5))
def test_tokenize_same_as_the_regex_loop_on_random_texts(seed):
    rng = random.Random(seed)
    for _ in range(400):
        text = random_text(rng)
        spans = spans_of(rng, len(text))
        t = tokenize(text, spans)
        want = loop_tokenize(text, spans)
        for got, ref in zip((t.hashes, t.starts, t.ends, t.breaks), want, strict=True):
            assert got.dtype == ref.dtype and np.array_equal(got, ref), (text, spans)


def test_tokenize_same_as_the_regex_loop_on_the_seeds(seed_text):
    for text in seed_text.values():
        t = tokenize(text)
        assert len(t) > 100
        for got, ref in zip((t.hashes, t.starts, t.ends, t.breaks), loop_tokenize(text), strict=True):
            assert np.array_equal(got, ref)


def test_word_chars_is_what_the_regex_calls_a_word_character():
    astral = [0x10000, 0x1D400, 0x1D7CE, 0x1F600, 0x20000, 0x10FFFF]  # letters, digits, emoji
    codes = np.concatenate([np.arange(0x10000), astral * 3]).astype(np.uint32)
    want = np.array([WORD.match(chr(c)) is not None for c in codes.tolist()])
    assert np.array_equal(text_module.word_chars(codes), want)
