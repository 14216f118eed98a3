"""Conjoined acts share a date that hangs under neither ("on July 26, when X declared A and
ordered B": both on July 26), on sentences written for these tests."""

import pytest

from conftest import only


@pytest.mark.parametrize("text", [
    "The crisis deepened on July 26, when Sadyr Japarov declared a state of emergency and deployed troops to the border.",
    "It was July 26 when Emomali Rahmon declared martial law and mobilised reservists.",
])
def test_conjoined_acts_share_an_orphan_date(events_of, text):
    events = events_of(text)
    assert only(events, "COERCE").date == "2021-07-26"
    assert only(events, "MOBILIZE").date == "2021-07-26"


def test_a_date_of_one_conjunct_is_not_shared_with_another_paragraph(events_of):
    text = "It was July 26 when Emomali Rahmon declared martial law.\n\nTajikistan mobilised reservists."
    assert only(events_of(text), "MOBILIZE").date != "2021-07-26"


@pytest.mark.parametrize("text,first,when", [
    ("Sadyr Japarov declared a state of emergency and mobilised reservists on Monday.", "COERCE", "2021-08-02"),
    ("Putin condemned the attack on the border and sent troops to Tajikistan on Friday.", "ACCUSE", "2021-07-30"),
])
def test_a_date_closing_conjoined_acts_dates_them_all(events_of, text, first, when):
    assert only(events_of(text), first).date == when


def test_a_date_of_a_conjunct_with_its_own_subject_stays_its_own(events_of):
    events = events_of("Sadyr Japarov declared a state of emergency in 2020 and Russia mobilised reservists on Monday.")
    assert only(events, "COERCE").date == "2020"
    events = events_of("Sadyr Japarov declared a state of emergency, and Tajikistan mobilised reservists on Monday.")
    assert only(events, "COERCE").date != "2021-08-02"


@pytest.mark.parametrize("text,when", [
    # an undated act told right after a dated sentence of its paragraph happened that day
    ("Putin arrived in Dushanbe on Thursday, July 29. Outside, thousands of people rallied against the Russian base.", "2021-07-29"),
    # not across a paragraph break
    ("Putin arrived in Dushanbe on Thursday, July 29.\n\nOutside, thousands of people rallied against the Russian base.", None),
])
def test_an_undated_act_takes_the_day_of_the_sentence_before_in_its_paragraph(events_of, text, when):
    assert only(events_of(text), "PROTEST").date == when


@pytest.mark.parametrize("text,when", [
    ("Last month the Taliban said they had sent thousands of fighters to the Tajik border.", "2021-07"),
    # a day of report does not date what was done before it
    ("On Friday the Taliban said they had sent thousands of fighters to the Tajik border.", None),
])
def test_an_act_reported_done_takes_the_month_of_its_report(events_of, text, when):
    assert only(events_of(text), "MOBILIZE").date == when
