"""A chunk of documents stored in one transaction ends as storing them one by one would.

`save_documents` reads what its checks need once per chunk, so each case puts in one chunk the
documents whose storing depends on the ones before them: the same bytes twice, a file name
taken, a new version of a file stored earlier in the chunk, and clippings that date an undated
article stored before or after them. The chunk goes to `db_url` (SQLite, and PostgreSQL when
SPHERE_TEST_PG is set); the same documents saved one per transaction go to a SQLite file; the
statuses, ids, rows and units must be the same. A document that fails fails alone.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from sphere.ids import content_hash
from sphere.store import document_writes
from sphere.store import models as m
from sphere.store.db import open_engine
from sphere.store.document_writes import NewDocument, save_documents
from sphere.store.documents import save_document
from sphere.types import Document, Unit

TITLE = "Russian and Tajik troops hold drills"


def article(name: str, body: str, origin: str | None = None, title: str | None = TITLE, published=None,
            url: str | None = None) -> Document:
    raw = body.encode()
    return Document(
        doc_id=name, origin=origin or f"/data/{name}", content_hash=content_hash(raw), encoding="utf-8",
        media_type="text", extractor="plain", text=body, title=title, outlet="Steppe Herald", url=url,
        published=published, units=(Unit(name, "body", "article", 0, len(body), published=published, title=title),),
        raw=raw,
    )


def clippings(name: str, dates: list[date | None], titles: list[str], published=date(2021, 9, 1)) -> Document:
    parts = [f"{t}\nexcerpt {i}" for i, t in enumerate(titles)]
    body = "\n\n".join(parts)
    units, start = [], 0
    for i, (when, title, part) in enumerate(zip(dates, titles, parts, strict=True)):
        units.append(Unit(name, f"clipping-{i + 1}", "clipping", start, start + len(part), published=when, title=title))
        start += len(part) + 2
    raw = body.encode()
    return Document(
        doc_id=name, origin=f"/data/{name}", content_hash=content_hash(raw), encoding="utf-8",
        media_type="text", extractor="plain", text=body, title="Clippings", outlet=None,
        published=published, units=tuple(units), raw=raw,
    )


def same_bytes():
    return [NewDocument(article("a.txt", "One body.")), NewDocument(article("b.txt", "One body."))]


def name_taken():
    return [NewDocument(article("a.txt", "First body.", origin="/x/a.txt")),
            NewDocument(article("a.txt", "Second body.", origin="/y/a.txt")),
            NewDocument(article("a.txt", "Third body.", origin="/y/a.txt"))]  # its origin is an id now


def new_version_in_chunk():
    return [NewDocument(article("a.txt", "Old text.", published=date(2021, 1, 2)), replace_changed=True),
            NewDocument(article("b.txt", "Other text."), replace_changed=True),
            NewDocument(article("a.txt", "New text.", published=date(2021, 1, 3)), replace_changed=True),
            NewDocument(article("c.txt", "Old text."))]  # the replaced bytes are free again


def clipping_after_article():
    return [NewDocument(article("a.txt", "Undated copy.")),
            NewDocument(clippings("clips.txt", [date(2021, 5, 4), date(2021, 3, 2)], [TITLE, TITLE])),
            NewDocument(article("b.txt", "Another undated copy."))]


def clipping_before_article():
    return [NewDocument(clippings("clips.txt", [date(2021, 5, 4), None], ["Some other story told", TITLE])),
            NewDocument(article("a.txt", "Undated copy.")),
            NewDocument(clippings("more.txt", [date(2020, 1, 1)], [TITLE], published=None))]


def clips_dated_by_article():
    """An undated clipping blog dated by a clipping, whose undated clipping then dates an article."""
    return [NewDocument(clippings("first.txt", [date(2019, 7, 7)], ["Clippings of the month here"])),
            NewDocument(article("a.txt", "Undated copy.", title="Other story on the drills today")),
            NewDocument(replace(clippings("second.txt", [None], ["Other story on the drills today"], published=None),
                                title="Clippings of the month here"))]


# What the clippings date, as storing one document per transaction dated it before chunks existed
BORROWED = {
    "clipping_after_article": {"a.txt": "clipping clips.txt#clipping-1", "b.txt": "clipping clips.txt#clipping-2"},
    "clipping_before_article": {"a.txt": "clipping more.txt#clipping-1"},
    "clips_dated_by_article": {"a.txt": "clipping second.txt#clipping-1", "second.txt": "clipping first.txt#clipping-1"},
}
CASES = [same_bytes, name_taken, new_version_in_chunk, clipping_after_article, clipping_before_article,
         clips_dated_by_article]


def stored(engine) -> tuple[list, list]:
    with Session(engine) as s:
        docs = s.execute(select(
            m.DocumentRow.id, m.DocumentRow.origin, m.DocumentRow.content_hash, m.DocumentRow.text,
            m.DocumentRow.title, m.DocumentRow.outlet_id, m.DocumentRow.published, m.DocumentRow.date_source,
            m.DocumentRow.notes, m.DocumentRow.stages, m.DocumentRow.raw, m.DocumentRow.raw_path,
        ).order_by(m.DocumentRow.id)).all()
        units = s.execute(select(
            m.UnitRow.doc_id, m.UnitRow.unit_id, m.UnitRow.kind, m.UnitRow.start, m.UnitRow.end,
            m.UnitRow.published, m.UnitRow.title,
        ).order_by(m.UnitRow.doc_id, m.UnitRow.start)).all()
    return [tuple(r) for r in docs], [tuple(r) for r in units]


def one_by_one(items, url):
    """(statuses, rows after the first pass, statuses of a second pass)."""
    engine = open_engine(url)
    passes = []
    for _ in range(2):
        passes.append([save_document(engine, i.doc, i.outlet_id, i.keep_raw, i.raw_path, i.date_source, i.notes,
                                     i.segment_version, i.replace_changed) for i in items])
        if len(passes) == 1:
            rows = stored(engine)
    engine.dispose()
    return passes[0], rows, passes[1]


@pytest.mark.parametrize("case", CASES, ids=[c.__name__ for c in CASES])
def test_document_writes_chunk_is_one_by_one(case, db_url, tmp_path, monkeypatch):
    items = case()
    statuses, rows, again = one_by_one(items, f"sqlite:///{tmp_path / 'seq.db'}")
    borrowed = {r[0]: r[7] for r in rows[0] if (r[7] or "").startswith("clipping")}
    assert borrowed == BORROWED.get(case.__name__, {})
    engine = open_engine(db_url)
    calls = []
    real = document_writes.save_documents
    monkeypatch.setattr(document_writes, "save_documents", lambda e, i: calls.append(len(i)) or real(e, i))
    assert document_writes.save_documents(engine, items) == statuses
    assert calls == [len(items)]  # one transaction: no document failed and made it go one by one
    assert stored(engine) == rows
    assert save_documents(engine, items) == again  # a re-run: unchanged (or a version again)
    engine.dispose()


@pytest.mark.parametrize("bad", [0, 2, 4])
def test_document_writes_one_failure_fails_alone(bad, db_url, monkeypatch):
    items = [NewDocument(article(f"{i}.txt", f"Body {i}.")) for i in range(5)]
    real = document_writes.document_fields

    def fields_or_fail(doc, *args):
        if doc.doc_id == f"{bad}.txt":
            raise ValueError("cannot store this one")
        return real(doc, *args)

    monkeypatch.setattr(document_writes, "document_fields", fields_or_fail)
    engine = open_engine(db_url)
    saved = save_documents(engine, items)
    assert [type(s) for s in saved] == [ValueError if i == bad else tuple for i in range(5)]
    docs, units = stored(engine)
    assert [d[0] for d in docs] == [f"{i}.txt" for i in range(5) if i != bad]
    assert len(units) == 4  # no half document: the failed one's units went with it
    engine.dispose()
