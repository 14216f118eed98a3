"""On the demo corpus, ingested for real: the four copies its README describes, rightly directed.

    05 clippings blog  copies 01 (clipping 1) and 03 (clipping 2), giving their URLs
    06 forum thread    reposts 02, naming Steppe Herald
    12 syndicated copy of 11, no credit: direction from the dates
"""

from __future__ import annotations

import re

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sphere.store.db import open_engine
from sphere.store.models import DocumentRow, UnitRow
from sphere.store.reuse import links_of

CORPUS = __import__("pathlib").Path(__file__).resolve().parents[2] / "examples" / "corpus"

EXPECTED = {
    ("01_harbmaidon_drills_eurasiawire.html", "05_clippings_blog.txt"): "cited-url",
    ("03_japarov_moscow_tianshantimes_comments.html", "05_clippings_blog.txt"): "cited-url",
    ("02_harbmaidon_drills_steppeherald_copied_page.txt", "06_forum_thread_harbmaidon.txt"): "outlet-named",
    ("11_air_defence_cabulletin.html", "12_air_defence_rsdigest_syndicated.html"): "date",
}


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory):
    ingest_run = pytest.importorskip("sphere.ingest.run")
    from sphere.provenance import index_document

    engine = open_engine(f"sqlite:///{tmp_path_factory.mktemp('demo') / 'demo.db'}")
    ingest_run.ingest([str(CORPUS)], engine, progress=False)
    with Session(engine) as s, s.begin():
        for doc_id in s.scalars(select(DocumentRow.id).order_by(DocumentRow.id)).all():
            index_document(s, doc_id)
    yield engine
    engine.dispose()


def words(text: str) -> list[str]:
    return re.findall(r"\w+", text.casefold())


def test_index_demo_corpus_links_are_the_readme_copies_with_their_directions(demo_db):
    with Session(demo_db) as s:
        found: dict[tuple[str, str], set[str]] = {}
        for r in links_of(s):
            found.setdefault((r.original_doc, r.copy_doc), set()).add(r.direction_by)
    assert found == {pair: {how} for pair, how in EXPECTED.items()}


def paragraphs(text: str, unit: UnitRow) -> list[tuple[int, int]]:
    out, pos = [], unit.start
    for block in re.split(r"(\n\s*\n)", text[unit.start : unit.end]):
        if block.strip() and len(words(block)) >= 12:
            out.append((pos, pos + len(block)))
        pos += len(block)
    return out


@pytest.mark.parametrize(
    "original, first, last",
    [
        ("01_harbmaidon_drills_eurasiawire.html", 0, 1),  # clipping 1: paragraphs 1-2 of 01
        ("03_japarov_moscow_tianshantimes_comments.html", 2, 3),  # clipping 2: paragraphs 3-4 of 03
    ],
)
def test_index_demo_corpus_clippings_map_to_the_right_paragraphs(demo_db, original, first, last):
    with Session(demo_db) as s:
        (link,) = [r for r in links_of(s, original) if r.copy_doc == "05_clippings_blog.txt"]
        text = s.get(DocumentRow, original).text
        body = s.scalars(select(UnitRow).where(UnitRow.doc_id == original, UnitRow.kind == "article")).first()
        paras = paragraphs(text, body)
        assert paras[first][0] <= link.original_start < paras[first][1]
        assert paras[last][0] < link.original_end <= paras[last][1]
        copy = s.get(DocumentRow, "05_clippings_blog.txt").text
        assert words(copy[link.copy_start : link.copy_end]) == words(text[link.original_start : link.original_end])


def test_index_demo_corpus_copies_are_marked_and_originals_are_not(demo_db):
    with Session(demo_db) as s:
        marked = {
            (u.doc_id, u.copied_from)
            for u in s.scalars(select(UnitRow).where(UnitRow.copied_from.is_not(None)))
        }
        originals = {o for o, _ in EXPECTED}
        assert {d for d, _ in marked} <= {c for _, c in EXPECTED}
        assert "12_air_defence_rsdigest_syndicated.html" in {d for d, _ in marked}
        assert not any(u.copied_share for u in s.scalars(select(UnitRow).where(UnitRow.doc_id.in_(originals))))
