"""The reuse index grows document by document: order does not matter, re-runs change nothing."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import delete, func, select
from sqlalchemy.orm import Session

from sphere.provenance import index_document
from sphere.provenance.synthetic import Writer
from sphere.store import models as m
from sphere.store.reuse import links_of

W = Writer(21)
ARTICLE = "\n\n".join(" ".join(W.paragraph(3, 5)) for _ in range(6))
OWN = "\n\n".join(" ".join(W.paragraph(2, 3)) for _ in range(2))
SYNDICATED = W.sentence() + "\n\n" + ARTICLE.split("\n\n", 1)[1]  # new first paragraph


def stored_links(engine):
    with Session(engine) as s:
        return sorted(
            (r.original_doc, r.copy_doc, r.copy_start, r.copy_end, r.direction_by) for r in links_of(s)
        )


def units(engine, doc_id):
    with Session(engine) as s:
        return [(u.copied_share, u.copied_from) for u in s.scalars(select(m.UnitRow).where(m.UnitRow.doc_id == doc_id))]


@pytest.mark.parametrize("original_first", [True, False])
def test_index_incremental_finds_the_link_whichever_document_comes_first(add, engine, original_first):
    docs = [
        ("wire.txt", ARTICLE, {"published": date(2021, 3, 2), "url": "https://wire.example/a"}),
        ("digest.txt", SYNDICATED, {"published": date(2021, 3, 3), "url": "https://digest.example/b"}),
    ]
    if not original_first:
        docs.reverse()
    found = [add(doc_id, text, **kw) for doc_id, text, kw in docs]
    assert found[0] == []  # nothing stored to compare with yet
    (link,) = found[1]
    assert (link.original_doc, link.copy_doc, link.direction_by) == ("wire.txt", "digest.txt", "date")
    assert SYNDICATED[link.copy_start : link.copy_end].startswith(ARTICLE.split("\n\n")[1][:40])
    # the copy is marked whether it was indexed before or after its original
    assert units(engine, "digest.txt")[0][0] > 0.8 and units(engine, "digest.txt")[0][1] == "wire.txt"
    assert units(engine, "wire.txt") == [(0.0, None)]


def test_index_incremental_reindexing_is_idempotent(add, engine):
    add("wire.txt", ARTICLE, published=date(2021, 3, 2))
    add("digest.txt", SYNDICATED, published=date(2021, 3, 3))
    before = stored_links(engine)
    with Session(engine) as s:
        bands = s.scalar(select(func.count()).select_from(m.ReuseBandRow))
    for doc_id in ("wire.txt", "digest.txt", "wire.txt"):
        with Session(engine) as s, s.begin():
            index_document(s, doc_id)
    assert stored_links(engine) == before
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.ReuseBandRow)) == bands
        assert s.scalar(select(func.count()).select_from(m.SignatureRow)) == 2


def test_index_incremental_lookups_do_not_rescan_unrelated_documents(add, engine, monkeypatch):
    """A new document aligns only with documents sharing its band keys, not with every one."""
    from sphere.provenance import index as index_module

    for i in range(30):
        w = Writer(100 + i)
        add(f"other-{i}.txt", "\n\n".join(" ".join(w.paragraph()) for _ in range(4)))
    add("wire.txt", ARTICLE)
    aligned = []
    real = index_module.shared_passages_many

    def spy(a, bs):
        aligned.extend(b.view.doc_id for b in bs)
        return real(a, bs)

    monkeypatch.setattr(index_module, "shared_passages_many", spy)
    links = add("digest.txt", OWN + "\n\n" + ARTICLE)
    assert {link.original_doc for link in links} | {link.copy_doc for link in links} == {"wire.txt", "digest.txt"}
    assert aligned == ["wire.txt"]


def test_index_incremental_deleting_a_document_drops_its_index_and_links(add, engine):
    add("wire.txt", ARTICLE, published=date(2021, 3, 2))
    add("digest.txt", SYNDICATED, published=date(2021, 3, 3))
    with Session(engine) as s, s.begin():
        s.execute(delete(m.UnitRow).where(m.UnitRow.doc_id == "wire.txt"))
        s.execute(delete(m.DocumentRow).where(m.DocumentRow.id == "wire.txt"))
    with Session(engine) as s:
        assert links_of(s) == []
        assert s.scalar(select(func.count()).select_from(m.ReuseDocRow)) == 1
        num = s.scalar(select(m.ReuseDocRow.num).where(m.ReuseDocRow.doc_id == "digest.txt"))
        assert s.scalar(select(func.count()).select_from(m.ReuseBandRow).where(m.ReuseBandRow.doc_num != num)) == 0
