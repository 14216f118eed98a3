"""Negation by 'no' ("sent no troops", "held no talks", "no troops were sent") and refusals:
a deployment a speaker says will not happen is a REJECT by the speaker, and a refusal conjoined
to a request rejects the one who asked. Sentences written for these tests."""

import pytest

from conftest import codes, of_type, only


@pytest.mark.parametrize("text,etype", [
    ("Russia sent no troops to Kazakhstan.", "MOBILIZE"),
    ("Russia and Kazakhstan held no talks on Monday.", "CONSULT"),
    ("There were no clashes on the Tajik border on Monday.", "ASSAULT"),
])
def test_what_no_one_did_is_no_event(events_of, text, etype):
    assert not of_type(events_of(text), etype)


def test_a_deployment_a_speaker_rules_out_is_a_rejection(events_of):
    events = events_of("Putin said no Russian troops would be sent to Kazakhstan.")
    ev = only(events, "REJECT")
    assert codes(ev.actors) == {"RUS"} and codes(ev.recipients) == {"KAZ"}
    assert not of_type(events, "MOBILIZE")


@pytest.mark.parametrize("text", [
    "In June 2010, Kyrgyzstan asked Russia to send soldiers to Osh, but the Kremlin declined.",
    "Kyrgyzstan asked Russia for troops on Monday, but Moscow refused.",
])
def test_a_refusal_of_a_request_rejects_the_requester(events_of, text):
    events = events_of(text)
    assert codes(only(events, "REQUEST").actors) == {"KGZ"}
    ev = only(events, "REJECT")
    assert codes(ev.actors) == {"RUS"} and codes(ev.recipients) == {"KGZ"}
