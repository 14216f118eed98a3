"""Office holders from `data/persons.yaml`: who acts for which state, in which office, when."""

from __future__ import annotations

from .loading import KBDataError, as_date, as_list, data_path, read_rows
from .records import Office, Person

FILE = "persons.yaml"
SECTORS = ("GOV", "MIL", "LEG", "JUD", "COP", "SPY", "REB", "OPP", "BUS", "NGO", "CVL", "ELI")


def _office(raw, row_no: int) -> Office:
    if not isinstance(raw, list) or len(raw) != 5:
        raise KBDataError(FILE, f"office {raw!r} must be [acts_for, role, sector, from, to]", row_no)
    acts_for, role, sector, start, end = raw
    if sector not in SECTORS:
        raise KBDataError(FILE, f"office sector {sector!r} is not one of {', '.join(SECTORS)}", row_no)
    office = Office(
        str(acts_for), str(role), sector,
        as_date(start, FILE, row_no, "from"), as_date(end, FILE, row_no, "to"),
    )
    if office.start and office.end and office.end < office.start:
        raise KBDataError(FILE, f"office {role!r} ends before it starts", row_no)
    return office


def load_persons(known_codes: set[str]) -> list[Person]:
    persons = []
    seen: set[str] = set()
    for row_no, row in read_rows(data_path(FILE), ("name", "offices")):
        name = str(row["name"])
        if name in seen:
            raise KBDataError(FILE, f"person {name!r} listed twice", row_no)
        seen.add(name)
        offices = tuple(_office(o, row_no) for o in row["offices"])
        unknown = [o.acts_for for o in offices if o.acts_for not in known_codes]
        if unknown:
            raise KBDataError(FILE, f"{name!r} acts for unknown code(s) {', '.join(unknown)}", row_no)
        aliases = [name, *as_list(row.get("aliases"), FILE, row_no, "aliases")]
        surname_alias = bool(row.get("surname", True))
        if surname_alias and " " in name:
            aliases.append(name.split()[-1])
        aliases += as_list(row.get("short"), FILE, row_no, "short")
        persons.append(
            Person(
                name=name,
                aliases=tuple(dict.fromkeys(aliases)),
                offices=offices,
                source=str(row["source"]),
                surname_alias=surname_alias,
                russian=tuple(as_list(row.get("ru"), FILE, row_no, "ru")),
                note=row.get("note"),
            )
        )
    return persons
