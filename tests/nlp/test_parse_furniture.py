"""Furniture inside a unit is not read as the unit's text: blanked in its parse (offsets kept),
its names found as page text instead."""

from __future__ import annotations

import pytest
from nlp_helpers import make_document

from sphere.types import Unit

LINES = [
    "Russian and Tajik troops held drills at Harbmaidon on Tuesday, the ministry said.",
    "READ MORE: Putin and Mirziyoyev discuss Afghanistan by phone",
    "Subscribe to our Telegram channel for news from Kazakhstan",
    "The exercise ended with live firing near the Afghan border, officers said.",
]
TEXT = "\n".join(LINES)


@pytest.fixture(scope="module")
def parsed():
    from sphere.nlp import parse_document

    units = (Unit("t", "body", "article", 0, len(TEXT)),)
    return parse_document(make_document(TEXT, units=units))


def test_parse_furniture_blanked_in_the_unit_parse(parsed):
    pu = parsed.units[0]
    assert len(pu.doc.text) == len(TEXT) and pu.doc.text.count("\n") == TEXT.count("\n")
    assert "Putin" not in pu.doc.text and "Telegram" not in pu.doc.text
    assert pu.doc.text.startswith(LINES[0]) and pu.doc.text.endswith(LINES[3])


def test_parse_furniture_names_are_page_mentions(parsed):
    unit_codes = [m.code for m in parsed.units[0].mentions]
    assert "UZB" not in unit_codes and "KAZ" not in unit_codes
    page = {m.text: (m.unit_id, m.code) for m in parsed.outside}
    assert page["Putin"] == ("page", "RUS") and page["Mirziyoyev"] == ("page", "UZB")
    assert page["Kazakhstan"] == ("page", "KAZ")
    for m in parsed.mentions():
        assert TEXT[m.start:m.end] == m.text
