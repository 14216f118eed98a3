"""`_date_matches` runs a date pattern over a slice only when the slice holds what the pattern
cannot match without (`_NEEDS`): its answers are those of running every pattern over every
slice, on the demo corpus, the seeds and texts made to test the edges (case, dotless i, a
month or weekday named without a number, dates at a slice's end)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from sphere.events import dates
from sphere.events.dates import PATTERNS, _date_matches, core_slices

REPO = Path(__file__).resolve().parents[2]
TEXTS = sorted((REPO / "examples" / "corpus").glob("*.txt")) + sorted((REPO.parent / "shared" / "seeds").glob("*.txt"))
EDGES = [
    "On Monday, July 5, the ministers met; talks went on until August 10 and resumed last week.",
    "IN THE SPRING OF 2019 AND LAST YEAR, TWO DAYS AGO, YESTERDAY, OVER THE WEEKEND.",
    "ın the autumn, this mornıng, the day after tomorrow, Tuesday of next week, in the 1980s.",
    "March, May and June passed; on Sunday night; in Sept. 2020; 9-14 August 2021; 2021-05-19.",
    "since 19.05.2021 from October 18 to October 23, between 3 and 5 May 2018, mid-April 2016",
    "earlier this year, late last month, at the end of this week, by the end of 2042, 2015 troops",
    "no date here at all, just words about a day that was long",
    "x" * 70 + " 2019",
]


def plain_matches(text: str) -> tuple:
    """Every pattern over every core slice: `_date_matches` without its needs test."""
    taken: list[tuple[int, int]] = []
    out = []
    for lo, hi in core_slices(text):
        for kind, pattern in PATTERNS:
            for m in pattern.finditer(text, lo, hi):
                s, e = m.span()
                if any(s < te and ts < e for ts, te in taken):
                    continue
                taken.append((s, e))
                out.append((s, e, kind, tuple(m.groupdict().items()), m.group(0)))
    return tuple(out)


def sentences() -> list[str]:
    out = list(EDGES)
    for p in TEXTS:
        text = p.read_text(encoding="utf-8", errors="replace")
        out += [s for s in re.split(r"(?<=[.!?])\s+|\n", text) if s.strip()]
    return out


def test_every_pattern_has_needs():
    assert {kind for kind, _ in PATTERNS} == set(dates._NEEDS)


@pytest.mark.parametrize("text", EDGES)
def test_edges_same_as_every_pattern(text):
    _date_matches.cache_clear()
    assert _date_matches(text) == plain_matches(text)


def test_corpus_same_as_every_pattern():
    texts = sentences()
    _date_matches.cache_clear()
    found = 0
    for text in texts:
        got = _date_matches(text)
        assert got == plain_matches(text), text
        found += len(got)
    assert found > 100  # the texts do hold dates


def test_needs_do_skip_patterns():
    # a slice with a digit but no month, weekday or date word runs only the numeric patterns
    assert dates._present("in 2019 the") == frozenset({"digit"})
    assert "month" in dates._present("Jan. 3") and "season" in dates._present("WINTER")
