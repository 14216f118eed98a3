"""Reading the knowledge base's data files into entities and alias targets, file by file.

Each `load_*` returns (entities, [(alias, target), ...]); `knowledge.py` merges them into one
index. Checks run as rows are read: an unknown owner state, a duplicate code, coordinates out of
range or a place with no coordinates anywhere are errors naming the file and the row.
"""

from __future__ import annotations

from collections.abc import Iterable

from .gazetteer import find_city
from .loading import KBDataError, as_float, as_list, check_choice, data_path, read_rows
from .records import AliasTarget, Entity
from .states import StateNames

Aliases = list[tuple[str, AliasTarget]]
SECTORS = ("GOV", "MIL", "LEG", "JUD", "COP", "SPY", "REB", "OPP", "BUS", "NGO", "CVL")


def place_code(name: str) -> str:
    return f"PLACE:{name}"


def unit_code(name: str) -> str:
    return f"UNIT:{name}"


def acronym_case(alias: str) -> bool:
    """Short acronyms (US, UN, EU, WHO) only match as written: 'us', 'who' are words."""
    letters = alias.replace(".", "")
    return letters.isalpha() and letters.isupper() and len(letters) <= 3


def _check_sector(value, file: str, row: int) -> str | None:
    return None if value is None else check_choice(value, SECTORS, file, row, "sector")


def state_aliases(states: Iterable[StateNames]) -> Aliases:
    out: Aliases = []
    for s in states:
        code = s.entity.code
        out += [(n, AliasTarget(code, "name", acronym_case(n))) for n in s.names]
        out += [(a, AliasTarget(code, "demonym", acronym_case(a))) for a in (*s.adjectives, *s.people)]
        for cap in (s.capital, *s.capital_aliases):
            if cap:
                out.append((cap, AliasTarget(code, "capital")))
    return out


def load_named(file: str, kind: str, role: str, known_states: set[str]) -> tuple[list[Entity], Aliases, Aliases]:
    """IGOs, armed groups and organisations: one entity per code (its first row); later rows
    with the same code are organs or branches whose aliases carry their own sector."""
    entities: dict[str, Entity] = {}
    aliases: Aliases = []
    russian: Aliases = []
    for row_no, row in read_rows(data_path(file), ("code", "name")):
        code = str(row["code"])
        country = row.get("country")
        if country is not None and country not in known_states:
            raise KBDataError(file, f"{code}: unknown country {country!r}", row_no)
        sector = _check_sector(row.get("sector"), file, row_no)
        names = [str(row["name"]), *as_list(row.get("aliases"), file, row_no, "aliases")]
        exact = set(as_list(row.get("case_sensitive"), file, row_no, "case_sensitive"))
        if code not in entities:
            entities[code] = Entity(
                code=code, kind=kind, name=str(row["name"]), aliases=tuple(dict.fromkeys(names)),
                state=country, sector=sector if kind != "igo" else None, parent=row.get("parent"),
                source=str(row["source"]), note=row.get("note"),
            )
            organ_sector = None
        else:
            organ_sector = sector
        for n in dict.fromkeys(names):
            aliases.append((n, AliasTarget(code, role, n in exact or acronym_case(n), organ_sector)))
        for n in as_list(row.get("ru"), file, row_no, "ru"):
            russian.append((n, AliasTarget(code, role, False, organ_sector)))
    return list(entities.values()), aliases, russian


def load_organs(known_states: set[str]) -> tuple[Aliases, Aliases]:
    file = "organs.yaml"
    aliases: Aliases = []
    russian: Aliases = []
    for row_no, row in read_rows(data_path(file), ("name", "state", "sector")):
        state = row["state"]
        if state not in known_states:
            raise KBDataError(file, f"{row['name']}: unknown state {state!r}", row_no)
        sector = _check_sector(row["sector"], file, row_no)
        for n in dict.fromkeys([str(row["name"]), *as_list(row.get("aliases"), file, row_no, "aliases")]):
            aliases.append((n, AliasTarget(state, "organ", acronym_case(n), sector)))
        for n in as_list(row.get("ru"), file, row_no, "ru"):
            russian.append((n, AliasTarget(state, "organ", False, sector)))
    return aliases, russian


def _coordinates(row: dict, file: str, row_no: int) -> tuple[float | None, float | None, int | None]:
    lat = as_float(row.get("lat"), file, row_no, "lat", -90, 90)
    lon = as_float(row.get("lon"), file, row_no, "lon", -180, 180)
    if (lat is None) != (lon is None):
        raise KBDataError(file, f"{row.get('name')!r} has only one of lat/lon", row_no)
    if lat is not None:
        return lat, lon, row.get("geonameid")
    lookup = row.get("geonames")
    if lookup:
        city = find_city(str(lookup), row.get("country"), alternates=False)
        if city is None:
            raise KBDataError(file, f"geonames name {lookup!r} not found in {row.get('country')}", row_no)
        return city.lat, city.lon, city.geonameid
    raise KBDataError(file, f"{row.get('name')!r} has no coordinates (lat/lon or geonames)", row_no)


def load_places(known_states: set[str]) -> tuple[list[Entity], Aliases, Aliases]:
    file = "places.yaml"
    entities: list[Entity] = []
    aliases: Aliases = []
    russian: Aliases = []
    seen: set[str] = set()
    for row_no, row in read_rows(data_path(file), ("name", "type")):
        name = str(row["name"])
        if name in seen:
            raise KBDataError(file, f"place {name!r} listed twice", row_no)
        seen.add(name)
        country = row.get("country")
        if country is not None and country not in known_states:
            raise KBDataError(file, f"{name}: unknown country {country!r}", row_no)
        lat, lon, gid = _coordinates(row, file, row_no)
        names = tuple(dict.fromkeys([name, *as_list(row.get("aliases"), file, row_no, "aliases")]))
        code = place_code(name)
        entities.append(Entity(code, "place", name, names, country, None, lat, lon, gid, located_in=country,
                               source=str(row["source"]), note=row.get("note") or row["type"]))
        aliases += [(n, AliasTarget(code, "place", acronym_case(n))) for n in names]
        russian += [(n, AliasTarget(code, "place")) for n in as_list(row.get("ru"), file, row_no, "ru")]
    return entities, aliases, russian


def load_installations(known_states: set[str]) -> tuple[list[Entity], Aliases, Aliases]:
    file = "installations.yaml"
    entities: list[Entity] = []
    aliases: Aliases = []
    russian: Aliases = []
    for row_no, row in read_rows(data_path(file), ("name", "kind", "owner", "country")):
        name = str(row["name"])
        kind = check_choice(row["kind"], ("military-unit", "place"), file, row_no, "kind")
        for key in ("owner", "country"):
            if row[key] not in known_states:
                raise KBDataError(file, f"{name}: unknown {key} {row[key]!r}", row_no)
        lat, lon, gid = _coordinates(row, file, row_no)
        names = tuple(dict.fromkeys([name, *as_list(row.get("aliases"), file, row_no, "aliases")]))
        if kind == "place":
            code, role, state = place_code(name), "place", row["country"]
        else:
            code, role, state = unit_code(name), "unit", row["owner"]
        sector = _check_sector(row.get("sector"), file, row_no) or ("MIL" if kind == "military-unit" else None)
        entities.append(Entity(code, kind, name, names, state, sector, lat, lon, gid, site=row.get("site"),
                               located_in=row["country"],
                               source=str(row["source"]), note=row.get("note")))
        aliases += [(n, AliasTarget(code, role, acronym_case(n))) for n in names]
        aliases += [(n, AliasTarget(code, "short-unit")) for n in as_list(row.get("short"), file, row_no, "short")]
        russian += [(n, AliasTarget(code, role)) for n in as_list(row.get("ru"), file, row_no, "ru")]
    return entities, aliases, russian
