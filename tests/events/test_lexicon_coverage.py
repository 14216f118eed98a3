"""Predicates of PROTEST, MOBILIZE, COERCE, ASSAULT crowd-control, AID and SUPPORT that the
PLOVER manual names, on sentences written for these tests: strikes by workers, raised alert,
crowds dispersed or pushed back, aid received (the giver acts), support expressed for someone."""

import pytest

from conftest import codes, of_type, only


@pytest.mark.parametrize("text,state", [
    ("Workers went on strike in Kazakhstan on Monday.", "KAZ"),
    ("Oil workers in Kazakhstan staged a strike on Monday.", "KAZ"),
    ("Teachers in Bishkek began a strike on Monday.", "KGZ"),
])
def test_strikes_by_workers_are_protests(events_of, text, state):
    events = events_of(text)
    ev = only(events, "PROTEST")
    assert "strike" in ev.mode and codes(ev.actors) == {state}
    assert not of_type(events, "ASSAULT")


def test_a_military_strike_stays_an_assault(events_of):
    events = events_of("Russian bombers carried out a strike on Taliban positions on Monday.")
    assert of_type(events, "ASSAULT") and not of_type(events, "PROTEST")


@pytest.mark.parametrize("text,state", [
    ("Kazakhstan put its army on high alert on Monday.", "KAZ"),
    ("Tajikistan placed its border troops on combat readiness on Monday.", "TJK"),
])
def test_raising_alert_is_mobilisation(events_of, text, state):
    assert codes(only(events_of(text), "MOBILIZE").actors) == {state}


@pytest.mark.parametrize("text,etype,mode,state", [
    ("Police used tear gas against protesters in Bishkek on Thursday.", "ASSAULT", "crowd-control", "KGZ"),
    ("Riot police fired rubber bullets into the crowd in Bishkek on Thursday.", "ASSAULT", "crowd-control", "KGZ"),
    ("Police dispersed the crowd with tear gas in Tashkent on Thursday.", "ASSAULT", "crowd-control", "UZB"),
    ("Police dispersed the protesters in Tashkent on Thursday.", "COERCE", "restrict", "UZB"),
    ("Police broke up the rally in Tashkent on Thursday.", "COERCE", "restrict", "UZB"),
])
def test_crowd_control_and_dispersal(events_of, text, etype, mode, state):
    ev = only(events_of(text), etype)
    assert mode in ev.mode and codes(ev.actors) == {state}
    assert ev.date == "2021-07-29"


def test_gas_used_to_disperse_a_crowd_is_one_assault(events_of):
    events = events_of("Police used water cannon to disperse the crowd in Tashkent on Thursday.")
    ev = only(events, "ASSAULT")
    assert "crowd-control" in ev.mode and codes(ev.actors) == {"UZB"} and ev.date == "2021-07-29"
    assert not of_type(events, "COERCE")


@pytest.mark.parametrize("text,giver,receiver", [
    ("Kazakhstan received two helicopters from Russia on Monday.", "RUS", "KAZ"),
    ("Tajikistan received $10 million in aid from China on Monday.", "CHN", "TJK"),
])
def test_aid_received_is_coded_to_the_giver(events_of, text, giver, receiver):
    ev = only(events_of(text), "AID")
    assert codes(ev.actors) == {giver} and codes(ev.recipients) == {receiver}
    assert not of_type(events_of(text), "CONSULT")


def test_a_delegation_received_is_still_a_visit(events_of):
    ev = only(events_of("Putin received a delegation from Tajikistan in Moscow on Monday."), "CONSULT")
    assert codes(ev.actors) == {"TJK"} and codes(ev.recipients) == {"RUS"}


@pytest.mark.parametrize("text,recipient", [
    ("Russia expressed support for Kazakhstan's government on Monday.", "KAZ"),
    ("The Kremlin voiced solidarity with Tajikistan on Monday.", "TJK"),
])
def test_support_expressed_for_a_party(events_of, text, recipient):
    ev = only(events_of(text), "SUPPORT")
    assert codes(ev.actors) == {"RUS"} and codes(ev.recipients) == {recipient}


def test_support_expressed_for_no_one_is_no_event(events_of):
    assert not of_type(events_of("Russia expressed support on Monday."), "SUPPORT")


def test_a_crowd_counted_by_number_protests_in_the_state_the_text_is_set_in(events_of):
    text = "Kyrgyzstan hosted the CSTO summit. Outside, several thousand people rallied against the CSTO on Saturday."
    ev = only(events_of(text), "PROTEST")
    assert codes(ev.actors) == {"KGZ"} and codes(ev.recipients) == {"CSTO"}


@pytest.mark.parametrize("text,etype,mode,actors,recipients", [
    ("Tajik bulldozers demolished Kyrgyz homes near the border on Sunday.", "COERCE", "seize", {"TJK"}, {"KGZ"}),
    ("Kyrgyz police confiscated the property of Uzbek traders on Sunday.", "COERCE", "seize", {"KGZ"}, {"UZB"}),
    ("Taliban fighters blew up three power lines near Termez last month.", "ASSAULT", "explosives", {"TALIBAN"}, set()),
    ("The Taliban released two Uzbek border guards on Monday.", "RETREAT", "release", {"TALIBAN"}, {"UZB"}),
])
def test_property_seized_sabotage_and_release(events_of, text, etype, mode, actors, recipients):
    ev = only(events_of(text), etype)
    assert mode in ev.mode and codes(ev.actors) == actors and codes(ev.recipients) == recipients


def test_blowing_nothing_up_is_no_attack(events_of):
    assert not of_type(events_of("Russia blew its chance in Tajikistan last month."), "ASSAULT")


def test_fire_opened_to_disperse_a_crowd_is_one_assault_dated_by_its_clause(events_of):
    events = events_of("Kyrgyz police opened fire to disperse demonstrators in Bishkek on Monday, killing one person and arresting 12.")
    ev = only(events, "ASSAULT")
    assert codes(ev.actors) == {"KGZ"} and ev.date == "2021-08-02"
    arrests = [e for e in of_type(events, "COERCE") if "arrest" in e.mode]
    assert arrests and all(e.date == "2021-08-02" for e in arrests)  # the participle shares the main clause's day
    assert not [e for e in of_type(events, "COERCE") if "restrict" in e.mode]
