"""A stand-in publication date for a unit that has none, from the weekday-dated days its text
names ("on Friday, July 30" fits only a few years): relative dates in an undated unit then
resolve against the day the text implies rather than not at all.
"""

from __future__ import annotations

import re
from datetime import date

from .calendar_math import valid_day
from .dates import _DAY, _MON, _WD, WEEKDAYS, _f, _month

_WEEKDAY_DATE = re.compile(_f(_WD, "wd") + r",?\s+(?:the\s+)?" + _f(_MON, "m") + r"\s+" + _f(_DAY, "d") + r"\b(?!,?\s+\d{4})")
_WEEKDAY_DATE_DM = re.compile(_f(_WD, "wd") + r",?\s+(?:the\s+)?" + _f(_DAY, "d") + r"\s+(?:of\s+)?" + _f(_MON, "m") + r"\b(?!,?\s+\d{4})")


def estimate_anchor(text: str, today: date | None = None, earliest: int = 1990) -> date | None:
    """A stand-in publication date for an undated text, from the weekday-dated days it names
    ("on Friday, July 30" fixes the year to one of a few): the latest such day, placed in the
    latest year (not after `today`) where every one of them falls on its weekday. None when the
    text names no such day or no year fits them all."""
    today = today or date.today()
    named: list[tuple[int, int, int]] = []
    for pattern in (_WEEKDAY_DATE, _WEEKDAY_DATE_DM):
        for m in pattern.finditer(text):
            named.append((WEEKDAYS[m.group("wd").lower()], _month(m.group("m")), int(m.group("d"))))
    if not named:
        return None
    for year in range(today.year, earliest - 1, -1):
        days = []
        for wd, mo, d in named:
            if not valid_day(year, mo, d) or date(year, mo, d).weekday() != wd:
                break
            days.append(date(year, mo, d))
        else:
            latest = max(days)
            if latest <= today:
                return latest
    return None
