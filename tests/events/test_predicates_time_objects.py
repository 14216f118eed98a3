"""A month, a year or a stretch of time is no event and no complement, whether or not the NER
ran on the sentence: with the knowledge base's ruler every name below is known, so the gated NER
(nlp/gated_ner.py) skips these sentences and "March" gets no DATE label."""

from datetime import date

import pytest

from sphere.events import extract_events
from sphere.nlp import parse_document
from sphere.types import Document, Unit


def real_events(text: str):
    """The whole stage, with Sphere's own knowledge base (not the tests' tiny gazetteer)."""
    unit = Unit("t", "body", "article", 0, len(text), published=date(2018, 5, 11))
    document = Document("t", "t", "", "utf-8", "text", "plain", text, published=date(2018, 5, 11), units=(unit,))
    return extract_events(parse_document(document))


@pytest.mark.parametrize("text", [
    "Russia also took part in counter-terrorism exercises in Tajikistan and Kyrgyzstan in March, officials said.",
    "Kazakhstan joined anti-terror drills in Uzbekistan in March, Shoigu said.",
])
def test_month_march_is_no_protest(text):
    events = real_events(text)
    assert [e.event_type for e in events if e.event_type == "PROTEST"] == []
    assert any(e.event_type == "COOPERATE" for e in events)


def test_a_march_is_still_a_protest():
    events = real_events("Kyrgyz opposition supporters staged a march in Bishkek on Monday.")
    assert any(e.event_type == "PROTEST" for e in events)
