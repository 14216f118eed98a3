"""On the seeds: the blog's clipping of the Caravanserai article is linked to the right passage.

Which clippings of 000 quote 001 is found at test time (a clipping quotes 001 when its longest
sentence occurs in 001, whitespace aside); offsets are checked against the files themselves.
Run twice: on documents whose units come from the gold's markers, and on the seeds ingested for
real (`sphere.ingest`: its own segmentation, dates and outlets).
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sphere.store.models import UnitRow
from sphere.store.reuse import links_of

BLOG, ARTICLE = "000_0f29c4db5c42489d.txt", "001_f24afbe78bbc54e3.txt"


@pytest.fixture(params=["gold-units", "ingested"])
def seeds_any(request, engine, load_seeds):
    return load_seeds(engine, request.param)


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def squash(text: str) -> str:
    return " ".join(words(text))


def quoting_clippings(session, seed_text) -> list[UnitRow]:
    article = squash(seed_text[ARTICLE])
    out = []
    for u in session.scalars(select(UnitRow).where(UnitRow.doc_id == BLOG, UnitRow.kind == "clipping")):
        sentences = re.split(r"(?<=[.!?])\s+", seed_text[BLOG][u.start : u.end])
        longest = max(sentences, key=lambda s: len(words(s)))
        if len(words(longest)) >= 12 and squash(longest) in article:
            out.append(u)
    return out


def test_index_seeds_every_clipping_quoting_the_article_is_linked_to_its_passage(seeds_any, seed_text):
    with Session(seeds_any) as s:
        clippings = quoting_clippings(s, seed_text)
        assert clippings, "the blog quotes the Caravanserai article in at least one clipping"
        links = [r for r in links_of(s) if {r.original_doc, r.copy_doc} == {BLOG, ARTICLE}]
        for u in clippings:
            mine = [r for r in links if r.copy_doc == BLOG and u.start <= r.copy_start < r.copy_end <= u.end]
            assert mine, f"no link for {u.unit_id}"
            assert all(r.original_doc == ARTICLE and r.direction_by == "cited-url" for r in mine)
            copied = sum(len(words(seed_text[BLOG][r.copy_start : r.copy_end])) for r in mine)
            assert copied >= 0.8 * len(words(seed_text[BLOG][u.start : u.end]))
            for r in mine:
                copy_words = words(seed_text[BLOG][r.copy_start : r.copy_end])
                orig_words = words(seed_text[ARTICLE][r.original_start : r.original_end])
                # the same words, up to the captions and headings the blog left out
                assert copy_words[:8] == orig_words[:8] and copy_words[-8:] == orig_words[-8:]
                assert r.size == r.copy_end - r.copy_start and r.words >= 30
            unit = s.get(UnitRow, u.id)
            assert unit.copied_share >= 0.8 and unit.copied_from == ARTICLE


def test_index_seeds_no_links_between_unrelated_seeds(seeds_any):
    with Session(seeds_any) as s:
        pairs = {frozenset((r.original_doc, r.copy_doc)) for r in links_of(s)}
        assert pairs == {frozenset((BLOG, ARTICLE))}
        marked = s.scalars(select(UnitRow).where(UnitRow.copied_from.is_not(None))).all()
        assert {(u.doc_id, u.kind) for u in marked} == {(BLOG, "clipping")}
        # the original is never marked as copied
        assert all(u.copied_share == 0 for u in s.scalars(select(UnitRow).where(UnitRow.doc_id == ARTICLE)))
