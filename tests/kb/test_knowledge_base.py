"""The knowledge base as loaded from its data files: complete, sourced, and answering the
lookups other stages make (entity, state_of, locate)."""

from __future__ import annotations

from datetime import date

import pycountry
import pytest

from sphere.kb import load_kb
from sphere.types import Mention


@pytest.fixture(scope="module")
def kb():
    return load_kb()


def test_kb_every_entity_has_a_source(kb):
    assert all(e.source for e in kb.entities.values())
    assert all(p.source and p.offices for p in kb.persons.values())


def test_kb_sovereign_states_present(kb):
    # every UN member state (ISO 3166-1 alpha-3 codes of pycountry with an entry)
    for code in ("RUS", "TJK", "KGZ", "KAZ", "UZB", "TKM", "AFG", "CHN", "USA", "IRN", "PAK", "IND",
                 "TUR", "GBR", "FRA", "DEU", "JPN", "PSE", "GMB", "BEN"):
        assert kb.entity(code).kind == "state"
    states = [e for e in kb.entities.values() if e.kind == "state"]
    assert len(states) >= 190
    assert all(pycountry.countries.get(alpha_3=e.code) or e.code == "XKX" for e in states)


@pytest.mark.parametrize(("alias", "ref", "role"), [
    ("Russians", "RUS", "demonym"), ("Tajiks", "TJK", "demonym"), ("Afghans", "AFG", "demonym"),
    ("Kirghiz", "KGZ", "demonym"), ("Moscow", "RUS", "capital"), ("Beijing", "CHN", "capital"),
    ("Burma", "MMR", "name"), ("Zaire", "COD", "name"), ("Czechoslovakia", "CZE", "name"),
    ("Soviet Union", "RUS", "name"), ("USSR", "RUS", "name"),
    ("ODKB", "CSTO", "igo"), ("Collective Security Treaty Organization", "CSTO", "igo"),
    ("Daesh", "ISIS", "group"), ("ISKP", "ISIS", "group"), ("Turkistan Islamic Party", "ETIM", "group"),
    ("Kremlin", "RUS", "organ"), ("Pentagon", "USA", "organ"),
    ("Kurgan-Tyube", "PLACE:Bokhtar", "place"), ("Qurghonteppa", "PLACE:Bokhtar", "place"),
    ("Tselinograd", "PLACE:Astana", "place"), ("Akmola", "PLACE:Astana", "place"),
    ("Leninabad", "PLACE:Khujand", "place"), ("Frunze", "PLACE:Bishkek", "place"),
    ("GBAO", "PLACE:Gorno-Badakhshan", "place"), ("Kant Airbase", "UNIT:Kant Air Base", "unit"),
    ("201st base", "UNIT:201st Military Base", "unit"), ("Transit Center at Manas", "UNIT:Transit Center at Manas", "unit"),
    ("Rahmonov", "person:Emomali Rahmon", "person"), ("Rakhmon", "person:Emomali Rahmon", "person"),
])
def test_kb_alias_targets(kb, alias, ref, role):
    assert any(t.ref == ref and t.role == role for t in kb.targets(alias))


@pytest.mark.parametrize(("code", "state"), [
    ("PLACE:Dushanbe", "TJK"), ("RUS", "RUS"), ("PLACE:Bokhtar", "TJK"), ("CSTO", None),
    ("TALIBAN", None), ("PLACE:Central Asia", None), ("UNIT:Kant Air Base", "RUS"), ("NOPE", None),
])
def test_kb_state_of(kb, code, state):
    assert kb.state_of(code) == state


@pytest.mark.parametrize(("mention", "name", "country"), [
    (Mention("d", "u", 0, 5, "Dushanbe", "PLACE:Dushanbe", "place"), "Dushanbe", "TJK"),
    (Mention("d", "u", 0, 5, "Kant", "RUS", "military-unit", "MIL", "Kant Air Base"), "Kant Air Base", "KGZ"),
    (Mention("d", "u", 0, 5, "Tehran", "PLACE:Tehran", "place"), "Tehran", "IRN"),
    (Mention("d", "u", 0, 5, "Aleppo", None, "place"), "Aleppo", "SYR"),
])
def test_kb_locate_places_and_bases(kb, mention, name, country):
    loc = kb.locate(mention)
    assert (loc.name, loc.country) == (name, country) and loc.lat is not None


def test_kb_locate_none_for_states(kb):
    assert kb.locate(Mention("d", "u", 0, 6, "Russia", "RUS", "state")) is None


@pytest.mark.parametrize(("name", "day", "acts_for", "note"), [
    ("Vladimir Putin", date(2010, 1, 1), "RUS", None),
    ("Nursultan Nazarbayev", date(2023, 1, 1), "KAZ", "former chairman of the Security Council (left office 2022-01-05)"),
    ("Kassym-Jomart Tokayev", date(2005, 6, 1), "KAZ", None),
    ("Kassym-Jomart Tokayev", date(2012, 6, 1), "UN", None),
    ("Eduard Shevardnadze", date(1987, 1, 1), "RUS", None),
])
def test_kb_office_at_date(kb, name, day, acts_for, note):
    office, got_note = kb.person(name).office_at(day)
    assert office.acts_for == acts_for and got_note == note


def test_kb_fuzzy_needs_close_names(kb):
    assert kb.fuzzy_targets("Zheenbekov")[0][0].ref == "person:Sooronbay Jeenbekov"
    assert kb.fuzzy_targets("Kaliyev")[0] == ()  # not Aliyev
