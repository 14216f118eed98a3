"""Where: `event_loc` from the place and base mentions that hang under the predicate through a
locative preposition ("in Dushanbe", "visit to Tehran", "visited Tashkent"), with coordinates from
the knowledge base when there is one.
"""

from __future__ import annotations

from ..types import Location
from .participants import TokenMentions, is_site
from .predicates import Candidate

LOCATION_PREPS = frozenset({"in", "at", "near", "outside", "inside", "to", "into", "across", "along", "around", "on"})

def location_for(c: Candidate, sent, owners, tm: TokenMentions, kb) -> Location | None:
    best = None
    for t in sent:
        m = tm.of(t)
        if m is None or not is_site(m) or owners.get(t.i) is not c:
            continue
        # the phrase must hang under a locative preposition ("in Dushanbe", "visit to Tehran")
        node, ok = t, False
        for _ in range(4):
            if node.dep_ == "prep" or (node.dep_ == "pobj" and node.head.lower_ in LOCATION_PREPS):
                ok = node.lower_ in LOCATION_PREPS or node.head.lower_ in LOCATION_PREPS
                break
            if node.head.i == node.i:
                break
            node = node.head
        if not ok and "visit" in c.entry.mode and t.dep_ == "dobj" and t.head.i in (c.head.i, c.trigger.i):
            ok = True  # "visited Tashkent"
        if not ok:
            continue
        best = m
        break
    if best is None:
        return None
    loc = None
    if kb is not None and hasattr(kb, "locate"):
        try:
            loc = kb.locate(best)
        except Exception:
            loc = None
    if loc is None:
        country = tm.state_of(best.code) if tm.state_of and best.code else None
        name = best.code[len("PLACE:"):] if best.code and best.code.startswith("PLACE:") else best.text
        loc = Location(name=name, country=country if country and not country.startswith("PLACE:") else None)
    return loc
