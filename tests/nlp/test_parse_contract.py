"""The stage's contract with the event stage: one ParsedUnit per unit, parsed once with the
parser and lemmas kept, mentions sorted, non-overlapping, in document offsets."""

from __future__ import annotations

from datetime import date

import pytest
from nlp_helpers import make_document

from sphere.types import Unit

TEXT = (
    "Russian and Tajik troops held drills at Harbmaidon.\n\n"
    "I think Moscow will stay. Kyrgyz President Sadyr Japarov agreed.\n\n"
    "The CSTO sent observers."
)


@pytest.fixture(scope="module")
def parsed():
    from sphere.nlp import parse_document

    units = (
        Unit("t", "body", "article", 0, 52, published=date(2021, 8, 10)),
        Unit("t", "comment-1", "comment", 53, 117, published=date(2021, 8, 11)),
        Unit("t", "comment-2", "comment", 119, len(TEXT)),
    )
    return parse_document(make_document(TEXT, date(2021, 8, 10), units=units))


def test_parse_every_unit_comes_back(parsed):
    assert [u.unit.unit_id for u in parsed.units] == ["body", "comment-1", "comment-2"]
    assert parsed.skipped == ()


def test_parse_doc_has_parser_and_lemmas(parsed):
    doc = parsed.units[0].doc
    assert doc.has_annotation("DEP") and doc.has_annotation("LEMMA")
    assert [t.lemma_ for t in doc if t.text == "held"] == ["hold"]
    assert parsed.units[0].offset == parsed.units[0].unit.start


@pytest.mark.parametrize("i", [0, 1, 2])
def test_parse_mentions_in_document_offsets(parsed, i):
    pu = parsed.units[i]
    assert pu.mentions
    for m in pu.mentions:
        assert TEXT[m.start : m.end] == m.text
        assert pu.unit.start <= m.start < m.end <= pu.unit.end
        assert m.unit_id == pu.unit.unit_id
        # the character span maps onto the unit's Doc
        assert pu.doc.char_span(m.start - pu.offset, m.end - pu.offset) is not None


def test_parse_mentions_sorted_and_disjoint(parsed):
    ms = parsed.mentions()
    assert ms == tuple(sorted(ms, key=lambda m: (m.start, m.end)))
    assert all(a.end <= b.start for a, b in zip(ms, ms[1:], strict=False))


def test_parse_pipe_same_as_one_by_one():
    from sphere.nlp import parse_document, pipe_documents

    docs = [make_document(t, date(2021, 1, 1), doc_id=str(i)) for i, t in enumerate(
        ["Putin called Rahmon.", "", "The Taliban took Kunduz.", "Lavrov met Wang Yi in Beijing."])]
    piped = [[(m.start, m.code) for m in p.mentions()] for p in pipe_documents(docs, batch_size=3)]
    single = [[(m.start, m.code) for m in parse_document(d).mentions()] for d in docs]
    assert piped == single
    assert piped[2] == [(4, "TALIBAN"), (17, "PLACE:Kunduz")]


def test_parse_page_text_outside_units():
    from sphere.nlp import parse_document

    text = "Japarov picks Moscow\n\nThe Kremlin welcomed Sadyr Japarov."
    unit = Unit("t", "body", "article", 22, len(text), published=date(2021, 2, 25))
    parsed = parse_document(make_document(text, date(2021, 2, 25), units=(unit,)))
    assert {m.unit_id for m in parsed.outside} == {"page"}
    assert [m.text for m in parsed.outside] == ["Japarov", "Moscow"]
    assert all(m.start >= 22 for u in parsed.units for m in u.mentions)
