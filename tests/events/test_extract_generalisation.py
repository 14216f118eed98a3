"""Mechanisms that carry the extractor to text it was not tuned on, on sentences written for these
tests: crowds as actors and the state a text is set in, group anaphora ("the two presidents"),
dates told relative to the sentence before, reported judgements, ceasefires, withdrawals from
organisations, ceded territory, and what stays no event."""

from datetime import date

import pytest

from conftest import codes, of_type, only


@pytest.mark.parametrize("text,mode,state", [
    ("Prices doubled in Bishkek over the winter. On Monday crowds stormed the city hall and set it on fire.", "riot", "KGZ"),
    ("In Tashkent, thousands of people gathered outside the parliament on Sunday.", "demo", "UZB"),
    ("Protesters marched through Dushanbe on Saturday.", "demo", "TJK"),
])
def test_crowds_protest_in_the_state_the_text_is_set_in(events_of, text, mode, state):
    ev = only(events_of(text), "PROTEST")
    assert mode in ev.mode
    assert codes(ev.actors) == {state}
    assert ev.actors[0].sector == "CVL"


@pytest.mark.parametrize("text", [
    "Tokayev said that the people gathered in Sochi had no mandate.",  # people, not a crowd
    "Putin said the situation was dangerous.",  # a judgement of no party
])
def test_no_event_without_an_act_or_a_judged_party(events_of, text):
    assert not of_type(events_of(text), "PROTEST") and not of_type(events_of(text), "ACCUSE")


@pytest.mark.parametrize("text,etype,parties", [
    ("Putin met Kassym-Jomart Tokayev in Sochi in May. The two presidents held talks on gas prices on Monday.", "CONSULT", {"RUS", "KAZ"}),
    ("Fighting broke out between Kyrgyzstan and Tajikistan in April. China sells weapons to both sides.", "AID", {"CHN", "KGZ", "TJK"}),
])
def test_group_anaphora_stand_for_the_parties_named_before(events_of, text, etype, parties):
    events = [e for e in of_type(events_of(text), etype) if any("two presidents" in x.text or "both sides" in x.text for x in e.evidence)]
    assert len(events) == 1
    assert codes(events[0].actors) | codes(events[0].recipients) == parties


@pytest.mark.parametrize("text,etype,when", [
    # the next day across a month boundary, from the sentence before
    ("Protesters occupied the central square of Bishkek on Wednesday, June 30. The next day Sadyr Japarov resigned.", "RETREAT", "2021-07-01"),
    # "the next day" after a date told in the same sentence
    ("Putin arrived in Dushanbe on July 20 and criticised the next day the Taliban offensive.", "ACCUSE", "2021-07-21"),
    ("Russia deployed troops to Tajikistan on Wednesday last week.", "MOBILIZE", "2021-07-28"),
    ("In October last year Russia and Uzbekistan held joint exercises near Termez.", "COOPERATE", "2020-10"),
])
def test_dates_told_relative_to_others(events_of, text, etype, when):
    ev = only(events_of(text, date(2021, 8, 2)), etype)
    assert ev.date == when


def test_hours_later_does_not_reach_into_another_paragraph(events_of):
    text = ("Kazakhstan sent aid to Kyrgyzstan in March.\n\nTokayev's speech angered Moscow. "
            "Within hours the Kremlin accused Kazakhstan of betrayal.")
    ev = only(events_of(text, date(2021, 8, 2)), "ACCUSE")
    assert ev.date != "2021-03"


@pytest.mark.parametrize("text,etype,actors,recipients", [
    ("The Kremlin said on Wednesday that Kazakhstan remained a close ally.", "SUPPORT", {"RUS"}, {"KAZ"}),
    ("Rahmon wrote that the Taliban are an enemy of every Tajik.", "ACCUSE", {"TJK"}, {"TALIBAN"}),
    ("China called the American decision a provocation.", "ACCUSE", {"CHN"}, {"USA"}),
])
def test_reported_judgements_are_support_or_accusation(events_of, text, etype, actors, recipients):
    ev = only(events_of(text), etype)
    assert codes(ev.actors) == actors
    assert recipients <= codes(ev.recipients)


@pytest.mark.parametrize("text,etype,mode", [
    ("Kyrgyzstan and Tajikistan declared a ceasefire on Friday.", "CONCEDE", None),  # declared: a promise
    ("Kyrgyzstan and Tajikistan observed the ceasefire on Saturday.", "RETREAT", "ceasefire"),  # implemented
    ("The Kyrgyz and Tajik armies ceased fire at midnight on Friday.", "RETREAT", "ceasefire"),
])
def test_ceasefires_declared_are_concessions_and_implemented_are_retreats(events_of, text, etype, mode):
    ev = only(events_of(text), etype)
    assert codes(ev.actors) == {"KGZ", "TJK"}
    assert mode is None or mode in ev.mode


@pytest.mark.parametrize("text,etype,mode,actors,recipients", [
    ("Uzbekistan pulled out of the CSTO in 2012.", "SANCTION", "withdraw", {"UZB"}, {"CSTO"}),
    ("Tajikistan left the SCO on Monday.", "SANCTION", "withdraw", {"TJK"}, {"SCO"}),
    ("The United States handed over the airbase to Kyrgyzstan on Tuesday.", "RETREAT", "withdraw", {"USA"}, {"KGZ"}),
    ("Rahmon accepted the resignation of the cabinet on Tuesday.", "RETREAT", "resign", {"TJK"}, set()),
    ("Russia ordered a halt to flights to Tajikistan on Friday.", "SANCTION", "discontinue", {"RUS"}, {"TJK"}),
])
def test_lexicon_types_from_the_plover_definitions(events_of, text, etype, mode, actors, recipients):
    ev = only(events_of(text), etype)
    assert mode in ev.mode
    assert codes(ev.actors) == actors
    assert recipients <= codes(ev.recipients)


def test_a_meeting_on_a_summits_sidelines_is_its_own_event(events_of):
    text = ("The leaders of Russia, China, Kazakhstan and Tajikistan met at the SCO summit in Dushanbe on Friday. "
            "Putin and Rahmon met on the sidelines on Friday.")
    meetings = of_type(events_of(text), "CONSULT")
    assert sorted(len(codes(e.actors) | codes(e.recipients)) for e in meetings)[0] == 2
    assert len(meetings) == 2


@pytest.mark.parametrize("text,actors", [
    ("A car bombing hit Kabul on Thursday, for which the Taliban claimed responsibility.", {"TALIBAN"}),
    ("The Taliban claimed responsibility for the bombing of a police station in Kabul.", {"TALIBAN"}),
])
def test_who_claimed_an_attack_carried_it_out(events_of, text, actors):
    ev = only(events_of(text), "ASSAULT")
    assert actors <= codes(ev.actors)


def test_taking_over_a_city_is_an_assault(events_of):
    ev = only(events_of("The Taliban took over Termez in August 2021."), "ASSAULT")
    assert codes(ev.actors) == {"TALIBAN"} and codes(ev.recipients) == {"UZB"}


def test_the_setting_is_the_state_the_text_is_most_about(events_of):
    text = ("Kyrgyzstan's parliament met on Monday. Kyrgyz deputies argued; a Russian envoy watched. "
            "Kyrgyzstan's president was absent. On Tuesday riot police fired at the crowd.")
    ev = only(events_of(text), "ASSAULT")
    assert codes(ev.actors) == {"KGZ"}


def test_what_protesters_demand_is_the_protest_not_a_request(events_of):
    events = events_of("In Bishkek the protesters are demanding the resignation of Sadyr Japarov.")
    assert not of_type(events, "REQUEST")


def test_an_undated_statement_takes_the_day_of_the_sentence_before(events_of):
    text = "Putin met Kassym-Jomart Tokayev in Sochi on Friday, July 30. Putin praised Kazakhstan as a close ally."
    ev = only(events_of(text, date(2021, 8, 2)), "SUPPORT")
    assert ev.date == "2021-07-30"


def test_calling_off_a_meeting_rejects_it(events_of):
    events = events_of("Putin called off a meeting with Rahmon on Monday.")
    ev = only(events, "REJECT")
    assert codes(ev.actors) == {"RUS"} and codes(ev.recipients) == {"TJK"}
    assert not of_type(events, "CONSULT")


def test_a_press_conference_is_no_consultation(events_of):
    assert not of_type(events_of("At a press conference in Tashkent on Monday, Mirziyoyev spoke about Russia."), "CONSULT")


@pytest.mark.parametrize("text,etype,when", [
    ("When the leaders of the CSTO gathered in Dushanbe on July 20, Rahmon refused to sign the declaration.", "REJECT", "2021-07-20"),
    ("Putin and Rahmon met in Dushanbe on July 20. On the sidelines of the summit Putin held talks with Sadyr Japarov.", "CONSULT", "2021-07-20"),
])
def test_dates_from_the_occasion(events_of, text, etype, when):
    events = [e for e in of_type(events_of(text), etype) if "KGZ" in codes(e.recipients) | codes(e.actors) or etype != "CONSULT"]
    assert events and all(e.date == when for e in events), [(e.date, codes(e.actors)) for e in events]


def test_combat_missions_are_air_attacks(events_of):
    ev = only(events_of("Russian bombers flew combat missions over Afghanistan on Monday."), "ASSAULT")
    assert codes(ev.actors) == {"RUS"} and "aerial" in ev.mode
