"""Every hard case of ../shared/spec/ACTORS.md, resolved in a sentence by the whole stage."""

from __future__ import annotations

from datetime import date

import pytest
from nlp_helpers import find

D2021 = date(2021, 8, 10)

CASES = [
    # (sentence, surface, code, kind, sector, identifier_text)
    ("Vladimir Putin met the delegation.", "Vladimir Putin", "RUS", "person", "GOV", "Vladimir Putin"),
    ("Later Putin said the talks went well.", "Putin", "RUS", "person", "GOV", "Vladimir Putin"),
    ("Emomali Rahmon received the envoy in Dushanbe.", "Emomali Rahmon", "TJK", "person", "GOV", "Emomali Rahmon"),
    ("Sergei Shoigu inspected the troops.", "Sergei Shoigu", "RUS", "person", "MIL", "Sergei Shoigu"),
    ("The Russian Defence Ministry announced the drills.", "Russian Defence Ministry", "RUS", "state", "MIL", None),
    ("The Russian Foreign Ministry protested.", "Russian Foreign Ministry", "RUS", "state", "GOV", None),
    ("The statement came from the Kremlin on Monday.", "Kremlin", "RUS", "state", "GOV", None),
    ("The Pentagon declined to comment.", "Pentagon", "USA", "state", "MIL", None),
    ("Soldiers of the 201st Military Base took part.", "201st Military Base", "RUS", "military-unit", "MIL", "201st Military Base"),
    ("Tanks from the 201st base rolled out.", "201st base", "RUS", "military-unit", "MIL", "201st Military Base"),
    ("Jets landed at Kant Airbase.", "Kant Airbase", "RUS", "military-unit", "MIL", "Kant Air Base"),
    ("Jets landed at Kant Air Base.", "Kant Air Base", "RUS", "military-unit", "MIL", "Kant Air Base"),
    # demonyms, with the sector of what they modify
    ("Russian troops crossed the border.", "Russian", "RUS", "state", "MIL", None),
    ("Tajik border guards stopped them.", "Tajik", "TJK", "state", "MIL", None),
    ("The Kyrgyz President flew home.", "Kyrgyz", "KGZ", "state", "GOV", None),
    ("Many Afghans fled north.", "Afghans", "AFG", "state", None, None),
    # capitals standing for governments, and capitals as places
    ("Moscow has promised to help.", "Moscow", "RUS", "state", None, None),
    ("Dushanbe rejected the claim.", "Dushanbe", "TJK", "state", None, None),
    ("Beijing and Washington exchanged warnings.", "Beijing", "CHN", "state", None, None),
    ("Beijing and Washington exchanged warnings.", "Washington", "USA", "state", None, None),
    ("Nobody in Washington will defend them.", "Washington", "USA", "state", None, None),
    ("The troops are stationed in Dushanbe.", "Dushanbe", "PLACE:Dushanbe", "place", None, None),
    ("He made a trip to Moscow in May.", "Moscow", "PLACE:Moscow", "place", None, None),
    ("DUSHANBE -- The drills ended on Tuesday.", "DUSHANBE", "PLACE:Dushanbe", "place", None, None),
    # abbreviations, full names, transliterations of IGOs
    ("The Collective Security Treaty Organisation met.", "Collective Security Treaty Organisation", "CSTO", "igo", None, None),
    ("The CSTO met.", "CSTO", "CSTO", "igo", None, None),
    ("Officials of the ODKB met.", "ODKB", "CSTO", "igo", None, None),
    ("NATO and the SCO held talks.", "SCO", "SCO", "igo", None, None),
    ("The Eurasian Economic Union grew.", "Eurasian Economic Union", "EAEU", "igo", None, None),
    # armed groups
    ("The Taliban entered the city.", "Taliban", "TALIBAN", "armed-group", None, None),
    ("Islamic State claimed the attack.", "Islamic State", "ISIS", "armed-group", None, None),
    ("ISIL fighters were seen there.", "ISIL", "ISIS", "armed-group", None, None),
    ("Daesh claimed the attack.", "Daesh", "ISIS", "armed-group", None, None),
    ("The IMU was active in 1999.", "IMU", "IMU", "armed-group", None, None),
    ("The East Turkestan Islamic Movement was blamed.", "East Turkestan Islamic Movement", "ETIM", "armed-group", None, None),
    ("Doctors Without Borders opened a clinic.", "Doctors Without Borders", "MSF", "organisation", None, None),
    # old and new names are one place
    ("The convoy reached Kurgan-Tyube.", "Kurgan-Tyube", "PLACE:Bokhtar", "place", None, None),
    ("The convoy reached Qurghonteppa.", "Qurghonteppa", "PLACE:Bokhtar", "place", None, None),
    ("The convoy reached Bokhtar.", "Bokhtar", "PLACE:Bokhtar", "place", None, None),
    ("The summit was held in Astana.", "Astana", "PLACE:Astana", "place", None, None),
    ("The summit was held in Nur-Sultan.", "Nur-Sultan", "PLACE:Astana", "place", None, None),
    ("The city was then called Tselinograd.", "Tselinograd", "PLACE:Astana", "place", None, None),
    # spellings and transliterations
    ("Sooronbay Jeenbekov spoke.", "Sooronbay Jeenbekov", "KGZ", "person", "GOV", "Sooronbay Jeenbekov"),
    ("President Zheenbekov spoke.", "Zheenbekov", "KGZ", "person", "GOV", "Sooronbay Jeenbekov"),
    ("President Rakhmon spoke.", "Rakhmon", "TJK", "person", "GOV", "Emomali Rahmon"),
    ("President Rahmonov spoke.", "Rahmonov", "TJK", "person", "GOV", "Emomali Rahmon"),
]


@pytest.mark.parametrize(("sentence", "surface", "code", "kind", "sector", "identifier"), CASES)
def test_resolve_hard_case(analyse, sentence, surface, code, kind, sector, identifier):
    m = find(analyse(sentence, D2021), surface)
    assert (m.code, m.kind, m.sector, m.identifier_text) == (code, kind, sector, identifier)


RUSSIAN = [
    ("Россия и Таджикистан подписали соглашение.", "Россия", "RUS", "state"),
    ("Россия и Таджикистан подписали соглашение.", "Таджикистан", "TJK", "state"),
    ("Учения ОДКБ прошли в Таджикистане.", "ОДКБ", "CSTO", "igo"),
    ("Учения ОДКБ прошли в Таджикистане.", "Таджикистане", "TJK", "state"),
    ("Министр обороны Сергей Шойгу прибыл в Душанбе.", "Сергей Шойгу", "RUS", "person"),
    ("Путин провёл переговоры с Рахмоном.", "Рахмоном", "TJK", "person"),
    ("Учения прошли на полигоне Харб-Майдон.", "Харб-Майдон", "PLACE:Harbmaidon", "place"),
]


@pytest.mark.parametrize(("sentence", "surface", "code", "kind"), RUSSIAN)
def test_resolve_russian_name(analyse, sentence, surface, code, kind):
    m = find(analyse(sentence, D2021), surface)
    assert (m.code, m.kind, m.lang) == (code, kind, "ru")


TIMES = [
    # a person resolves to the state they act for on the unit's date
    ("Eduard Shevardnadze arrived.", date(1988, 5, 1), "RUS", "Eduard Shevardnadze"),
    ("Eduard Shevardnadze arrived.", date(1999, 5, 1), "GEO", "Eduard Shevardnadze"),
    ("Kassym-Jomart Tokayev arrived.", date(2012, 5, 1), "UN", "Kassym-Jomart Tokayev"),
    ("Kassym-Jomart Tokayev arrived.", date(2020, 5, 1), "KAZ", "Kassym-Jomart Tokayev"),
    ("Abdul Ghani Baradar arrived.", date(2020, 5, 1), "TALIBAN", "Abdul Ghani Baradar"),
    # a former office holder keeps the last state
    ("Nursultan Nazarbayev arrived.", date(2023, 5, 1), "KAZ", "Nursultan Nazarbayev"),
    # one surname, two persons: the one in office on the date
    ("Bush arrived.", date(1990, 5, 1), "USA", "George H. W. Bush"),
    ("Bush arrived.", date(2004, 5, 1), "USA", "George W. Bush"),
]


@pytest.mark.parametrize(("sentence", "day", "code", "identifier"), TIMES)
def test_resolve_person_at_date(analyse, sentence, day, code, identifier):
    m = [m for m in analyse(sentence, day) if m.kind == "person"][0]
    assert (m.code, m.identifier_text) == (code, identifier)


def test_resolve_surname_follows_full_name_in_document(analyse):
    text = "Akylbek Japarov chaired the cabinet. Later Japarov flew to Moscow."
    ms = analyse(text, date(2022, 3, 1))
    assert find(ms, "Japarov").identifier_text == "Akylbek Japarov"


@pytest.mark.parametrize(("sentence", "surface", "code", "sector"), [
    ("French President Jacques Chirac said no.", "Jacques Chirac", "FRA", "GOV"),
    ("Gambian President Dawda Jawara arrived.", "Dawda Jawara", "GMB", "GOV"),
    ("Ukrainian Defence Minister Oleksii Reznikov arrived.", "Oleksii Reznikov", "UKR", "MIL"),
])
def test_resolve_unknown_person_by_title(analyse, sentence, surface, code, sector):
    m = find(analyse(sentence, None), surface)
    assert (m.code, m.kind, m.sector) == (code, "person", sector)


@pytest.mark.parametrize(("sentence", "surface", "code"), [
    ("The Ministry of Defense of Uzbekistan confirmed it.", "Ministry of Defense of Uzbekistan", "UZB"),
    ("The Kazakh Defence Ministry confirmed it.", "Kazakh Defence Ministry", "KAZ"),
])
def test_resolve_institution_is_one_mention(analyse, sentence, surface, code):
    m = find(analyse(sentence, D2021), surface)
    assert (m.code, m.kind, m.sector) == (code, "state", "MIL")


@pytest.mark.parametrize(("sentence", "surface", "expected"), [
    ("Kant protects Bishkek too.", "Kant", ("RUS", "military-unit")),
    ("Russian fighters are based at Kant in Kyrgyzstan.", "Kant", ("PLACE:Kant", "place")),
])
def test_resolve_base_short_name_by_use(analyse, sentence, surface, expected):
    text = "The Kant Air Base is Russian. " + sentence
    m = find(analyse(text, D2021), surface)
    assert (m.code, m.kind) == expected


def test_resolve_ethnic_group_is_not_the_state(analyse):
    ms = analyse("The new government excluded the country's ethnic Tajiks.", D2021)
    assert not [m for m in ms if m.text == "Tajiks"]
