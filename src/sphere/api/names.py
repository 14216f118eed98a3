"""Display names for entity codes: what a reader sees next to "RUS", "PLACE:Dushanbe", "CSTO".

Names come from the knowledge base when it knows the code (`sphere.kb`, data files shared by
every stage), else from ISO 3166 for state codes; otherwise the code itself is shown.
"""

from __future__ import annotations

from functools import cache

import pycountry


@cache
def kb_names() -> dict[str, str]:
    """code -> canonical name from the knowledge base, when the kb offers them."""
    try:
        from ..kb import load_kb  # the entities stage's data; optional for the web side
    except ImportError:
        return {}
    try:
        kb = load_kb()
        entities = getattr(kb, "entities", None) or {}
        items = entities.values() if isinstance(entities, dict) else entities
        return {e.code: e.name for e in items if getattr(e, "code", None) and getattr(e, "name", None)}
    except Exception:  # a kb data error must not take the dashboard down; codes still show
        return {}


@cache
def display_name(code: str | None) -> str:
    if not code:
        return ""
    if code.startswith("PLACE:"):
        return code.split(":", 1)[1]
    name = kb_names().get(code)
    if name:
        return name
    if len(code) == 3 and code.isalpha():
        country = pycountry.countries.get(alpha_3=code.upper())
        if country is not None:
            return getattr(country, "common_name", None) or country.name
    return code
