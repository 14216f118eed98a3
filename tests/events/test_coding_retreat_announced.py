"""A withdrawal announced for the future is a concession made now (PLOVER CONCEDE); one that might
happen under a condition is no event; one that happened is a RETREAT. Sentences written for these
tests."""

from datetime import date

import pytest

from conftest import codes, of_type, only


@pytest.mark.parametrize("text", [
    "Russia will pull its troops out of Tajikistan by December, the Kremlin announced on Monday.",
    "Russia said on Monday it would withdraw its troops from Tajikistan.",
    "Russia is going to withdraw its troops from Tajikistan, Shoigu said on Monday.",
])
def test_an_announced_withdrawal_is_a_concession(events_of, text):
    events = events_of(text, date(2021, 8, 2))
    ev = only(events, "CONCEDE")
    assert codes(ev.actors) == {"RUS"}
    assert not of_type(events, "RETREAT")


@pytest.mark.parametrize("text", [
    "Russian troops might leave Tajikistan if the border is calm.",
    "Russian troops could withdraw from Tajikistan if the Taliban stopped their offensive.",
    "Russian troops would withdraw from Tajikistan only if the Taliban stopped their offensive.",
])
def test_a_conditional_withdrawal_is_no_concession(events_of, text):
    events = events_of(text)
    assert not of_type(events, "CONCEDE") and not of_type(events, "RETREAT")


def test_a_withdrawal_that_happened_is_a_retreat(events_of):
    events = events_of("Russia withdrew its troops from Tajikistan in June.")
    ev = only(events, "RETREAT")
    assert ev.date == "2021-06" and "withdraw" in ev.mode
    assert not of_type(events, "CONCEDE")


@pytest.mark.parametrize("text,when", [
    ("Russia will withdraw its troops from Tajikistan next year, Shoigu said on Monday.", "2021-08-02"),
    ("On Friday the Kremlin announced that Russia would pull its troops out of Tajikistan in 2023.", "2021-07-30"),
])
def test_an_announced_withdrawal_is_dated_when_announced(events_of, text, when):
    assert only(events_of(text, date(2021, 8, 2)), "CONCEDE").date == when
