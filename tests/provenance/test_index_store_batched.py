"""Indexing reads and writes the store in batches: same marks, every row, each span's own addresses."""

from __future__ import annotations

from datetime import date

import pytest
from sqlalchemy import select, update
from sqlalchemy.orm import Session

from sphere.provenance.synthetic import Writer
from sphere.provenance.text import tokenize
from sphere.store import reuse
from sphere.store.models import UnitRow

W = Writer(33)
ARTICLE = "\n\n".join(" ".join(W.paragraph(3, 5)) for _ in range(5))
COPY = W.sentence() + "\n\n" + ARTICLE.split("\n\n", 1)[1]
OTHER = "\n\n".join(" ".join(W.paragraph(2, 3)) for _ in range(3))
DOCS = ("wire.txt", "digest.txt", "own.txt")


def marks(engine) -> dict[str, list]:
    with Session(engine) as s:
        q = select(UnitRow.doc_id, UnitRow.copied_share, UnitRow.copied_from).order_by(UnitRow.id)
        return {d: [(sh, fr) for doc, sh, fr in s.execute(q) if doc == d] for d in DOCS}


@pytest.fixture
def linked(add):
    add("wire.txt", ARTICLE, published=date(2021, 3, 2))
    add("digest.txt", COPY, published=date(2021, 3, 3))
    add("own.txt", OTHER, published=date(2021, 3, 4))


@pytest.mark.parametrize("order", [DOCS, tuple(reversed(DOCS))])
def test_index_store_marking_many_documents_at_once_equals_one_by_one(engine, linked, order):
    expected = marks(engine)
    assert expected["digest.txt"][0][1] == "wire.txt" and expected["own.txt"] == [(0.0, None)]
    for one_by_one in (True, False):
        with Session(engine) as s, s.begin():
            s.execute(update(UnitRow).values(copied_share=None, copied_from=None))
            if one_by_one:
                for d in order:
                    reuse.mark_copied_units(s, d, 0.5)
            else:
                reuse.mark_copied_units_many(s, list(order), 0.5)
        assert marks(engine) == expected


def test_index_store_marks_are_seen_by_units_the_session_already_holds(engine, linked):
    with Session(engine) as s, s.begin():
        unit = s.scalars(select(UnitRow).where(UnitRow.doc_id == "digest.txt")).first()
        s.execute(update(UnitRow).values(copied_share=None, copied_from=None))
        s.expire_all()
        assert unit.copied_share is None
        reuse.mark_copied_units_many(s, ["digest.txt"], 0.5)
        assert unit.copied_from == "wire.txt" and unit.copied_share > 0.8


@pytest.mark.parametrize("extra", [0, reuse.IN_BATCH, 2 * reuse.IN_BATCH + 7])
def test_index_store_reads_every_row_whatever_the_number_of_values(engine, linked, extra):
    asked = [*DOCS, *(f"missing-{i}" for i in range(extra))]
    with Session(engine) as s:
        rows = reuse.fetch_in(s, "SELECT id FROM documents WHERE id IN ({marks})", asked)
        assert sorted(r[0] for r in rows) == sorted(DOCS)
        assert reuse.fetch_in(s, "SELECT id FROM documents WHERE id IN ({marks})", []) == []
        assert reuse.partners_of(s, "digest.txt") == {"wire.txt", "digest.txt"}
        assert reuse.partners_of(s, "own.txt") == set()


@pytest.mark.parametrize(
    "text, span, words",
    [
        # the "@" is outside the span: the span's words are words, as the span reads
        ("write to desk@example.org today", (0, 13), ["write", "to", "desk"]),
        ("write to desk@example.org today", (0, len("write to desk@example.org today")), ["write", "to", "today"]),
        ("mail a@b.cc. Then see www.example.org/x now", (13, 43), ["then", "see", "now"]),
        ("see WWW.Example.org/x and HTTP://a.b/c then", (0, 43), ["see", "and", "then"]),
    ],
)
def test_index_store_addresses_are_skipped_within_each_span(text, span, words):
    t = tokenize(text, [span])
    assert [text[s:e].casefold() for s, e in zip(t.starts, t.ends, strict=True)] == words
