"""Direction: a cited URL first, then the outlet named, then dates, else undecided."""

from __future__ import annotations

from datetime import date

import pytest

from sphere.provenance.direction import DocView, UnitView, decide, same_url

PASSAGE = "x" * 300
EARLY, LATE = date(2021, 8, 10), date(2021, 8, 12)


def view(doc_id, text, **kw) -> DocView:
    return DocView(doc_id=doc_id, text=text, **kw)


ORIGINAL = view(
    "orig", "Masthead\n" + PASSAGE, url="https://www.wire.example/2021/08/10/story",
    outlet_id="wire", outlet_names=("Wire Service",), outlet_domains=("wire.example",),
    published=EARLY,
)


@pytest.mark.parametrize(
    "copy_text, copy_kw, expected",
    [
        # a clipping followed by the source URL (exact URL, another scheme, a trailing slash)
        ("Blog\n" + PASSAGE + "\nhttp://wire.example/2021/08/10/story/", {}, ("b", "cited-url")),
        # a URL on the original's outlet's domain (another article of it) still names the source
        ("Blog\n" + PASSAGE + "\nhttps://news.wire.example/other", {}, ("b", "cited-url")),
        # the source named next to the passage
        ("Forum post\n" + PASSAGE + "\nSource: Wire Service", {}, ("b", "outlet-named")),
        # the copy's unit is credited to the original's outlet (a clipping's own outlet)
        ("Blog\n" + PASSAGE, {"units": (UnitView("clipping-1", "clipping", 0, 305, outlet="Wire Service"),)}, ("b", "outlet-named")),
        # nothing but dates: the later one is the copy, even when it is given first
        ("Digest\n" + PASSAGE, {"published": LATE}, ("b", "date")),
        ("Digest\n" + PASSAGE, {"published": date(2021, 8, 1)}, ("a", "date")),
        # same day, no citation: undecided
        ("Digest\n" + PASSAGE, {"published": EARLY}, ("", "undecided")),
        ("Digest\n" + PASSAGE, {}, ("", "undecided")),
    ],
)
def test_direction_decide(copy_text, copy_kw, expected):
    copy = view("copy", copy_text, **copy_kw)
    span_c = (copy_text.index(PASSAGE), copy_text.index(PASSAGE) + len(PASSAGE))
    span_o = (9, 9 + len(PASSAGE))
    assert decide(ORIGINAL, copy, span_o, span_c) == (("a" if expected[0] == "b" else "b" if expected[0] == "a" else ""), expected[1])
    assert decide(copy, ORIGINAL, span_c, span_o) == expected


def test_direction_evidence_both_ways_falls_through_to_dates():
    a = view("a", PASSAGE + "\nSource: Beta News", outlet_id="alpha", outlet_names=("Alpha Times",), published=EARLY)
    b = view("b", PASSAGE + "\nSource: Alpha Times", outlet_id="beta", outlet_names=("Beta News",), published=LATE)
    span = (0, len(PASSAGE))
    assert decide(a, b, span, span) == ("a", "date")


def test_direction_a_url_far_from_the_passage_is_not_a_citation():
    far = PASSAGE + " " + ("filler " * 200) + "\nhttps://wire.example/2021/08/10/story"
    copy = view("copy", far)
    assert decide(copy, ORIGINAL, (0, len(PASSAGE)), (9, 309)) == ("", "undecided")


@pytest.mark.parametrize(
    "a, b, same",
    [
        ("https://www.x.org/a/b/", "http://x.org/a/b", True),
        ("https://x.org/a/b?utm=1#top", "https://x.org/a/b", True),
        ("https://x.org/a/b", "https://x.org/a/c", False),
        ("https://y.org/a/b", "https://x.org/a/b", False),
    ],
)
def test_direction_same_url(a, b, same):
    assert same_url(a, b) is same
