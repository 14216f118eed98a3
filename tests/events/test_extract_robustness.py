"""Odd input never breaks the event stage: empty or symbol-only units, undated units, units
without a parse (other languages), and a bad lexicon is a clear error naming the file."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from gazetteer import TinyKB, parse_text

from sphere.errors import ConfigError
from sphere.events import extract_events
from sphere.events.lexicon import parse_lexicon


@pytest.mark.parametrize("text", ["", "   \n\n  ", "----- ***** -----", "1 2 3 4 5", "Reply\nShare This Page\nLikes Received: 3"])
def test_odd_units_give_no_events(text):
    assert extract_events(parse_text(text, date(2021, 8, 2)), kb=TinyKB()) == []


def test_undated_units_still_give_events_without_relative_dates():
    events = extract_events(parse_text("Russia held joint drills with Tajikistan last Monday.", None), kb=TinyKB())
    assert [e.event_type for e in events] == ["COOPERATE"]
    assert events[0].date is None


def test_units_without_an_english_parse_are_skipped():
    parsed = parse_text("Russia held joint drills with Tajikistan on Monday.", date(2021, 8, 2))
    unparsed = replace(parsed, units=tuple(replace(u, doc=None, lang="ru") for u in parsed.units))
    assert extract_events(unparsed, kb=TinyKB()) == []


def test_without_a_knowledge_base_places_keep_their_names():
    events = extract_events(parse_text("Putin visited Dushanbe on Monday.", date(2021, 8, 2)), kb=None)
    assert all(e.evidence for e in events)


@pytest.mark.parametrize("data,problem", [
    ({}, "predicates"),
    ({"predicates": [{"lemmas": ["x"], "pos": "verb", "event": "HUG", "source": "s"}]}, "not a PLOVER event type"),
    ({"predicates": [{"lemmas": ["x"], "pos": "verb", "event": "AID"}]}, "missing 'source'"),
    ({"predicates": [{"lemmas": ["x"], "pos": "verb", "event": "AID", "source": "s", "colour": 1}]}, "unknown fields"),
    ({"predicates": [{"lemmas": ["x"], "pos": "verb", "event": "AID", "source": "s", "object": "@nope"}]}, "unknown word class"),
])
def test_bad_lexicon_is_a_clear_error(data, problem):
    with pytest.raises(ConfigError, match=problem) as err:
        parse_lexicon(data, "my_lexicon.yaml")
    assert "my_lexicon.yaml" in str(err.value)


def test_hard_wrapped_text_keeps_its_sentences_whole():
    text = ("Russia and Tajikistan held joint military drills near the Afghan border\n"
            "on Monday, the defence ministry said.\n"
            "Menu\nShare\n")
    events = extract_events(parse_text(text, date(2021, 8, 2)), kb=TinyKB())
    ev = next(e for e in events if e.event_type == "COOPERATE")
    assert ev.date == "2021-08-02"
    assert ev.evidence[0].text.startswith("Russia and") and ev.evidence[0].text.endswith("the defence ministry said.")
