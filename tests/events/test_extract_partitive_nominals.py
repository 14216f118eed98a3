"""An event nominal counted by a partitive noun ("two rounds of talks", "five days of drills")
is carried by the light verb of that noun, as if it were its object."""

from __future__ import annotations

import pytest

from conftest import codes, of_type


@pytest.mark.parametrize("text,etype,actors", [
    ("Kazakh and Kyrgyz troops completed two weeks of joint drills near Osh on Friday.", "COOPERATE", {"KAZ", "KGZ"}),
    ("Uzbekistan and Tajikistan concluded a series of joint exercises on Thursday.", "COOPERATE", {"UZB", "TJK"}),
    ("Russia and Kazakhstan held three rounds of talks in Astana in March.", "CONSULT", {"RUS", "KAZ"}),
])
def test_partitive_nominal_is_coded(events_of, text, etype, actors):
    found = of_type(events_of(text), etype)
    assert found, [(e.event_type, codes(e.actors)) for e in events_of(text)]
    assert codes(found[0].actors) | codes(found[0].recipients) >= actors


@pytest.mark.parametrize("text", [
    "The ministry spent three days of its budget review on pensions.",  # no event nominal after "of"
    "Tajikistan counted a number of drills in its annual report.",  # "count" is no light verb
])
def test_partitive_without_light_verb_or_event_is_nothing(events_of, text):
    assert not of_type(events_of(text), "COOPERATE")
