"""The knowledge base's records: what a canonical entity, a person's office and a site are.

Frozen dataclasses, built once from the data files in `kb/data/` and shared by every stage.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

ENTITY_KINDS = ("state", "igo", "armed-group", "organisation", "place", "person", "military-unit")


@dataclass(frozen=True)
class Entity:
    """A canonical entity: a state, IGO, armed group, organisation, place, person or unit.

    `code` is what mentions carry: the ISO alpha-3 for states, the acronym for IGOs, a short
    upper-case name for groups, "PLACE:<name>" for places. Persons and military units act for a
    state: their mentions carry the state's code (`state`), `sector`, and `name` as identifier.
    """

    code: str
    kind: str
    name: str
    aliases: tuple[str, ...] = ()
    state: str | None = None  # the state it belongs to (place's country, unit's owner)
    sector: str | None = None
    lat: float | None = None
    lon: float | None = None
    geonameid: int | None = None
    site: str | None = None  # for units and bases: the place they stand at
    located_in: str | None = None  # the state it stands in (a Russian base in Tajikistan: TJK)
    parent: str | None = None  # UNHCR -> UN
    source: str = ""
    note: str | None = None


@dataclass(frozen=True)
class Office:
    """One term of office: the state (or IGO/group) a person acts for, and when."""

    acts_for: str  # RUS, UN, TALIBAN ...
    role: str  # "president", "defence minister" ...
    sector: str  # GOV, MIL, LEG, SPY, ...
    start: date | None = None
    end: date | None = None  # None: still in office (as far as the data knows)

    def covers(self, day: date) -> bool:
        return (self.start is None or self.start <= day) and (self.end is None or day <= self.end)


@dataclass(frozen=True)
class Person:
    name: str  # canonical name: the identifier_text of the person's mentions
    aliases: tuple[str, ...]
    offices: tuple[Office, ...]
    source: str = ""
    surname_alias: bool = True  # may the bare surname stand for the person?
    russian: tuple[str, ...] = ()  # Russian names (lemmas)
    note: str | None = None

    def office_at(self, day: date | None) -> tuple[Office, str | None]:
        """The office held on `day` (or the nearest one) and a note when not in office then."""
        if day is None:
            return self.offices[0], None
        for office in self.offices:
            if office.covers(day):
                return office, None
        before = [o for o in self.offices if o.end is not None and o.end < day]
        if before:
            last = max(before, key=lambda o: o.end)
            return last, f"former {last.role} (left office {last.end.isoformat()})"
        first = min(self.offices, key=lambda o: o.start or date.min)
        return first, f"{first.role} from {first.start.isoformat() if first.start else '?'}"


@dataclass(frozen=True)
class AliasTarget:
    """What an alias may stand for; one alias may have several (Moscow: city or government)."""

    ref: str  # an entity code, or "person:<name>", or "unit:<code>"
    role: str  # name, demonym, capital, organ, person, unit, place, igo, group, org
    case_sensitive: bool = False
    sector: str | None = None  # organs: the Kremlin is GOV, the Pentagon MIL
