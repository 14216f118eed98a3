"""Bad units never crash the stage, never lose a unit, and every skip is counted with a reason."""

from __future__ import annotations

import pytest
from nlp_helpers import make_document

from sphere.nlp.chunks import chunk_bounds
from sphere.types import Unit


def parse(text, units):
    from sphere.nlp import parse_document

    return parse_document(make_document(text, units=units))


@pytest.mark.parametrize(("text", "reason"), [
    ("", "empty unit"),
    ("   \n\t  ", "empty unit"),
    ("12345 --- 678 ... !!!", "no letters"),
    ("中华人民共和国外交部发言人表示，中方支持上海合作组织。", "language 'zh'"),
    ("وزارة الخارجية الروسية أعلنت اليوم عن اتفاق جديد مع طاجيكستان", "language 'ar'"),
])
def test_parse_unanalysable_unit_skipped_with_reason(text, reason):
    units = (Unit("t", "body", "article", 0, len(text)),)
    parsed = parse(text, units)
    assert len(parsed.units) == 1 and parsed.units[0].doc is None
    assert parsed.skipped and parsed.skipped[0][0] == "body" and reason in parsed.skipped[0][1]


def test_parse_bad_offsets_skipped_others_kept():
    text = "Putin met Rahmon in Dushanbe."
    units = (Unit("t", "body", "article", 0, len(text)), Unit("t", "comment-1", "comment", 10, 500))
    parsed = parse(text, units)
    assert [u.unit.unit_id for u in parsed.units] == ["body", "comment-1"]
    assert parsed.skipped == (("comment-1", "offsets 10-500 outside the text (29 chars)"),)
    assert [m.code for m in parsed.units[0].mentions] == ["RUS", "TJK", "PLACE:Dushanbe"]


def test_parse_mixed_language_unit_reads_both():
    text = ("Russian troops arrived in Tajikistan on Monday.\n"
            "Министр обороны России Сергей Шойгу прибыл в Душанбе.\n"
            "The CSTO welcomed the move.")
    parsed = parse(text, (Unit("t", "body", "article", 0, len(text)),))
    ms = parsed.units[0].mentions
    assert {(m.text, m.lang) for m in ms} >= {("Russian", "en"), ("CSTO", "en"), ("Сергей Шойгу", "ru"), ("Душанбе", "ru")}
    assert all(text[m.start:m.end] == m.text for m in ms)
    assert parsed.skipped == ()


def test_chunk_bounds_partition_text():
    text = ("One sentence here. " * 50 + "\n\n") * 40 + "x" * 5000
    bounds = chunk_bounds(text, 1000)
    assert "".join(text[s:e] for s, e in bounds) == text
    assert all(e - s <= 1000 for s, e in bounds)


@pytest.mark.slow
def test_parse_one_megabyte_unit_offsets_right():
    para = "Russian troops and Tajik border guards met near Kulob on Monday, the ministry said. "
    # about 1 MB; numbered paragraphs (a paragraph printed twice is furniture, not text)
    text = "".join(f"{n}. " + para * 12 + "\n\n" for n in range(1000))
    text = text[:1_000_000]
    parsed = parse(text, (Unit("t", "body", "article", 0, len(text)),))
    pu = parsed.units[0]
    assert pu.doc is not None and pu.doc.text == text
    assert parsed.skipped == ()
    assert len(pu.mentions) > 20_000
    last = pu.mentions[-1]
    assert text[last.start:last.end] == last.text
