"""Acts only officials perform as events (travel abroad): legislators count as officials, as do
ministers and presidents; private people travelling do not make an event. Sentences written for
these tests."""

import pytest

from conftest import codes, of_type, only


@pytest.mark.parametrize("text", [
    "Kyrgyz lawmakers travelled to Tashkent on Tuesday.",
    "A Kyrgyz senator travelled to Tashkent on Tuesday.",
    "The speaker of the Kyrgyz parliament travelled to Tashkent on Tuesday.",
    "The Kyrgyz foreign minister travelled to Tashkent on Tuesday.",
])
def test_legislators_and_ministers_travel_as_officials(events_of, text):
    ev = only(events_of(text), "CONSULT")
    assert codes(ev.actors) == {"KGZ"} and codes(ev.recipients) == {"UZB"}


@pytest.mark.parametrize("text", [
    "Kyrgyz students travelled to Tashkent on Tuesday.",
    "A Kyrgyz tourist travelled to Tashkent on Tuesday.",
])
def test_private_travel_is_no_visit(events_of, text):
    assert not of_type(events_of(text), "CONSULT")
