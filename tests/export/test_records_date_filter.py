"""`check_date_filter`: the one check of a since/until value for the CLI and the API."""

from __future__ import annotations

import pytest

from sphere.export.records import check_date_filter


@pytest.mark.parametrize("value,expected", [
    ("2021", "2021"), ("2021-08", "2021-08"), ("2021-08-05", "2021-08-05"), ("2020-02-29", "2020-02-29"),
    (" 2021-12-31 ", "2021-12-31"), (None, None), ("", None), ("  ", None),
])  # fmt: skip
def test_check_date_filter_accepts_real_dates(value, expected):
    assert check_date_filter(value) == expected


@pytest.mark.parametrize("value,problem", [
    ("notadate", "is not a date; use"), ("2021/05", "is not a date; use"), ("2021-5", "is not a date; use"),
    ("2021-05-1", "is not a date; use"), ("2021-05-01-02", "is not a date; use"), ("２０２１", "is not a date; use"),
    ("2021-13", "month 13 does not exist"), ("2021-00-10", "month 0 does not exist"),
    ("2021-02-29", "February 2021 has no day 29"), ("2021-04-31", "April 2021 has no day 31"),
    ("2021-04-00", "has no day 0"), ("0000", "no year 0"),
])  # fmt: skip
def test_check_date_filter_names_the_value_and_the_problem(value, problem):
    with pytest.raises(ValueError, match=problem) as info:
        check_date_filter(value)
    assert repr(value) in str(info.value) and "YYYY, YYYY-MM or YYYY-MM-DD" in str(info.value)
