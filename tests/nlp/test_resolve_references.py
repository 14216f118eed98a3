"""Names that refer through other words: capitals as metaphors, lower-case organs, bare
ministries, IGO bodies, bracketed definitions, slang demonyms. Sentences written for the test."""

from __future__ import annotations

import pytest
from nlp_helpers import find


@pytest.mark.parametrize(("sentence", "surface", "code"), [
    # alignment: the capital is the government
    ("Central Asian elites rallied around Moscow after the fall of Kabul.", "Moscow", "RUS"),
    ("Over the decade Tashkent drifted towards Beijing.", "Beijing", "CHN"),
    ("Bishkek has stayed loyal to Moscow for thirty years.", "Moscow", "RUS"),
    ("Dushanbe pivoted to Moscow once the talks failed.", "Moscow", "RUS"),
    # the same prepositions with other words: the place
    ("Troops massed around Kabul as the insurgents advanced.", "Kabul", "PLACE:Kabul"),
    ("The delegation flew to Moscow on Tuesday.", "Moscow", "PLACE:Moscow"),
    ("Refugees walked towards Dushanbe for days.", "Dushanbe", "PLACE:Dushanbe"),
])
def test_resolve_capital_by_alignment(analyse, sentence, surface, code):
    assert find(analyse(sentence), surface).code == code


@pytest.mark.parametrize(("sentence", "surface", "identifier"), [
    ("The drills were led by the commander of the central military district.", "central military district", "Central Military District"),
    ("Units of the southern military district joined them.", "southern military district", "Southern Military District"),
])
def test_resolve_lower_case_unit_names(analyse, sentence, surface, identifier):
    m = find(analyse(sentence), surface)
    assert (m.code, m.kind, m.identifier_text) == ("RUS", "military-unit", identifier)


def test_resolve_lower_case_short_names_stay_common_words(analyse):
    # two-word lower-case phrases are common nouns, not the names they resemble
    mentions = analyse("The military district held a state duma election in the city.")
    assert not [m for m in mentions if m.code]


def test_resolve_outlet_named_like_an_organ_hides_nothing(analyse):
    m = find(analyse("The Russian defence ministry said the exercise was over."), "Russian")
    assert (m.code, m.kind) == ("RUS", "state")


def test_resolve_bare_ministry_named_earlier_with_its_state(analyse):
    text = ("Uzbekistan's Defence Ministry announced drills near Termez with Russia. "
            "Russian officers will attend. The Defence Ministry said the drills would last a week.")
    mentions = analyse(text)
    bare = [m for m in mentions if m.text == "Defence Ministry"]
    assert len(bare) == 1 and (bare[0].code, bare[0].sector) == ("UZB", "MIL")
    assert "named earlier" in bare[0].note


def test_resolve_bare_ministry_of_the_state_the_document_is_about(analyse):
    text = ("Tajikistan reinforced its southern border. Tajikistan called up reservists, and "
            "Tajik border guards moved to Khatlon. The Ministry of Defence said more units would follow, "
            "while Russia watched. Tajikistan asked its allies for help.")
    m = find(analyse(text), "Ministry of Defence")
    assert (m.code, m.kind, m.sector) == ("TJK", "state", "MIL")
    assert "the state the document is about" in m.note


def test_resolve_bare_ministry_without_a_clear_state_is_left_out(analyse):
    text = "Russia and Tajikistan held talks. The Ministry of Defence said Russia and Tajikistan agreed."
    assert not [m for m in analyse(text) if "Ministry" in m.text]


@pytest.mark.parametrize(("sentence", "surface", "code"), [
    ("The Council of Foreign Ministers of the SCO met in Tashkent.", "Council of Foreign Ministers", "SCO"),
    ("Officers of the CSTO Joint Staff planned the exercise.", "Joint Staff", "CSTO"),
    ("At the CSTO summit the Collective Security Council adopted a statement.", "Collective Security Council", "CSTO"),
])
def test_resolve_igo_body_takes_its_igo(analyse, sentence, surface, code):
    m = find(analyse(sentence), surface)
    assert (m.code, m.kind) == (code, "igo")


def test_resolve_igo_body_without_an_igo_is_no_mention(analyse):
    assert not [m for m in analyse("The Council of Foreign Ministers met in Tashkent.") if "Council" in m.text]


def test_resolve_bracketed_acronym_stands_for_its_name_in_the_whole_document(analyse):
    text = ("The Council of Ministers of Defence (CMD) of the CSTO met in Dushanbe. "
            "Later that day the CMD approved a plan for joint exercises.")
    mentions = analyse(text)
    found = [(m.text, m.code, m.kind) for m in mentions if m.text == "CMD"]
    assert found == [("CMD", "CSTO", "igo"), ("CMD", "CSTO", "igo")]


@pytest.mark.parametrize(("sentence", "surface", "code"), [
    ("Nur-Sultan (Tselinograd), in turn, kept its distance from the bloc.", "Tselinograd", "KAZ"),
    ("Refugees reached Bokhtar (Kurgan-Tyube) by the evening.", "Kurgan-Tyube", "PLACE:Bokhtar"),
])
def test_resolve_bracketed_other_name_reads_like_the_first(analyse, sentence, surface, code):
    assert find(analyse(sentence), surface).code == code


def test_resolve_coordinated_organs_of_a_state_are_one_mention(analyse):
    m = find(analyse("The commander of the Air Force and Air Defence of Kazakhstan met them."),
             "Air Force and Air Defence of Kazakhstan")
    assert (m.code, m.kind, m.sector) == ("KAZ", "state", "MIL")


@pytest.mark.parametrize(("sentence", "surface", "code"), [
    ("The Rooskies will never leave their base here.", "Rooskies", "RUS"),
    ("First the Yanks came, then they left in a hurry.", "Yanks", "USA"),
])
def test_resolve_slang_demonyms(analyse, sentence, surface, code):
    assert find(analyse(sentence), surface).code == code


def test_resolve_slang_inside_a_blocked_name(analyse):
    assert not [m for m in analyse("The New York Yankees won again last night.") if m.code == "USA"]
