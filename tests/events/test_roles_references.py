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
