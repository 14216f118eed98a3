"""What is a demand (PLOVER REQUEST): 'insisted on X', a reported 'must' addressed to another party;
not 'insisted that X would ...' (an assertion) nor a duty the speaker takes on ('we must').
Sentences written for these tests."""

import pytest

from conftest import codes, of_type, only


@pytest.mark.parametrize("text", [
    "Kassym-Jomart Tokayev said that Russia must withdraw its troops.",
    "Kassym-Jomart Tokayev insisted on the withdrawal of Russian troops.",
    "Kassym-Jomart Tokayev insisted that Russia must withdraw its troops.",
])
def test_demands_of_another_party(events_of, text):
    ev = only(events_of(text), "REQUEST")
    assert codes(ev.actors) == {"KAZ"} and codes(ev.recipients) == {"RUS"}


@pytest.mark.parametrize("text", [
    '"We must take care of them," Kassym-Jomart Tokayev said.',
    "Kassym-Jomart Tokayev said that we must protect our border.",
    "Kassym-Jomart Tokayev insisted that the union would remain an economic project.",
])
def test_assertions_and_duties_taken_on_are_no_demands(events_of, text):
    assert not of_type(events_of(text), "REQUEST")


def test_what_a_speaker_insists_on_is_not_the_speakers_act(events_of):
    text = "The United States insisted unrest there reflected old ethnic tensions."
    assert not [e for e in of_type(events_of(text), "PROTEST") if "USA" in codes(e.actors)]


@pytest.mark.parametrize("text,asked", [
    ("Tajikistan asked Russia for help on Monday.", True),
    ("Tajikistan appealed for calm on Monday.", True),
    ("Tajikistan appealed to the CSTO on Monday.", True),
    ("Tajikistan urged restraint on Monday.", True),
    ("Tajikistan asked, and nobody came.", False),  # asking for nothing of no one
    ("Tajikistan asked on Monday.", False),
])
def test_a_request_asks_something_or_someone(events_of, text, asked):
    assert bool(of_type(events_of(text), "REQUEST")) == asked


def test_pushing_for_a_clause_is_a_request(events_of):
    ev = only(events_of("Kazakhstan is pushing hard for the United States to support its plan."), "REQUEST")
    assert codes(ev.actors) == {"KAZ"}
