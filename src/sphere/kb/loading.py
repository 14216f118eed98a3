"""Reading and validating the knowledge base's data files (YAML lists of mappings).

Every row must say where its facts come from (`source`); a bad row stops loading with an error
that names the file, the row and the problem, because a silently wrong KB misresolves everything.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

from ..errors import ConfigError

DATA_PACKAGE = "sphere.kb.data"
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml: ten times faster


class KBDataError(ConfigError):
    """A knowledge-base data file is missing, unreadable or has a bad row."""

    def __init__(self, file: str, problem: str, row: int | None = None):
        where = f"{file} row {row}" if row is not None else file
        super().__init__(f"{where}: {problem}")
        self.file = file
        self.row = row


def data_path(name: str) -> Path:
    return Path(str(resources.files(DATA_PACKAGE).joinpath(name)))


def read_rows(path: Path, required: tuple[str, ...]) -> Iterator[tuple[int, dict[str, Any]]]:
    """(row number, mapping) for each row of a YAML list; checks required keys and `source`."""
    try:
        data = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except OSError as exc:
        raise KBDataError(path.name, f"cannot read: {exc}") from exc
    except (yaml.YAMLError, ValueError) as exc:  # ValueError: a date like 2020-13-01
        raise KBDataError(path.name, f"not valid YAML: {' '.join(str(exc).split())}") from exc
    if not isinstance(data, list):
        raise KBDataError(path.name, "expected a list of entries at the top level")
    for number, row in enumerate(data, start=1):
        if not isinstance(row, Mapping):
            raise KBDataError(path.name, f"expected a mapping, got {type(row).__name__}", number)
        missing = [k for k in (*required, "source") if row.get(k) in (None, "", [])]
        if missing:
            label = row.get("name") or row.get("code") or ""
            raise KBDataError(path.name, f"{label!r} lacks {', '.join(missing)}", number)
        yield number, dict(row)


def as_list(value: Any, file: str, row: int, key: str) -> list[str]:
    """A string or list of strings as a list; anything else is a data error."""
    if value is None:
        return []
    if isinstance(value, str):
        return [value]
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return list(value)
    raise KBDataError(file, f"{key} must be a string or a list of strings", row)


def as_date(value: Any, file: str, row: int, key: str) -> date | None:
    """YYYY, YYYY-MM or YYYY-MM-DD (YAML may already give a date); None stays None."""
    if value is None:
        return None
    if isinstance(value, date):
        return value
    text = str(value)
    try:
        parts = [int(p) for p in text.split("-")]
        if len(parts) == 1:
            return date(parts[0], 1, 1)
        if len(parts) == 2:
            return date(parts[0], parts[1], 1)
        return date(parts[0], parts[1], parts[2])
    except (ValueError, IndexError) as exc:
        raise KBDataError(file, f"{key} {text!r} is not a date (YYYY[-MM[-DD]])", row) from exc


def as_float(value: Any, file: str, row: int, key: str, low: float, high: float) -> float | None:
    if value is None:
        return None
    try:
        number = float(value)
    except (TypeError, ValueError) as exc:
        raise KBDataError(file, f"{key} {value!r} is not a number", row) from exc
    if not low <= number <= high:
        raise KBDataError(file, f"{key} {number} is outside [{low}, {high}]", row)
    return number


def check_choice(value: Any, choices: tuple[str, ...], file: str, row: int, key: str) -> str:
    if value not in choices:
        raise KBDataError(file, f"{key} {value!r} is not one of {', '.join(choices)}", row)
    return value
