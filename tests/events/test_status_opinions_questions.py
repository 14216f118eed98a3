"""What is believed, forecast or asked about is no event: a clause under a verb of belief whose
subject is a commentator or the writer ("analysts expect ...", "I think ..."), and a clause
introduced by "whether" (neither a promise nor a threat). News reported by officials stays.
Sentences written for these tests."""

import pytest

from conftest import codes, of_type, only


@pytest.mark.parametrize("text", [
    "Analysts expect Russia to deploy more troops to Tajikistan next year.",
    "Most experts believe that Russia deployed troops to Tajikistan in July.",
    "I think Russia will send troops to Tajikistan.",
    "Observers fear that the Taliban will attack Tajikistan.",
])
def test_forecasts_and_beliefs_of_commentators_are_no_events(events_of, text):
    events = events_of(text)
    assert not of_type(events, "MOBILIZE") and not of_type(events, "ASSAULT") and not of_type(events, "THREATEN")


@pytest.mark.parametrize("text,etype", [
    ("Whether Russia can actually deliver weapons to Tajikistan is another question.", "AID"),
    ("It is unclear whether Russia will send troops to Kyrgyzstan.", "MOBILIZE"),
    ("Nobody knows whether the Taliban will attack Tajikistan.", "ASSAULT"),
])
def test_what_is_asked_about_is_no_event(events_of, text, etype):
    events = events_of(text)
    assert not of_type(events, etype) and not of_type(events, "AGREE") and not of_type(events, "THREATEN")


@pytest.mark.parametrize("text,etype,actors", [
    ("Shoigu believes that Russia must defend Tajikistan.", "REQUEST", {"RUS"}),  # an official's belief is a statement
    ("Russia deployed troops to Tajikistan in July, analysts said.", "MOBILIZE", {"RUS"}),  # news, told by analysts
])
def test_officials_beliefs_and_news_told_by_analysts_stay(events_of, text, etype, actors):
    assert codes(only(events_of(text), etype).actors) == actors


@pytest.mark.parametrize("text", [
    "Russia could send troops to Tajikistan.",
    "Russia might strike Taliban positions in Afghanistan.",
    "Turkmenistan may also become a victim of attacks by the Taliban.",
])
def test_speculation_in_the_writers_voice_is_neither_promise_nor_threat(events_of, text):
    assert not events_of(text)


@pytest.mark.parametrize("text,etype,actors,recipients", [
    ("Putin said Russia could strike Taliban positions in Afghanistan.", "THREATEN", {"RUS"}, {"TALIBAN"}),
    # the condition of a threat or promise is neither; a trailing ", Putin said" reports the clause
    ("Russia will strike Taliban positions if they attack Tajikistan, Shoigu said.", "THREATEN", {"RUS"}, {"TALIBAN"}),
    ("Russia would help Tajikistan if the Taliban attacked, Putin said on Monday.", "AGREE", {"RUS"}, {"TJK"}),
])
def test_reported_threats_and_promises_but_not_their_conditions(events_of, text, etype, actors, recipients):
    events = events_of(text)
    ev = only(events, etype)
    assert codes(ev.actors) == actors and codes(ev.recipients) == recipients
    assert not [e for e in events if e.event_type in ("THREATEN", "ASSAULT") and "TALIBAN" in codes(e.actors)]
