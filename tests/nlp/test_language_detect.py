"""Language by script first, then lingua within the script."""

from __future__ import annotations

import pytest

from sphere.nlp.language import cyrillic_stretches, detect_language


@pytest.mark.parametrize(("text", "lang"), [
    ("Russian troops held drills in Tajikistan on Tuesday, the ministry said.", "en"),
    ("Российские военные провели учения в Таджикистане вместе с узбекскими коллегами.", "ru"),
    ("Україна та Росія підписали угоду про перемир'я на сході країни.", "uk"),
    ("Le président français a rencontré son homologue russe à Moscou.", "fr"),
    ("中华人民共和国外交部发言人表示", "zh"),
    ("", "und"),
    ("-- 2021 --", "und"),
])
def test_detect_language(text, lang):
    assert detect_language(text) == lang


def test_cyrillic_stretches_are_the_russian_lines():
    text = "English line here.\nРоссийские военные прибыли в Душанбе.\nMore English."
    (start, end), = cyrillic_stretches(text)
    assert text[start:end] == "Российские военные прибыли в Душанбе."


def naive_script_counts(text: str) -> dict[str, int]:
    """The definition: letters per script, one character at a time, scripts in order met."""
    from sphere.nlp.language import script_of

    counts: dict[str, int] = {}
    for char in text:
        if char.isalpha():
            script = "LATIN" if char.isascii() else script_of(char)
            counts[script] = counts.get(script, 0) + 1
    return counts


def test_script_counts_as_counted_one_by_one():
    import random

    from sphere.nlp.language import script_counts

    rng = random.Random(7)
    alphabet = "abcXYZ 12,.\n\té€Жжй中ﬁ\u0301ΩαßÄ“”—"
    for _ in range(5000):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(0, 40)))
        assert list(script_counts(text).items()) == list(naive_script_counts(text).items()), text


@pytest.mark.parametrize(("text", "route"), [
    ("Russian troops held drills in Tajikistan on Tuesday, the ministry said.", "english"),
    ("Le président français a rencontré son homologue russe à Moscou.", "english"),
    ("Российские военные провели учения в Таджикистане вместе с узбекскими коллегами.", "russian"),
    ("Україна та Росія підписали угоду про перемир'я на сході країни.", "russian"),
    ("中华人民共和国外交部发言人表示", "skip"),
    ("-- 2021 --", "skip"),
])
def test_units_are_routed_by_their_script(text, route):
    from sphere.nlp.parse import plan_unit
    from sphere.types import Document, Unit

    unit = Unit("d", "body", "article", 0, len(text))
    document = Document("d", "file:d", "0" * 64, "utf-8", "text/plain", "plain", text, units=(unit,))
    assert plan_unit(document, unit).route == route

