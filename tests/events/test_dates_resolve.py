"""Date expressions resolved against a publication date, including month and year boundaries."""

from datetime import date

import pytest

from sphere.events.dates import combine, find_dates, resolve_date

CASES = [
    # text, publication date, tense direction, date, enddate, precision
    ("on January 20", date(2018, 1, 29), -1, "2018-01-20", None, "day"),
    ("on December 28", date(2021, 1, 3), -1, "2020-12-28", None, "day"),  # across the year
    ("on January 4", date(2020, 12, 30), 1, "2021-01-04", None, "day"),  # future, next year
    ("in November", date(2018, 3, 2), -1, "2017-11", None, "month"),
    ("in November", date(2018, 3, 2), 1, "2018-11", None, "month"),
    ("in October 2012", date(2021, 5, 1), -1, "2012-10", None, "month"),
    ("April 26-27", date(2021, 5, 19), -1, "2021-04-26", "2021-04-27", "day"),
    ("From August 9-14", date(2021, 8, 2), 1, "2021-08-09", "2021-08-14", "day"),
    ("from October 18 to October 23", date(2021, 10, 29), -1, "2021-10-18", "2021-10-23", "day"),
    ("from December 30 to January 2", date(2021, 1, 5), -1, "2020-12-30", "2021-01-02", "day"),
    ("9-14 August 2021", date(2021, 8, 2), 0, "2021-08-09", "2021-08-14", "day"),
    ("on Friday, July 30", date(2021, 8, 2), -1, "2021-07-30", None, "day"),
    ("last Monday", date(2021, 5, 19), -1, "2021-05-17", None, "day"),
    ("last Monday", date(2021, 3, 3), -1, "2021-03-01", None, "day"),
    ("last Friday", date(2021, 3, 2), -1, "2021-02-26", None, "day"),  # across a month boundary
    ("on Wednesday", date(2021, 8, 2), -1, "2021-07-28", None, "day"),  # across a month boundary
    ("next Monday", date(2021, 5, 19), 1, "2021-05-24", None, "day"),
    ("next Monday", date(2021, 12, 29), 1, "2022-01-03", None, "day"),  # across the year
    ("on Friday", date(2015, 10, 16), -1, "2015-10-16", None, "day"),  # the same day
    ("last month", date(2015, 10, 16), -1, "2015-09", None, "month"),
    ("last month", date(2021, 1, 10), -1, "2020-12", None, "month"),  # across the year
    ("next month", date(2021, 12, 10), 1, "2022-01", None, "month"),
    ("earlier this year", date(2021, 8, 2), -1, "2021", None, "year"),
    ("in the 1980s", date(2021, 8, 2), -1, "1980", "1989", "year"),
    ("since 2003", date(2021, 8, 2), -1, "2003", None, "year"),
    ("yesterday", date(2021, 3, 1), -1, "2021-02-28", None, "day"),
    ("three days ago", date(2021, 3, 2), -1, "2021-02-27", None, "day"),
    ("19.05.2021", None, 0, "2021-05-19", None, "day"),
    ("2021-05-19", None, 0, "2021-05-19", None, "day"),
]


@pytest.mark.parametrize("text,pub,direction,iso,end,precision", CASES)
def test_dates_resolve(text, pub, direction, iso, end, precision):
    value = resolve_date(text, pub, direction)
    assert value is not None, text
    assert (value.date, value.enddate, value.precision) == (iso, end, precision)


@pytest.mark.parametrize("text", ["he may go", "they march on", "2,000 troops", "1,000 armored vehicles", "the 201st base"])
def test_dates_ignore_non_dates(text):
    assert find_dates(text, date(2021, 8, 2)) == []


def test_dates_until_gives_an_end():
    found = find_dates("began on Friday, July 30, set to run until August 10", date(2021, 8, 2), -1)
    assert [d.value.role for d in found] == ["point", "end"]
    value = combine([d.value for d in found])
    assert (value.date, value.enddate) == ("2021-07-30", "2021-08-10")


def test_dates_relative_need_a_publication_date():
    assert resolve_date("last Monday", None) is None
    assert resolve_date("in October 2012", None).date == "2012-10"


@pytest.mark.parametrize("text,expected", [
    ("Russia began drills on Friday, July 30, that run until August 10.", date(2021, 7, 30)),
    ("The talks opened on Monday, 4 January, and closed on Wednesday, January 6.", date(2021, 1, 6)),
    ("No weekday-dated day is named here, only August 10.", None),
    ("On Friday, February 30 nothing happened.", None),
])
def test_undated_text_gets_an_anchor_from_weekday_dates(text, expected):
    from sphere.events.anchor import estimate_anchor

    assert estimate_anchor(text, today=date(2026, 12, 1)) == expected


@pytest.mark.parametrize("text,pub,direction,when,end,role", [
    ("the day before yesterday", date(2021, 8, 2), -1, "2021-07-31", None, "point"),  # across a month boundary
    ("the day after tomorrow", date(2021, 12, 30), 1, "2022-01-01", None, "point"),
    ("this morning", date(2021, 8, 2), -1, "2021-08-02", None, "point"),
    ("over the weekend", date(2021, 8, 2), -1, "2021-07-31", "2021-08-01", "point"),  # Monday: the weekend just gone
    ("at the weekend", date(2021, 8, 1), -1, "2021-07-31", "2021-08-01", "point"),  # Sunday: this weekend
    ("next weekend", date(2021, 8, 2), 1, "2021-08-07", "2021-08-08", "point"),
    ("last weekend", date(2021, 7, 31), -1, "2021-07-24", "2021-07-25", "point"),  # Saturday: the one before
    ("at the end of July", date(2021, 8, 2), -1, "2021-07", None, "point"),
    ("until the end of July", date(2021, 6, 2), 1, "2021-07", None, "end"),
    ("before the end of July", date(2021, 6, 2), 1, "2021-07", None, "end"),
    ("before July", date(2021, 8, 2), -1, "2021-07", None, "point"),
])
def test_weekends_deictic_days_and_month_ends(text, pub, direction, when, end, role):
    found = find_dates(text, pub, direction)
    assert len(found) == 1, found
    v = found[0].value
    assert (v.date, v.enddate, v.role) == (when, end, role)
