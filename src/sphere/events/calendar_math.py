"""Calendar arithmetic for resolving dates: ISO strings at a precision, valid days, and which
year a month, a month and day, or a weekday falls in relative to a publication date."""

from __future__ import annotations

from datetime import date, timedelta


def iso_day(y: int, m: int | None = None, d: int | None = None) -> str:
    if m is None:
        return f"{y:04d}"
    if d is None:
        return f"{y:04d}-{m:02d}"
    return f"{y:04d}-{m:02d}-{d:02d}"


def valid_day(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def place_month_day(m: int, d: int, pub: date, direction: int) -> int | None:
    """The year of month/day with no year: the latest not after `pub` for the past, the
    earliest not before it for the future, the nearest otherwise."""
    options = [y for y in (pub.year - 1, pub.year, pub.year + 1) if valid_day(y, m, d)]
    if not options:
        return None
    past = [y for y in options if date(y, m, d) <= pub]
    future = [y for y in options if date(y, m, d) >= pub]
    if direction < 0 and past:
        return max(past)
    if direction > 0 and future:
        return min(future)
    return min(options, key=lambda y: (abs((date(y, m, d) - pub).days), y > pub.year))


def place_month(m: int, pub: date, direction: int) -> int:
    """The year of a bare month: the most recent one (this month included) for the past or
    when the tense is unknown, the next one (this month included) for the future."""
    if direction > 0:
        return pub.year if m >= pub.month else pub.year + 1
    return pub.year if m <= pub.month else pub.year - 1


def shift_month(y: int, m: int, delta: int) -> tuple[int, int]:
    k = y * 12 + (m - 1) + delta
    return k // 12, k % 12 + 1


def place_weekday(wd: int, pub: date, rel: str | None, direction: int) -> date:
    """The date of a weekday: 'last X' the latest strictly before `pub`, 'next X' the earliest
    strictly after, a bare 'on X' the latest on or before (past) or earliest on or after (future)."""
    back = (pub.weekday() - wd) % 7
    ahead = (wd - pub.weekday()) % 7
    rel = (rel or "").lower()
    if rel in ("last", "past"):
        return pub - timedelta(days=back or 7)
    if rel in ("next", "coming"):
        return pub + timedelta(days=ahead or 7)
    if direction > 0:
        return pub + timedelta(days=ahead)
    return pub - timedelta(days=back)


def add_days(day_text: str, days: int) -> str:
    y, m, d = (int(x) for x in day_text.split("-"))
    day = date(y, m, d) + timedelta(days=days)
    return iso_day(day.year, day.month, day.day)
