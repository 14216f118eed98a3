"""Event records follow event.schema.json, and their evidence is verbatim document text."""

from datetime import date
from pathlib import Path

import jsonschema
import pytest

from sphere.events.schema import errors, event_schema, to_record, validate
from sphere.types import Event, Evidence, Location, Participant

REPO = Path(__file__).resolve().parents[2]
SHARED = (REPO / ".." / "shared").resolve()

TEXTS = [
    "Russia and Tajikistan signed a defence pact in Dushanbe on Monday.",
    "Putin will visit Tashkent next week, the Kremlin said.",
    "NATO is withdrawing its troops from Afghanistan.",
    "Uzbekistan said on Tuesday that the United States must withdraw its troops.",
]


@pytest.mark.parametrize("text", TEXTS)
def test_records_validate_and_quote_the_document(events_of, text):
    events = events_of(text, date(2021, 8, 2))
    assert events
    for ev in events:
        record = to_record(ev)
        validate(record)
        for e in record["evidence"]:
            assert text[e["start"]:e["end"]] == e["text"]


def test_schema_copy_is_the_shared_spec():
    shared = SHARED / "spec" / "event.schema.json"
    if not shared.exists():
        pytest.skip("no ../shared/spec")
    import json

    assert event_schema() == json.loads(shared.read_text(encoding="utf-8"))


def test_invalid_records_are_reported():
    ev = Event("x", "NOT_A_TYPE", (Participant("RUS"),), evidence=(Evidence("d", "body", "t", 0, 1),))
    record = to_record(ev)
    with pytest.raises(jsonschema.ValidationError):
        validate(record)
    assert any("event" in message for message in errors(record))


def test_record_fields_follow_plover_names():
    ev = Event("e1", "CONSULT", (Participant("RUS", "GOV", "Putin", "Vladimir Putin"),),
               (Participant("TJK"),), mode=("visit",), context=("diplomatic",), date="2021-05",
               date_precision="month", location=Location("Dushanbe", "TJK", 38.5, 68.8, 1221874),
               evidence=(Evidence("a.txt", "body", "Putin visited Dushanbe.", 0, 23),), sources=("Outlet",))
    r = to_record(ev)
    validate(r)
    assert r["event"] == ["CONSULT"] and r["actor"][0]["identifier_text"] == "Vladimir Putin"
    assert r["event_loc"]["geonameid"] == 1221874 and r["evidence"][0]["unit"] == "body"
