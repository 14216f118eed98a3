"""fuzzy_targets remembers its answers: the same as a fresh scan each time, per set of roles,
and forgotten when aliases are added."""

from __future__ import annotations

import pytest

from sphere.kb import AliasTarget
from sphere.kb.knowledge import KnowledgeBase

ROLES = [("person",), ("person", "place", "igo", "group", "org", "unit"), ("place",)]


@pytest.fixture
def kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    kb.add_aliases([("Sooronbay Jeenbekov", AliasTarget("person:Sooronbay Jeenbekov", "person")),
                    ("Jeenbekov", AliasTarget("person:Sooronbay Jeenbekov", "person")),
                    ("Aliyev", AliasTarget("person:Ilham Aliyev", "person")),
                    ("Kurgan-Tyube", AliasTarget("PLACE:Kurgan-Tyube", "place"))])
    return kb


@pytest.mark.parametrize("roles", ROLES)
@pytest.mark.parametrize("name", ["Zheenbekov", "Jeenbekov", "Kaliyev", "Kurgan-Tube", "Xy"])
def test_fuzzy_remembered_equals_fresh(kb, name, roles):
    first = kb.fuzzy_targets(name, roles)
    assert kb.fuzzy_targets(name, roles) == first
    kb._fuzzy_seen.clear()
    assert kb.fuzzy_targets(name, roles) == first


def test_fuzzy_roles_kept_apart(kb):
    assert kb.fuzzy_targets("Kurgan-Tube", ("place",))[0] == (AliasTarget("PLACE:Kurgan-Tyube", "place"),)
    assert kb.fuzzy_targets("Kurgan-Tube", ("person",))[0] == ()


def test_fuzzy_forgets_when_aliases_are_added(kb):
    assert kb.fuzzy_targets("Zhaparov")[0] == ()
    kb.add_aliases([("Japarov", AliasTarget("person:Sadyr Japarov", "person"))])
    assert kb.fuzzy_targets("Zhaparov")[0] == (AliasTarget("person:Sadyr Japarov", "person"),)
