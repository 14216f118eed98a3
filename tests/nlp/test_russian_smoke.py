"""natasha and pymorphy2 load under this Python (pymorphy2 0.9 needs inspect.getargspec,
removed in 3.11: the stage restores it) and their output maps to Sphere's codes."""

from __future__ import annotations

from datetime import date

from sphere.types import Unit


def test_pymorphy2_loads_and_lemmatises():
    from sphere.nlp.russian import lemma

    assert [lemma(w) for w in ("Таджикистана", "Рахмоном", "России", "ОДКБ", "201-й")] == [
        "таджикистан", "рахмон", "россия", "ОДКБ", "201"]  # acronyms stay as written


def test_natasha_finds_unknown_russian_person():
    from sphere.nlp.russian import russian_mentions

    unit = Unit("t", "body", "article", 0, 40)
    ms = russian_mentions("Иван Петров заявил журналистам.", unit, 0, date(2021, 1, 1))
    assert [(m.text, m.code, m.kind) for m in ms] == [("Иван Петров", None, "person")]


def test_russian_inflected_names_map_to_codes():
    from sphere.nlp.russian import russian_mentions

    text = "Шойгу заявил, что 201-я российская военная база в Таджикистане получит новое вооружение."
    ms = russian_mentions(text, Unit("t", "body", "article", 0, len(text)), 0, date(2021, 8, 19))
    assert [(m.code, m.kind, m.identifier_text) for m in ms] == [
        ("RUS", "person", "Sergei Shoigu"),
        ("RUS", "military-unit", "201st Military Base"),
        ("TJK", "state", None),
    ]


def test_russian_surname_is_not_a_place():
    """"Кабулов" (Zamir Kabulov) lemmatises as a noun to "кабул": names are matched as given."""
    from sphere.nlp.russian import russian_mentions

    text = "Замир Кабулов прилетел в Кабул. Переговоры в Кабуле продолжатся."
    ms = russian_mentions(text, Unit("t", "body", "article", 0, len(text)), 0, date(2021, 8, 19))
    assert [(m.text, m.code, m.kind) for m in ms] == [
        ("Замир Кабулов", "RUS", "person"), ("Кабул", "PLACE:Kabul", "place"), ("Кабуле", "PLACE:Kabul", "place")]


def test_russian_acronym_only_as_written():
    from sphere.nlp.russian import russian_mentions

    text = "Он отошёл от дома."  # "от" is not ОТО (the United Tajik Opposition)
    assert russian_mentions(text, Unit("t", "body", "article", 0, len(text)), 0, None) == []
