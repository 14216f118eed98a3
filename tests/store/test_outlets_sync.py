"""The registry in the database: synced idempotently; stand-in rows folded when it learns them."""

from __future__ import annotations

from datetime import date

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from sphere.ids import content_hash
from sphere.kb.outlets import load_outlets
from sphere.store import models as m
from sphere.store.db import open_engine
from sphere.store.documents import save_document
from sphere.store.outlets import list_outlets, registry_outlet_id, sync_registry
from sphere.types import Document, Unit


def doc(doc_id: str, outlet: str | None) -> Document:
    text = f"Text of {doc_id}, long enough to be a document of its own."
    return Document(
        doc_id=doc_id, origin=doc_id, content_hash=content_hash(text.encode()), encoding="utf-8",
        media_type="text", extractor="plain", text=text, outlet=outlet, published=date(2021, 1, 1),
        units=(Unit(doc_id, "body", "article", 0, len(text)),),
    )


def test_outlets_sync_is_idempotent_and_complete(db_url):
    engine = open_engine(db_url)
    for _ in range(2):
        with Session(engine) as s, s.begin():
            sync_registry(s)
    with Session(engine) as s:
        assert s.scalar(select(func.count()).select_from(m.OutletRow)) == len(load_outlets())
        row = s.get(m.OutletRow, "caravanserai")
        assert row.known and "Central Command" in row.sponsor and row.sources["sponsor"]
        assert "central.asia-news.com" in row.domains


def test_outlets_sync_folds_a_seen_outlet_the_registry_knows(db_url):
    engine = open_engine(db_url)
    save_document(engine, doc("a.txt", "STEPPE HERALD"))  # stored before the registry was synced
    save_document(engine, doc("b.txt", "Some Local Blog"))
    with Session(engine) as s, s.begin():
        sync_registry(s)
    with Session(engine) as s:
        a = s.get(m.DocumentRow, "a.txt")
        assert a.outlet_id == "demo-steppe-herald"
        b = s.get(m.DocumentRow, "b.txt")
        unknown = s.get(m.OutletRow, b.outlet_id)
        assert unknown.known is False and unknown.name == "Some Local Blog"
        seen = {o.name: o for o in list_outlets(s, seen_only=True)}
        assert set(seen) == {"Steppe Herald", "Some Local Blog"}
        assert seen["Steppe Herald"].fictional and not seen["Some Local Blog"].known


def test_outlets_registry_outlet_id_adds_the_row_it_names(db_url):
    engine = open_engine(db_url)
    with Session(engine) as s, s.begin():
        assert registry_outlet_id(s, "https://www.rferl.org/a/x.html", None) == "rferl"
        assert registry_outlet_id(s, None, "Nobody Knows This One") is None
        assert s.get(m.OutletRow, "rferl").known
