"""Publication dates as pages write them: "3-2-18", "19.05.2021 09:26", "Oct 17, 2015",
"2018-01-29", "11 August 2021 at 11:02", "Thursday, August 12, 2021", "19 августа 2021".

    find_date(text) -> DateMatch | None     the first date in a short text, with its span
    parse_date(text) -> date | None         a text that is a date (and little else)
    leading_date(line) -> DateMatch | None  a date opening a line ("4-21-18 Pakistan has ...")

Numeric dates with dashes or slashes are read month first ("3-2-18" is 2 March 2018, the way
US blogs write them) unless the first number cannot be a month; dotted dates are day first
("19.05.2021", the European way). Two-digit years are 20YY. Years outside 1900-2099 are not
dates. Times, weekday names, "Published"/"Updated", time zones (also written out: "(Moscow time)",
"UTC+5") and reading-time notes ("6 min read") around a date are allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

MONTHS = {
    "jan": 1, "january": 1, "feb": 2, "february": 2, "mar": 3, "march": 3, "apr": 4, "april": 4,
    "may": 5, "jun": 6, "june": 6, "jul": 7, "july": 7, "aug": 8, "august": 8, "sep": 9, "sept": 9,
    "september": 9, "oct": 10, "october": 10, "nov": 11, "november": 11, "dec": 12, "december": 12,
    # Russian, nominative and genitive
    "январь": 1, "января": 1, "янв": 1, "февраль": 2, "февраля": 2, "фев": 2, "март": 3, "марта": 3,
    "апрель": 4, "апреля": 4, "апр": 4, "май": 5, "мая": 5, "июнь": 6, "июня": 6, "июль": 7,
    "июля": 7, "август": 8, "августа": 8, "авг": 8, "сентябрь": 9, "сентября": 9, "сен": 9,
    "октябрь": 10, "октября": 10, "окт": 10, "ноябрь": 11, "ноября": 11, "ноя": 11,
    "декабрь": 12, "декабря": 12, "дек": 12,
}
_MONTH = "(?P<mon>" + "|".join(sorted((re.escape(m) for m in MONTHS), key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d{2})"

PATTERNS = [
    # 2018-01-29, 2018/01/29, 2021-08-10T09:40:00Z
    ("ymd", re.compile(r"(?<![\d.-])(?P<year>(?:19|20)\d{2})[-/.](?P<m>[01]?\d)[-/.](?P<d>[0-3]?\d)(?![\d])")),
    # 19.05.2021 (day first)
    ("dmy", re.compile(r"(?<![\d.])(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<year>(?:19|20)?\d{2})(?![\d.]\d)")),
    # 3-2-18, 4/21/2018 (month first unless impossible)
    ("mdy", re.compile(r"(?<![\d/-])(?P<a>[0-3]?\d)[-/](?P<b>[0-3]?\d)[-/](?P<year>(?:19|20)?\d{2})(?![\d/-])")),
    # Oct 17, 2015 / October 17 2015 / Thursday, August 12, 2021
    ("name-mdy", re.compile(rf"(?<!\w){_MONTH}\s+{_DAY},?\s+{_YEAR}(?!\d)", re.I)),
    # 17 October 2015 / 11 August 2021, 09:40 / 19 августа 2021 г.
    ("name-dmy", re.compile(rf"(?<!\w){_DAY}\s+{_MONTH},?\s+{_YEAR}(?!\d)", re.I)),
]

# What may stand next to a date on a date line besides a time: a time zone written out
# ("(Moscow time)", "UTC+5", "GMT-03:00", "local time") and a reading-time note ("6 min read").
_ZONE_AND_READING = re.compile(
    r"(?i)\((?:[^()\d]{0,24}\s)?time\)|\b(?:[a-z]+\s)?(?:local\s)?time\b(?=\s*(?:$|[,|)]))|"
    r"\b(?:utc|gmt|msk)\s*[+-−]\s*\d{1,2}(?::?\d{2})?\b|"
    r"\b\d{1,3}\s*(?:-\s*)?(?:min|mins|minute|minutes)\.?\s+read\b|\bread(?:ing)?\s+time:?\s*\d{1,3}\s*min\w*"
)
# What may surround a date on a line that is only a date.
_NOISE = re.compile(
    r"(?i)\b(published|updated|posted|last|modified|on|at|am|pm|a\.m\.|p\.m\.|utc|gmt|msk|"
    r"monday|tuesday|wednesday|thursday|friday|saturday|sunday|mon|tue|tues|wed|thu|thurs|fri|sat|sun|"
    r"опубликовано|обновлено|г|года|в)\b|(?<![a-z])t(?=\d)|(?<=\d)z\b|\d{1,2}:\d{2}(:\d{2})?|[+-]\d{2}:?\d{2}\b|[\s,.|·•:()\[\]\-–—/]+"
)


@dataclass(frozen=True)
class DateMatch:
    value: date
    start: int
    end: int


def _year(text: str) -> int:
    y = int(text)
    return y + 2000 if y < 100 else y


def _make(y: int, m: int, d: int) -> date | None:
    if not 1900 <= y <= 2099:
        return None
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _value(kind: str, m: re.Match) -> date | None:
    if kind == "ymd":
        return _make(int(m["year"]), int(m["m"]), int(m["d"]))
    if kind == "dmy":
        return _make(_year(m["year"]), int(m["m"]), int(m["d"]))
    if kind == "mdy":
        a, b = int(m["a"]), int(m["b"])
        month, day = (a, b) if a <= 12 else (b, a)
        return _make(_year(m["year"]), month, day)
    month = MONTHS.get(m["mon"].lower().rstrip("."))
    return _make(int(m["year"]), month, int(m["day"])) if month else None


def find_date(text: str) -> DateMatch | None:
    """The earliest date written in `text`."""
    best: DateMatch | None = None
    for kind, pattern in PATTERNS:
        for m in pattern.finditer(text):
            value = _value(kind, m)
            if value is not None:
                if best is None or m.start() < best.start:
                    best = DateMatch(value, m.start(), m.end())
                break
    return best


def parse_date(text: str | None) -> date | None:
    """The date `text` is: a date with at most a time, a weekday and a few words around it."""
    if not text or len(text) > 80:
        return None
    found = find_date(text)
    if found is None:
        return None
    rest = _ZONE_AND_READING.sub(" ", text[: found.start] + " " + text[found.end :])
    return found.value if not _NOISE.sub("", rest).strip() else None


def leading_date(line: str) -> DateMatch | None:
    """A date that opens the line and is followed by text ("4-21-18 Pakistan has ...")."""
    stripped = line.lstrip()
    offset = len(line) - len(stripped)
    found = find_date(stripped[:40])
    if found is None or found.start != 0:
        return None
    return DateMatch(found.value, offset + found.start, offset + found.end)
