"""Dates as pages write them, and what is not a date."""

from __future__ import annotations

from datetime import date

import pytest

from sphere.segment.dates import find_date, leading_date, parse_date


@pytest.mark.parametrize(
    "text, expected",
    [
        ("3-2-18", date(2018, 3, 2)),  # M-D-YY, US blog style
        ("4-21-18", date(2018, 4, 21)),
        ("21-4-18", date(2018, 4, 21)),  # the first number cannot be a month
        ("19.05.2021 09:26", date(2021, 5, 19)),  # dotted: day first
        ("Oct 17, 2015", date(2015, 10, 17)),
        ("October 17 2015", date(2015, 10, 17)),
        ("2018-01-29", date(2018, 1, 29)),
        ("2021-08-10T09:40:00Z", date(2021, 8, 10)),
        ("11 August 2021 at 11:02", date(2021, 8, 11)),
        ("11 August 2021, 09:40", date(2021, 8, 11)),
        ("Thursday, August 12, 2021", date(2021, 8, 12)),
        ("Published 17 August 2021", date(2021, 8, 17)),
        ("March 3, 2021 at 5:12 pm", date(2021, 3, 3)),
        ("19 августа 2021 г.", date(2021, 8, 19)),
        ("Fri, 16 Jul 2021 17:05:00 +0000", date(2021, 7, 16)),
        ("[3-2-18]", date(2018, 3, 2)),
        # time zones written out and reading-time notes stand beside a date on a date line
        ("14.03.2019 08:40 (Kyiv time)", date(2019, 3, 14)),
        ("2017-06-02 11:30 (UTC+6)", date(2017, 6, 2)),
        ("Published: 3 March 2021, 10:15 GMT+3", date(2021, 3, 3)),
        ("June 5, 2019 (local time)", date(2019, 6, 5)),
        ("Sep 9, 2022 | 4 min read", date(2022, 9, 9)),
        ("Updated 12 Jan 2022 · 7 minute read", date(2022, 1, 12)),
    ],
)
def test_dates_formats_parse(text, expected):
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    "text",
    ["Views: 5508", "The 1,344-km border", "2-30-21", "13.13.2021", "in 2019", "until 2042", "Mar 2021",
     "Discussion in 'X' started by Yusuf, Oct 17, 2015.", "12345", "",
     "Talks in Moscow on June 5, 2019 ended", "June 5, 2019 Putin read the statement", "Moscow time"],
)
def test_dates_formats_not_a_date_line(text):
    assert parse_date(text) is None


def test_dates_formats_find_and_leading():
    assert find_date("Discussion in 'X' started by Yusuf, Oct 17, 2015.").value == date(2015, 10, 17)
    lead = leading_date("4-21-18 Pakistan has also endorsed")
    assert lead.value == date(2018, 4, 21) and "4-21-18 Pakistan"[lead.end:].strip() == "Pakistan"
    assert leading_date("Pakistan on 4-21-18 endorsed") is None
