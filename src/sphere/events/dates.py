"""Finding date expressions in a sentence and resolving them against the unit's publication date.

News text dates events relative to when it was written: "last Monday", "on Friday, July 30",
"in November", "earlier this year". `find_dates` scans a sentence for such expressions (regular
expressions over the text: cheap, and independent of the NER model); `resolve_date` turns one
into an ISO date with a precision (day, month, year), a range end when the text gives one
("August 9-14", "in the 1980s"), and a role ("since 2015" starts an event, "until August 10"
ends it). A bare month or day is placed in the past or the future of the publication date
according to the tense of the verb it dates (`direction`: -1 past, +1 future, 0 unknown).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache

from .calendar_math import (
    iso_day,
    place_month,
    place_month_day,
    place_weekday,
    shift_month,
    valid_day,
)

MONTHS = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12,
    "dec": 12,
}
WEEKDAYS = {"monday": 0, "tuesday": 1, "wednesday": 2, "thursday": 3, "friday": 4, "saturday": 5,
            "sunday": 6}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11), "winter": (12, 2)}
NUMBER_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
                "seven": 7, "eight": 8, "nine": 9, "ten": 10, "several": 3, "few": 3}

# Month names are matched capitalised only, so the modal "may" and "march" the verb never match.
_MON = (r"(?P<{0}>January|February|March|April|May|June|July|August|September|October|November|"
        r"December|Jan\.?|Feb\.?|Mar\.?|Apr\.?|Jun\.?|Jul\.?|Aug\.?|Sept?\.?|Oct\.?|Nov\.?|Dec\.?)")
_WD = r"(?P<{0}>Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_DAY = r"(?P<{0}>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<{0}>1[89]\d\d|20\d\d)"
_DASH = r"\s*(?:-|–|—|to|through|until|and)\s*"
_START = r"(?i:(?P<start>since|from|starting|beginning|as of))\s+"
_END = r"(?i:(?P<end>until|till|til|through|to|by(?:\s+the\s+end\s+of)?|before\s+the\s+end\s+of|at\s+the\s+end\s+of))\s+"
_CUE = r"(?i:(?P<cue>(?:by|until|till|before)\s+the\s+end\s+of|at\s+the\s+end\s+of|the\s+end\s+of|in|on|of|the|during|early|late|mid-?|earlier\s+in|later\s+in|since|from|until|till|by|before|after|between|and))\s+"


def _f(pattern: str, *names: str) -> str:
    return pattern.format(*names)


PATTERNS: list[tuple[str, re.Pattern]] = [
    # 2021-05-19, 19.05.2021
    ("iso", re.compile(r"\b(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})\b")),
    ("dmy", re.compile(r"\b(?P<d>[0-3]?\d)\.(?P<m>[01]?\d)\.(?P<y>\d{4})\b")),
    # August 9-14, April 26-27, 2021; from October 18 to October 23
    ("md_range", re.compile(
        r"(?:(?:from|between)\s+)?" + _f(_MON, "m1") + r"\s+" + _f(_DAY, "d1") + _DASH
        + r"(?:" + _f(_MON, "m2") + r"\s+)?" + _f(_DAY, "d2") + r"\b(?:,?\s+" + _f(_YEAR, "y") + r")?")),
    # 9-14 August 2021
    ("dm_range", re.compile(
        r"\b" + _f(_DAY, "d1") + r"\s*(?:-|–|—|to)\s*" + _f(_DAY, "d2") + r"\s+(?:of\s+)?"
        + _f(_MON, "m1") + r"(?:,?\s+" + _f(_YEAR, "y") + r")?")),
    # (until) (Friday,) July 30(, 2021)
    ("md", re.compile(
        r"(?:" + _START + r"|" + _END + r")?(?:(?:on\s+)?" + _f(_WD, "wd") + r",?\s+)?"
        + _f(_MON, "m") + r"\s+" + _f(_DAY, "d") + r"\b(?!\s*(?:-|–|,\s*\d{3}))(?:,?\s+" + _f(_YEAR, "y") + r")?")),
    # 30 July 2021, 30th of July
    ("dm", re.compile(
        r"(?:" + _START + r"|" + _END + r")?\b" + _f(_DAY, "d") + r"\s+(?:of\s+)?" + _f(_MON, "m")
        + r"(?:,?\s+" + _f(_YEAR, "y") + r")?")),
    # (in) October 2012
    ("my", re.compile(r"(?:" + _START + r"|" + _END + r")?(?:(?:early|late|mid-?)\s*)?"
                      + _f(_MON, "m") + r",?\s+" + _f(_YEAR, "y") + r"\b")),
    # the 1980s
    ("decade", re.compile(r"(?:" + _START + r"|" + _END + r")?\b(?:the\s+)?(?P<y>1[89]\d0|20\d0)s\b")),
    # this autumn, last spring, in the autumn of 2018
    ("season", re.compile(
        r"\b(?:(?P<rel>this|last|next|coming|past)\s+|(?:in\s+)?(?:the\s+)?)(?P<season>spring|summer|autumn|fall|winter)\b"
        r"(?:\s+(?:of\s+)?" + _f(_YEAR, "y") + r")?", re.I)),
    # (in) October last year, in March of next year
    ("month_rel_year", re.compile(r"(?:" + _CUE + r")?(?:(?:early|late|mid-?)\s*)?" + _f(_MON, "m")
                                  + r"\s+(?i:of\s+)?(?P<yr>(?i:last|this|next))\s+(?i:year)\b")),
    # Wednesday last week, on Monday of next week
    ("weekday_week", re.compile(r"(?:\b(?i:on)\s+)?" + _f(_WD, "wd") + r"(?:\s+(?:morning|afternoon|evening|night))?"
                                r"\s+(?i:of\s+)?(?P<wk>(?i:last|next|this))\s+(?i:week)\b")),
    # last month, next week, earlier this year, this week
    ("relative", re.compile(
        r"\b(?P<rel>last|this|next|past|coming|previous|earlier\s+this|later\s+this|earlier\s+in\s+the|late\s+last|early\s+next|earlier\s+last|at\s+the\s+end\s+of\s+last|at\s+the\s+end\s+of\s+this)\s+"
        r"(?P<unit>week|month|year)\b", re.I)),
    # three days ago, a week ago
    ("ago", re.compile(r"\b(?P<n>\d+|a|an|one|two|three|four|five|six|seven|eight|nine|ten|several|few)\s+"
                       r"(?P<unit>day|week|month|year)s?\s+ago\b", re.I)),
    # yesterday, today, tomorrow
    ("deictic", re.compile(r"\b(?P<word>(?:the\s+day\s+(?:before|after)\s+)?(?:yesterday|tomorrow)|today|tonight|"
                           r"this\s+(?:morning|afternoon|evening))\b", re.I)),
    # over the weekend, last weekend, next weekend
    ("weekend", re.compile(r"\b(?:(?P<rel>last|this|next|coming|past)|(?:over|at|during|on)\s+the)\s+weekend\b", re.I)),
    # last Monday, on Friday, next Sunday
    ("weekday", re.compile(r"(?:\b(?i:(?P<rel>last|next|this|on|coming|past))\s+)?" + _f(_WD, "wd")
                           + r"(?:\s+(?:morning|afternoon|evening|night))?\b")),
    # (in) November, earlier in July
    ("month", re.compile(r"\b(?:(?i:(?P<rel>last|next|this|coming|past))\s+|" + _CUE + r")(?:(?:early|late|mid-?)\s*)?"
                         + _f(_MON, "m") + r"\b(?!\s+\d)")),
    # (since) 2015, (until) 2042
    ("year", re.compile(r"(?:" + _START + r"|" + _END + r"|" + _CUE + r"|(?i:(?P<rel>last|this|next))\s+year\s+)(?P<pre>the\s+year\s+)?"
                        + _f(_YEAR, "y") + r"\b(?![-–]\d|,\d{3}|\s*(?:troops|soldiers|people|km|kilometres|kilometers|men|servicemen))")),
]


@dataclass(frozen=True)
class DateValue:
    """A resolved date: ISO text at its precision, an optional range end, and its role."""

    date: str | None
    precision: str | None  # day, month, year
    enddate: str | None = None
    role: str = "point"  # point | start | end


@dataclass(frozen=True)
class DateMention:
    """A date expression found in a sentence: character span (sentence offsets) and value."""

    start: int
    end: int
    text: str
    kind: str
    value: DateValue


def _month(name: str) -> int:
    return MONTHS[name.lower().rstrip(".")]


def _role(g: dict) -> str:
    if g.get("start"):
        return "start"
    if g.get("end"):
        return "end"
    return "point"


def resolve_match(kind: str, g: dict, pub: date | None, direction: int) -> DateValue | None:
    """One matched expression (its regex groups) to a DateValue; None when it cannot be dated."""
    role = _role(g)
    if role == "end":  # an end ("until August 10") lies ahead of a past start as often as not
        direction = max(direction, 0)
    if kind in ("iso", "dmy"):
        y, m, d = int(g["y"]), int(g["m"]), int(g["d"])
        return DateValue(iso_day(y, m, d), "day", role=role) if valid_day(y, m, d) else None
    if kind in ("md_range", "dm_range"):
        m1 = _month(g["m1"])
        m2 = _month(g["m2"]) if g.get("m2") else m1
        d1, d2 = int(g["d1"]), int(g["d2"])
        if g.get("y"):
            y1 = int(g["y"])
        elif pub is not None:
            y1 = place_month_day(m1, d1, pub, direction)
        else:
            return None
        if y1 is None or not valid_day(y1, m1, d1):
            return None
        y2 = y1 + (1 if m2 < m1 else 0)
        if not valid_day(y2, m2, d2) or date(y2, m2, d2) < date(y1, m1, d1):
            return None
        return DateValue(iso_day(y1, m1, d1), "day", iso_day(y2, m2, d2))
    if kind in ("md", "dm"):
        m, d = _month(g["m"]), int(g["d"])
        if g.get("y"):
            y = int(g["y"])
        elif pub is not None:
            y = place_month_day(m, d, pub, direction)
        else:
            return None
        if y is None or not valid_day(y, m, d):
            return None
        return DateValue(iso_day(y, m, d), "day", role=role)
    if kind == "my":
        return DateValue(iso_day(int(g["y"]), _month(g["m"])), "month", role=role)
    if kind == "decade":
        y = int(g["y"])
        return DateValue(iso_day(y), "year", iso_day(y + 9) if role == "point" else None, role=role)
    if kind == "year":
        return DateValue(iso_day(int(g["y"])), "year", role=role)
    if pub is None:
        return None
    if kind == "season":
        first, _last = SEASONS[g["season"].lower()]
        if g.get("y"):
            return DateValue(iso_day(int(g["y"])), "year")
        rel = (g.get("rel") or "").lower()
        y = pub.year
        if rel in ("last", "past"):
            y -= 1
        elif rel in ("next", "coming"):
            y += 1 if first <= pub.month else 0
        return DateValue(iso_day(y), "year")
    if kind == "relative":
        rel = re.sub(r"\s+", " ", g["rel"].lower())
        unit = g["unit"].lower()
        step = -1 if ("last" in rel or rel in ("past", "previous")) else 1 if "next" in rel or rel == "coming" else 0
        if unit == "year":
            return DateValue(iso_day(pub.year + step), "year")
        if unit == "month":
            y, m = shift_month(pub.year, pub.month, step)
            return DateValue(iso_day(y, m), "month")
        day = pub + timedelta(days=7 * step)
        return DateValue(iso_day(day.year, day.month), "month")
    if kind == "ago":
        n = g["n"].lower()
        count = int(n) if n.isdigit() else NUMBER_WORDS.get(n, 1)
        unit = g["unit"].lower()
        if unit == "day":
            day = pub - timedelta(days=count)
            return DateValue(iso_day(day.year, day.month, day.day), "day")
        if unit == "week":
            day = pub - timedelta(days=7 * count)
            return DateValue(iso_day(day.year, day.month), "month")
        if unit == "month":
            y, m = shift_month(pub.year, pub.month, -count)
            return DateValue(iso_day(y, m), "month")
        return DateValue(iso_day(pub.year - count), "year")
    if kind == "deictic":
        word = re.sub(r"\s+", " ", g["word"].lower())
        shift = {"yesterday": -1, "tomorrow": 1, "the day before yesterday": -2, "the day after tomorrow": 2}.get(word, 0)
        day = pub + timedelta(days=shift)
        return DateValue(iso_day(day.year, day.month, day.day), "day")
    if kind == "weekend":
        # the Saturday and Sunday: the last one begun by `pub` for the past, else the next
        rel = (g.get("rel") or "").lower()
        saturday = pub - timedelta(days=(pub.weekday() - 5) % 7)
        if rel in ("next", "coming") or (direction > 0 and rel != "last" and saturday < pub - timedelta(days=1)):
            saturday += timedelta(days=7)
        elif rel in ("last", "past") and pub.weekday() >= 5:
            saturday -= timedelta(days=7)
        sunday = saturday + timedelta(days=1)
        return DateValue(iso_day(saturday.year, saturday.month, saturday.day), "day", iso_day(sunday.year, sunday.month, sunday.day))
    if kind == "month_rel_year":
        y = pub.year + {"last": -1, "next": 1}.get(g["yr"].lower(), 0)
        return DateValue(iso_day(y, _month(g["m"])), "month")
    if kind == "weekday_week":
        monday = pub - timedelta(days=pub.weekday())
        shift = {"last": -7, "next": 7}.get(g["wk"].lower(), 0)
        day = monday + timedelta(days=shift + WEEKDAYS[g["wd"].lower()])
        return DateValue(iso_day(day.year, day.month, day.day), "day")
    if kind == "weekday":
        day = place_weekday(WEEKDAYS[g["wd"].lower()], pub, g.get("rel"), direction)
        return DateValue(iso_day(day.year, day.month, day.day), "day")
    if kind == "month":
        m = _month(g["m"])
        rel = (g.get("rel") or "").lower()
        if rel in ("last", "past"):
            y = pub.year if m < pub.month else pub.year - 1
        elif rel in ("next", "coming"):
            y = pub.year if m > pub.month else pub.year + 1
        elif rel == "this":
            y = pub.year
        else:
            y = place_month(m, pub, direction)
        return DateValue(iso_day(y, m), "month", role=role if g.get("cue") in ("since", "from") else
                         ("end" if re.match(r"(?:until|till|by|before\s+the\s+end)\b", (g.get("cue") or "").lower()) else "point"))
    return None


# Words without which no pattern can match: the detailed patterns only run near one of them.
_CORE = re.compile(
    r"\d|\b(?:January|February|March|April|May|June|July|August|September|October|November|December|"
    r"Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b|"
    r"\b(?i:yesterday|today|tomorrow|tonight|week|weekend|month|year|ago|spring|summer|autumn|fall|winter|morning|afternoon|evening)\b")
_WINDOW = 60  # characters around a core word that a date phrase may span
# What each pattern cannot match without (a necessary condition only: the slice is then scanned
# with the pattern itself): a digit, a month's name (its first three letters, capitalised as
# the patterns want it), a weekday's, or one of a few words in any case.
_NEEDS: dict[str, frozenset[str]] = {
    "iso": frozenset({"digit"}), "dmy": frozenset({"digit"}), "md_range": frozenset({"digit", "month"}),
    "dm_range": frozenset({"digit", "month"}), "md": frozenset({"digit", "month"}), "dm": frozenset({"digit", "month"}),
    "my": frozenset({"digit", "month"}), "decade": frozenset({"digit"}), "season": frozenset({"season"}),
    "month_rel_year": frozenset({"month", "year"}), "weekday_week": frozenset({"day", "week"}),
    "relative": frozenset({"unit"}), "ago": frozenset({"ago"}), "deictic": frozenset({"deictic"}),
    "weekend": frozenset({"weekend"}), "weekday": frozenset({"day"}), "month": frozenset({"month"}),
    "year": frozenset({"digit"}),
}
_DIGIT = re.compile(r"\d")
_MONTH_START = re.compile(r"Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec")
_WORDS_ANY_CASE = {name: re.compile("|".join(words), re.I) for name, words in {
    "season": ("spring", "summer", "autumn", "fall", "winter"), "week": ("week",), "year": ("year",),
    "unit": ("week", "month", "year"), "ago": ("ago",), "weekend": ("weekend",),
    "deictic": ("yesterday", "tomorrow", "today", "tonight", "morning", "afternoon", "evening"),
}.items()}  # (matched as the patterns match them: re.I)


def _present(segment: str) -> frozenset[str]:
    """Which of the patterns' needs (`_NEEDS`) a slice of text meets."""
    found = {name for name, words in _WORDS_ANY_CASE.items() if words.search(segment)}
    if _DIGIT.search(segment):
        found.add("digit")
    if _MONTH_START.search(segment):
        found.add("month")
    if "day" in segment:
        found.add("day")
    return frozenset(found)


def find_dates(text: str, pub: date | None = None, direction: int = 0) -> list[DateMention]:
    """Date expressions in `text` (non-overlapping, earlier patterns first), resolved against `pub`."""
    return list(_find_dates(text, pub, direction))


@lru_cache(maxsize=8192)  # a sentence is read again for the dates of the ones after it
def _find_dates(text: str, pub: date | None, direction: int) -> tuple[DateMention, ...]:
    found: list[DateMention] = []
    for s, e, kind, groups, matched in _date_matches(text):
        value = resolve_match(kind, dict(groups), pub, direction)
        if value is not None:
            found.append(DateMention(s, e, matched, kind, value))
    found.sort(key=lambda d: d.start)
    return tuple(found)


def core_slices(text: str) -> list[list[int]]:
    """The windows around the core words of `text`, merged into a few [lo, hi] slices: the
    only places a date phrase can be."""
    slices: list[list[int]] = []
    for m in _CORE.finditer(text):
        h = m.start()
        lo, hi = max(0, h - _WINDOW), min(len(text), h + _WINDOW)
        if slices and lo <= slices[-1][1]:
            slices[-1][1] = hi
        else:
            slices.append([lo, hi])
    return slices


@lru_cache(maxsize=8192)  # the same text is dated again with another tense or anchor
def _date_matches(text: str) -> tuple[tuple[int, int, str, tuple, str], ...]:
    """The date expressions of `text`, before resolution (which text they cover does not depend
    on the anchor or the tense): (start, end, kind, regex groups, matched text), in scan order."""
    taken: list[tuple[int, int]] = []
    matches = []
    for lo, hi in core_slices(text):
        present = _present(text[lo:hi])
        for kind, pattern in PATTERNS:
            if not _NEEDS[kind] <= present:
                continue  # a word the pattern cannot match without is not in the slice
            for m in pattern.finditer(text, lo, hi):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                matches.append((s, e, kind, tuple(m.groupdict().items()), m.group(0)))
    return tuple(matches)


def resolve_date(expression: str, pub: date | None, direction: int = 0) -> DateValue | None:
    """The first date expression of `expression`, resolved; None when there is none."""
    found = find_dates(expression, pub, direction)
    return found[0].value if found else None


def redate(mention: DateMention, pub: date | None, direction: int) -> DateValue | None:
    """Resolve a found expression again with the tense of the predicate it attaches to."""
    for kind, pattern in PATTERNS:
        if kind != mention.kind:
            continue
        m = pattern.fullmatch(mention.text) or pattern.search(mention.text)
        if m:
            return resolve_match(kind, m.groupdict(), pub, direction)
    return mention.value


def combine(values: list[DateValue]) -> DateValue | None:
    """Several expressions dating one predicate: a start and an end make a range; otherwise the
    most precise point wins."""
    if not values:
        return None
    points = [v for v in values if v.role in ("point", "start")]
    ends = [v for v in values if v.role == "end"]
    order = {"day": 0, "month": 1, "year": 2, None: 3}
    if points:
        best = min(points, key=lambda v: order[v.precision])
        enddate = best.enddate
        if ends and enddate is None and best.date and ends[0].date and ends[0].date >= best.date:
            enddate = ends[0].date
        return DateValue(best.date, best.precision, enddate, "point")
    return DateValue(None, None, ends[0].date, "end")
