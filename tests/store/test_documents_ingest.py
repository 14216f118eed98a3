"""What ingest stores, on SQLite and on a real PostgreSQL server (SPHERE_TEST_PG)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import sphere.ingest.run as run
from sphere.store import models as m
from sphere.store.db import open_engine
from sphere.store.documents import load_document

CORPUS = Path(__file__).resolve().parents[2] / "examples" / "corpus"

ARTICLE = """Caspian Courier

Kazakh and Russian pilots fly joint sorties over Saryshagan

Russian and Kazakh air force crews flew joint sorties over the Saryshagan range this week, the defence ministry said.

About forty aircraft took part in the exercise, the largest of its kind since 2019.
"""

CLIPPINGS = """Reading notes

..........

2021-03-03
Kazakh and Russian pilots fly joint sorties over Saryshagan
Caspian Courier
Russian and Kazakh air force crews flew joint sorties over the Saryshagan range this week, the defence ministry said.
https://caspiancourier.example/2021/03/03/sorties

..........
"""


@pytest.fixture
def engine(db_url):
    e = open_engine(db_url)
    yield e
    e.dispose()


def count(engine, model) -> int:
    with Session(engine) as s:
        return s.scalar(select(func.count()).select_from(model))


def test_documents_ingest_corpus_round_trip(engine):
    summary = run.ingest([str(CORPUS)], engine, progress=False)
    assert summary.new == len(summary.doc_ids) >= 20 and len(summary.failures) == 1  # broken.html
    again = run.ingest([str(CORPUS)], engine, progress=False)
    assert again.new == 0 and again.unchanged == summary.new
    with Session(engine) as s:
        d = load_document(s, "03_japarov_moscow_tianshantimes_comments.html")
        assert [u.unit_id for u in d.units] == ["body"] + [f"comment-{i}" for i in range(1, 6)]
        assert d.text[d.units[1].start : d.units[1].end].startswith("The right choice.")
        row = s.get(m.DocumentRow, "10_ru_201st_base_cp1251.txt")
        assert row.encoding == "cp1251" and row.raw == (CORPUS / "10_ru_201st_base_cp1251.txt").read_bytes()
        assert row.date_source == "text" and row.published == date(2021, 8, 19)
        assert s.get(m.DocumentRow, "01_harbmaidon_drills_eurasiawire.html").date_source == "html"
        assert s.get(m.DocumentRow, "09_documents.jsonl#1").date_source == "container"
        assert s.scalar(select(func.count()).select_from(m.IngestFailureRow)) == 1


def test_documents_ingest_big_files_keep_path_and_hash(engine, tmp_path, monkeypatch):
    monkeypatch.setattr(run, "RAW_INLINE_MAX", 100)
    path = tmp_path / "big.txt"
    path.write_text(ARTICLE, encoding="utf-8")
    run.ingest([str(path)], engine, progress=False)
    with Session(engine) as s:
        row = s.get(m.DocumentRow, "big.txt")
        assert row.raw is None and row.raw_path == str(path.resolve()) and row.size == len(ARTICLE.encode())
        from sphere.ids import content_hash

        assert row.content_hash == content_hash(path.read_bytes())


@pytest.mark.parametrize("order", ["article first", "clippings first"])
def test_documents_ingest_undated_article_borrows_its_clipping_date(engine, tmp_path, order):
    (tmp_path / "article.txt").write_text(ARTICLE, encoding="utf-8")
    (tmp_path / "notes.txt").write_text(CLIPPINGS, encoding="utf-8")
    names = ["article.txt", "notes.txt"] if order == "article first" else ["notes.txt", "article.txt"]
    for name in names:
        run.ingest([str(tmp_path / name)], engine, progress=False)
    with Session(engine) as s:
        row = s.get(m.DocumentRow, "article.txt")
        assert row.published == date(2021, 3, 3) and row.date_source == "clipping notes.txt#clipping-1"
        assert load_document(s, "article.txt").units[0].published == date(2021, 3, 3)


def test_documents_ingest_known_outlets_use_the_registry(engine):
    run.ingest([str(CORPUS / "01_harbmaidon_drills_eurasiawire.html")], engine, progress=False)
    with Session(engine) as s:
        row = s.get(m.DocumentRow, "01_harbmaidon_drills_eurasiawire.html")
        outlet = s.get(m.OutletRow, row.outlet_id)
    assert outlet.name == "Eurasia Wire"
    try:
        from sphere.kb.outlets import find_outlet
    except ImportError:
        return
    known = find_outlet(name="Eurasia Wire")
    if known is not None:
        assert outlet.known and outlet.id == known.id
