"""Exact alignment: passages in any order, exact offsets, edits bridged, short quotes ignored."""

from __future__ import annotations

import re

import pytest

from sphere.provenance.align import MIN_WORDS, align
from sphere.provenance.synthetic import Writer
from sphere.provenance.text import tokenize


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


@pytest.fixture(scope="module")
def w():
    return Writer(11)


def paragraphs(w: Writer, n: int) -> list[str]:
    return [" ".join(w.paragraph(3, 5)) for _ in range(n)]


def test_align_finds_reordered_passages_with_offsets_on_both_sides(w):
    orig = paragraphs(w, 8)
    a = "\n\n".join(orig)
    b = "\n\n".join([w.sentence(), orig[6], w.sentence(), orig[1], w.sentence()])
    found = align(tokenize(b), tokenize(a))
    assert len(found) == 2
    for p, k in zip(found, (6, 1), strict=True):
        assert b[p.a_chars[0] : p.a_chars[1]] == orig[k][: p.a_chars[1] - p.a_chars[0]]
        assert a[p.b_chars[0] : p.b_chars[1]].rstrip(".") == orig[k].rstrip(".")
        assert p.words == len(words(orig[k]))


@pytest.mark.parametrize(
    "reflow",
    [
        lambda s: s.replace(" ", "\n"),  # line breaks instead of spaces
        lambda s: s.replace(".", " ."),  # punctuation spacing
        lambda s: s.upper(),  # case
        lambda s: re.sub(r"(\w+)", r"“\1”", s, count=5),  # quote marks
    ],
)
def test_align_is_whitespace_case_and_punctuation_insensitive(w, reflow):
    orig = paragraphs(w, 3)
    a = "\n\n".join(orig)
    b = "Intro line of the copy.\n" + reflow(orig[1]) + "\nClosing line of the copy."
    (p,) = align(tokenize(b), tokenize(a))
    assert words(b[p.a_chars[0] : p.a_chars[1]]) == words(orig[1])


def test_align_bridges_edited_words_and_skipped_captions(w):
    orig = paragraphs(w, 6)
    a = "\n\n".join(orig)
    edited = orig[2].split(" ")
    edited[len(edited) // 2] = "CHANGED"
    # the copy leaves out a short caption-like paragraph between 2 and 3
    caption = "Photo caption of four words."
    a = a.replace(orig[3], caption + "\n\n" + orig[3])
    b = " ".join(edited) + " " + orig[3]
    found = align(tokenize(b), tokenize(a))
    assert len(found) == 1
    assert found[0].words >= len(words(orig[2])) + len(words(orig[3])) - 2


def test_align_ignores_shared_sentences_below_the_minimum(w):
    shared = "The Collective Security Treaty Organisation held drills near the border this week."
    assert len(words(shared)) < MIN_WORDS
    a = "\n\n".join(paragraphs(w, 3) + [shared])
    b = "\n\n".join([shared] + paragraphs(w, 3))
    assert align(tokenize(b), tokenize(a)) == []


def test_align_pairs_a_repeated_passage_once(w):
    orig = paragraphs(w, 3)
    a = "\n\n".join([orig[0], orig[1], orig[1], orig[2]])  # a caption printed twice
    b = "Copy starts here.\n\n" + orig[1]
    found = align(tokenize(b), tokenize(a))
    assert len(found) == 1
