"""Phrases that refer back to parties named before, on sentences written for these tests: a
counted group named member by member ("all three presidents, X, Y and Z" ... "the three
leaders"; "the four presidents" adds the one named since), and a noun named with its party
("Russian bombers" ... "the bombers")."""

import pytest

from conftest import codes, of_type, only

GROUP = "All three presidents, Kassym-Jomart Tokayev, Sadyr Japarov and Emomali Rahmon, arrived in Sochi on Sunday. "


@pytest.mark.parametrize("text,parties", [
    # the group as counted, though another party (Putin) was named in between
    (GROUP + "Putin greeted them warmly. The three leaders signed a declaration on Monday.", {"KAZ", "KGZ", "TJK"}),
    # one more than the group: the group and the party named since
    (GROUP + "Putin greeted them warmly. The four presidents signed a declaration on Monday.", {"KAZ", "KGZ", "TJK", "RUS"}),
    # no group named: the last parties named, as many as counted
    ("Putin met Kassym-Jomart Tokayev, Sadyr Japarov and Emomali Rahmon in Sochi on Sunday. "
     "The three leaders signed a declaration on Monday.", {"KAZ", "KGZ", "TJK"}),
])
def test_a_counted_group_stands_for_the_parties_it_counts(events_of, text, parties):
    ev = only(events_of(text), "SUPPORT")
    assert codes(ev.actors) == parties


def test_a_count_larger_than_the_parties_named_finds_no_one(events_of):
    events = events_of("Kassym-Jomart Tokayev arrived in Sochi on Sunday. The five leaders signed a declaration on Monday.")
    assert not of_type(events, "SUPPORT")


@pytest.mark.parametrize("text,actors", [
    ("Russian long-range bombers arrived in Dushanbe on Monday. The bombers then struck Taliban positions on Tuesday.", {"RUS"}),
    # a compound named with both parties stays compound
    ("Russian bombers and Chinese bombers flew over Kazakhstan on Monday. The bombers then struck Taliban positions on Tuesday.",
     {"RUS", "CHN"}),
])
def test_a_noun_named_with_its_party_keeps_it(events_of, text, actors):
    ev = only(events_of(text), "ASSAULT")
    assert codes(ev.actors) == actors
    assert codes(ev.recipients) == {"TALIBAN"}


@pytest.mark.parametrize("text", [
    "The bombers struck Taliban positions on Tuesday.",  # never named with a party
    "The bombers struck Taliban positions on Tuesday. Russian bombers arrived in Dushanbe on Wednesday.",  # named only later
])
def test_a_noun_never_named_before_with_a_party_has_no_actor(events_of, text):
    assert not [e for e in of_type(events_of(text), "ASSAULT") if "struck" in e.evidence[0].text]


@pytest.mark.parametrize("text,etype,parties", [
    ("The CSTO summit opened in Dushanbe on Thursday. The leaders agreed to reinforce the border.", "AGREE", {"CSTO"}),
    ("Leaders of Russia, Kazakhstan and Tajikistan gathered in Dushanbe for the CSTO summit on Thursday. "
     "The leaders signed a declaration on Friday.", "SUPPORT", {"CSTO", "RUS", "KAZ", "TJK"}),
])
def test_the_leaders_after_a_summit_are_those_who_met(events_of, text, etype, parties):
    assert codes(only(events_of(text), etype).actors) == parties


def test_the_leaders_with_no_meeting_told_are_no_one(events_of):
    assert not of_type(events_of("Russia sent aid to Tajikistan on Thursday. The leaders signed a declaration on Friday."), "SUPPORT")


@pytest.mark.parametrize("text", [
    "The drills, which involved troops from Russia, Kazakhstan and Kyrgyzstan, began in Tajikistan on Monday.",
    "Drills involving troops from Russia, Kazakhstan and Kyrgyzstan began in Tajikistan on Monday.",
])
def test_drills_name_who_takes_part_in_a_clause(events_of, text):
    ev = only(events_of(text), "COOPERATE")
    assert codes(ev.actors) | codes(ev.recipients) == {"RUS", "KAZ", "KGZ", "TJK"}
